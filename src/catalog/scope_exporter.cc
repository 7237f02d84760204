#include "catalog/scope_exporter.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <algorithm>
#include <exception>
#include <memory>

#include "aws/pagination/paginator.h"
#include "catalog/inspector.h"
#include "core/async_condition.h"
#include "core/log.h"

namespace catalog {

namespace asio = boost::asio;
using core::Result;
using core::Status;

json::object BaseExtraContext(const KindSpec& kind, const AccountSession& account,
                              std::string_view region) {
  json::object extra;
  if (!kind.has_extra_context) return extra;
  extra["AccountId"] = account.info.id;
  if (kind.region_in_extra_context && !region.empty()) extra["Region"] = region;
  return extra;
}

namespace {

// Lists through the kind's pageable operation, handing resources to `sink` as they come.
asio::awaitable<Status> ListGeneric(
    const KindSpec& kind, ListContext& ctx, const json::object& base_extra,
    const std::function<asio::awaitable<Status>(std::vector<Resource>)>& sink) {
  Result<const aws::model::ServiceModel*> svc = aws::model::GetService(kind.service);
  if (!svc.ok()) co_return svc.status();
  const aws::model::Operation* op = (*svc)->FindOperation(kind.list_operation);
  if (!op || !op->paginator) {
    co_return Status::Internal(std::string(kind.name) + ": list operation " +
                               std::string(kind.list_operation) + " is missing or not pageable");
  }
  aws::pagination::PageIterator pages(
      [&](const json::object& p) { return ctx.client.Call(ctx.target, **svc, *op, p); }, **svc,
      *op, {});
  while (true) {
    Result<std::optional<json::value>> page = co_await pages.Next();
    if (!page.ok()) co_return page.status();
    if (!*page) co_return Status::Ok();
    const json::object* obj = (*page)->if_object();
    const json::array* items = obj ? core::FindArray(*obj, kind.list_result_key) : nullptr;
    if (!items) continue;  // an empty page may omit the list
    std::vector<Resource> resources;
    resources.reserve(items->size());
    for (const json::value& item : *items) {
      Status st = kind.to_resources(ctx, item, base_extra, resources);
      if (!st.ok()) co_return st.WithContext(std::string(kind.name));
    }
    Status st = co_await sink(std::move(resources));
    if (!st.ok()) co_return st;
  }
}

}  // namespace

asio::awaitable<ScopeOutcome> ExportScope(const KindSpec& kind, aws::AwsClient& client,
                                          const AccountSession& account, std::string region,
                                          std::span<const ActionSpec* const> actions,
                                          EmitFn emit, RoomGateFn room_gate) {
  ScopeOutcome out{std::string(kind.name), account.info.id, region};
  ListContext lctx{client, aws::CallTarget{account.credentials, region, account.info.id}, account};
  ActionContext actx{client, lctx.target, account, &out.enrichment_errors};
  json::object base_extra = BaseExtraContext(kind, account, region);

  // Enrichment overlaps the listing: one enricher coroutine at a time inspects and emits
  // batches in listing order while the listing goes on. It takes a full batch whenever one is
  // pending; when idle, it also takes what is pending short of a batch, as far as that splits
  // no call (ActionSpec::whole_calls), so enrichment calls go out as the listing brings
  // resources instead of waiting for a hundred (issue 13.3: a scope's last batch of ECS
  // services otherwise cost 100 DescribeServices calls after the listing's end). A kind whose
  // actions call nothing keeps full batches. The listing waits while a full batch is pending
  // and the enricher busy, so memory stays one page plus two batches.
  std::vector<Resource> pending;
  const bool calls = std::any_of(actions.begin(), actions.end(),
                                 [](const ActionSpec* a) { return !a->operation.empty(); });
  // How many leading pending resources the enricher may take now (0: none).
  auto ready = [&]() -> std::size_t {
    if (pending.size() >= kBatchSize) return kBatchSize;
    if (!calls) return 0;
    std::size_t n = pending.size();
    for (bool shrunk = true; shrunk && n > 0;) {
      shrunk = false;
      for (const ActionSpec* a : actions) {
        if (!a->whole_calls) continue;
        std::size_t whole = a->whole_calls(actx, pending, n);
        if (whole < n) {
          n = whole;
          shrunk = true;
        }
      }
    }
    return n;
  };
  auto take = [&](std::size_t n) {
    std::vector<Resource> batch(std::make_move_iterator(pending.begin()),
                                std::make_move_iterator(pending.begin() + n));
    pending.erase(pending.begin(), pending.begin() + n);
    return batch;
  };
  struct Enriching {
    bool busy = false;
    Status failed;  // the first emit failure: the listing stops at its next batch
  };
  auto enriching = std::make_shared<Enriching>();
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  core::AsyncCondition enriched(executor);
  // Enriches `batch`, then whatever is ready, until nothing is (or emit fails).
  auto enrich = [&](std::vector<Resource> batch) -> asio::awaitable<void> {
    while (!batch.empty()) {
      // No enrichment while the consumer is full: a scope waiting for room holds its raw
      // batch only.
      if (room_gate) {
        Status room = co_await room_gate();
        if (!room.ok()) {
          if (enriching->failed.ok()) enriching->failed = room;
          co_return;
        }
      }
      std::vector<json::value> envelopes = co_await Inspect(kind, actx, std::move(batch), actions);
      out.resources += static_cast<long>(envelopes.size());
      Status st = co_await emit(std::move(envelopes));
      if (!st.ok()) {
        if (enriching->failed.ok()) enriching->failed = st;
        co_return;
      }
      batch = take(ready());
      enriched.NotifyAll();  // pending shrank: a listing waiting for room goes on
    }
  };
  auto start = [&](std::size_t n) {
    enriching->busy = true;
    asio::co_spawn(executor, enrich(take(n)), [enriching, &enriched](std::exception_ptr e) {
      if (e && enriching->failed.ok()) enriching->failed = Status::Internal("enriching a batch failed");
      enriching->busy = false;
      enriched.NotifyAll();
    });
  };
  // Without `flush`: starts the enricher on what is ready when it is idle, and waits while a
  // full batch is pending for it. With `flush` (the listing has ended): enriches everything
  // left, in batches, and waits until nothing is being enriched.
  auto drain = [&](bool flush) -> asio::awaitable<Status> {
    for (;;) {
      if (flush) co_await enriched.WaitUntil([&] { return !enriching->busy; });
      if (!enriching->failed.ok()) co_return enriching->failed;
      if (!enriching->busy) {
        std::size_t n = flush ? std::min(pending.size(), kBatchSize) : ready();
        if (n > 0) start(n);
      }
      if (flush ? pending.empty() && !enriching->busy : pending.size() < kBatchSize) {
        co_return Status::Ok();
      }
      if (!flush) {
        co_await enriched.WaitUntil([&] {
          return !enriching->busy || pending.size() < kBatchSize || !enriching->failed.ok();
        });
      }
    }
  };
  std::function<asio::awaitable<Status>(std::vector<Resource>)> sink =
      [&](std::vector<Resource> more) -> asio::awaitable<Status> {
    for (Resource& r : more) pending.push_back(std::move(r));
    co_return co_await drain(false);
  };

  // Not a conditional expression: GCC 12 destroys temporaries of `c ? co_await a : co_await b`
  // twice.
  Status listed;
  try {
    if (kind.custom_list) {
      listed = co_await kind.custom_list(lctx, base_extra, sink);
    } else {
      listed = co_await ListGeneric(kind, lctx, base_extra, sink);
    }
  } catch (const std::exception& e) {
    // Not expected (errors are values); but the enricher refers to this frame, so it must be
    // drained before the frame unwinds. The scope fails: nothing of it justifies a deletion.
    listed = Status::Internal(std::string("listing failed unexpectedly: ") + e.what());
  }
  // Resources listed before a failure are still emitted: partial data beats none, and the
  // scope's failed state keeps them from justifying any deletion.
  Status flushed = co_await drain(true);
  if (!listed.ok()) {
    out.state = StateForListingError(listed);
    out.error = listed;
    if (out.state == ScopeState::kSkipped) {
      LOG_WARN("{} skipped in account {} region {}: {}", kind.name, account.info.id, region,
               listed.message());
    } else {
      LOG_ERROR("{} failed in account {} region {}: {}", kind.name, account.info.id, region,
                listed.message());
    }
  } else if (!flushed.ok()) {
    out.state = ScopeState::kFailed;
    out.error = flushed;
  }
  co_return out;
}

}  // namespace catalog
