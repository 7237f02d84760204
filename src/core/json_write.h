// JSON writing pieces below core::WriteJson (json.h) for callers that assemble JSON text
// themselves, e.g. the SQLite sink writing an entity's members while it notes where they sit.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace core {

// kJson: as WriteJson escapes a string value. kJq: as jq 1.6 prints one (tostring, tojson,
// string interpolation), which also escapes DEL (0x7F) as \u007f; both write other non-ASCII
// UTF-8 as it is and controls as \b \t \n \f \r or \u00xx (lower-case hex).
enum class JsonStringStyle { kJson, kJq };

// Appends `s` as a JSON string (quoted, escaped per `style`), without building a json::value.
void WriteJsonString(std::string_view s, std::string& out,
                     JsonStringStyle style = JsonStringStyle::kJson);

}  // namespace core
