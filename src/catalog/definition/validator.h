// Load-time validation of a parsed kind definition against the AWS models.
//
//   - the service is known (embedded, or loaded from a models directory);
//   - every operation exists and is read-only: its name starts with a read verb (List,
//     Describe, Get, BatchGet, BatchDescribe, Search, Lookup, Head, Query, Scan), so that no
//     definition can make ocean-aws call a mutating AWS operation;
//   - no operation reads a secret value (secret_reads.h: GetSecretValue, GetParameter(s), ...);
//   - params name members of the operation's input, and items/identity/take/key/failures paths
//     name members of its output (walking structures and list elements);
//   - no two actions write the same property (set keys, `into`, renamed members).
// Every problem is one line "<file>: kind <name>: <path in the definition>: <what>".
//
// Thread-safety: pure function (reads the immutable models).
#pragma once

#include <string_view>

#include "catalog/definition/kind_def.h"
#include "core/status.h"

namespace catalog::definition {

core::Status ValidateKind(const KindDef& def);

// True for the read verbs listed above.
bool IsReadOnlyOperation(std::string_view name);

}  // namespace catalog::definition
