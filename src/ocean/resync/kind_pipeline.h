// RunKind: one resource config of a resync, end to end —
//   list every scope (catalog::ResyncKind) -> map each batch with the config's jq mapping
//   -> hand the entities to the sink -> remember every entity key seen (for reconciliation),
// as overlapping stages joined by a bounded queue (kind_stages.h): listing goes on while
// batches are mapped and loaded, and waits while the resync's StageBudget is full.
//
// A mapping that does not compile makes the kind fail (KindReport::error) without listing.
// Accounts that discovery could not access are recorded as failed scopes of the kind, so the
// kind is never "complete" while part of it was not seen. Per-item mapping errors are counted,
// the first few logged with kind, field, expression and item; the rest are in the report.
// With a mapping pool (ctx.mapping_pool) batches are mapped in worker processes, off this
// thread: an item that crashes, loops or exhausts a worker is a failed item (the kind is then
// incomplete: nothing of it is deleted) and the resync goes on; an abort stops the mapping at
// once. Without one (OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS=0) mapping runs inline; so does a
// mapping that is native only (EntityMapper::native_only(): no libjq program on ordinary items).
//
// Thread-safety: a coroutine on the resync's event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <set>
#include <span>
#include <vector>

#include "catalog/source.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/jq_program.h"
#include "ocean/mapping/pool/mapping_pool.h"
#include "ocean/resync/abort_signal.h"
#include "ocean/resync/kind_stages.h"
#include "ocean/resync/resync_observer.h"
#include "ocean/resync/resync_report.h"
#include "ocean/resync/seen_keys.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean {

struct KindPipelineContext {
  catalog::SourceRun& source;  // the resync's accounts (and those it could not enter)
  EntitySink& sink;
  const ResyncStart& start;
  const AbortSignal& abort;
  ResyncObserver* observer = nullptr;  // optional
  mapping::JqOptions jq;
  std::vector<std::string> only_regions;  // CLI --region; empty = discovery
  SeenKeys* seen = nullptr;               // every entity key handed to the sink
  mapping::pool::MappingPool* mapping_pool = nullptr;  // null: map on this thread
  // The resource's mapping, compiled by the caller (RunResync validates them all before
  // listing); null: RunKind compiles it, and a compile error fails the kind.
  const mapping::EntityMapper* mapper = nullptr;
  // The resync's bound on batches listed but not yet loaded, shared by its kinds; null: a bound
  // of kDefaultStageCapacity for this kind alone.
  StageBudget* stage_budget = nullptr;
};

boost::asio::awaitable<KindReport> RunKind(const ResourceConfig& resource,
                                           KindPipelineContext& ctx);

// "<kind>-<index>", Ocean's kind identifier in metrics.
std::string KindIdentifier(const ResourceConfig& resource);

}  // namespace ocean
