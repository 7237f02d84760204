#include "catalog/inspector.h"

#include <string_view>
#include <unordered_map>

#include "catalog/concurrency.h"
#include "core/log.h"

namespace catalog {

namespace asio = boost::asio;

asio::awaitable<std::vector<json::value>> Inspect(const KindSpec& kind, ActionContext& ctx,
                                                  std::vector<Resource> batch,
                                                  std::span<const ActionSpec* const> actions) {
  std::vector<std::optional<core::Result<Enrichments>>> results(actions.size());
  co_await ForEachBounded(actions.size(), actions.size(),
                          [&](std::size_t i) -> asio::awaitable<void> {
    results[i].emplace(co_await actions[i]->run(ctx, batch));
  });

  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) index.emplace(batch[i].id, i);

  for (std::size_t a = 0; a < actions.size(); ++a) {
    core::Result<Enrichments>& r = *results[a];
    if (!r.ok()) {
      if (ctx.enrichment_errors) ++*ctx.enrichment_errors;
      LOG_WARN("{}: {} failed for a batch of {}: {}", kind.name, actions[a]->name, batch.size(),
               r.status().message());
      continue;
    }
    for (auto& [id, props] : *r) {
      auto it = index.find(id);
      if (it == index.end()) {
        LOG_WARN("{}: {} returned data for '{}', which is not in the batch; ignored", kind.name,
                 actions[a]->name, id);
        continue;
      }
      json::object& dst = batch[it->second].properties;
      for (auto& kv : props) dst[kv.key()] = std::move(kv.value());
    }
  }

  std::vector<json::value> out;
  out.reserve(batch.size());
  for (Resource& r : batch) {
    out.push_back(MakeEnvelope(kind.name, OrderProperties(kind, std::move(r.properties)),
                               std::move(r.extra_context)));
  }
  co_return out;
}

}  // namespace catalog
