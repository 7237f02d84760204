// Reads one kind definition file (YAML or JSON; docs/ADDING_KINDS.md) into a KindDef.
//
// Structural checks only: known keys, types, enums, one action type per action, unique action
// names, templates whose placeholders exist. Checks against the AWS models (operations, members,
// read-only verbs) are validator.h's. Every problem is reported, one per line, as
// "<file>: kind <name>: <path in the definition>: <what is wrong>".
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "catalog/definition/kind_def.h"
#include "core/result.h"

namespace catalog::definition {

core::Result<KindDef> ParseKindDefinition(std::string_view text, std::string_view file,
                                          bool built_in);

}  // namespace catalog::definition
