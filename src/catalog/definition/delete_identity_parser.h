// Reads a kind definition's `deleteIdentity` (docs/ADDING_KINDS.md "Live events"): the flag of
// a kind whose delete events do not carry its whole identity, so the catalog remembers each
// resource's identity (catalog/identity_index.h) for its deletes:
//
//   deleteIdentity:
//     by: [RoleName]                        # properties a delete event's id may equal
//     keep: [RoleName, RoleId, Arn, Path]   # remembered: the delete stub's Properties
//     completePrefixes: ["arn:"]            # optional: ids that make deleteStub whole
//
// Checks: known keys; `by` and `keep` non-empty lists of property names, every `by` also kept
// (so the entry can be forgotten by any of its names); the kind has delete events and a
// deleteStub (what the flag corrects), and an extra context (the index is keyed by account).
// Errors are lines "<file>: kind <name>: /deleteIdentity/<path>: <what>", as event_parser.h's.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "catalog/definition/kind_def.h"

namespace catalog::definition {

// Fills def.delete_identity from the root mapping (nothing when the key is absent); returns the
// error lines ("" when none). Runs after def.events, def.delete_stub and def.extra_context.
std::string ParseDeleteIdentity(const json::object& root, KindDef& def);

}  // namespace catalog::definition
