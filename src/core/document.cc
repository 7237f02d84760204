#include "core/document.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace core {
namespace {

using core::Status;

bool IsDigits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                         : (c >= '0' && c < static_cast<char>('0' + base));
    if (!ok) return false;
  }
  return true;
}

// YAML 1.2 core schema float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool IsCoreFloat(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++int_digits;
  bool dot = i < s.size() && s[i] == '.';
  if (dot) {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// A plain scalar resolved by the YAML 1.2 core schema.
json::value ResolvePlain(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  int base = 0;
  if (IsDigits(body, 10)) base = 10;
  if (body.size() > 2 && body[0] == '0' && body[1] == 'x' && s[0] != '-' && s[0] != '+' &&
      IsDigits(body.substr(2), 16)) {
    base = 16, body.remove_prefix(2);
  } else if (body.size() > 2 && body[0] == '0' && body[1] == 'o' && s[0] != '-' && s[0] != '+' &&
             IsDigits(body.substr(2), 8)) {
    base = 8, body.remove_prefix(2);
  }
  if (base != 0) {
    std::uint64_t u = 0;
    auto r = std::from_chars(body.data(), body.data() + body.size(), u, base);
    if (r.ec == std::errc()) {
      if (!negative) {
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          return static_cast<std::int64_t>(u);
        }
        return u;
      }
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
        return static_cast<std::int64_t>(0 - u);
      }
    }
    // Too large for 64 bits: fall through to a float.
  }
  if (IsCoreFloat(s) || base == 10) {
    double d = 0;
    std::string_view t = s;
    if (!t.empty() && t[0] == '+') t.remove_prefix(1);
    auto r = std::from_chars(t.data(), t.data() + t.size(), d);
    if (r.ec == std::errc()) return d;
  }
  std::string_view f = s;
  if (!f.empty() && (f[0] == '+' || f[0] == '-')) f.remove_prefix(1);
  if (f == ".inf" || f == ".Inf" || f == ".INF") {
    return s[0] == '-' ? -std::numeric_limits<double>::infinity()
                       : std::numeric_limits<double>::infinity();
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  return json::string(s);
}

std::string MarkText(std::string_view source, const YAML::Mark& mark) {
  if (mark.is_null()) return std::string(source);
  return std::string(source) + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

// yaml-cpp keeps an alias as a second reference to its anchor's node, so a few hundred bytes
// of nested aliases ("billion laughs") describe a tree of billions of nodes that only the
// conversion below would build. It therefore spends from a budget: every node and every byte of
// scalar text it produces is counted, and a document that outgrows the budget (or nests deeper
// than kMaxDepth, which also stops an alias that contains itself) is refused naming the file,
// line and column where it happened. Without aliases a document converts to fewer nodes and
// bytes than its text has, so the budget, which grows with the text, never refuses one.
constexpr std::size_t kBaseNodes = 1'000'000;
constexpr std::size_t kBaseBytes = 64u << 20;
constexpr int kMaxDepth = 256;

struct ConversionBudget {
  std::size_t nodes;
  std::size_t bytes;
};

Status OverBudget(std::string_view source, const YAML::Node& node, std::string_view what) {
  return Status::InvalidArgument(
      MarkText(source, node.Mark()) + ": the document expands to " + std::string(what) +
      " (YAML aliases repeated inside aliases?); refused so that a small file cannot exhaust "
      "memory");
}

core::Result<json::value> ToJson(const YAML::Node& node, std::string_view source,
                                 ConversionBudget& budget, int depth) {
  if (depth > kMaxDepth) {
    return OverBudget(source, node, "more than " + std::to_string(kMaxDepth) + " levels");
  }
  if (budget.nodes == 0) return OverBudget(source, node, "too many values");
  --budget.nodes;
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return json::value(nullptr);
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      if (text.size() > budget.bytes) return OverBudget(source, node, "too much text");
      budget.bytes -= text.size();
      const std::string& tag = node.Tag();
      if (tag == "!" || tag == "tag:yaml.org,2002:str") return json::value(text);
      return ResolvePlain(text);
    }
    case YAML::NodeType::Sequence: {
      json::array out;
      out.reserve(std::min<std::size_t>(node.size(), budget.nodes));
      for (const YAML::Node& item : node) {
        CORE_ASSIGN_OR_RETURN(json::value v, ToJson(item, source, budget, depth + 1));
        out.push_back(std::move(v));
      }
      return json::value(std::move(out));
    }
    case YAML::NodeType::Map: {
      json::object out;
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
          return Status::ParseError(MarkText(source, kv.first.Mark()) +
                                    ": a mapping key must be a plain value, not a " +
                                    (kv.first.IsMap() ? "mapping" : "list"));
        }
        const std::string& key = kv.first.Scalar();
        if (key.size() > budget.bytes) return OverBudget(source, kv.first, "too much text");
        budget.bytes -= key.size();
        CORE_ASSIGN_OR_RETURN(json::value v, ToJson(kv.second, source, budget, depth + 1));
        out[key] = std::move(v);
      }
      return json::value(std::move(out));
    }
  }
  return json::value(nullptr);
}

}  // namespace

bool LooksLikeJson(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  if (i != std::string_view::npos && text.substr(i, 3) == "\xEF\xBB\xBF") {
    i = text.find_first_not_of(" \t\r\n", i + 3);
  }
  return i != std::string_view::npos && (text[i] == '{' || text[i] == '[');
}

std::string LineColumn(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++line, line_start = i + 1;
  }
  return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

core::Result<json::value> ParseDocument(std::string_view text, std::string_view source_name) {
  if (LooksLikeJson(text)) {
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = 256;
    json::stream_parser p({}, opts);
    std::size_t n = p.write_some(text.data(), text.size(), ec);
    if (!ec) p.finish(ec);
    if (ec) {
      return Status::ParseError(std::string(source_name) + ":" + LineColumn(text, n) +
                                ": invalid JSON: " + ec.message());
    }
    return p.release();
  }
  try {
    YAML::Node root = YAML::Load(std::string(text));
    ConversionBudget budget{kBaseNodes + text.size(), kBaseBytes + text.size()};
    return ToJson(root, source_name, budget, 0);
  } catch (const YAML::Exception& e) {
    return Status::ParseError(MarkText(source_name, e.mark) + ": invalid YAML: " + e.msg);
  }
}

core::Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Unavailable(path + ": read error");
  return ss.str();
}

bool ScalarAsText(const json::value& v, std::string* out) {
  switch (v.kind()) {
    case json::kind::string:
      *out = std::string(v.get_string());
      return true;
    case json::kind::bool_:
      *out = v.get_bool() ? "true" : "false";
      return true;
    case json::kind::null:
      *out = "null";
      return true;
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      *out = core::WriteJson(v);
      return true;
    default:
      return false;
  }
}

}  // namespace core
