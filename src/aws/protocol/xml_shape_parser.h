// XML element tree -> boto3-shaped JSON, driven by the shape graph. Shared by the query, ec2 and
// rest-xml response parsers (query starts at <OpResult>, ec2 at the root, rest-xml at the root or
// the payload member) and by the error parsers (LoadXml, XmlText, XmlLocalName).
//
// Rules (botocore's BaseXMLResponseParser, verified against it by the golden tests):
//  - structure members are matched by wire name (locationName, else the member name; for a
//    flattened list the list member's locationName) against element names without namespace
//    prefix; output keys are member names in model order; members absent on the wire are absent;
//    a repeated element for a non-flattened member: the first one wins.
//  - wrapped lists take every child element whatever its tag (<member>, <item>, custom names);
//    an empty wrapped list gives []; flattened lists take the repeated sibling elements.
//  - maps: <entry><key/><value/></entry> (or flattened entries), key/value names overridable;
//    an unknown tag inside an entry, or an entry without key or value, is a ParseError.
//  - scalars: integer/long must parse (ParseError otherwise, as botocore raises), booleans are
//    "true" -> true, anything else false; timestamps in any AWS wire format become
//    core::FormatUpstream text; blobs keep their base64 text.
//  - xmlAttribute members are read from the element's attributes.
//
// Errors are core::Status ParseError values naming the member path; nothing throws.
// Thread-safety: pure functions.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "aws/model/shape.h"
#include "core/json.h"
#include "core/status.h"

namespace aws::protocol {

// Parses `body` into `doc` (UTF-8 is validated first; pugixml does not). A body that is not one
// well-formed XML document is a ParseError naming the byte offset.
core::Status LoadXml(std::string_view body, pugi::xml_document& doc);

// LoadXml without pugixml's copy of the body into a fresh buffer: `body` is copied into
// `buffer` (its capacity kept from one call to the next by a caller that reuses it) and parsed
// there. `doc` points into `buffer`: keep it unchanged while `doc` is read. Same result as LoadXml.
core::Status LoadXmlInto(std::string_view body, std::string& buffer, pugi::xml_document& doc);

// "s3:Bucket" -> "Bucket" (ElementTree strips the namespace the same way).
std::string_view XmlLocalName(const char* name);

// ElementTree's `.text`: the PCDATA/CDATA before the first child element ("" when none). Points
// into the document, or into `scratch` when several text nodes had to be joined.
std::string_view XmlText(pugi::xml_node node, std::string& scratch);

// The first child element whose local name is `name`, or an empty node.
pugi::xml_node XmlChild(pugi::xml_node node, std::string_view name);

// Parses `node` as a value of `shape`.
core::Result<json::value> XmlToJson(const model::Shape& shape, pugi::xml_node node);

// Appends the body-located members of structure `shape` found under `node` to `out`.
core::Status XmlStructureInto(const model::Shape& shape, pugi::xml_node node, json::object& out);

}  // namespace aws::protocol
