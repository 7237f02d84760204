// Document parsing for every YAML/JSON file ocean-aws reads from outside (port-app-config,
// config.yaml, .port/spec.yaml, kind definitions): YAML or JSON text -> one json::value.
//
// JSON is recognised by a leading '{' or '[' after whitespace; anything else is YAML (a JSON
// document is also valid YAML, but Boost.JSON gives better errors and keeps number types).
// YAML scalars follow the YAML 1.2 core schema: a *plain* (unquoted) scalar becomes null, a
// boolean, an integer or a float when it reads as one, otherwise a string; a quoted scalar is
// always a string. Mapping keys are always strings (a key `1:` becomes "1").
//
// Syntax errors are ParseError statuses of the form "<source>:<line>:<column>: <problem>"
// (1-based line and column), for YAML from yaml-cpp's mark and for JSON from the byte offset
// at which Boost.JSON stopped.
//
// Bounded memory: YAML aliases are expanded while converting, within a budget of 1,000,000
// values + the text's size and 64 MiB + the text's size of scalar text, nesting <= 256 levels;
// a document beyond it (an alias bomb) is an InvalidArgument "<source>:<line>:<column>: the
// document expands to ...". No document without aliases can reach the budget.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace core {

// Whether `text` is to be read as JSON (first non-blank character is '{' or '[').
bool LooksLikeJson(std::string_view text);

// Parses YAML or JSON text. An empty or all-comment YAML document is null.
core::Result<json::value> ParseDocument(std::string_view text, std::string_view source_name);

// Reads a whole file; NotFound when it does not exist, naming the path.
core::Result<std::string> ReadTextFile(const std::string& path);

// 1-based line and column of byte `offset` in `text`, as "line:column".
std::string LineColumn(std::string_view text, std::size_t offset);

// A scalar as the jq expression text it stands for: strings as they are, true/false/null and
// numbers as their text (a YAML `query: true` means the jq program `true`). Returns false for
// objects and arrays.
bool ScalarAsText(const json::value& v, std::string* out);

}  // namespace core
