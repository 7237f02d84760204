// The small JMESPath subset that paginators-1.json uses for tokens and result keys:
//   Name            a member
//   A.B.C           nested members
//   List[-1].Key    an index (negative counts from the end) then a member
//   X || Y          the first of X, Y that is present and not null/empty
// Anything else is rejected when the expression is compiled, so a model using more of
// JMESPath fails loudly at the first call instead of paginating wrongly.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace aws::pagination {

// Returns the value at `expr` in `doc`, or nullptr when absent. Error on unsupported syntax.
core::Result<const json::value*> Evaluate(const json::value& doc, std::string_view expr);

// Sets `value` at a dotted path in `doc` (creating objects), for expressions without indexes.
core::Status Assign(json::object& doc, std::string_view path, json::value value);

}  // namespace aws::pagination
