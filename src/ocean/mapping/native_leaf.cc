#include "ocean/mapping/native_leaf.h"

#include <cmath>
#include <cstdint>
#include <optional>

#include "ocean/mapping/jq_dump.h"
#include "ocean/mapping/jv_value.h"
#include "ocean/mapping/native_leaf_node.h"

namespace ocean::mapping {
namespace {

using Node = NativeLeaf::Node;

// -0: libjq keeps its sign inside a leaf (`tostring` prints "-0") but gives it back as 0
// (NumberFromDouble). Values inside an evaluation keep -0.0 as a double, noted here, and
// Evaluate() turns them into 0 at the end (only when one was made: a walk otherwise saved).
thread_local bool made_negative_zero = false;

json::value JqNumber(double d) {
  if (d == 0 && std::signbit(d)) {
    made_negative_zero = true;
    return d;
  }
  return NumberFromDouble(d);
}

void ZeroNegativeZeros(json::value& v) {
  if (v.is_double() && v.get_double() == 0) {
    v = std::int64_t{0};
  } else if (v.is_array()) {
    for (json::value& e : v.get_array()) ZeroNegativeZeros(e);
  } else if (v.is_object()) {
    for (auto& kv : v.get_object()) ZeroNegativeZeros(kv.value());
  }
}

bool LeafAdd(json::value& acc, json::value next) {
  if (acc.is_null()) {
    acc = std::move(next);
    return true;
  }
  if (next.is_null()) return true;
  if (acc.is_string() && next.is_string()) {
    acc.get_string().append(next.get_string());
    return true;
  }
  if (acc.is_array() && next.is_array()) {
    json::array& a = acc.get_array();
    for (json::value& e : next.get_array()) a.push_back(std::move(e));
    return true;
  }
  if (acc.is_object() && next.is_object()) {
    json::object& o = acc.get_object();
    for (auto& kv : next.get_object()) o.insert_or_assign(kv.key(), std::move(kv.value()));
    return true;
  }
  if (acc.is_number() && next.is_number()) {
    acc = JqNumber(acc.to_number<double>() + next.to_number<double>());
    return true;
  }
  return false;  // jq raises an error: libjq gives its exact message
}


const json::value kNull;

// A path's target in `input` (kNull for a missing key, an index out of range or a null on the
// way); false where libjq raises an error (indexing a non-object / non-array).
bool Resolve(const Node& n, const json::value& input, const json::value*& at) {
  const json::value* cur = &input;
  for (const Node::Step& step : n.steps) {
    if (cur->is_null()) break;
    if (step.index) {
      if (!cur->is_array()) return false;  // "Cannot index <type> with number"
      const json::array& a = cur->get_array();
      long i = *step.index;
      if (i < 0) i += static_cast<long>(a.size());
      if (i < 0 || i >= static_cast<long>(a.size())) {
        cur = &kNull;
        break;
      }
      cur = &a[static_cast<std::size_t>(i)];
      continue;
    }
    if (!cur->is_object()) return false;  // "Cannot index <type> with ..."
    cur = cur->get_object().if_contains(step.key);
    if (cur == nullptr) {
      cur = &kNull;
      break;
    }
  }
  at = cur;
  return true;
}

// A child of an object, array or sum: no output there is left to libjq (jq's order of
// evaluation decides what an empty value next to an error gives).
bool LeafValue(const Node& n, const json::value& input, json::value& out) {
  return EvalLeafNode(n, input, out) == LeafOutcome::kValue;
}

}  // namespace

LeafOutcome EvalLeafNode(const Node& n, const json::value& input, json::value& out) {
  constexpr LeafOutcome kValue = LeafOutcome::kValue;
  constexpr LeafOutcome kDecline = LeafOutcome::kDecline;
  switch (n.type) {
    case Node::Type::kLiteral:
      out = n.literal;
      return kValue;
    case Node::Type::kPath: {
      const json::value* at = nullptr;
      if (!Resolve(n, input, at)) return kDecline;
      return CopyAsJq(*at, out) ? kValue : kDecline;
    }
    case Node::Type::kObject: {
      json::object obj;
      obj.reserve(n.children.size());
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        json::value v;
        if (!LeafValue(n.children[i], input, v)) return kDecline;
        obj.insert_or_assign(n.keys[i], std::move(v));
      }
      out = std::move(obj);
      return kValue;
    }
    case Node::Type::kArray: {
      json::array arr;
      arr.reserve(n.children.size());
      for (const Node& c : n.children) {
        if (!LeafValue(c, input, arr.emplace_back(nullptr))) return kDecline;
      }
      out = std::move(arr);
      return kValue;
    }
    case Node::Type::kSum: {
      if (!LeafValue(n.children[0], input, out)) return kDecline;
      for (std::size_t i = 1; i < n.children.size(); ++i) {
        json::value next;
        if (!LeafValue(n.children[i], input, next) || !LeafAdd(out, std::move(next))) return kDecline;
      }
      return kValue;
    }
    case Node::Type::kPipe: {  // a stage without output ends the pipe without output
      // A path stage before the last one only points into its input (`.Properties | tostring`
      // copies nothing); other stages make the value the next one reads.
      const json::value* cur = &input;
      json::value held;
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        const Node& stage = n.children[i];
        if (stage.type == Node::Type::kPath && i + 1 < n.children.size()) {
          if (!Resolve(stage, *cur, cur)) return kDecline;
          if (cur->is_string() && !JqValidUtf8(cur->get_string())) return kDecline;  // libjq alters it
          continue;
        }
        json::value next;
        const LeafOutcome r = EvalLeafNode(stage, *cur, next);
        if (r != kValue) return r;
        held = std::move(next);
        cur = &held;
      }
      out = std::move(held);
      return kValue;
    }
    case Node::Type::kToString: {  // jq 1.6: a string as it is, anything else as jv_dump_string
      if (input.is_string()) return CopyAsJq(input, out) ? kValue : kDecline;
      std::string text;
      if (!AppendJqDump(input, text)) return kDecline;
      out = json::string(text);
      return kValue;
    }
    case Node::Type::kSplit: {  // jq 1.6's jv_string_split with a non-empty separator
      if (!input.is_string() || !JqValidUtf8(input.get_string())) return kDecline;
      const std::string_view str = input.get_string();
      const std::string_view sep = n.literal.get_string();
      json::array parts;
      for (std::size_t p = 0; p < str.size();) {
        std::size_t s = str.find(sep, p);
        if (s == std::string_view::npos) s = str.size();
        parts.emplace_back(json::string(str.substr(p, s - p)));
        if (s + sep.size() == str.size()) parts.emplace_back(json::string());  // ends on a separator
        p = s + sep.size();
      }
      out = std::move(parts);
      return kValue;
    }
    case Node::Type::kMatch:
    case Node::Type::kTest: {  // not a string: "... cannot be matched, as it is not a string"
      if (!input.is_string() || !JqValidUtf8(input.get_string())) return kDecline;
      if (n.type == Node::Type::kTest) {
        const JqRegex::Outcome t = n.regex->Test(input.get_string());
        if (t == JqRegex::Outcome::kError) return kDecline;  // libjq: "Regex failure: ..."
        out = (t == JqRegex::Outcome::kMatch);
        return kValue;
      }
      switch (n.regex->First(input.get_string(), out)) {
        case JqRegex::Outcome::kMatch: return kValue;
        case JqRegex::Outcome::kNoMatch: return LeafOutcome::kEmpty;
        case JqRegex::Outcome::kError: return kDecline;
      }
      return kDecline;
    }
  }
  return kDecline;
}

