// LiveApplier: applies one resource's live event the way a resync would have written it.
//
//   upsert: the kind's single-resource get in (account, region) with the credentials of the
//           account discovery (AccountCache), then the kind's actions: defaults plus the
//           resource config's includeActions (one fetch per distinct includeActions among the
//           kind's resources[] entries) -> the envelope a resync produces; map it with every
//           resources[] entry of that kind (selector applies) -> sink.UpsertLive.
//           The get finding nothing (or NotFound), or an action answering one of its
//           `absentOn` codes (the resource is gone; gets that make no call) = delete.
//   delete: the target's delete stub (or {Type, Properties:{}, __ExtraContext:{AccountId,
//           Region}}) mapped with every resources[] entry of that kind to find the identifier
//           -> sink.DeleteLive (a missing entity is fine). A kind with `deleteIdentity` (its
//           delete events carry only a name: IAM roles, whose ARN holds a path) gets the stub's
//           Properties from the Source's IdentityIndex (what a resync or live fetch saw), and
//           the entry is forgotten once deleted; when the index has none (nothing seen since the
//           start) and the id is not one deleteStub makes whole (`completePrefixes`), nothing is
//           deleted: one WARN naming kind and id, ignored_total{reason="identity_unknown"}, and
//           the next resync's reconciliation removes the entity. A guessed identifier is never
//           deleted: relisting the scope instead would need the sink's entities of one kind and
//           scope (NDJSON has none) and repeat what the next resync does under its safety rules.
//   Mapping runs as in a resync (mapping_cache.h MapLive): on the process's mapping worker pool
//   unless the entry is native only. An item that does not map (the worker crashed, hit the
//   deadline or its memory limit; a selector or identity error) is logged with the kind, the
//   resource and why, and makes the event kFailed with reason "mapping_worker" or "mapping"
//   (not retried); the entries that did map are still written, and a failed mapping never
//   turns into a delete. The pool shut down under an apply: kRetry ("mapping_pool").
//   AccessDenied on the get: nothing changes, one warning (kDenied). Throttling / unavailable /
//   a failed sink write: kRetry. A kind without a get, an account not discovered, a mapping that
//   cannot load: kFailed. A kind no resources[] entry maps: kApplied with nothing written.
//   Every kRetry / kFailed carries ApplyResult::reason, the failed metric's label.
//
// Thread-safety: one event loop (inline mappers are not thread-safe; pooled mapping resumes on
// the awaiting coroutine's executor).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "catalog/source.h"
#include "ocean/live_events/account_cache.h"
#include "ocean/live_events/event_applier.h"
#include "ocean/live_events/mapping_cache.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean::live_events {

class LiveApplier final : public EventApplier {
 public:
  LiveApplier(catalog::Source& source, AccountCache& accounts, MappingCache& mappings,
              EntitySink& sink);

  boost::asio::awaitable<ApplyResult> Apply(const EventTarget& target) override;

 private:
  boost::asio::awaitable<ApplyResult> Upsert(const EventTarget& target,
                                             const CompiledMapping& mapping);
  boost::asio::awaitable<ApplyResult> Delete(const EventTarget& target,
                                             const CompiledMapping& mapping);

  catalog::Source& source_;
  AccountCache& accounts_;
  MappingCache& mappings_;
  EntitySink& sink_;
};

}  // namespace ocean::live_events
