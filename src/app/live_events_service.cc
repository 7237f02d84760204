// See live_events_service.h.
#include "app/live_events_service.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <cstdlib>

#include "app/sqs_message_source.h"
#include "core/log.h"
#include "ocean/live_events/account_cache.h"
#include "ocean/live_events/event_queue.h"
#include "ocean/live_events/journal_writer.h"
#include "ocean/live_events/live_applier.h"
#include "ocean/live_events/live_metrics.h"
#include "ocean/live_events/mapping_cache.h"
#include "ocean/live_events/sqs_poller.h"
#include "ocean/live_events/webhook_journal.h"
#include "ocean/live_events/webhook_route.h"

namespace app {

namespace asio = boost::asio;
namespace le = ocean::live_events;

struct LiveEventsService::Parts {
  std::string api_key, queue_url;
  std::unique_ptr<le::EventRouter> router;
  std::unique_ptr<le::AccountCache> accounts;
  std::unique_ptr<le::MappingCache> mappings;
  std::unique_ptr<le::LiveApplier> applier;
  std::unique_ptr<le::EventQueue> queue;
  std::unique_ptr<le::JournalWriter> journal;
  asio::any_io_executor executor;
  std::vector<std::pair<std::uint64_t, std::string>> replay;  // the journal's unapplied events
  std::unique_ptr<SqsMessageSource> source;
  std::unique_ptr<le::SqsPoller> poller;
};

namespace {

long EnvNumber(const char* name, long fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  return end != nullptr && *end == '\0' && n >= 0 ? n : fallback;
}

std::string EnvString(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : std::move(fallback);
}

std::string ConfigString(const ocean::OceanSettings& s, std::string_view key) {
  return std::string(core::FindString(s.integration_config, key));
}

}  // namespace

LiveEventsService::~LiveEventsService() = default;

core::Result<std::unique_ptr<LiveEventsService>> LiveEventsService::Create(
    ResyncSession& session, std::unique_ptr<le::EventRouter> router) {
  const ocean::OceanSettings& settings = session.settings();
  auto parts = std::make_unique<Parts>();
  parts->api_key = ConfigString(settings, "live_events_api_key");
  parts->queue_url = ConfigString(settings, "live_events_sqs_queue_url");
  if (parts->api_key.empty() && parts->queue_url.empty()) {
    return std::unique_ptr<LiveEventsService>();
  }
  le::DescribeLiveMetrics();
  Runtime& rt = session.runtime();
  parts->router = std::move(router);
  parts->accounts = std::make_unique<le::AccountCache>(*rt.source, session.integration());
  parts->mappings = std::make_unique<le::MappingCache>(
      [&session]() { return session.LoadMapping(); },
      ocean::mapping::JqOptions{settings.allow_environment_variables_jq_access},
      session.mapping_pool());  // the resyncs' pool: one per process
  parts->applier = std::make_unique<le::LiveApplier>(*rt.source, *parts->accounts,
                                                    *parts->mappings, session.sink());
  le::EventQueueOptions qo;
  qo.window = std::chrono::milliseconds(EnvNumber("OCEAN__LIVE_EVENTS_WINDOW_MS", 250));
  qo.concurrency = static_cast<std::size_t>(EnvNumber("OCEAN__LIVE_EVENTS_CONCURRENCY", 100));
  parts->queue = std::make_unique<le::EventQueue>(rt.io.get_executor(), *parts->applier, qo);
  parts->executor = rt.io.get_executor();
  if (!parts->api_key.empty()) {
    le::WebhookJournalOptions jo;
    jo.path = EnvString("OCEAN__LIVE_EVENTS_JOURNAL_PATH", ".ocean-aws/live-events-webhook.journal");
    jo.max_bytes = static_cast<std::size_t>(EnvNumber("OCEAN__LIVE_EVENTS_JOURNAL_MAX_MB", 64)) << 20;
    std::vector<le::WebhookJournal::Entry> unapplied;
    core::Result<std::unique_ptr<le::WebhookJournal>> journal =
        le::WebhookJournal::Open(jo, &unapplied);
    if (!journal.ok()) {
      // The webhook promises durability ("200" = the event survives a kill): without its
      // journal it cannot, so `sail` does not start (see the header) rather than accept events
      // it may lose.
      return core::Status::InvalidArgument(
          "live events: the webhook (OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY) needs its "
          "journal, and " + journal.status().message() +
          "; set OCEAN__LIVE_EVENTS_JOURNAL_PATH to a writable file (e.g. on a persistent "
          "volume)");
    }
    parts->journal = std::make_unique<le::JournalWriter>(std::move(*journal));
    for (le::WebhookJournal::Entry& e : unapplied) {
      parts->replay.emplace_back(e.seq, std::move(e.body));
    }
  }
  if (!parts->queue_url.empty()) {
    std::string region = ConfigString(settings, "live_events_sqs_region");
    if (region.empty()) {
      const char* env = std::getenv("AWS_REGION");
      region = env && *env ? env : "us-east-1";
    }
    parts->source = std::make_unique<SqsMessageSource>(
        *rt.client, *parts->accounts, parts->queue_url, region,
        std::chrono::seconds(EnvNumber("OCEAN__LIVE_EVENTS_SQS_VISIBILITY_SECONDS", 60)));
    le::SqsPollerOptions po;
    po.max_receives = static_cast<int>(EnvNumber("OCEAN__LIVE_EVENTS_MAX_RECEIVES", 5));
    po.wait = std::chrono::seconds(EnvNumber("OCEAN__LIVE_EVENTS_SQS_WAIT_SECONDS", 10));
    parts->poller = std::make_unique<le::SqsPoller>(rt.io.get_executor(), *parts->source,
                                                    *parts->router, *parts->queue, po);
  }
  std::unique_ptr<LiveEventsService> service(new LiveEventsService());
  service->p_ = std::move(parts);
  return service;
}

void LiveEventsService::Mount(ocean::server::HttpServer& server) {
  if (p_->api_key.empty()) return;
  server.Route("POST", le::kWebhookPath,
               le::MakeWebhookHandler(p_->api_key, *p_->router, *p_->queue, p_->journal.get()));
  LOG_INFO("live events: webhook at POST {}{}", server.path_prefix(), le::kWebhookPath);
}

void LiveEventsService::Start() {
  p_->queue->Start();
  if (p_->journal && !p_->replay.empty()) {
    asio::co_spawn(p_->executor, le::ReplayJournal(std::move(p_->replay), *p_->router,
                                                            *p_->queue, *p_->journal),
                   asio::detached);
  }
  if (p_->poller) p_->poller->Start();
}

asio::awaitable<void> LiveEventsService::Stop() {
  if (p_->poller) p_->poller->StopReceiving();
  co_await p_->queue->Stop(std::chrono::seconds(10));
  if (p_->poller) co_await p_->poller->Stop();
}

}  // namespace app
