// Runnable actions of interpreted kinds (set, call, pagedCall, batch) and the reaction terms
// shared by all of them (take, into, missing, rename, keepOthers, coerce, tolerate, absent).
//
// Thread-safety: the returned ActionFn runs as a coroutine on the resync's loop; `def`, `svc`
// and `op` must outlive it.
#pragma once

#include "catalog/action.h"
#include "catalog/definition/kind_def.h"

namespace catalog::definition {

// `op` is null for `set`.
ActionFn MakeAction(const ActionDef& def, const aws::model::ServiceModel* svc,
                    const aws::model::Operation* op);

// ActionSpec::whole_calls of a batch action (null for the other types): `max` ids a call, and
// with `groupBy` only groups closed by a later resource of another group (a parent's children
// arrive together: ParentWindow hands them on in parent order).
WholeCallsFn MakeWholeCalls(const ActionDef& def);

// Applies take/into/missing/rename/keepOthers/coerce of `def` to `answer`, adding to `props`.
void ShapeAnswer(const ActionDef& def, const json::value& answer, json::object& props);
// The same for an answer the caller gives up: what is taken is moved, not copied.
void ShapeAnswer(const ActionDef& def, json::value&& answer, json::object& props);

// Coerces a string as upstream's models type it ("integer", "boolean", "number", "string");
// a value that does not read as the type stays as it is.
json::value Coerce(const json::value& v, std::string_view type);

}  // namespace catalog::definition
