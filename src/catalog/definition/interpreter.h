// The kind interpreter: turns a validated KindDef into the KindSpec the resync pipeline runs.
//
//   list     pages the listing operation (or the kind's own paginator), optionally per item of
//            a parent listing, flattens children, takes the identity, the listed properties and
//            extra context, and hands batches to the exporter as pages arrive;
//   actions  set | call | pagedCall | batch | hook, each yielding properties per identity (never
//            by position) through take/into/missing/rename/coerce/tolerate/absent;
//   get      one resource by id, not-found meaning "absent".
// Per-resource NotFound/AccessDenied leave that resource without the enrichment; other
// per-resource failures are counted in ActionContext.enrichment_errors (catalog/action.h).
// S3 calls go through aws::s3::CallBucketAware (the bucket's own region).
//
// The KindSpec's closures point into `def`, which must outlive it (the kind table owns both).
//
// Thread-safety: the returned KindSpec is immutable; its coroutines run on the resync's loop.
#pragma once

#include "catalog/definition/hooks.h"
#include "catalog/definition/kind_def.h"
#include "core/result.h"

namespace catalog::definition {

// The spec's plain fields (name, service, scope, regions, order, extra context), no closures:
// shared by BuildKindSpec and the lazy built-in kinds (lazy_kind.h).
KindSpec KindSpecHeader(const KindDef& def);
core::Result<KindSpec> BuildKindSpec(const KindDef& def, const HookRegistry& hooks);

}  // namespace catalog::definition
