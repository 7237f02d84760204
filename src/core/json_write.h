// JSON writing pieces below core::WriteJson (json.h) for callers that assemble JSON text
// themselves, e.g. the SQLite sink writing an entity's members while it notes where they sit.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace core {

// Appends `s` as a JSON string (quoted, escaped as WriteJson escapes a string value), without
// building a json::value for it.
void WriteJsonString(std::string_view s, std::string& out);

}  // namespace core
