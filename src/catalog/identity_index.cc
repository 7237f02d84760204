// See identity_index.h.
#include "catalog/identity_index.h"

#include <set>

#include "catalog/kind_table.h"

namespace catalog {

namespace {

std::string_view StringMember(const json::object* o, std::string_view key) {
  if (!o) return {};
  const json::value* v = o->if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

const definition::DeleteIdentityDef* KindTableRule(std::string_view kind) {
  const definition::KindDef* def = FindKindDefinition(kind);
  return def && def->delete_identity ? &*def->delete_identity : nullptr;
}

}  // namespace

IdentityIndex::IdentityIndex() : IdentityIndex(KindTableRule) {}

IdentityIndex::IdentityIndex(RulesFn rules) : rules_(std::move(rules)) {}

const definition::DeleteIdentityDef* IdentityIndex::Rule(std::string_view kind) const {
  return rules_ ? rules_(kind) : nullptr;
}

std::string IdentityIndex::ScopeKey(std::string_view kind,
                                    const definition::DeleteIdentityDef& rule,
                                    std::string_view account, std::string_view region) const {
  std::string key(kind);
  key += '\n';
  key += account;
  key += '\n';
  if (rule.by_region) key += region;
  return key;
}

std::uint64_t IdentityIndex::BeginListing(std::string_view kind) {
  std::lock_guard lock(mu_);
  return ++generations_[std::string(kind)];
}

void IdentityIndex::Remember(std::string_view kind, std::span<const json::value> envelopes,
                             std::uint64_t generation) {
  const definition::DeleteIdentityDef* rule = Rule(kind);
  if (!rule) return;
  std::lock_guard lock(mu_);
  if (generation == 0) generation = generations_[std::string(kind)];
  for (const json::value& envelope : envelopes) {
    const json::object* o = envelope.if_object();
    const json::value* p = o ? o->if_contains("Properties") : nullptr;
    const json::value* x = o ? o->if_contains("__ExtraContext") : nullptr;
    const json::object* props = p ? p->if_object() : nullptr;
    const json::object* extra = x ? x->if_object() : nullptr;
    std::string_view account = StringMember(extra, "AccountId");
    if (!props || account.empty()) continue;
    auto entry = std::make_shared<Entry>();
    entry->generation = generation;
    for (const std::string& k : rule->keep) {
      if (const json::value* v = props->if_contains(k)) entry->props[k] = *v;
    }
    Names* names = nullptr;
    for (const std::string& b : rule->by) {
      std::string_view name = StringMember(props, b);
      if (name.empty()) continue;
      if (!names) names = &scopes_[ScopeKey(kind, *rule, account, StringMember(extra, "Region"))];
      (*names)[std::string(name)] = entry;
    }
  }
}

void IdentityIndex::EndScope(std::string_view kind, std::string_view account,
                             std::string_view region, std::uint64_t generation) {
  const definition::DeleteIdentityDef* rule = Rule(kind);
  if (!rule) return;
  std::lock_guard lock(mu_);
  auto it = scopes_.find(ScopeKey(kind, *rule, account, region));
  if (it == scopes_.end()) return;
  std::erase_if(it->second, [&](const auto& kv) { return kv.second->generation < generation; });
  if (it->second.empty()) scopes_.erase(it);
}

std::optional<json::object> IdentityIndex::Find(std::string_view kind, std::string_view account,
                                                std::string_view region,
                                                std::string_view id) const {
  const definition::DeleteIdentityDef* rule = Rule(kind);
  if (!rule) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = scopes_.find(ScopeKey(kind, *rule, account, region));
  if (it == scopes_.end()) return std::nullopt;
  auto e = it->second.find(std::string(id));
  if (e == it->second.end()) return std::nullopt;
  return e->second->props;
}

void IdentityIndex::Forget(std::string_view kind, std::string_view account,
                           std::string_view region, std::string_view id) {
  const definition::DeleteIdentityDef* rule = Rule(kind);
  if (!rule) return;
  std::lock_guard lock(mu_);
  auto it = scopes_.find(ScopeKey(kind, *rule, account, region));
  if (it == scopes_.end()) return;
  auto e = it->second.find(std::string(id));
  if (e == it->second.end()) return;
  std::shared_ptr<const Entry> entry = e->second;
  std::erase_if(it->second, [&](const auto& kv) { return kv.second == entry; });
  if (it->second.empty()) scopes_.erase(it);
}

std::size_t IdentityIndex::size() const {
  std::lock_guard lock(mu_);
  std::set<const Entry*> distinct;
  for (const auto& [key, names] : scopes_) {
    for (const auto& [name, entry] : names) distinct.insert(entry.get());
  }
  return distinct.size();
}

}  // namespace catalog
