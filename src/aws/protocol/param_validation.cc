#include "aws/protocol/param_validation.h"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <string>
#include <vector>

#include "aws/protocol/serialize_internal.h"

namespace aws::protocol {
namespace {

using model::Shape;
using model::ShapeType;

std::string_view KindName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::int64:
    case json::kind::uint64: return "integer";
    case json::kind::double_: return "float";
    case json::kind::string: return "string";
    case json::kind::array: return "list";
    case json::kind::object: return "object";
  }
  return "unknown";
}

class Validator {
 public:
  void Structure(const Shape& shape, const json::value& v, const std::string& path) {
    if (shape.document) return;
    if (!v.is_object()) return WrongType(path, "a structure (JSON object)", v);
    Members(shape, v.get_object(), path);
  }

  void Members(const Shape& shape, const json::object& o, const std::string& path) {
    for (const auto& m : shape.members) {
      if (m.required && !o.contains(m.name)) {
        Report(Join(path, m.name), "missing required parameter");
      }
    }
    size_t set = 0;
    for (const auto& kv : o) {
      const model::Member* m = shape.FindMember(kv.key());
      std::string sub = Join(path, kv.key());
      if (!m) {
        std::string valid;
        for (const auto& mm : shape.members) valid += (valid.empty() ? "" : ", ") + mm.name;
        Report(sub, "unknown parameter, must be one of: " + valid);
        continue;
      }
      ++set;
      Value(*m->shape, kv.value(), sub);
    }
    if (shape.is_union && set != 1) {
      Report(path.empty() ? shape.name : path,
             "must set exactly one member of the union, got " + std::to_string(set));
    }
  }

  void Value(const Shape& shape, const json::value& v, const std::string& path) {
    switch (shape.type) {
      case ShapeType::kStructure: return Structure(shape, v, path);
      case ShapeType::kList:
        if (!v.is_array()) return WrongType(path, "a list", v);
        for (size_t i = 0; i < v.get_array().size(); ++i) {
          Value(*shape.member().shape, v.get_array()[i], path + "[" + std::to_string(i) + "]");
        }
        return;
      case ShapeType::kMap:
        if (!v.is_object()) return WrongType(path, "a map (JSON object)", v);
        for (const auto& kv : v.get_object()) {
          Value(*shape.value().shape, kv.value(), path + "." + std::string(kv.key()));
        }
        return;
      case ShapeType::kString:
      case ShapeType::kBlob:
        if (!v.is_string()) return WrongType(path, "a string", v);
        return;
      case ShapeType::kInteger:
      case ShapeType::kLong:
        if (!v.is_int64() && !v.is_uint64()) return WrongType(path, "an integer", v);
        return;
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        if (!v.is_number()) return WrongType(path, "a number", v);
        return;
      case ShapeType::kBoolean:
        if (!v.is_bool()) return WrongType(path, "a boolean", v);
        return;
      case ShapeType::kTimestamp:
        if (!(v.is_number() || v.is_string()) || !internal::TimestampParam(v).ok()) {
          return WrongType(path, "a timestamp (ISO-8601 string or epoch seconds)", v);
        }
        return;
    }
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  static std::string Join(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "." + std::string(name);
  }
  void WrongType(const std::string& path, std::string_view expected, const json::value& v) {
    std::string got(KindName(v));
    if (v.is_string() && expected.starts_with("a timestamp")) got = "unparseable string";
    Report(path, "expected " + std::string(expected) + ", got " + got);
  }
  void Report(const std::string& path, std::string what) {
    errors_.push_back((path.empty() ? "(params)" : path) + ": " + std::move(what));
  }
  std::vector<std::string> errors_;
};

}  // namespace

core::Status ValidateParams(const model::Operation& op, const json::object& params) {
  Validator v;
  if (op.input) {
    v.Members(*op.input, params, "");
  } else if (!params.empty()) {
    for (const auto& kv : params) {
      std::string error = std::string(kv.key()) + ": unknown parameter, the operation takes none";
      return core::Status::InvalidArgument(op.name + ": " + error);
    }
  }
  if (v.errors().empty()) return core::Status::Ok();
  std::string msg = op.name + ": ";
  for (size_t i = 0; i < v.errors().size(); ++i) msg += (i ? "; " : "") + v.errors()[i];
  return core::Status::InvalidArgument(std::move(msg));
}

bool FillIdempotencyTokens(const model::Operation& op, json::object& params) {
  if (!op.input) return false;
  bool added = false;
  for (const auto& m : op.input->members) {
    if (!m.idempotency_token || params.contains(m.name)) continue;
    // boost::uuids::random_generator seeds from the OS entropy source; UUID v4 like uuid4().
    boost::uuids::random_generator gen;
    params[m.name] = boost::uuids::to_string(gen());
    added = true;
  }
  return added;
}

}  // namespace aws::protocol
