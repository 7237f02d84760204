// See live_applier.h.
#include "ocean/live_events/live_applier.h"

#include <algorithm>
#include <map>
#include <set>

#include "catalog/kind_table.h"
#include "core/log.h"
#include "ocean/live_events/live_metrics.h"

namespace ocean::live_events {

namespace asio = boost::asio;
using core::Result;
using core::StatusCode;
using Type = ApplyResult::Type;

namespace {

ApplyResult LiveOutcome(Type type, std::string message, std::string reason = "") {
  ApplyResult r;
  r.type = type;
  r.message = std::move(message);
  r.reason = std::move(reason);
  return r;
}

bool IsTransient(StatusCode code) {
  return code == StatusCode::kThrottled || code == StatusCode::kUnavailable ||
         code == StatusCode::kDeadlineExceeded;
}

std::string DescribeTarget(const EventTarget& t) {
  return t.kind + " '" + t.id + "' (account " + t.account + ", region " + t.region + ")";
}

// Items of one resources[] entry that did not map (a worker crash, deadline or memory blow-up,
// or a selector / identity error): logged with the kind, the resource and why; the event fails
// (never retried: the same resource fails the same way) and nothing is deleted because of it.
struct MappingFailures {
  std::string reason;  // "mapping_worker" wins over "mapping"
  std::string message;

