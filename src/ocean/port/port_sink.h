// PortSink: a resync's entities to Port's API, as Ocean writes them (ocean-core.md §5.3, §5.6,
// §6.4). keeps_state: true (Port remembers entities; reconciliation deletes stale ones).
//
//   BeginResync  PATCH .../resync-state {status: running, lastResyncStart, lastResyncEnd: null,
//                nextResync, intervalInMinuets}; a failure is logged, never fatal.
//   Upsert       per blueprint, bulk upserts (POST /v1/blueprints/{bp}/entities/bulk) in batches
//                of <= upsert_batch_max_length entities and <= upsert_batch_max_bytes
//                (upsert_batches.h), at most `upsert_concurrency` in flight, with query
//                upsert=true&merge=..&create_missing_related_entities=..&validation_only=false
//                &ocean_info_event_type=resync&ocean_info_resync_id=<id>. A 207's errors are
//                per-entity failures ("blueprint/identifier: statusCode message"); a 413 sends
//                each entity of the batch through the single upsert endpoint; any other error
//                fails the whole batch. Upserted keys carry the identifier Port answered.
//   ListOwned    POST /v1/blueprints/entities/datasource-entities {datasource_prefix
//                "port-ocean/{type}/", datasource_suffix "/{identifier}/exporter", limit 5000,
//                before: resync start} while Port answers a `next` cursor, plus the entities
//                this resync upserted that Port said already existed (bulk `created: false`,
//                or a single upsert): together, the entities that existed before the resync
//                (the deletion rate's denominator), whatever `before` filters on.
//   Delete       with createMissingRelatedEntities, entities that entities upserted in this
//                resync relate to are kept (safe delete); then per blueprint, bulk deletes
//                (POST /v1/blueprints/{bp}/bulk/entities/delete?delete_dependents=..) in
//                batches of <= 100 with deleteDependentEntities, else one entity per request,
//                dependents first. Failures are counted and described, never raised.
//   EndResync    PATCH .../resync-state {status: completed|failed|aborted, lastResyncEnd,
//                nextResync, intervalInMinuets}; a failure is logged.
//
// nextResync is the next multiple of the scheduled interval after the process start (null
// without a scheduled interval), as Ocean computes it.
//
// Thread-safety: one io_context; Upsert may run concurrently for several resource configs on it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "ocean/port/port_client.h"
#include "ocean/port/relation_refs.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean {

struct PortSinkOptions {
  std::string integration_type = "aws-v3";
  std::string integration_identifier;
  std::size_t upsert_batch_max_length = 20;
  std::size_t upsert_batch_max_bytes = 1'048'576;
  std::size_t upsert_concurrency = 8;     // bulk requests in flight per Upsert call
  std::size_t single_upsert_concurrency = 8;
  std::size_t delete_batch_max = 100;     // Ocean's hard cap
  std::size_t delete_concurrency = 8;
  std::optional<int> scheduled_resync_interval_minutes;
  core::Timestamp process_start = core::SystemClock::Get().Now();
  const core::Clock* clock = &core::SystemClock::Get();
};

class PortSink final : public EntitySink {
 public:
  PortSink(std::shared_ptr<port::PortClient> client, PortSinkOptions options);

  std::string_view name() const override { return "port"; }
  bool keeps_state() const override { return true; }

  boost::asio::awaitable<core::Status> BeginResync(const ResyncStart& start) override;
  boost::asio::awaitable<UpsertOutcome> Upsert(UpsertBatch batch) override;
  boost::asio::awaitable<core::Result<std::vector<EntityKey>>> ListOwned(
      const ResyncStart& start) override;
  boost::asio::awaitable<DeleteOutcome> Delete(std::vector<EntityKey> keys,
                                               const PortAppConfig& config,
                                               const ResyncStart& start) override;
  boost::asio::awaitable<core::Status> EndResync(const ResyncStart& start,
                                                 const RunRecord& run) override;

  // Live events: one bulk upsert per entity / bulk deletes per blueprint, with
  // ocean_info_event_type=live_event; they do not touch the running resync's bookkeeping
  // (refreshed entities, relation references). Port's own updatedAt keeps a live write out of a
  // running resync's ListOwned (`before`: the resync's start).
  boost::asio::awaitable<UpsertOutcome> UpsertLive(UpsertBatch batch) override;
  boost::asio::awaitable<DeleteOutcome> DeleteLive(std::vector<EntityKey> keys,
                                                   const PortAppConfig& config) override;

  // The resync-state fields nextResync / intervalInMinuets at `now`.
  json::object ScheduleFields(core::Timestamp now) const;

 private:
  struct Pending;  // one entity on its way to Port
  port::QueryParams UpsertQuery(const ResyncStart& start) const;
  port::QueryParams InfoQuery(const ResyncStart& start) const;
  boost::asio::awaitable<void> SendBulk(const std::string& blueprint, std::vector<Pending> batch,
                                        const port::QueryParams& query, UpsertOutcome& out);
  boost::asio::awaitable<void> SendSingles(const std::string& blueprint,
                                           std::vector<Pending> batch,
                                           const port::QueryParams& query, UpsertOutcome& out);
  void Upserted(const std::string& blueprint, const json::value& identifier, bool created, Pending& p,
                UpsertOutcome& out);
  boost::asio::awaitable<port::RelationTargets> TargetsOf(std::set<std::string> blueprints);
  boost::asio::awaitable<void> DeleteBatch(const std::string& blueprint,
                                           std::vector<std::string> ids, bool dependents,
                                           const ResyncStart& start, DeleteOutcome& out);

  std::shared_ptr<port::PortClient> client_;
  PortSinkOptions options_;
  std::optional<ResyncStart> start_;
  // References of entities upserted in this resync, by source blueprint (safe delete).
  std::map<std::string, std::set<port::RelationRef>> kept_refs_;
  // References of the owned entities ListOwned saw (deletion order).
  std::map<EntityKey, std::vector<port::RelationRef>> owned_refs_;
  std::set<EntityKey> refreshed_existing_;  // upserted in this resync, existed before it
  port::RelationTargets targets_cache_;  // per resync
};

}  // namespace ocean
