#include "catalog/scope_exporter.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
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
                                          EmitFn emit, ReserveFn reserve) {
  ScopeOutcome out{std::string(kind.name), account.info.id, region};
  ListContext lctx{client, aws::CallTarget{account.credentials, region, account.info.id}, account};
  ActionContext actx{client, lctx.target, account, &out.enrichment_errors};
  json::object base_extra = BaseExtraContext(kind, account, region);

  // Enrichment overlaps the listing: a full batch is inspected and emitted by its own
  // coroutine while the listing goes on to the next page; the next full batch waits for it
  // (batches reach `emit` in listing order, one at a time). Without this the listing stood
  // still for every batch's enrichment calls, and a scope's wall time was the sum of both
  // chains (issue 13.3: ECS services, ListServices then DescribeServices per 100).
  std::vector<Resource> pending;
  struct Enriching {
    bool busy = false;
    Status failed;  // the first emit failure: the listing stops at its next batch
  };
  auto enriching = std::make_shared<Enriching>();
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  core::AsyncCondition enriched(executor);
  auto enrich = [&](std::vector<Resource> batch, BatchRoom room) -> asio::awaitable<void> {
    std::vector<json::value> envelopes = co_await Inspect(kind, actx, std::move(batch), actions);
    out.resources += static_cast<long>(envelopes.size());
    room.Hand();
    Status st = co_await emit(std::move(envelopes));
    if (!st.ok() && enriching->failed.ok()) enriching->failed = st;
  };
  // Inspects and emits full batches (the last one in the background); with `flush`, the
  // remainder too, and waits until nothing is being enriched.
  auto drain = [&](bool flush) -> asio::awaitable<Status> {
    while (pending.size() >= kBatchSize || (flush && !pending.empty())) {
      co_await enriched.WaitUntil([&] { return !enriching->busy; });
      if (!enriching->failed.ok()) co_return enriching->failed;
      std::size_t n = std::min(pending.size(), kBatchSize);
      std::vector<Resource> batch(std::make_move_iterator(pending.begin()),
                                  std::make_move_iterator(pending.begin() + n));
      pending.erase(pending.begin(), pending.begin() + n);
      // Room first, enrichment second: a scope waiting for room holds its raw batch only
      // (nothing is being enriched meanwhile: the wait above saw the last one end).
      BatchRoom room;
      if (reserve) {
        Result<BatchRoom> got = co_await reserve();
        if (!got.ok()) co_return got.status();
        room = std::move(*got);
      }
      enriching->busy = true;
      asio::co_spawn(executor, enrich(std::move(batch), std::move(room)),
                     [enriching, &enriched](std::exception_ptr e) {
                       if (e && enriching->failed.ok()) {
                         enriching->failed = Status::Internal("enriching a batch failed");
                       }
                       enriching->busy = false;
                       enriched.NotifyAll();
                     });
    }
    if (flush) co_await enriched.WaitUntil([&] { return !enriching->busy; });
    co_return enriching->failed;
  };
  std::function<asio::awaitable<Status>(std::vector<Resource>)> sink =
      [&](std::vector<Resource> more) -> asio::awaitable<Status> {
    for (Resource& r : more) pending.push_back(std::move(r));
    co_return co_await drain(false);
  };

  // Not a conditional expression: GCC 12 destroys temporaries of `c ? co_await a : co_await b`
  // twice.
  Status listed;
  if (kind.custom_list) {
    listed = co_await kind.custom_list(lctx, base_extra, sink);
  } else {
    listed = co_await ListGeneric(kind, lctx, base_extra, sink);
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
