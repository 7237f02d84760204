// Whether a 2xx body that parses is the operation's response at all.
//
// A captive portal, a corporate proxy or a misrouted endpoint can answer 200 with a well-formed
// document (an XHTML page, a JSON error object) that the shape-driven parsers would read as an
// output with every member absent: "0 buckets, complete", and the catalog's buckets deleted as
// stale. These checks turn such a body into a ParseError, which the client retries like a 5xx
// and, when retries run out, fails the scope (never "complete").
//
// Rules, for a structure output:
//   XML  (ec2, query, rest-xml): the element holding the members (the root, or <OpResult>) is
//        refused when it is an HTML root (<html>, any namespace or case), or when it has child
//        elements and none of them is a member of the output (by wire name, flattened lists by
//        their member name); request-id elements (requestId, RequestId, RequestID,
//        ResponseMetadata) are ignored. An element without children is an empty output.
//   JSON (json, rest-json): the body must be an object; an object with keys none of which is a
//        body member (by wire name) is refused. {} is an empty output.
// AWS adds undocumented elements now and then, but never answers with only undocumented ones
// where the model's members are expected, so a real response always passes.
//
// Thread-safety: pure functions.
#pragma once

#include <pugixml.hpp>

#include "aws/model/shape.h"
#include "core/json.h"
#include "core/status.h"

namespace aws::protocol {

core::Status CheckXmlOutputElement(const model::Shape& shape, pugi::xml_node node);
core::Status CheckJsonOutputObject(const model::Shape& shape, const json::value& body);

}  // namespace aws::protocol
