// Reads one entry of a kind definition's `actions:` list (docs/ADDING_KINDS.md "Actions"): its
// call (call, pagedCall, batch or hook), how the answer is taken into the resource (take, into,
// rename, keep, coerce, ...), when it applies (default, defaultWhen, after) and how failures
// count (tolerate, absent, absentOn). Errors go to the reader with their path.
//
// Thread-safety: pure function over the reader it is given.
#pragma once

#include <string>

#include "catalog/definition/definition_reader.h"
#include "catalog/definition/kind_def.h"

namespace catalog::definition {

// `path` is the entry's place ("/actions/3"); `has_parent`: the kind lists under a parent, so
// templates may read {parent...}.
ActionDef ParseAction(DefinitionReader& r, const json::value& v, const std::string& path,
                      bool has_parent);

// Whether an action's templates read the listed item ({item}, {item.P}): the listing must then
// keep each item for the action.
bool UsesItem(const ActionDef& a);

}  // namespace catalog::definition
