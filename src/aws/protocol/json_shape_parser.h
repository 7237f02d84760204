// JSON body -> boto3-shaped JSON, driven by the shape graph (json 1.0/1.1 and rest-json bodies).
//
// Rules (botocore's BaseJSONParser / RestJSONParser, checked by the golden tests):
//  - structure members are looked up by wire key (locationName, else the member name) and
//    emitted under the member name in model order; null and absent members are absent; keys the
//    model does not know are dropped; document members pass through untouched.
//  - timestamps (epoch numbers, or text) become core::FormatUpstream text; blobs keep their
//    base64 text; list items and map values that are null stay null.
//  - scalars: the json protocol passes numbers, booleans and strings through as sent (botocore
//    does no coercion there); rest-json coerces like Python's int()/float() and botocore's
//    ensure_boolean ("5" -> 5 for an integer, "TRUE" -> true, 5.7 -> 5).
//  - a value of the wrong JSON kind for a structure, list, map, timestamp or blob is a
//    ParseError naming the member path (botocore would raise a Python TypeError/AttributeError).
//
// The input is consumed: strings and documents are moved out of `in`, not copied.
// Thread-safety: pure functions.
#pragma once

#include "aws/model/shape.h"
#include "core/json.h"
#include "core/status.h"

namespace aws::protocol {

enum class JsonDialect { kJson, kRestJson };

core::Result<json::value> JsonToBoto(const model::Shape& shape, json::value& in,
                                     JsonDialect dialect);

// Appends the body-located members of structure `shape` found in `in` to `out`. `in` must be
// an object (an empty body is parsed as {} by the caller).
core::Status JsonStructureInto(const model::Shape& shape, json::value& in, JsonDialect dialect,
                               json::object& out);

}  // namespace aws::protocol
