// Lazy interpretation of a kind definition (issue 13.5, cold start).
//
// BuildLazyKindSpec(def, hooks) returns at once, without touching the AWS models, a KindSpec
// whose plain fields (name, service, scope, list operation and result key, property order,
// regions, action names/defaults/operations/order) come straight from `def`, and whose
// closures (custom_list, to_resources, get_one, every action's run) validate the definition
// against its service model (validator.h) and interpret it (interpreter.h) on their first call,
// once, then delegate to the interpreted spec. A definition that fails validation then makes
// every closure return that error (a Status naming the file, kind and path), never crash.
//
// Which closures are set (non-null) is decided as BuildKindSpec decides it, so a lazy spec and
// an eager one look the same to their users. Hook names are checked at once (they need no
// model). The built-in kinds use this (kind_table.cc): their validity against the embedded
// models is a build-time fact pinned by KindTable tests (PrepareAllKinds), so `ocean-aws kinds`
// and the start of a resync parse no AWS model; user-defined kinds stay eager so that a bad
// definition still stops the process before any AWS call.
//
// `def` and `hooks` must outlive the spec (the kind table owns both).
//
// Thread-safety: the first call may come from any thread; the build runs once (std::call_once)
// and the result is immutable afterwards.
#pragma once

#include <functional>

#include "catalog/definition/hooks.h"
#include "catalog/definition/kind_def.h"
#include "core/result.h"

namespace catalog::definition {

// `prepare` (when given) receives a function that validates and interprets the definition now
// (a no-op after the first time) and returns its error, if any (kind_table.h: PrepareAllKinds()).
core::Result<KindSpec> BuildLazyKindSpec(const KindDef& def, const HookRegistry& hooks,
                                         std::function<core::Status()>* prepare = nullptr);

}  // namespace catalog::definition
