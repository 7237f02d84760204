#include "catalog/definition/default_when.h"

#include <string_view>
#include <vector>

namespace catalog::definition {

namespace asio = boost::asio;

namespace {

// Whether `text` is the identity or, with a separator, one of its parts.
bool IsIdentityValue(std::string_view text, std::string_view id, std::string_view sep) {
  if (text == id) return true;
  if (sep.empty() || text.empty()) return false;
  std::size_t start = 0;
  while (start <= id.size()) {
    std::size_t end = id.find(sep, start);
    if (end == std::string_view::npos) end = id.size();
    if (id.substr(start, end - start) == text) return true;
    start = end + sep.size();
  }
  return false;
}

// Coroutines take what they use by value (never through a lambda's captures).
asio::awaitable<core::Result<Enrichments>> RunOnly(const DefaultWhenDef* when, ActionFn every,
                                                   ActionContext& ctx,
                                                   std::span<const Resource> rs) {
  std::vector<Resource> picked;
  for (const Resource& r : rs) {
    if (MeetsDefaultWhen(*when, r)) picked.push_back(r);
  }
  if (picked.empty()) co_return Enrichments{};
  if (picked.size() == rs.size()) co_return co_await every(ctx, rs);
  co_return co_await every(ctx, picked);
}

}  // namespace

bool MeetsDefaultWhen(const DefaultWhenDef& when, const Resource& r) {
  if (when.properties_only != "identity") return false;
  for (const auto& kv : r.properties) {
    const json::value& v = kv.value();
    std::string number;
    std::string_view text;
    if (v.is_string()) {
      text = v.get_string();
    } else if (v.is_int64() || v.is_uint64()) {
      number = json::serialize(v);
      text = number;
    } else {
      return false;  // an object, list, boolean or null: the listing says more than the id
    }
    if (!IsIdentityValue(text, r.id, when.identity_separator)) return false;
  }
  return true;
}

ActionFn OnlyWhen(const DefaultWhenDef* when, ActionFn every) {
  return [when, every = std::move(every)](ActionContext& ctx, std::span<const Resource> rs) {
    return RunOnly(when, every, ctx, rs);
  };
}

}  // namespace catalog::definition
