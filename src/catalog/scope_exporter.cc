#include "catalog/scope_exporter.h"

#include "aws/pagination/paginator.h"
#include "catalog/inspector.h"
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

  std::vector<Resource> pending;
  Status emit_status;
  // Inspects and emits full batches; with `flush`, the remainder too.
  auto drain = [&](bool flush) -> asio::awaitable<Status> {
    while (pending.size() >= kBatchSize || (flush && !pending.empty())) {
      std::size_t n = std::min(pending.size(), kBatchSize);
      std::vector<Resource> batch(std::make_move_iterator(pending.begin()),
                                  std::make_move_iterator(pending.begin() + n));
      pending.erase(pending.begin(), pending.begin() + n);
      // Room first, enrichment second: a scope waiting for room holds its raw batch only.
      BatchRoom room;
      if (reserve) {
        Result<BatchRoom> got = co_await reserve();
        if (!got.ok()) co_return got.status();
        room = std::move(*got);
      }
      std::vector<json::value> envelopes = co_await Inspect(kind, actx, std::move(batch), actions);
      out.resources += static_cast<long>(envelopes.size());
      room.Hand();
      Status st = co_await emit(std::move(envelopes));
      if (!st.ok()) co_return st;
    }
    co_return Status::Ok();
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
