// The syntax tree of a native leaf (native_leaf.h), shared by its parser (native_leaf_parse.cc)
// and its evaluator (native_leaf.cc). Internal to src/ocean/mapping.
//
// Thread-safety: a Node is immutable after parsing; evaluation may run concurrently.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "ocean/mapping/jq_regex.h"
#include "ocean/mapping/native_leaf.h"

namespace ocean::mapping {

struct NativeLeaf::Node {
  enum class Type { kPath, kLiteral, kObject, kArray, kSum, kPipe, kToString, kSplit, kMatch, kTest } type =
      Type::kLiteral;
  struct Step {
    std::string key;           // a field name, unless `index` is set
    std::optional<int> index;  // `.[N]` / `[-N]`: an array index (negative counts from the end)
  };
  std::vector<Step> steps;        // kPath (empty = `.`)
  std::vector<std::string> keys;  // kObject: member keys
  std::vector<Node> children;     // kObject: member values; kArray: elements; kSum: terms;
                                  // kPipe: stages, each fed the previous one's output
  json::value literal;            // kLiteral; kSplit: the separator
  std::shared_ptr<const JqRegex> regex;  // kMatch, kTest
};

// The outcome of evaluating a node: a value, no output at all (match without a match), or
// "ask libjq" (an error to report, or a case the native evaluator does not reproduce).
enum class LeafOutcome { kValue, kEmpty, kDecline };

std::optional<NativeLeaf::Node> ParseLeafNode(std::string_view body);
LeafOutcome EvalLeafNode(const NativeLeaf::Node& n, const json::value& input, json::value& out);

}  // namespace ocean::mapping
