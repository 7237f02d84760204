// JSON: the one document model of ocean-aws (Boost.JSON), plus the helpers every layer needs.
//
// Boost.JSON was chosen because it is a mutable DOM whose objects keep insertion order (AWS
// responses and upstream's output have a meaningful key order), it parses at several hundred MB/s,
// and it ships with Debian's Boost 1.81. Serialization for output goes through WriteJson(), which
// renders numbers the way Python's json module does (Boost renders 1.5 as "1.5E0").
//
// Thread-safety: values are plain data; no shared state.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace json = boost::json;

namespace core {

// Parses `text` as one JSON document. The error names `what` (a file, a response) and the byte
// offset of the problem.
Result<json::value> ParseJson(std::string_view text, std::string_view what = "JSON document");

// Serializes compactly, with Python-compatible number rendering and non-ASCII kept as UTF-8.
std::string WriteJson(const json::value& v);
void WriteJson(const json::value& v, std::string& out);
// Indented like the AWS CLI's output (`indent` spaces a level; empty containers stay "[]"/"{}").
std::string WriteJsonPretty(const json::value& v, int indent = 4);

// Lookup helpers returning nullptr when the key is absent or the value has another type.
const json::value* Find(const json::object& o, std::string_view key);
const json::object* FindObject(const json::object& o, std::string_view key);
const json::array* FindArray(const json::object& o, std::string_view key);
std::string_view FindString(const json::object& o, std::string_view key,
                            std::string_view fallback = {});

}  // namespace core
