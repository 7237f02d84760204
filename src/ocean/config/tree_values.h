// Reading typed values out of configuration trees (json::value from YAML, JSON or the
// environment), the way pydantic coerces them, plus the key-path vocabulary of error messages.
//
// Paths read like the document: `resources[2].port.entity.mappings`. Coercions accept the
// natural type and its text form (environment variables are always text):
//   bool:    true/false, or (case-insensitive) 1/0, true/false, t/f, yes/no, y/n, on/off
//   integer: an integer, a float with no fraction, or decimal text ("42", " -3 ")
//   number:  any number, or decimal text ("0.5", "1e-2")
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/status.h"

namespace ocean::config {

// InvalidArgument "<source>: <path>: <message>" (no path part when `path` is empty).
core::Status ConfigError(std::string_view source, std::string_view path, std::string_view message);

// "string", "number", "boolean", "null", "list" or "mapping", for "expected X, got Y".
std::string_view TypeName(const json::value& v);

// `path` + ".key" (just "key" at the root) and `path` + "[i]".
std::string ChildPath(std::string_view path, std::string_view key);
std::string IndexPath(std::string_view path, std::size_t index);

// The value of `camel` (preferred, as pydantic prefers the alias) or else `snake`; nullptr when
// neither is present. `*used` (optional) receives the key that was found.
const json::value* FindAlias(const json::object& o, std::string_view camel, std::string_view snake,
                             std::string* used = nullptr);

std::optional<bool> AsBool(const json::value& v);
std::optional<std::int64_t> AsInteger(const json::value& v);
std::optional<double> AsNumber(const json::value& v);

// `text` as a JSON string literal for messages: "abc" (quotes and control characters escaped,
// cut to 80 characters). Never call it with a secret.
std::string Quoted(std::string_view text);

// A value for messages: strings quoted, other scalars as JSON, containers as their type name.
std::string Describe(const json::value& v);

}  // namespace ocean::config
