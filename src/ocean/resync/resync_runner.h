// RunResync: one full resync, Ocean's algorithm with ocean-aws's safety rules:
//
//   BeginResync (sink) -> discover accounts -> every resource config (RunKind), concurrently when
//   createMissingRelatedEntities is on (the order of creation then does not matter to Port),
//   else strictly in mapping order -> reconcile -> EndResync (sink, always).
//
// Reconciliation (sinks that keep state only) deletes owned entities not seen in this resync,
// except those of blueprints whose kind is incomplete (a failed scope, an inaccessible account,
// a mapping error), and only when deleted/owned <= entityDeletionThreshold. An aborted resync
// deletes nothing; a run narrowed by --region deletes nothing unless reconcile_narrowed. A mapping
// that does not compile is a configuration error found before anything is listed or written
// (report.configuration_error, status failed, the sink is not touched). Status: aborted | failed
// (a scope failed, a kind is incomplete or deletion failed) | completed.
//
// Thread-safety: a coroutine on the event loop that owns `env`'s source and sink; one resync
// at a time per environment (ResyncCoordinator serialises them).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "catalog/integration_config.h"
#include "catalog/source.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/jq_program.h"
#include "ocean/mapping/pool/mapping_pool.h"
#include "ocean/resync/abort_signal.h"
#include "ocean/resync/kind_stages.h"
#include "ocean/resync/resync_observer.h"
#include "ocean/resync/resync_report.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean {

struct ResyncEnvironment {
  catalog::Source& source;  // accounts and resources (catalog's front door)
  catalog::IntegrationConfig integration;
  EntitySink& sink;
  mapping::JqOptions jq;
  std::vector<std::string> only_regions;  // CLI --region
  mapping::pool::MappingPool* mapping_pool = nullptr;  // null: map on the event loop's thread
  // A run narrowed by only_regions lists less than the configuration covers, so by default it
  // deletes nothing (entities of the regions left out would look stale). true: reconcile
  // anyway, taking the listed regions as the whole catalog (--reconcile-narrowed).
  bool reconcile_narrowed = false;
  // Batches listed but not yet loaded, over all kinds of the resync (KindStages' StageBudget):
  // bounds memory, and how far the listing may run ahead of a slow sink.
  std::size_t stage_capacity = kDefaultStageCapacity;
};

// Compiles every resource config's mapping (selector, itemsToParse, every leaf), in config
// order: the first that does not compile is an InvalidArgument naming the resource, field and
// jq's message.
core::Result<std::vector<mapping::EntityMapper>> CompileMappings(const PortAppConfig& config,
                                                                 const mapping::JqOptions& jq);

boost::asio::awaitable<ResyncReport> RunResync(ResyncEnvironment& env, const PortAppConfig& config,
                                               std::string trigger, AbortSignalPtr abort,
                                               ResyncObserver* observer = nullptr);

// A new resync id (uuid4 text).
std::string NewResyncId();

}  // namespace ocean
