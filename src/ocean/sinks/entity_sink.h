// EntitySink: where a resync's entities go — Port's API, the embedded SQLite catalog, or NDJSON.
//
// A resync drives a sink in this order:
//   BeginResync -> Upsert* (per batch of one resource config, in mapping order), Flush at the
//   end of each resource config
//   -> [ListOwned -> Delete]   only for sinks that keep state, only when reconciliation allows
//   -> EndResync (always, also after a failure or an abort).
// Batches of one resource config arrive in order; a sink may send them on concurrently.
// Errors in one entity never fail the batch: they are counted and described in UpsertOutcome.
//
// Thread-safety: a sink lives on the resync's event loop; its coroutines are not called
// concurrently from several threads.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <compare>
#include <span>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/sinks/run_record.h"

namespace ocean {

// An entity's identity in the catalog. `identifier` is the identifier as a string; an object
// identifier (a search query) is its sorted-key JSON (Ocean's normalisation).
struct EntityKey {
  std::string blueprint;
  std::string identifier;
  auto operator<=>(const EntityKey&) const = default;
};

std::string NormalizeIdentifier(const json::value& identifier);
// The key of a mapped entity (identifier normalised, blueprint as a string).
EntityKey KeyOf(const json::object& entity);

struct ResyncStart {
  std::string resync_id;  // uuid
  std::chrono::system_clock::time_point started_at;
  const PortAppConfig* config = nullptr;
  std::string trigger;    // "once", "polling", "webhook", "schedule", "cli"
};

struct UpsertBatch {
  const ResourceConfig* resource = nullptr;
  std::vector<mapping::MappedEntity> entities;
  std::span<const json::value> raw;  // the raw items; entities[i].raw_index indexes into it
};

struct UpsertOutcome {
  std::vector<EntityKey> upserted;   // as the sink knows them (Port resolves search identifiers)
  long failed = 0;
  std::vector<std::string> errors;   // one line per failed entity: blueprint/identifier: why
};

struct DeleteOutcome {
  long deleted = 0;
  long failed = 0;
  long kept_as_relation_targets = 0;  // Port: kept because a kept entity relates to them
  std::vector<std::string> errors;
};


class EntitySink {
 public:
  virtual ~EntitySink() = default;

  virtual std::string_view name() const = 0;  // "port", "sqlite", "ndjson"
  // Whether the sink remembers entities between resyncs (and so takes part in reconciliation).
  virtual bool keeps_state() const = 0;

  virtual boost::asio::awaitable<core::Status> BeginResync(const ResyncStart& start) = 0;
  virtual boost::asio::awaitable<UpsertOutcome> Upsert(UpsertBatch batch) = 0;
  // Makes what Upsert reported durable now (a sink may defer writes, e.g. SQLite's group
  // commit); called at the end of each resource config. An error means entities reported
  // upserted were lost: the resync fails. Default: nothing deferred.
  virtual boost::asio::awaitable<core::Status> Flush();
  // Entities this integration owns that were last written before `start.started_at`.
  virtual boost::asio::awaitable<core::Result<std::vector<EntityKey>>> ListOwned(
      const ResyncStart& start) = 0;
  // The keys ListOwned returns, handed to `visit` one at a time (reconciliation uses this):
  // a sink that can stream them (SQLite) never holds them all; the default calls ListOwned.
  // An error stops the listing (keys already visited stay visited).
  virtual boost::asio::awaitable<core::Status> ForEachOwned(
      const ResyncStart& start, const std::function<void(const EntityKey&)>& visit);
  virtual boost::asio::awaitable<DeleteOutcome> Delete(std::vector<EntityKey> keys,
                                                       const PortAppConfig& config,
                                                       const ResyncStart& start) = 0;
  virtual boost::asio::awaitable<core::Status> EndResync(const ResyncStart& start,
                                                         const RunRecord& run) = 0;

  // Live events (ocean/live_events): writes outside any resync's bookkeeping, at any time,
  // also while a resync runs. A live write must not count as "seen" by a running resync, and
  // a resync's reconciliation must not delete what a live event wrote after it began (its
  // ListOwned only returns entities last written before its start). Deleting a key that does
  // not exist is not an error. Defaults: Upsert / Delete (sinks without resync state).
  virtual boost::asio::awaitable<UpsertOutcome> UpsertLive(UpsertBatch batch);
  virtual boost::asio::awaitable<DeleteOutcome> DeleteLive(std::vector<EntityKey> keys,
                                                           const PortAppConfig& config);
};

}  // namespace ocean
