#include "ocean/mapping/mapping_template.h"

namespace ocean::mapping {

namespace {
constexpr const char* kEntityKeys[] = {"identifier", "title",      "icon",     "blueprint",
                                       "team",       "properties", "relations"};
}  // namespace

MappingTemplate::MappingTemplate(const json::object& mappings) {
  root_.type = Node::Type::kObject;
  for (const char* key : kEntityKeys) {
    if (const json::value* v = mappings.if_contains(key)) {
      root_.members.push_back({key, Walk(*v, key)});
    }
  }
}

MappingTemplate::Node MappingTemplate::Walk(const json::value& v, const std::string& path) {
  Node n;
  if (v.is_string()) {
    n.type = Node::Type::kLeaf;
    n.leaf = leaves_.size();
    leaves_.push_back({path, std::string(v.get_string())});
  } else if (v.is_object()) {
    n.type = Node::Type::kObject;
    for (const auto& kv : v.get_object()) {
      std::string key(kv.key());
      n.members.push_back({key, Walk(kv.value(), path + "." + key)});
    }
  } else if (v.is_array()) {
    n.type = Node::Type::kArray;
    const json::array& a = v.get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      n.members.push_back({std::string(), Walk(a[i], path + "[" + std::to_string(i) + "]")});
    }
  } else {
    n.literal = v;
  }
  return n;
}

json::value MappingTemplate::BuildNode(const Node& n, std::vector<json::value>& values) const {
  switch (n.type) {
    case Node::Type::kLeaf:
      return std::move(values[n.leaf]);
    case Node::Type::kObject: {
      json::object o;
      o.reserve(n.members.size());
      for (const auto& m : n.members) o.insert_or_assign(m.key, BuildNode(m.node, values));
      return o;
    }
    case Node::Type::kArray: {
      json::array a;
      a.reserve(n.members.size());
      for (const auto& member : n.members) a.push_back(BuildNode(member.node, values));
      return a;
    }
    case Node::Type::kLiteral:
      return n.literal;
  }
  return nullptr;
}

json::object MappingTemplate::Build(std::vector<json::value>& values) const {
  return std::move(BuildNode(root_, values).as_object());
}

}  // namespace ocean::mapping