  void Note(const EventTarget& target, std::size_t index, const LiveMapResult& r) {
    if (r.failed_items() == 0) return;
    const bool worker = r.worker_failed();
    std::string why = r.mapped.errors.empty()
                          ? std::to_string(r.failed_items()) + " item(s) not mapped"
                          : r.mapped.errors.front().field + ": " + r.mapped.errors.front().message;
    LOG_WARN("live event for {}: mapping resources[{}] failed, the event is not applied: {}",
             DescribeTarget(target), index, why);
    if (reason != "mapping_worker") reason = worker ? "mapping_worker" : "mapping";
    if (message.empty()) {
      message = "mapping resources[" + std::to_string(index) + "] failed: " + why;
    }
  }
  bool any() const { return !reason.empty(); }
};

ApplyResult PoolStopped(const LiveMapResult& r) {
  return LiveOutcome(Type::kRetry, "not mapped: " + r.status.message(), "mapping_pool");
}

}  // namespace

LiveApplier::LiveApplier(catalog::Source& source, AccountCache& accounts, MappingCache& mappings,
                         EntitySink& sink)
    : source_(source), accounts_(accounts), mappings_(mappings), sink_(sink) {}

asio::awaitable<ApplyResult> LiveApplier::Apply(const EventTarget& target) {
  Result<std::shared_ptr<const CompiledMapping>> mapping = co_await mappings_.Get();
  if (!mapping.ok()) {
    co_return LiveOutcome(IsTransient(mapping.status().code()) ? Type::kRetry : Type::kFailed,
                          "cannot load the mapping: " + mapping.status().message(),
                          "mapping_load");
  }
  const CompiledMapping* m = mapping->get();
  bool mapped = false;
  if (m != nullptr) {
    for (const ResourceConfig& r : m->config.resources) mapped = mapped || r.kind == target.kind;
  }
  if (!mapped) {
    // Counted once per event by the queue (ignored_total), never also as applied.
    ApplyResult ignored = LiveOutcome(Type::kApplied, "no resources[] entry maps " + target.kind);
    ignored.ignored = "kind_not_in_mapping";
    co_return ignored;
  }
  if (target.action == EventAction::kDelete) co_return co_await Delete(target, *m);
  co_return co_await Upsert(target, *m);
}

asio::awaitable<ApplyResult> LiveApplier::Upsert(const EventTarget& target,
                                                 const CompiledMapping& m) {
  const catalog::KindSpec* kind = catalog::FindKind(target.kind);
  if (kind == nullptr) {
    co_return LiveOutcome(Type::kFailed, "unknown kind " + target.kind, "unknown_kind");
  }
  if (!kind->get_one) {
    co_return LiveOutcome(Type::kFailed, target.kind + " has no single-resource get", "no_get");
  }
  Result<catalog::AccountSession> account = co_await accounts_.Find(target.account);
  if (!account.ok()) {
    co_return LiveOutcome(IsTransient(account.status().code()) ? Type::kRetry : Type::kFailed,
                          account.status().message(), "account");
  }
  // One fetch per distinct includeActions among the kind's resources[] entries.
  std::map<std::set<std::string>, json::value> fetched;
  MappingFailures failures;
  ApplyResult result;
  result.type = Type::kApplied;
  for (std::size_t i = 0; i < m.config.resources.size(); ++i) {
    const ResourceConfig& rc = m.config.resources[i];
    if (rc.kind != target.kind) continue;
    std::set<std::string> include(rc.include_actions.begin(), rc.include_actions.end());
    auto it = fetched.find(include);
    if (it == fetched.end()) {
      CountFetch();
      result.fetched = true;
      // Not found (or nothing left after enrichment) is nullopt: the resource is gone.
      Result<std::optional<json::value>> got = co_await source_.FetchOne(
          *kind, *account, target.region, target.id, rc.include_actions);
      if (!got.ok()) {
        const StatusCode code = got.status().code();
        if (code == StatusCode::kPermissionDenied) {
          LOG_WARN("live event for {}: access denied, nothing changed: {}", DescribeTarget(target),
                   got.status().message());
          co_return LiveOutcome(Type::kDenied, got.status().message());
        }
        if (code == StatusCode::kNotFound) co_return co_await Delete(target, m);
        co_return LiveOutcome(IsTransient(code) ? Type::kRetry : Type::kFailed,
                              got.status().message(), "fetch");
      }
      if (!*got) co_return co_await Delete(target, m);  // gone since the event
      it = fetched.emplace(include, std::move(**got)).first;
    }
    std::span<const json::value> raw(&it->second, 1);
    LiveMapResult live = co_await MapLive(m, i, it->second);
    if (!live.status.ok()) co_return PoolStopped(live);
    failures.Note(target, i, live);
    mapping::MapResult& mapped = live.mapped;
    if (mapped.entities.empty()) continue;  // never a delete: what did not map is unknown
    UpsertBatch ub;
    ub.resource = &rc;
    ub.entities = std::move(mapped.entities);
    ub.raw = raw;
    UpsertOutcome out = co_await sink_.UpsertLive(std::move(ub));
    result.upserted += static_cast<long>(out.upserted.size());
    if (out.failed > 0) {
      co_return LiveOutcome(Type::kRetry,
                            "sink refused: " + (out.errors.empty() ? std::string("?")
                                                                   : out.errors.front()),
                            "sink");
    }
  }
  if (failures.any()) {
    result.type = Type::kFailed;  // what did map is upserted; the event still failed
    result.message = failures.message;
    result.reason = failures.reason;
  }
  co_return result;
}

asio::awaitable<ApplyResult> LiveApplier::Delete(const EventTarget& target,
                                                 const CompiledMapping& m) {
  json::value stub = target.delete_stub;
  if (!stub.is_object()) {
    json::object extra;
    extra["AccountId"] = target.account;
    extra["Region"] = target.region;
    json::object o;
    o["Type"] = target.kind;
    o["Properties"] = json::object();
    o["__ExtraContext"] = std::move(extra);
    stub = std::move(o);
  }
  catalog::IdentityIndex& identities = source_.identities();
  const catalog::definition::DeleteIdentityDef* rule = identities.Rule(target.kind);
  if (rule) {
    std::optional<json::object> known =
        identities.Find(target.kind, target.account, target.region, target.id);
    const bool whole = std::any_of(
        rule->complete_prefixes.begin(), rule->complete_prefixes.end(),
        [&](const std::string& p) { return target.id.starts_with(p); });
    if (known) {
      stub.as_object()["Properties"] = std::move(*known);
    } else if (!whole) {
      LOG_WARN("live delete for {}: its identity is not known (not listed or fetched since the "
               "start; the event names only '{}'): nothing deleted, the next resync removes "
               "the entity", DescribeTarget(target), target.id);
      ApplyResult ignored;
      ignored.type = Type::kApplied;
      ignored.ignored = "identity_unknown";
      ignored.message = "identity of " + DescribeTarget(target) + " not known";
      co_return ignored;
    }
  }
  std::vector<EntityKey> keys;
  MappingFailures failures;
  for (std::size_t i = 0; i < m.config.resources.size(); ++i) {
    if (m.config.resources[i].kind != target.kind) continue;
    LiveMapResult live = co_await MapLive(m, i, stub);
    if (!live.status.ok()) co_return PoolStopped(live);
    failures.Note(target, i, live);
    for (const mapping::MappedEntity& e : live.mapped.entities) keys.push_back(KeyOf(e.entity));
  }
  ApplyResult result;
  result.type = Type::kApplied;
  if (failures.any()) {  // only the identifiers that did map are deleted
    result.type = Type::kFailed;
    result.message = failures.message;
    result.reason = failures.reason;
  }
  if (keys.empty()) {
    if (!failures.any()) {
      LOG_WARN("live delete for {}: the mapping gives no identifier for its delete stub; nothing "
               "deleted", DescribeTarget(target));
    }
    co_return result;
  }
  DeleteOutcome out = co_await sink_.DeleteLive(keys, m.config);
  result.deleted = out.deleted > 0 ? out.deleted : static_cast<long>(keys.size());
  if (out.failed > 0) {
    co_return LiveOutcome(Type::kRetry,
                          "sink delete failed: " + (out.errors.empty() ? std::string("?")
                                                                       : out.errors.front()),
                          "sink");
  }
  if (rule) identities.Forget(target.kind, target.account, target.region, target.id);
  co_return result;
}

}  // namespace ocean::live_events
