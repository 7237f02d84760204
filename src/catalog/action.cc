#include "catalog/action.h"

#include "core/concurrency.h"
#include "core/log.h"

namespace catalog {

namespace asio = boost::asio;

asio::awaitable<core::Result<Enrichments>> EnrichEach(ActionContext& ctx,
                                                      std::span<const Resource> resources,
                                                      std::string_view action_name,
                                                      PerResourceFn call,
                                                      std::size_t concurrency) {
  std::vector<std::optional<json::object>> results(resources.size());
  co_await core::ForEachBounded(resources.size(), concurrency,
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

}  // namespace catalog
