#include "aws/protocol/json_shape_parser.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "aws/protocol/parse_scalars.h"

namespace aws::protocol {
namespace {

using core::Status;
using model::Shape;
using model::ShapeType;

// The shape walk's own guard, independent of the JSON parser's depth limit.
constexpr int kMaxJsonDepth = 100;

const char* JsonKindName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: return "an object";
    case json::kind::array: return "an array";
    case json::kind::string: return "a string";
    case json::kind::bool_: return "a boolean";
    case json::kind::null: return "null";
    default: return "a number";
  }
}

Status WrongKind(const char* want, const json::value& got) {
  return Status::ParseError(std::string("expected ") + want + ", got " + JsonKindName(got));
}

double AsDouble(const json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  return static_cast<double>(v.get_uint64());
}

class JsonWalker {
 public:
  explicit JsonWalker(JsonDialect d) : rest_(d == JsonDialect::kRestJson) {}

  core::Result<json::value> Value(const Shape& shape, json::value& in, int depth);
  core::Status StructureInto(const Shape& shape, json::object& in, json::object& out, int depth);

 private:
  core::Result<json::value> Scalar(const Shape& shape, json::value& in);
  core::Result<json::value> RestInteger(json::value& in);
  core::Result<json::value> RestFloat(json::value& in);

  bool rest_;
};

// Whether StructureInto would give `in`'s own keys in `in`'s own order: every key is a body
// member's wire name equal to its member name, in model order, with a non-null value.
bool InModelOrder(const Shape& shape, const json::object& in) {
  std::size_t j = 0;
  const std::size_t n = shape.members.size();
  for (const auto& kv : in) {
    if (kv.value().is_null()) return false;
    std::string_view key = kv.key();
    while (j < n && shape.members[j].name != key) ++j;
    if (j == n) return false;
    const model::Member& m = shape.members[j];
    if (m.location != model::Location::kBody || m.WireName(m.name) != key) return false;
    ++j;
  }
  return true;
}

core::Result<json::value> JsonWalker::Value(const Shape& shape, json::value& in, int depth) {
  if (depth > kMaxJsonDepth) return Status::ParseError("JSON nested too deeply");
  if (shape.document) return std::move(in);
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (in.is_null()) return json::value(nullptr);
      if (!in.is_object()) return WrongKind("an object", in);
      if (InModelOrder(shape, in.get_object())) {
        // The answer already has the output's keys in the output's order (AWS and the fake
        // write members in model order): convert the values where they are, no new object.
        std::size_t j = 0;
        for (auto& kv : in.get_object()) {
          while (shape.members[j].name != kv.key()) ++j;  // found by InModelOrder
          const model::Member& m = shape.members[j++];
          auto v = Value(*m.shape, kv.value(), depth + 1);
          if (!v.ok()) return v.status().WithContext(m.name);
          kv.value() = std::move(*v);
        }
        return std::move(in);
      }
      json::object out;
      CORE_RETURN_IF_ERROR(StructureInto(shape, in.get_object(), out, depth + 1));
      return json::value(std::move(out));
    }
    case ShapeType::kList: {
      if (!in.is_array()) return WrongKind("an array", in);
      json::array& items = in.get_array();
      json::array out;
      out.reserve(items.size());
      for (json::value& item : items) {
        if (item.is_null()) {
          out.emplace_back(nullptr);
          continue;
        }
        auto v = Value(*shape.member().shape, item, depth + 1);
        if (!v.ok()) return v.status().WithContext("[" + std::to_string(out.size()) + "]");
        out.push_back(std::move(*v));
      }
      return json::value(std::move(out));
    }
    case ShapeType::kMap: {
      if (!in.is_object()) return WrongKind("an object", in);
      json::object out;
      out.reserve(in.get_object().size());
      for (auto& kv : in.get_object()) {
        if (kv.value().is_null()) {
          out[kv.key()] = nullptr;
          continue;
        }
        auto v = Value(*shape.value().shape, kv.value(), depth + 1);
        if (!v.ok()) return v.status().WithContext(kv.key());
        out[kv.key()] = std::move(*v);
      }
      return json::value(std::move(out));
    }
    default:
      return Scalar(shape, in);
  }
}

core::Status JsonWalker::StructureInto(const Shape& shape, json::object& in, json::object& out,
                                       int depth) {
  // At most one output member per input member: one table, no rehash while filling it.
  out.reserve(out.size() + std::min(in.size(), shape.members.size()));
  for (const model::Member& m : shape.members) {
    if (m.location != model::Location::kBody) continue;
    json::value* raw = in.if_contains(m.WireName(m.name));
    if (raw == nullptr || raw->is_null()) continue;
    auto v = Value(*m.shape, *raw, depth);
    if (!v.ok()) return v.status().WithContext(m.name);
    out.emplace(m.name, std::move(*v));
  }
  return Status::Ok();
}

core::Result<json::value> JsonWalker::Scalar(const Shape& shape, json::value& in) {
  switch (shape.type) {
    case ShapeType::kTimestamp:
      if (in.is_string()) return TimestampFromText(in.get_string());
      if (in.is_number()) return TimestampFromEpoch(AsDouble(in));
      return WrongKind("a timestamp", in);
    case ShapeType::kBlob:
      if (!in.is_string()) return WrongKind("base64 text", in);
      return std::move(in);
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return rest_ ? RestInteger(in) : std::move(in);
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      return rest_ ? RestFloat(in) : std::move(in);
    case ShapeType::kBoolean:
      if (!rest_ || in.is_bool()) return std::move(in);
      if (in.is_string()) {
        std::string_view s = in.get_string();
        return json::value(s.size() == 4 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'r' &&
                           (s[2] | 0x20) == 'u' && (s[3] | 0x20) == 'e');
      }
      return json::value(false);
    default:  // string: passed through as sent
      return std::move(in);
  }
}

core::Result<json::value> JsonWalker::RestInteger(json::value& in) {
  if (in.is_int64() || in.is_uint64()) return std::move(in);
  if (in.is_bool()) return json::value(int64_t{in.get_bool() ? 1 : 0});
  if (in.is_double()) {
    double d = std::trunc(in.get_double());
    if (!std::isfinite(d) || std::fabs(d) >= 9.2e18) {
      return Status::ParseError("integer out of range");
    }
    return json::value(static_cast<int64_t>(d));
  }
  if (in.is_string()) return IntegerFromText(in.get_string());
  return WrongKind("an integer", in);
}

core::Result<json::value> JsonWalker::RestFloat(json::value& in) {
  if (in.is_number()) return json::value(AsDouble(in));
  if (in.is_bool()) return json::value(in.get_bool() ? 1.0 : 0.0);
  if (in.is_string()) return FloatFromText(in.get_string());
  return WrongKind("a number", in);
}

}  // namespace

core::Result<json::value> JsonToBoto(const Shape& shape, json::value& in, JsonDialect dialect) {
  JsonWalker w(dialect);
  return w.Value(shape, in, 0);
}

core::Status JsonStructureInto(const Shape& shape, json::value& in, JsonDialect dialect,
                               json::object& out) {
  if (!in.is_object()) return WrongKind("a JSON object", in);
  JsonWalker w(dialect);
  return w.StructureInto(shape, in.get_object(), out, 0);
}

}  // namespace aws::protocol
