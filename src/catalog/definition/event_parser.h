// Reads the live-event part of a kind definition (docs/ADDING_KINDS.md "Live events"):
//
//   events:                                   # one entry per (source, action, identifiers)
//     - source: ec2.amazonaws.com             # CloudTrail eventSource
//       names: [RunInstances]                 # CloudTrail eventName(s)
//       action: upsert                        # upsert | delete
//       identifiers:                          # paths into `detail`, or mappings
//         - responseElements.instancesSet.items[].instanceId
//         - {path: "requestParameters.resourcesSet.items[].resourceId", prefixes: ["i-"],
//            template: "{id}"}
//   deleteStub: {InstanceId: "{id}"}          # Properties of a delete's stub (event templates)
//   deleteIdentity: {by: [...], keep: [...]}  # delete_identity_parser.h
//
// Checks: known keys and types; a source ending in ".amazonaws.com"; names unique per kind and
// source; well-formed paths (event_template.h); templates with known placeholders; upserts need
// a single-resource `get` (or a hook); deletes need a deleteStub. Errors are lines
// "<file>: kind <name>: <path in the definition>: <what>", as kind_parser.h's.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "catalog/definition/kind_def.h"

namespace catalog::definition {

// Fills def.events, def.delete_stub and def.delete_identity from the definition's root mapping;
// returns the error lines ("" when none). Runs after the rest of `def` (name, get, hook,
// extraContext) is parsed.
std::string ParseEventMappings(const json::object& root, KindDef& def);

}  // namespace catalog::definition
