// Deterministic values of botocore shapes for the generic responder: a resource's listed item or
// a call's whole output, as boto3-shaped JSON (member names; timestamps as epoch seconds), a
// pure function of (seed hash, shape). Structures carry every member down to a small depth;
// lists hold one element, maps one entry; strings follow the member's name (…Arn: an ARN that
// ends in the resource's marker, …Name: the marker, …Status/…State: "ACTIVE", else
// "<member>-<hex>"), numbers respect the model's min/max.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aws/model/shape.h"
#include "core/json.h"

namespace fakeaws {

struct SynthScope {
  std::string_view service;
  std::string_view account;
  std::string_view region;
  std::string_view slug;
  std::string_view marker;  // "<slug>-<index>"
  // String members named one of these hold `identity` (a kind whose identity is a template
  // over such members: every answer about the resource names it the same way).
  const std::vector<std::string>* identity_members = nullptr;
  std::string_view identity;
};

json::value Synthesize(const aws::model::Shape* shape, std::string_view member_name, uint64_t h,
                       const SynthScope& scope, int depth = 0);

// Dot paths ("a.b", "@" = the value itself) into JSON values.
const json::value* GetPath(const json::value& v, std::string_view path);
json::value* GetPath(json::value& v, std::string_view path);
// Sets `path` in `v`, creating objects on the way ("@" replaces `v`).
void SetPath(json::value& v, std::string_view path, json::value value);

}  // namespace fakeaws
