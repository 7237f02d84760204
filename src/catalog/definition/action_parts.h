// Internal to the actions of interpreted kinds: what one part of them uses of another
// (actions.cc: set, call and MakeAction; action_shape.cc: shaping an answer into properties;
// action_batch.cc: batch calls). Other callers use actions.h.
//
// Thread-safety: as actions.h (Place and ResourceVars are pure; RunBatch runs as a coroutine
// on the resync's loop, `def`, `svc` and `op` outliving it).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <span>

#include "catalog/action.h"
#include "catalog/definition/kind_def.h"
#include "catalog/definition/template.h"

namespace catalog::definition {

// Puts `value` under `def.into`, or merges its members when into is "*" (rename, keepOthers,
// keep, coerce). With `owned`, `value` belongs to the caller, who gives it up: its members are
// moved, not copied.
void Place(const ActionDef& def, const json::value& value, json::object& props,
           bool owned = false);

// What an action's templates see of resource `r` in the scope of `ctx`.
TemplateVars ResourceVars(const ActionContext& ctx, const Resource& r);

// A `batch` action over `rs`: calls of at most `max` ids (one group each with groupBy), up to
// `concurrency` at once, merged in order.
boost::asio::awaitable<core::Result<Enrichments>> RunBatch(const ActionDef* def,
                                                           const aws::model::ServiceModel* svc,
                                                           const aws::model::Operation* op,
                                                           ActionContext& ctx,
                                                           std::span<const Resource> rs);

}  // namespace catalog::definition
