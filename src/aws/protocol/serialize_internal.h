// Internals shared by the request serializers of the five protocols (see protocol.h for the
// public contract). Not part of the engine's interface: only src/aws/protocol/serialize*.cc
// include this header.
//
// Every function here expects params already checked by ValidateParams() (param_validation.h);
// on a value of an unexpected type they skip it or return an Internal error, never crash.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "core/json.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace aws::protocol::internal {

// A timestamp param as boto3 accepts it: an ISO-8601/RFC-1123 string or epoch seconds.
core::Result<core::Timestamp> TimestampParam(const json::value& v);

// Renders `t` in a model timestampFormat ("iso8601", "unixTimestamp", "rfc822"; any case) the
// way botocore does: ISO-8601 with microseconds only when non-zero, epoch as whole seconds.
std::string FormatTimestamp(core::Timestamp t, std::string_view format);

// Standard base64 (RFC 4648, with padding) of the bytes of `data`.
std::string Base64(std::string_view data);

// The text of a scalar param as botocore puts it on the wire: strings as they are, booleans
// "true"/"false", integers in decimal, floats as Python's str(), timestamps in `ts_format`,
// blobs base64-encoded when `base64_blobs`.
std::string ScalarText(const json::value& v, const model::Member& m, std::string_view ts_format,
                       bool base64_blobs = true);

// The member's timestampFormat, or `fallback` (the protocol's default) when it has none.
std::string_view TimestampFormatOr(const model::Member& m, std::string_view fallback);

// A Member standing for a whole shape (the input shape itself, with its own traits), used
// where botocore serializes a shape that no member refers to.
model::Member MemberForShape(const model::Shape& shape);

// JSON-protocol value of `v` described by `m` (keys renamed to locationName, timestamps in
// epoch seconds by default, blobs base64); shared by the json and rest-json serializers.
json::value JsonBodyValue(const model::Member& m, const json::value& v);

// Per-protocol serializers. `params` is validated and carries filled-in idempotency tokens.
core::Result<SerializedRequest> SerializeQuery(const model::ServiceModel& service,
                                               const model::Operation& op,
                                               const json::object& params, bool ec2);
core::Result<SerializedRequest> SerializeJsonRpc(const model::ServiceModel& service,
                                                 const model::Operation& op,
                                                 const json::object& params);
core::Result<SerializedRequest> SerializeRestJson(const model::ServiceModel& service,
                                                  const model::Operation& op,
                                                  const json::object& params);
core::Result<SerializedRequest> SerializeRestXml(const model::ServiceModel& service,
                                                 const model::Operation& op,
                                                 const json::object& params);

}  // namespace aws::protocol::internal
