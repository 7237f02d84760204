#include "catalog/action.h"

#include "aws/pagination/paginator.h"
#include "catalog/concurrency.h"
#include "core/log.h"

namespace catalog {

namespace asio = boost::asio;

asio::awaitable<core::Result<Enrichments>> EnrichEach(ActionContext& ctx,
                                                      std::span<const Resource> resources,
                                                      std::string_view action_name,
                                                      PerResourceFn call,
                                                      std::size_t concurrency) {
  std::vector<std::optional<json::object>> results(resources.size());
  co_await ForEachBounded(resources.size(), concurrency,
                          [&](std::size_t i) -> asio::awaitable<void> {
    core::Result<json::object> r = co_await call(resources[i]);
    if (r.ok()) {
      results[i] = std::move(*r);
      co_return;
    }
    const core::Status& st = r.status();
    if (st.code() == core::StatusCode::kNotFound ||
        st.code() == core::StatusCode::kPermissionDenied) {
      LOG_DEBUG("{} skipped {}: {}", action_name, resources[i].id, st.message());
    } else {
      if (ctx.enrichment_errors) ++*ctx.enrichment_errors;
      LOG_WARN("{} failed for {}: {}", action_name, resources[i].id, st.message());
    }
  });
  Enrichments out;
  out.reserve(resources.size());
  for (std::size_t i = 0; i < resources.size(); ++i) {
    if (results[i]) out.emplace_back(resources[i].id, std::move(*results[i]));
  }
  co_return out;
}

asio::awaitable<core::Result<json::value>> CallAllPages(ActionContext& ctx,
                                                        std::string_view service,
                                                        std::string_view operation,
                                                        json::object params) {
  core::Result<const aws::model::ServiceModel*> svc = aws::model::GetService(service);
  if (!svc.ok()) co_return svc.status();
  const aws::model::Operation* op = (*svc)->FindOperation(operation);
  if (!op || !op->paginator) {
    co_return core::Status::Internal(std::string(service) + "." + std::string(operation) +
                                     " is not a pageable operation");
  }
  aws::pagination::PageIterator pages(
      [&](const json::object& p) { return ctx.client.Call(ctx.target, **svc, *op, p); }, **svc,
      *op, std::move(params));
  aws::pagination::FullResult full(*op->paginator);
  while (true) {
    core::Result<std::optional<json::value>> page = co_await pages.Next();
    if (!page.ok()) co_return page.status();
    if (!*page) break;
    core::Status st = full.Add(std::move(**page));
    if (!st.ok()) co_return st;
  }
  co_return std::move(full).Finish();
}

}  // namespace catalog
