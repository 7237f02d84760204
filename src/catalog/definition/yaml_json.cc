#include "catalog/definition/yaml_json.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <string>

namespace catalog::definition {
namespace {

json::value Scalar(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() != "?") return json::string(text);  // quoted or explicitly tagged
  if (text == "true" || text == "True") return true;
  if (text == "false" || text == "False") return false;
  if (text.empty() || text == "null" || text == "~" || text == "Null") return nullptr;
  const char* b = text.data();
  const char* e = b + text.size();
  std::int64_t i;
  if (auto r = std::from_chars(b, e, i); r.ec == std::errc() && r.ptr == e) return i;
  double d;
  if (auto r = std::from_chars(b, e, d); r.ec == std::errc() && r.ptr == e) return d;
  return json::string(text);
}

json::value Convert(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      return Scalar(node);
    case YAML::NodeType::Sequence: {
      json::array a;
      a.reserve(node.size());
      for (const YAML::Node& n : node) a.push_back(Convert(n));
      return a;
    }
    case YAML::NodeType::Map: {
      json::object o;
      for (const auto& kv : node) o[kv.first.as<std::string>()] = Convert(kv.second);
      return o;
    }
  }
  return nullptr;
}

}  // namespace

core::Result<json::value> YamlToJson(std::string_view text) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    return Convert(root);
  } catch (const YAML::Exception& e) {
    return core::Status::ParseError("line " + std::to_string(e.mark.line + 1) + ", column " +
                                    std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace catalog::definition
