#include "aws/protocol/xml_shape_parser.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "aws/protocol/parse_scalars.h"

namespace aws::protocol {
namespace {

using core::Status;
using model::Member;
using model::Shape;
using model::ShapeType;

// Shapes can be recursive; XML nesting is bounded by the shape walk, and this guards it.
constexpr int kMaxXmlDepth = 100;

std::string_view LocalPart(std::string_view s) {
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

bool IsText(pugi::xml_node n) {
  pugi::xml_node_type t = n.type();  // an out-of-line call: once
  return t == pugi::node_pcdata || t == pugi::node_cdata;
}

bool IsElement(pugi::xml_node n) { return n.type() == pugi::node_element; }

// The element name a structure member is found under (botocore's _member_key_name).
std::string_view MemberXmlName(const Member& m) {
  if (m.flattened && m.shape->type == ShapeType::kList && !m.shape->member().location_name.empty()) {
    return m.shape->member().location_name;
  }
  return m.WireName(m.name);
}

bool IsFlattenedCollection(const Member& m) {
  return m.flattened && (m.shape->type == ShapeType::kList || m.shape->type == ShapeType::kMap);
}

class XmlWalker {
 public:
  core::Result<json::value> Value(const Shape& shape, pugi::xml_node node, int depth);
  core::Status StructureInto(const Shape& shape, pugi::xml_node node, json::object& out,
                             int depth);

 private:
  // Parses `first` and its following siblings of the same local name (a flattened collection).
  core::Result<json::value> Flattened(const Shape& shape, pugi::xml_node first, int depth);
  core::Status MapEntry(const Shape& shape, pugi::xml_node entry, json::object& out, int depth);
  core::Result<json::value> Scalar(const Shape& shape, pugi::xml_node node);

  std::string scratch_;
};

core::Result<json::value> XmlWalker::Value(const Shape& shape, pugi::xml_node node, int depth) {
  if (depth > kMaxXmlDepth) return Status::ParseError("XML nested too deeply");
  switch (shape.type) {
    case ShapeType::kStructure: {
      json::object obj;
      CORE_RETURN_IF_ERROR(StructureInto(shape, node, obj, depth + 1));
      return json::value(std::move(obj));
    }
    case ShapeType::kList: {
      json::array arr;
      // Counted first: one allocation, not one per doubling (a page's item list of 1,000
      // instances was copied ten times while it grew).
      std::size_t elements = 0;
      for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        elements += IsElement(c) ? 1 : 0;
      }
      arr.reserve(elements);
      for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (!IsElement(c)) continue;
        auto v = Value(*shape.member().shape, c, depth + 1);
        if (!v.ok()) return v.status().WithContext("[" + std::to_string(arr.size()) + "]");
        arr.push_back(std::move(*v));
      }
      return json::value(std::move(arr));
    }
    case ShapeType::kMap: {
      json::object obj;
      for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (IsElement(c)) CORE_RETURN_IF_ERROR(MapEntry(shape, c, obj, depth + 1));
      }
      return json::value(std::move(obj));
    }
    default:
      return Scalar(shape, node);
  }
}

core::Result<json::value> XmlWalker::Flattened(const Shape& shape, pugi::xml_node first,
                                               int depth) {
  std::string_view name = XmlLocalName(first.name());
  json::array arr;
  json::object map;
  for (pugi::xml_node c = first; c; c = c.next_sibling()) {
    if (!IsElement(c) || XmlLocalName(c.name()) != name) continue;
    if (shape.type == ShapeType::kMap) {
      CORE_RETURN_IF_ERROR(MapEntry(shape, c, map, depth + 1));
    } else {
      auto v = Value(*shape.member().shape, c, depth + 1);
      if (!v.ok()) return v.status().WithContext("[" + std::to_string(arr.size()) + "]");
      arr.push_back(std::move(*v));
    }
  }
  if (shape.type == ShapeType::kMap) return json::value(std::move(map));
  return json::value(std::move(arr));
}

core::Status XmlWalker::MapEntry(const Shape& shape, pugi::xml_node entry, json::object& out,
                                 int depth) {
  std::string_view key_name = shape.key().WireName("key");
  std::string_view value_name = shape.value().WireName("value");
  bool have_key = false;
  std::string key;
  json::value value;
  bool have_value = false;
  for (pugi::xml_node c = entry.first_child(); c; c = c.next_sibling()) {
    if (!IsElement(c)) continue;
    std::string_view tag = XmlLocalName(c.name());
    if (tag == key_name) {
      key = XmlText(c, scratch_);
      have_key = true;
    } else if (tag == value_name) {
      auto v = Value(*shape.value().shape, c, depth + 1);
      if (!v.ok()) return v.status();
      value = std::move(*v);
      have_value = true;
    } else {
      return Status::ParseError("unknown tag in map entry: <" + std::string(tag) + ">");
    }
  }
  if (!have_key || !have_value) return Status::ParseError("map entry without key or value");
  out[key] = std::move(value);  // a repeated key: the last value wins, as in a Python dict
  return Status::Ok();
}

