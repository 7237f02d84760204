// Validation of `port.entity.mappings` (Ocean's EntityMapping) for the port-app-config parser.
//
//   identifier: jq | search query     (required)
//   blueprint:  jq                     (required)
//   title, icon: jq | null
//   team:       jq | search query | null
//   properties: {name: jq}
//   relations:  {name: jq | search query}
//   search query: {combinator: jq, rules: [ {property: jq, operator: jq, value: jq} | query ]}
//
// Every leaf is a jq expression; YAML scalars that are not strings (true, 3, null inside a
// rule) are turned into their jq text. Keys other than the seven above are dropped (Ocean
// ignores them). Null optional keys are dropped (nothing to emit).
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace ocean::config {

// `value` is the mappings object found at `path` in the document named `source`.
core::Result<json::object> ParseEntityMappings(const json::value& value, std::string_view source,
                                               std::string_view path);

}  // namespace ocean::config
