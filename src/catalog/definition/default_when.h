// Conditional default actions (`defaultWhen`, docs/ADDING_KINDS.md "Actions"): which listed
// resources a default-when action runs for, and the action restricted to them.
//
// The one condition, `propertiesOnly: identity`, holds for a resource whose listed properties
// say nothing beyond its identity: none at all, or each a string (or number) equal to the
// identity or, with `identitySeparator`, to one of its parts. Cloud Control's ListResources
// gives many types' primary identifier only ("Properties": {"HealthCheckId": "abc"}, or
// {"ApiId": "a", "StageName": "b"} for the identifier "a|b"): those need GetResource; a
// listing that carries anything more is taken as the resource's model.
//
// Thread-safety: pure functions; the returned action is as thread-safe as the one it wraps.
#pragma once

#include "catalog/action.h"
#include "catalog/definition/kind_def.h"

namespace catalog::definition {

// Whether `r`, as listed (before any action), meets `when`.
bool MeetsDefaultWhen(const DefaultWhenDef& when, const Resource& r);

// `every` run only for the resources of each batch that meet `when` (nothing is called when
// none does). `when` must outlive the returned function (it belongs to the kind table).
ActionFn OnlyWhen(const DefaultWhenDef* when, ActionFn every);

}  // namespace catalog::definition
