// See response_shape_check.h.
#include "aws/protocol/response_shape_check.h"

#include <strings.h>

#include <string>
#include <string_view>

#include "aws/protocol/xml_shape_parser.h"

namespace aws::protocol {
namespace {

using model::Member;
using model::Shape;
using model::ShapeType;

bool IsRequestIdElement(std::string_view name) {
  return name == "requestId" || name == "RequestId" || name == "RequestID" ||
         name == "ResponseMetadata";
}

bool IsBodyMember(const Member& m) { return m.location == model::Location::kBody; }

bool MatchesXmlMember(const Shape& shape, std::string_view name) {
  for (const Member& m : shape.members) {
    if (!IsBodyMember(m)) continue;
    std::string_view wire = m.WireName(m.name);
    if (m.flattened && m.shape->type == ShapeType::kList &&
        !m.shape->member().location_name.empty()) {
      wire = m.shape->member().location_name;
    }
    if (wire == name) return true;
  }
  return false;
}

std::string Truncated(std::string_view s) {
  return s.size() > 40 ? std::string(s.substr(0, 40)) + "..." : std::string(s);
}

}  // namespace

core::Status CheckXmlOutputElement(const Shape& shape, pugi::xml_node node) {
  if (!node || shape.type != ShapeType::kStructure) return core::Status::Ok();
  std::string_view root = XmlLocalName(node.name());
  if (strcasecmp(std::string(root).c_str(), "html") == 0) {
    return core::Status::ParseError("the response is an HTML page (<" + Truncated(root) +
                                    ">), not the operation's output");
  }
  std::string_view stranger;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = XmlLocalName(child.name());
    if (IsRequestIdElement(name)) continue;
    if (MatchesXmlMember(shape, name)) return core::Status::Ok();
    if (stranger.empty()) stranger = name;
  }
  if (stranger.empty()) return core::Status::Ok();  // no content: an empty output
  return core::Status::ParseError("<" + Truncated(root) + "> holds <" + Truncated(stranger) +
                                  "> and no element of " + shape.name +
                                  ": not the operation's output");
}

core::Status CheckJsonOutputObject(const Shape& shape, const json::value& body) {
  if (shape.type != ShapeType::kStructure) return core::Status::Ok();
  const json::object* obj = body.if_object();
  if (obj == nullptr) {
    return core::Status::ParseError("the response body is not a JSON object, not the "
                                    "operation's output");
  }
  if (obj->empty()) return core::Status::Ok();
  for (const Member& m : shape.members) {
    if (IsBodyMember(m) && obj->contains(m.WireName(m.name))) return core::Status::Ok();
  }
  return core::Status::ParseError("the response object has the key \"" +
                                  Truncated(obj->begin()->key()) + "\" and no member of " +
                                  shape.name + ": not the operation's output");
}

}  // namespace aws::protocol
