// The part of a request that rest-json and rest-xml share: method, URI template labels (greedy
// "{Key+}" keeps '/'), the requestUri's literal query, querystring members (lists repeated, maps
// spread into pairs), headers (timestamps RFC-1123 by default, lists comma-joined with quoting,
// jsonvalue members as base64 JSON, "headers" maps under their prefix) and the choice of body:
// the payload member (raw for blob/string payloads), else the members that have no location.
// The body's format is the codec's business.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "core/json.h"
#include "core/result.h"

namespace aws::protocol::internal {

struct RestBodyCodec {
  // The body sent for an absent structure payload ("{}" in rest-json, "" in rest-xml).
  std::string_view empty_body;
  // rest-json: send `empty_body` when the input has body members but none was given.
  bool empty_body_for_body_members = false;
  // rest-json: a non-empty, non-streaming body gets "Content-Type: application/json".
  bool json_content_type = false;
  // Serializes the structure `v` described by `m` (whose wire name is the XML root element).
  core::Result<std::string> (*serialize)(const model::Member& m, const json::value& v) = nullptr;
};

core::Result<SerializedRequest> SerializeRest(const model::Operation& op,
                                              const json::object& params,
                                              const RestBodyCodec& codec);

}  // namespace aws::protocol::internal
