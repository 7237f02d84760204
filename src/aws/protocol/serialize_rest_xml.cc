// The rest-xml protocol (S3): the shared REST request (serialize_rest.h) with an XML body built
// with pugixml. The root element is the payload member's locationName (else the input shape's);
// xmlNamespace traits become xmlns / xmlns:<prefix> attributes on the element they describe;
// xmlAttribute members become attributes of their structure's element; flattened lists and maps
// repeat their element directly under the parent. Timestamps are ISO-8601, blobs base64, no XML
// declaration, no whitespace. Requests without a payload have an empty body.
#include <pugixml.hpp>

#include <sstream>
#include <string>

#include "aws/protocol/serialize_internal.h"
#include "aws/protocol/serialize_rest.h"

namespace aws::protocol::internal {
namespace {

using model::Member;
using model::ShapeType;

void AddNamespace(const Member& m, pugi::xml_node node) {
  if (m.xml_namespace_uri.empty()) return;
  std::string attr = "xmlns";
  if (!m.xml_namespace_prefix.empty()) {
    attr += ":";
    attr += m.xml_namespace_prefix.view();
  }
  node.append_attribute(attr.c_str()).set_value(m.xml_namespace_uri.c_str());
}

void Write(const Member& m, const json::value& v, pugi::xml_node parent, const std::string& name);

void WriteStructure(const Member& m, const json::object& o, pugi::xml_node parent,
                    const std::string& name) {
  pugi::xml_node node = parent.append_child(name.c_str());
  AddNamespace(m, node);
  for (const auto& kv : o) {
    const Member* child = m.shape->FindMember(kv.key());
    if (!child || kv.value().is_null()) continue;
    std::string child_name(child->WireName(kv.key()));
    if (child->xml_attribute) {
      std::string text = ScalarText(kv.value(), *child, "iso8601");
      node.append_attribute(child_name.c_str()).set_value(text.c_str());
      continue;
    }
    Write(*child, kv.value(), node, child_name);
  }
}

void WriteList(const Member& m, const json::array& a, pugi::xml_node parent,
               const std::string& name) {
  const Member& element = m.shape->member();
  std::string element_name = m.flattened ? name : std::string(element.WireName("member"));
  pugi::xml_node list_node = m.flattened ? parent : parent.append_child(name.c_str());
  AddNamespace(m, list_node);  // botocore puts a flattened list's namespace on the parent
  for (const auto& e : a) Write(element, e, list_node, element_name);
}

void WriteMap(const Member& m, const json::object& o, pugi::xml_node parent,
              const std::string& name) {
  pugi::xml_node map_node;
  if (!m.flattened) {
    map_node = parent.append_child(name.c_str());
    AddNamespace(m, map_node);
  }
  const std::string key_name(m.shape->key().WireName("key"));
  const std::string value_name(m.shape->value().WireName("value"));
  for (const auto& kv : o) {
    pugi::xml_node entry = m.flattened ? parent.append_child(name.c_str())
                                       : map_node.append_child("entry");
    Write(m.shape->key(), json::value(kv.key()), entry, key_name);
    Write(m.shape->value(), kv.value(), entry, value_name);
  }
}

void Write(const Member& m, const json::value& v, pugi::xml_node parent, const std::string& name) {
  switch (m.shape->type) {
    case ShapeType::kStructure:
      if (v.is_object()) WriteStructure(m, v.get_object(), parent, name);
      return;
    case ShapeType::kList:
      if (v.is_array()) WriteList(m, v.get_array(), parent, name);
      return;
    case ShapeType::kMap:
      if (v.is_object()) WriteMap(m, v.get_object(), parent, name);
      return;
    default: {
      pugi::xml_node node = parent.append_child(name.c_str());
      std::string text = ScalarText(v, m, "iso8601");
      if (!text.empty()) node.text().set(text.c_str());
      AddNamespace(m, node);
    }
  }
}

core::Result<std::string> XmlBody(const Member& m, const json::value& v) {
  pugi::xml_document doc;
  std::string root(m.WireName(m.shape->name));
  Write(m, v, doc, root);
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

constexpr RestBodyCodec kRestXmlCodec{
    .empty_body = "",
    .empty_body_for_body_members = false,
    .json_content_type = false,
    .serialize = &XmlBody,
};

}  // namespace

core::Result<SerializedRequest> SerializeRestXml(const model::ServiceModel& service,
                                                 const model::Operation& op,
                                                 const json::object& params) {
  return SerializeRest(op, params, kRestXmlCodec);
}

}  // namespace aws::protocol::internal
