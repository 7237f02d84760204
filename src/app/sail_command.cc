#include "app/sail_command.h"

#include <strings.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <iostream>

#include "app/live_events_service.h"
#include "app/progress_display.h"
#include "app/resync_command.h"
#include "app/resync_session.h"
#include "app/settings_loader.h"
#include "core/log.h"
#include "core/redact.h"
#include "core/sleep.h"
#include "ocean/listeners/polling_listener.h"
#include "ocean/listeners/schedule_listener.h"
#include "ocean/listeners/webhook_listener.h"
#include "ocean/live_events/catalog_router.h"
#include "ocean/resync/resync_coordinator.h"
#include "ocean/sinks/entity_sink.h"
#include "ocean/server/http_server.h"

extern char** environ;

namespace app {

namespace asio = boost::asio;
using core::Status;

CLI::App* AddSailCommand(CLI::App& cli, SailCommandOptions& o) {
  CLI::App* cmd = cli.add_subcommand(
      "sail", "Run as an Ocean integration: resync on the triggers of OCEAN__EVENT_LISTENER__TYPE "
              "(ONCE, POLLING, WEBHOOK) and serve /health and /metrics");
  cmd->add_flag("-O,--once", o.once, "One resync, then exit (the ONCE listener)");
  cmd->add_option("-p,--port", o.port, "HTTP port (APPLICATION__PORT wins, as in Ocean)");
  cmd->add_option("--config-file", o.config_file, "port-app-config (YAML or JSON) to use");
  cmd->add_option("--sink", o.sink, "port, sqlite or ndjson");
  cmd->add_option("--sqlite-path", o.sqlite_path, "SQLite catalog file");
  cmd->add_option("--region", o.regions, "Only this region (repeatable); deletes nothing "
                                          "unless --reconcile-narrowed");
  cmd->add_flag("--reconcile-narrowed", o.reconcile_narrowed,
                "With --region: delete stale entities as if the listed regions were all");
  cmd->add_option("--endpoint-url", o.endpoint_url, "Send AWS requests to this endpoint");
  return cmd;
}

namespace {

// True when the process environment sets `name` (case-insensitively, as Ocean matches names).
bool EnvironmentSets(std::string_view name) {
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == name.size() && strncasecmp(entry.data(), name.data(), name.size()) == 0) {
      return true;
    }
  }
  return false;
}

// The listeners (ocean/listeners) and the server of a long-running sail, and its shutdown.
class Sail {
 public:
  // `stopping` is shared with the coordinator's run function, which starts nothing once set.
  Sail(ResyncSession& s, ocean::ResyncCoordinator& coordinator, bool& stopping)
      : s_(s), io_(s.runtime().io), coordinator_(coordinator), drain_timer_(io_),
        signals_(io_, SIGINT, SIGTERM), stopping_(stopping) {}

  Status StartServer() {
    const ocean::OceanSettings& settings = s_.settings();
    ocean::server::HttpServerOptions options;
    options.address = "0.0.0.0";
    options.port = static_cast<uint16_t>(settings.application_port);
    options.path_prefix = settings.path_prefix;
    options.ready = false;  // 503 until Ready() (Ocean 0.50)
    CORE_ASSIGN_OR_RETURN(server_, ocean::server::HttpServer::Start(io_, options));
    return Status::Ok();
  }

  // Live events (webhook and/or SQS), when configured (app/live_events_service.h). Built
  // before the server starts: a webhook journal that cannot be opened stops `sail` here.
  Status CreateLiveEvents() {
    CORE_ASSIGN_OR_RETURN(live_,
                          LiveEventsService::Create(s_, ocean::live_events::MakeCatalogRouter()));
    return Status::Ok();
  }

  void StartLiveEvents() {
    if (!live_) return;
    live_->Mount(*server_);
    live_->Start();
  }

  void Ready() { server_->SetReady(true); }

  // Ocean's POST /resync (unprefixed), and {prefix}/resync too when a prefix is set.
  void AddResyncRoute() {
    ocean::listeners::MountResyncRoute(*server_, Trigger(), [this] { return stopping_; });
  }

  void StartPolling() {
    const auto every = std::chrono::seconds(s_.settings().event_listener.interval_seconds);
    polling_.emplace(io_.get_executor(), *s_.port(), every, Trigger());
    polling_->Start();
  }

  void StartSchedule(int minutes) {
    schedule_.emplace(io_.get_executor(), std::chrono::minutes(minutes), Trigger());
    schedule_->Start();
  }

