// Text -> scalar conversions shared by the XML body, header and rest-json parsers, with Python's
// int()/float() leniency (surrounding whitespace, a leading '+') so results match botocore.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "core/utf8.h"

namespace aws::protocol {

// int(text): an integer that fits int64 (or uint64). Anything else is a ParseError; botocore
// would keep arbitrarily large integers, we refuse them (documented difference).
core::Result<json::value> IntegerFromText(std::string_view text);

// float(text): a finite double. "nan"/"inf" are ParseErrors (JSON cannot carry them).
core::Result<json::value> FloatFromText(std::string_view text);

// parse_timestamp(text): ISO-8601, RFC-1123 or epoch seconds -> core::FormatUpstream text.
core::Result<json::value> TimestampFromText(std::string_view text);

// The same for an epoch number held in JSON.
core::Result<json::value> TimestampFromEpoch(double seconds);

// Standard base64 with padding (blob payloads that are not UTF-8 text).
std::string Base64Encode(std::string_view bytes);
// Decodes standard base64 (whitespace not allowed); nullopt when `text` is not base64.
std::optional<std::string> Base64Decode(std::string_view text);

using core::IsValidUtf8;  // core/utf8.h

// "The quick brown..." -> at most `max` bytes, cut at a UTF-8 boundary, for error messages.
std::string_view Excerpt(std::string_view s, size_t max = 120);

}  // namespace aws::protocol
