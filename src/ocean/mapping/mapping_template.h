// MappingTemplate: the `port.entity.mappings` object split into its jq leaves and a shape that
// rebuilds the entity from the leaves' values.
//
// Leaves are every string found recursively through the top-level keys identifier, title, icon,
// blueprint, team, properties and relations (objects and arrays are walked; search-query objects
// {combinator, rules: [{property, operator, value} | nested]} are just objects). Each leaf has a
// field path such as "properties.arn" or "relations.account.rules[0].value". Non-string scalars
// in the mapping are copied as they are. Other top-level keys are ignored, as Ocean's model does.
// Build() emits only the keys present, in the order above.
//
// Thread-safety: immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"

namespace ocean::mapping {

struct MappingLeaf {
  std::string field;       // e.g. "properties.arn"
  std::string expression;  // the jq text as written
};

class MappingTemplate {
 public:
  explicit MappingTemplate(const json::object& mappings);

  const std::vector<MappingLeaf>& leaves() const { return leaves_; }

  // The entity with leaf i replaced by values[i] (values.size() == leaves().size()).
  json::object Build(std::vector<json::value>& values) const;

 private:
  struct Member;
  struct Node {
    enum class Type { kLeaf, kObject, kArray, kLiteral } type = Type::kLiteral;
    std::size_t leaf = 0;
    // Object members in key order / array elements (key ""). A vector of a type declared
    // later, not of std::pair<std::string, Node>: std::pair needs Node complete (clang says so).
    std::vector<Member> members;
    json::value literal;
  };
  struct Member {
    std::string key;
    Node node;
  };
  Node Walk(const json::value& v, const std::string& path);
  json::value BuildNode(const Node& n, std::vector<json::value>& values) const;

  std::vector<MappingLeaf> leaves_;
  Node root_;  // an object node
};

}  // namespace ocean::mapping
