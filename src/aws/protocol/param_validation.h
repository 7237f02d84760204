// Request-parameter validation with boto3's rules, run before any serializer.
//
// ValidateParams walks `params` (boto3's keyword arguments as JSON) against the operation's input
// shape and reports, in one InvalidArgument status, every unknown parameter name, value of the
// wrong JSON type and missing required member, each named by its path:
//   "DescribeInstances: Filters[0].Values: expected a list, got string; Bogus: unknown parameter"
// Paths follow boto3: structure members joined by '.', list elements as [i], map values as
// .<key>. Types accepted follow boto3 too: integers for integer/long, integers or floats for
// float/double, strings for blobs, ISO-8601/RFC-1123 strings or epoch numbers for timestamps,
// anything for document shapes; null is never a valid value. Length/range constraints are not
// checked (the embedded models do not carry them).
//
// FillIdempotencyTokens gives every absent top-level idempotency-token member a random UUID v4,
// as botocore's generate_idempotent_uuid handler does.
//
// Thread-safety: pure functions (the UUID generator is per call).
#pragma once

#include "aws/model/service_model.h"
#include "core/json.h"
#include "core/status.h"

namespace aws::protocol {

core::Status ValidateParams(const model::Operation& op, const json::object& params);

// Returns true when it added at least one token.
bool FillIdempotencyTokens(const model::Operation& op, json::object& params);

}  // namespace aws::protocol