  // Runs until a signal has stopped everything; returns the exit status.
  int Run() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (!ec) OnSignal(signo);
    });
    io_.restart();
    io_.run();
    return 0;
  }

 private:
  // Every trigger goes through here so that shutdown can wait for all of them, including one
  // superseded or about to start.
  asio::awaitable<ocean::ResyncReport> Resync(std::string trigger) {
    ++active_;
    ocean::ResyncReport report = co_await coordinator_.Trigger(std::move(trigger));
    --active_;
    co_return report;
  }

  ocean::listeners::TriggerFn Trigger() {
    return [this](std::string trigger) { return Resync(std::move(trigger)); };
  }

  void OnSignal(int signo) {
    const char* name = signo == SIGINT ? "SIGINT" : "SIGTERM";
    if (stopping_) {
      LOG_WARN("{} received again: exiting without waiting for the resync", name);
      std::fflush(nullptr);
      _exit(130);
    }
    LOG_INFO("{} received: shutting down", name);
    stopping_ = true;
    coordinator_.AbortRunning(signo == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
    if (polling_) polling_->Stop();
    if (schedule_) schedule_->Stop();
    signals_.async_wait([this](const boost::system::error_code& ec, int s) {
      if (!ec) OnSignal(s);
    });
    asio::co_spawn(io_, Drain(), asio::detached);
  }

  // Waits for the running resync (and every trigger waiting on it) to end, then stops serving;
  // the event loop then runs out of work and Run() returns.
  asio::awaitable<void> Drain() {
    while (active_ > 0 || coordinator_.running()) {
      co_await core::SleepFor(drain_timer_, std::chrono::milliseconds(20));
    }
    if (live_) co_await live_->Stop();
    if (server_) server_->Stop();
    signals_.cancel();
    LOG_INFO("shut down");
  }

  ResyncSession& s_;
  asio::io_context& io_;
  ocean::ResyncCoordinator& coordinator_;
  std::unique_ptr<ocean::server::HttpServer> server_;
  std::unique_ptr<LiveEventsService> live_;
  std::optional<ocean::listeners::PollingListener> polling_;
  std::optional<ocean::listeners::ScheduleListener> schedule_;
  asio::steady_timer drain_timer_;
  asio::signal_set signals_;
  bool& stopping_;
  int active_ = 0;  // Resync() calls in progress
};

asio::awaitable<ocean::ResyncReport> NotStarted(std::string trigger) {
  ocean::ResyncReport report;
  report.resync_id = ocean::NewResyncId();
  report.trigger = std::move(trigger);
  report.started_at = report.finished_at = std::chrono::system_clock::now();
  report.status = ocean::ResyncStatus::kAborted;
  report.message = "not started: shutting down";
  co_return report;
}

// ONCE: one resync; SIGINT/SIGTERM abort it.
int RunOnce(Runtime& rt, ocean::ResyncCoordinator& coordinator) {
  asio::signal_set signals(rt.io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (!ec) coordinator.AbortRunning(signo == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
  });
  ocean::ResyncReport report = rt.RunToCompletion([&]() -> asio::awaitable<ocean::ResyncReport> {
    ocean::ResyncReport r = co_await coordinator.Trigger("once");
    signals.cancel();
    co_return r;
  }());
  ProgressDisplay::PrintSummary(report, stdout);
  if (report.configuration_error) return 2;  // an invalid port-app-config, as `resync` and `map`
  return report.status == ocean::ResyncStatus::kFailed ? 1 : 0;  // an abort exits 0, as Ocean
}

}  // namespace

int RunSail(const SailCommandOptions& o) {
  json::object overrides;
  if (o.once) overrides["event_listener"] = json::object{{"type", "ONCE"}};
  if (o.port > 0 && !EnvironmentSets("APPLICATION__PORT")) {
    overrides["application"] = json::object{{"port", o.port}};
  }
  if (!o.config_file.empty()) overrides["port_app_config_file"] = o.config_file;
  if (!o.sink.empty()) overrides["sink"] = o.sink;
  if (!o.sqlite_path.empty()) overrides["sqlite_path"] = o.sqlite_path;
  core::Result<ocean::OceanSettings> loaded = LoadProcessSettings(overrides);
  if (!loaded.ok()) {
    std::cerr << "error: " << core::Redact(loaded.status().message()) << "\n";
    return 2;
  }
  const std::string listener = loaded->event_listener.type;
  SessionOptions session_options;
  session_options.endpoint_url = o.endpoint_url;
  session_options.only_regions = o.regions;
  session_options.reconcile_narrowed = o.reconcile_narrowed;
  core::Result<std::unique_ptr<ResyncSession>> created =
      ResyncSession::Create(std::move(*loaded), session_options);
  if (!created.ok()) {
    std::cerr << "error: " << core::Redact(created.status().message()) << "\n";
    return 2;
  }
  ResyncSession& s = **created;
  Runtime& rt = s.runtime();
  Status prepared = rt.RunToCompletion(s.Prepare(listener));
  if (!prepared.ok()) {
    std::cerr << "error: " << core::Redact(prepared.message()) << "\n";
    return 2;
  }
  ProgressDisplay progress(false);
  bool stopping = false;  // set by the first signal (long-running modes)
  ocean::ResyncCoordinator coordinator(
      rt.io.get_executor(), [&](std::string trigger, ocean::AbortSignalPtr abort) {
        // A trigger that was waiting for the aborted resync must not start after a signal.
        if (stopping) return NotStarted(std::move(trigger));
        return s.Run(std::move(trigger), std::move(abort), &progress);
      });
  if (listener == "ONCE") return RunOnce(rt, coordinator);

  Sail sail(s, coordinator, stopping);
  Status started = sail.CreateLiveEvents();
  if (started.ok()) started = sail.StartServer();
  if (!started.ok()) {
    std::cerr << "error: " << core::Redact(started.message()) << "\n";
    return 2;
  }
  if (listener == "WEBHOOK") sail.AddResyncRoute();
  sail.StartLiveEvents();
  if (listener == "POLLING") {
    if (s.port()) {
      sail.StartPolling();
    } else {
      LOG_WARN("POLLING listens for resync requests from Port, and Port is not the sink: only "
               "scheduled resyncs (OCEAN__SCHEDULED_RESYNC_INTERVAL) will run");
    }
  }
  if (s.settings().scheduled_resync_interval_minutes.value_or(0) > 0) {
    sail.StartSchedule(*s.settings().scheduled_resync_interval_minutes);
  }
  LOG_INFO("sailing: {} listener, {}", listener, s.sink_description());
  sail.Ready();
  return sail.Run();
}

}  // namespace app
