// Built-in kinds are parsed when the kind table loads (kind_table.h) but validated against their
// AWS model and interpreted on first use (definition/lazy_kind.h), so that `ocean-aws kinds` and
// the start of a resync parse no AWS model (issue 13.5). Not when a models directory is
// configured (its models may replace embedded ones): then every kind is checked at load, as
// user-defined kinds always are.
//
// Thread-safety: as the kind table's readers (after the table is loaded).
#pragma once

#include <string_view>

#include "core/status.h"

namespace catalog {

// Validates every kind of the table against its AWS model and interprets it now (the lazy ones;
// eager ones already were); returns every error. Idempotent.
core::Status PrepareAllKinds();

// Whether `name`'s kind is interpreted on first use (false for unknown and eager kinds).
bool IsLazyKind(std::string_view name);

}  // namespace catalog
