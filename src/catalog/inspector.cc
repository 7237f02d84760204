#include "catalog/inspector.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/concurrency.h"
#include "core/log.h"

namespace catalog {

namespace asio = boost::asio;

std::vector<std::size_t> ActionStages(std::span<const ActionSpec* const> actions) {
  std::vector<std::size_t> stage(actions.size(), 0);
  for (std::size_t a = 0; a < actions.size(); ++a) {
    for (const std::string& name : actions[a]->after) {
      for (std::size_t b = 0; b < a; ++b) {
        if (actions[b]->name == name) stage[a] = std::max(stage[a], stage[b] + 1);
      }
    }
  }
  return stage;
}

asio::awaitable<std::vector<json::value>> Inspect(const KindSpec& kind, ActionContext& ctx,
                                                  std::vector<Resource> batch,
                                                  std::span<const ActionSpec* const> actions) {
  std::vector<std::optional<core::Result<Enrichments>>> results(actions.size());
  std::vector<std::size_t> stage = ActionStages(actions);
  std::size_t stages = stage.empty() ? 0 : *std::max_element(stage.begin(), stage.end()) + 1;

  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) index.emplace(batch[i].id, i);

  // Actions of a later stage see the batch with every earlier stage's results merged (copies:
  // the final merge below stays in action order).
  std::vector<Resource> view;
  for (std::size_t s = 0; s < stages; ++s) {
    if (s > 0) {
      view = batch;
      for (std::size_t a = 0; a < actions.size(); ++a) {
        if (stage[a] >= s || !results[a]->ok()) continue;
        for (const auto& [id, props] : **results[a]) {
          auto it = index.find(id);
          if (it == index.end()) continue;
          for (const auto& kv : props) view[it->second].properties[kv.key()] = kv.value();
        }
      }
    }
    std::span<const Resource> input = s > 0 ? std::span<const Resource>(view) : batch;
    std::vector<std::size_t> now;
    for (std::size_t a = 0; a < actions.size(); ++a) {
      if (stage[a] == s) now.push_back(a);
    }
    co_await core::ForEachBounded(now.size(), now.size(), [&](std::size_t i) -> asio::awaitable<void> {
      results[now[i]].emplace(co_await actions[now[i]]->run(ctx, input));
    });
  }
  view.clear();

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
      dst.reserve(dst.size() + props.size());  // one table growth, not one per doubling
      for (auto& kv : props) dst[kv.key()] = std::move(kv.value());
    }
  }

  std::vector<json::value> out;
  out.reserve(batch.size());
  for (Resource& r : batch) {
    json::object more;
    if (kind.envelope_members) more = kind.envelope_members(r);
    out.push_back(MakeEnvelope(kind.name, OrderProperties(kind, std::move(r.properties)),
                               std::move(r.extra_context)));
    for (auto& kv : more) out.back().get_object()[kv.key()] = std::move(kv.value());
  }
  co_return out;
}

}  // namespace catalog