core::Result<json::value> XmlWalker::Scalar(const Shape& shape, pugi::xml_node node) {
  std::string_view text = XmlText(node, scratch_);
  switch (shape.type) {
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return IntegerFromText(text);
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      return FloatFromText(text);
    case ShapeType::kBoolean:
      return json::value(text == "true");
    case ShapeType::kTimestamp:
      return TimestampFromText(text);
    default:  // string, blob (base64 text kept as is)
      return json::value(json::string(text));
  }
}

core::Status XmlWalker::StructureInto(const Shape& shape, pugi::xml_node node, json::object& out,
                                      int depth) {
  const size_t n = shape.members.size();
  if (n == 0) return Status::Ok();
  // First element per member. AWS sends elements in model order, so the scan resumes after the
  // last match: linear in the number of children, with no per-call index to build.
  constexpr size_t kInline = 128;
  pugi::xml_node_struct* inline_slots[kInline];  // raw pointers: pugi::xml_node's constructor
  std::unique_ptr<pugi::xml_node_struct*[]> heap_slots;  // is an out-of-line call
  pugi::xml_node_struct** slots = inline_slots;
  if (n > kInline) {
    heap_slots = std::make_unique<pugi::xml_node_struct*[]>(n);
    slots = heap_slots.get();
  }
  std::fill_n(slots, n, nullptr);
  size_t cursor = 0;
  size_t found = 0;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (!IsElement(c)) continue;
    std::string_view tag = XmlLocalName(c.name());
    for (size_t k = 0; k < n; ++k) {
      size_t i = cursor + k < n ? cursor + k : cursor + k - n;
      const Member& m = shape.members[i];
      if (m.location != model::Location::kBody || MemberXmlName(m) != tag) continue;
      if (slots[i] == nullptr) {
        slots[i] = c.internal_object();
        ++found;
      }
      cursor = IsFlattenedCollection(m) ? i : (i + 1 == n ? 0 : i + 1);
      break;
    }
  }
  out.reserve(out.size() + found);
  for (size_t i = 0; i < n; ++i) {
    const Member& m = shape.members[i];
    if (m.location != model::Location::kBody) continue;
    if (slots[i] != nullptr) {
      pugi::xml_node child(slots[i]);
      auto v = IsFlattenedCollection(m) ? Flattened(*m.shape, child, depth)
                                        : Value(*m.shape, child, depth);
      if (!v.ok()) return v.status().WithContext(m.name);
      out.emplace(m.name, std::move(*v));
    } else if (m.xml_attribute) {
      std::string_view want = m.WireName(m.name);
      for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        if (a.name() == want || XmlLocalName(a.name()) == LocalPart(want)) {
          out.emplace(m.name, json::string(a.value()));
          break;
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace

namespace {

constexpr unsigned kXmlParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;

Status CheckLoaded(const pugi::xml_parse_result& r, const pugi::xml_document& doc) {
  if (!r) {
    return Status::ParseError("invalid XML at byte " + std::to_string(r.offset) + ": " +
                              r.description());
  }
  if (!doc.document_element()) return Status::ParseError("invalid XML: no root element");
  return Status::Ok();
}

}  // namespace

core::Status LoadXml(std::string_view body, pugi::xml_document& doc) {
  if (!IsValidUtf8(body)) return Status::ParseError("invalid XML: not valid UTF-8");
  return CheckLoaded(
      doc.load_buffer(body.data(), body.size(), kXmlParseOptions, pugi::encoding_utf8), doc);
}

core::Status LoadXmlInto(std::string_view body, std::string& buffer, pugi::xml_document& doc) {
  if (!IsValidUtf8(body)) return Status::ParseError("invalid XML: not valid UTF-8");
  buffer.assign(body.data(), body.size());
  return CheckLoaded(doc.load_buffer_inplace(buffer.data(), buffer.size(), kXmlParseOptions,
                                             pugi::encoding_utf8),
                     doc);
}

std::string_view XmlLocalName(const char* name) { return LocalPart(name); }

std::string_view XmlText(pugi::xml_node node, std::string& scratch) {
  pugi::xml_node c = node.first_child();
  if (!c || !IsText(c)) return {};
  pugi::xml_node next = c.next_sibling();
  if (!next || !IsText(next)) return c.value();
  scratch.assign(c.value());
  for (; next && IsText(next); next = next.next_sibling()) scratch.append(next.value());
  return scratch;
}

pugi::xml_node XmlChild(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (IsElement(c) && XmlLocalName(c.name()) == name) return c;
  }
  return {};
}

core::Result<json::value> XmlToJson(const Shape& shape, pugi::xml_node node) {
  XmlWalker w;
  return w.Value(shape, node, 0);
}

core::Status XmlStructureInto(const Shape& shape, pugi::xml_node node, json::object& out) {
  XmlWalker w;
  return w.StructureInto(shape, node, out, 0);
}

}  // namespace aws::protocol
