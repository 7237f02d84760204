#include "app/resync_command.h"

#include <unistd.h>

#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/progress_display.h"
#include "app/resync_session.h"
#include "app/settings_loader.h"
#include "core/log.h"
#include "core/redact.h"
#include "ocean/resync/resync_coordinator.h"

namespace app {

namespace asio = boost::asio;

CLI::App* AddResyncCommand(CLI::App& cli, ResyncCommandOptions& o) {
  CLI::App* cmd = cli.add_subcommand("resync", "Run one full resync into Port, SQLite or NDJSON");
  cmd->add_option("--config-file", o.config_file, "port-app-config (YAML or JSON) to use");
  cmd->add_option("--sink", o.sink, "port, sqlite or ndjson (default: port when Port "
                                    "credentials are set, else sqlite)");
  cmd->add_option("--sqlite-path", o.sqlite_path, "SQLite catalog file");
  cmd->add_option("--ndjson-path", o.ndjson_path, "NDJSON output file ('-' = stdout)");
  cmd->add_option("--region", o.regions, "Only this region (repeatable); deletes nothing "
                                          "unless --reconcile-narrowed");
  cmd->add_flag("--reconcile-narrowed", o.reconcile_narrowed,
                "With --region: delete stale entities as if the listed regions were all "
                "(entities of other regions are deleted too)");
  cmd->add_option("--endpoint-url", o.endpoint_url, "Send AWS requests to this endpoint");
  cmd->add_option("--report-json", o.report_json, "Also write the resync report to this file");
  cmd->add_flag("--no-progress", o.no_progress, "No live progress, even on a terminal");
  cmd->add_option("--output", o.output, "Summary format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  return cmd;
}

int ExitStatusFor(const ocean::ResyncReport& report) {
  if (report.configuration_error) return 2;
  switch (report.status) {
    case ocean::ResyncStatus::kCompleted: return 0;
    case ocean::ResyncStatus::kFailed: return 1;
    case ocean::ResyncStatus::kAborted: return 3;
  }
  return 1;
}

int RunResyncCommand(const ResyncCommandOptions& o) {
  json::object overrides;
  if (!o.config_file.empty()) overrides["port_app_config_file"] = o.config_file;
  if (!o.sink.empty()) overrides["sink"] = o.sink;
  if (!o.sqlite_path.empty()) overrides["sqlite_path"] = o.sqlite_path;
  if (!o.ndjson_path.empty()) overrides["ndjson_path"] = o.ndjson_path;
  core::Result<ocean::OceanSettings> settings = LoadProcessSettings(overrides);
  if (!settings.ok()) {
    std::cerr << "error: " << core::Redact(settings.status().message()) << "\n";
    return 2;
  }
  if (settings->sink == ocean::SinkKind::kNdjson && settings->ndjson_path == "-" &&
      o.output == "json") {
    std::cerr << "error: --output json and NDJSON on stdout would mix; set --ndjson-path\n";
    return 2;
  }
  SessionOptions session_options;
  session_options.endpoint_url = o.endpoint_url;
  session_options.only_regions = o.regions;
  session_options.reconcile_narrowed = o.reconcile_narrowed;
  core::Result<std::unique_ptr<ResyncSession>> session =
      ResyncSession::Create(std::move(*settings), session_options);
  if (!session.ok()) {
    std::cerr << "error: " << core::Redact(session.status().message()) << "\n";
    return 2;
  }
  ResyncSession& s = **session;
  Runtime& rt = s.runtime();
  // One resync, then the process ends: no live delete will ever ask for a listed identity.
  rt.source->set_remember_listed(false);
  core::Status prepared = rt.RunToCompletion(s.Prepare("ONCE"));
  if (!prepared.ok()) {
    std::cerr << "error: " << core::Redact(prepared.message()) << "\n";
    return 2;
  }

  bool live = !o.no_progress && isatty(STDERR_FILENO) && o.output == "text";
  ProgressDisplay progress(live);
  ocean::ResyncCoordinator coordinator(
      rt.io.get_executor(),
      [&](std::string trigger, ocean::AbortSignalPtr abort) {
        return s.Run(std::move(trigger), std::move(abort), &progress);
      });
  asio::signal_set signals(rt.io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (!ec) coordinator.AbortRunning(signo == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
  });
  ocean::ResyncReport report = rt.RunToCompletion([&]() -> asio::awaitable<ocean::ResyncReport> {
    ocean::ResyncReport r = co_await coordinator.Trigger("cli");
    signals.cancel();
    co_return r;
  }());

  if (!o.report_json.empty()) {
    std::ofstream f(o.report_json);
    f << core::Redact(core::WriteJson(report.ToJson())) << "\n";
    if (!f) LOG_ERROR("cannot write the report to {}", o.report_json);
  }
  if (o.output == "json") {
    std::cout << core::Redact(core::WriteJsonPretty(report.ToJson())) << "\n";
  } else {
    FILE* out = s.settings().sink == ocean::SinkKind::kNdjson && s.settings().ndjson_path == "-"
                    ? stderr
                    : stdout;
    ProgressDisplay::PrintSummary(report, out);
    std::fprintf(out, "entities: %s\n", s.sink_description().c_str());
  }
  return ExitStatusFor(report);
}

}  // namespace app