bool CopyAsJq(const json::value& v, json::value& out) {
  switch (v.kind()) {
    case json::kind::null: out = nullptr; return true;
    case json::kind::bool_: out = v.get_bool(); return true;
    case json::kind::int64: out = NumberFromDouble(static_cast<double>(v.get_int64())); return true;
    case json::kind::uint64: out = NumberFromDouble(static_cast<double>(v.get_uint64())); return true;
    case json::kind::double_: out = JqNumber(v.get_double()); return true;
    case json::kind::string: {
      const json::string& s = v.get_string();
      if (!JqValidUtf8(s)) return false;
      out = s;
      return true;
    }
    case json::kind::array: {
      const json::array& a = v.get_array();
      json::array copy;
      copy.reserve(a.size());
      for (const json::value& e : a) {
        if (!CopyAsJq(e, copy.emplace_back(nullptr))) return false;
      }
      out = std::move(copy);
      return true;
    }
    case json::kind::object: {
      const json::object& o = v.get_object();
      json::object copy;
      copy.reserve(o.size());
      for (const auto& kv : o) {
        if (!JqValidUtf8(kv.key())) return false;
        json::value e;
        if (!CopyAsJq(kv.value(), e)) return false;
        copy.insert_or_assign(kv.key(), std::move(e));
      }
      out = std::move(copy);
      return true;
    }
  }
  return false;
}

std::optional<NativeLeaf> NativeLeaf::Parse(std::string_view body) {
  std::optional<Node> root = ParseLeafNode(body);
  if (!root) return std::nullopt;
  return NativeLeaf(std::make_unique<Node>(std::move(*root)));
}

NativeLeaf::NativeLeaf(std::unique_ptr<Node> root) : root_(std::move(root)) {}
NativeLeaf::NativeLeaf(NativeLeaf&&) noexcept = default;
NativeLeaf& NativeLeaf::operator=(NativeLeaf&&) noexcept = default;
NativeLeaf::~NativeLeaf() = default;

bool NativeLeaf::Evaluate(const json::value& input, json::value& out) const {
  made_negative_zero = false;
  const LeafOutcome r = EvalLeafNode(*root_, input, out);
  if (made_negative_zero && r == LeafOutcome::kValue) ZeroNegativeZeros(out);
  switch (r) {
    case LeafOutcome::kValue: return true;
    case LeafOutcome::kEmpty: out = nullptr; return true;  // no output: null, as for libjq's
    case LeafOutcome::kDecline: return false;
  }
  return false;
}

std::optional<bool> NativeLeaf::ConstantBool() const {
  if (root_->type == Node::Type::kLiteral && root_->literal.is_bool()) return root_->literal.get_bool();
  return std::nullopt;
}

}  // namespace ocean::mapping
