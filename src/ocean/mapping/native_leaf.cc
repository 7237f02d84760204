#include "ocean/mapping/native_leaf.h"

#include <cstdint>
#include <optional>

#include "ocean/mapping/jv_value.h"

namespace ocean::mapping {

struct NativeLeaf::Node {
  enum class Type { kPath, kLiteral, kObject, kArray, kSum, kPipe, kToString, kSplit } type =
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
};

namespace {

using Node = NativeLeaf::Node;

// libjq's own test (jvp_utf8_is_valid): no overlongs, no surrogates, nothing above U+10FFFF.
bool JqValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

bool LeafIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool LeafIdentChar(char c) { return LeafIdentStart(c) || (c >= '0' && c <= '9'); }

// jq's keywords: jq 1.6 does not accept all of them as field names or object keys, so a leaf
// that uses one stays with libjq (which reports what it thinks of it).
bool JqKeyword(std::string_view w) {
  static constexpr std::string_view kWords[] = {"__loc__", "and",    "as",     "catch", "def",
                                                "elif",    "else",   "end",    "foreach", "if",
                                                "import",  "include", "label", "or",    "reduce",
                                                "then",    "try"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return false;
}

void LeafAppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Recursive descent over the forms listed in the header; any other text fails (nullopt).
class LeafParser {
 public:
  explicit LeafParser(std::string_view s) : s_(s) {}

  std::optional<Node> Whole() {
    std::optional<Node> n = Pipe(0);
    Ws();
    if (!n || pos_ != s_.size()) return std::nullopt;
    return n;
  }

 private:
  void Ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Eat(char c) {
    Ws();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  char Peek() {
    Ws();
    return pos_ < s_.size() ? s_[pos_] : '\0';
  }
  std::string Ident() {
    std::size_t start = pos_;
    if (pos_ < s_.size() && LeafIdentStart(s_[pos_])) {
      while (pos_ < s_.size() && LeafIdentChar(s_[pos_])) ++pos_;
    }
    return std::string(s_.substr(start, pos_ - start));
  }

  // EXPR ('|' EXPR)*: the loosest operator, so only at the top or inside parentheses (an array
  // element `[.a | f, .b]` means `[.a | (f, .b)]` in jq: not a native form).
  std::optional<Node> Pipe(int depth) {
    std::optional<Node> first = Expr(depth);
    if (!first) return std::nullopt;
    if (Peek() != '|' || (pos_ + 1 < s_.size() && s_[pos_ + 1] == '=')) return first;
    Node pipe;
    pipe.type = Node::Type::kPipe;
    pipe.children.push_back(std::move(*first));
    while (Peek() == '|' && !(pos_ + 1 < s_.size() && s_[pos_ + 1] == '=')) {
      ++pos_;
      std::optional<Node> t = Expr(depth);
      if (!t) return std::nullopt;
      pipe.children.push_back(std::move(*t));
    }
    return pipe;
  }

  // TERM ('+' TERM)*
  std::optional<Node> Expr(int depth) {
    if (depth > 32) return std::nullopt;
    std::optional<Node> first = Term(depth);
    if (!first) return std::nullopt;
    if (Peek() != '+' || (pos_ + 1 < s_.size() && s_[pos_ + 1] == '=')) return first;
    Node sum;
    sum.type = Node::Type::kSum;
    sum.children.push_back(std::move(*first));
    while (Peek() == '+' && !(pos_ + 1 < s_.size() && s_[pos_ + 1] == '=')) {
      ++pos_;
      std::optional<Node> t = Term(depth);
      if (!t) return std::nullopt;
      sum.children.push_back(std::move(*t));
    }
    return sum;
  }

  std::optional<Node> Term(int depth) {
    char c = Peek();
    if (c == '.') return Path();
    if (c == '"') {
      std::optional<std::string> s = String();
      if (!s) return std::nullopt;
      Node n;
      n.literal = json::string(*s);
      return n;
    }
    if (c == '{') return Object(depth);
    if (c == '[') return Array(depth);
    if (c == '(') {
      ++pos_;
      std::optional<Node> inner = Pipe(depth + 1);
      if (!inner || !Eat(')')) return std::nullopt;
      return inner;
    }
    std::string word = Ident();
    if (word == "tostring" && !(pos_ < s_.size() && (s_[pos_] == '(' || s_[pos_] == ':'))) {
      Node n;
      n.type = Node::Type::kToString;
      return n;
    }
    if (word == "split" && pos_ < s_.size() && s_[pos_] == '(') {  // split/1: a literal separator
      ++pos_;
      if (Peek() != '"') return std::nullopt;
      std::optional<std::string> sep = String();
      if (!sep || sep->empty() || !Eat(')')) return std::nullopt;
      Node n;
      n.type = Node::Type::kSplit;
      n.literal = json::string(*sep);
      return n;
    }
    if (pos_ < s_.size() && (s_[pos_] == '(' || s_[pos_] == ':')) return std::nullopt;
    Node n;
    if (word == "null") return n;
    if (word == "true" || word == "false") {
      n.literal = (word == "true");
      return n;
    }
    return std::nullopt;
  }

  // `.`, `.a.b.c`, with `[N]` / `["key"]` steps (`.[0]`, `.a[-1]`, `.a["b c"].d`); no space
  // inside (jq reads `.a .b` as one path: we just do not go native).
  std::optional<Node> Path() {
    Node n;
    n.type = Node::Type::kPath;
    ++pos_;  // the first '.'
    if (pos_ < s_.size() && s_[pos_] == '.') return std::nullopt;  // `..` is recurse
    if (pos_ < s_.size() && s_[pos_] == '[') {
      if (!Bracket(n)) return std::nullopt;
    } else if (pos_ >= s_.size() || !LeafIdentStart(s_[pos_])) {
      return n;  // identity
    } else if (!Field(n)) {
      return std::nullopt;
    }
    for (;;) {
      if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        if (pos_ >= s_.size() || !LeafIdentStart(s_[pos_]) || !Field(n)) return std::nullopt;
      } else if (pos_ < s_.size() && s_[pos_] == '[') {
        if (!Bracket(n)) return std::nullopt;
      } else {
        break;
      }
    }
    if (pos_ < s_.size() && s_[pos_] == '?') return std::nullopt;
    return n;
  }

  bool Field(Node& n) {
    std::string key = Ident();
    if (JqKeyword(key)) return false;
    n.steps.push_back({std::move(key), std::nullopt});
    return true;
  }

  // `["key"]` or `[N]` / `[-N]` (at most 9 digits, no leading zero); anything else (`[]`,
  // slices, expressions, spaces) is not native.
  bool Bracket(Node& n) {
    ++pos_;  // '['
    if (pos_ < s_.size() && s_[pos_] == '"') {
      std::optional<std::string> key = String();
      if (!key || pos_ >= s_.size() || s_[pos_] != ']') return false;
      ++pos_;
      n.steps.push_back({std::move(*key), std::nullopt});
      return true;
    }
    const bool negative = pos_ < s_.size() && s_[pos_] == '-';
    if (negative) ++pos_;
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    const std::size_t digits = pos_ - start;
    if (digits == 0 || digits > 9 || (digits > 1 && s_[start] == '0')) return false;
    if (pos_ >= s_.size() || s_[pos_] != ']') return false;
    int value = 0;
    for (std::size_t i = start; i < pos_; ++i) value = value * 10 + (s_[i] - '0');
    ++pos_;
    n.steps.push_back({std::string(), negative ? -value : value});
    return true;
  }

  std::optional<std::string> String() {
    ++pos_;  // the opening quote
    std::string out;
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') {
        if (!JqValidUtf8(out)) return std::nullopt;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) return std::nullopt;
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (pos_ + 4 > s_.size()) return std::nullopt;
          std::uint32_t cp = 0;
          for (int i = 0; i < 4; ++i) {
            char h = s_[pos_++];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= h - '0';
            else if (h >= 'a' && h <= 'f') cp |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') cp |= h - 'A' + 10;
            else return std::nullopt;
          }
          if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
          LeafAppendUtf8(out, cp);
          break;
        }
        default: return std::nullopt;  // `\(` interpolation and anything unusual
      }
    }
    return std::nullopt;
  }

  std::optional<Node> Object(int depth) {
    ++pos_;
    Node n;
    n.type = Node::Type::kObject;
    if (Eat('}')) return n;
    for (;;) {
      char c = Peek();
      std::string key;
      bool shorthand_ok = false;
      if (c == '"') {
        std::optional<std::string> s = String();
        if (!s) return std::nullopt;
        key = std::move(*s);
      } else if (LeafIdentStart(c)) {
        key = Ident();
        if (JqKeyword(key)) return std::nullopt;
        shorthand_ok = true;
      } else {
        return std::nullopt;
      }
      if (Eat(':')) {
        std::optional<Node> v = Term(depth + 1);
        if (!v) return std::nullopt;
        n.keys.push_back(std::move(key));
        n.children.push_back(std::move(*v));
      } else if (shorthand_ok && (Peek() == ',' || Peek() == '}')) {
        Node path;  // {a} is {a: .a}
        path.type = Node::Type::kPath;
        path.steps.push_back({key, std::nullopt});
        n.keys.push_back(std::move(key));
        n.children.push_back(std::move(path));
      } else {
        return std::nullopt;
      }
      if (Eat(',')) continue;
      if (Eat('}')) return n;
      return std::nullopt;
    }
  }

  std::optional<Node> Array(int depth) {
    ++pos_;
    Node n;
    n.type = Node::Type::kArray;
    if (Eat(']')) return n;
    for (;;) {
      std::optional<Node> e = Expr(depth + 1);
      if (!e) return std::nullopt;
      n.children.push_back(std::move(*e));
      if (Eat(',')) continue;
      if (Eat(']')) return n;
      return std::nullopt;
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

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
    acc = NumberFromDouble(acc.to_number<double>() + next.to_number<double>());
    return true;
  }
  return false;  // jq raises an error: libjq gives its exact message
}

bool LeafEval(const Node& n, const json::value& input, json::value& out) {
  switch (n.type) {
    case Node::Type::kLiteral:
      out = n.literal;
      return true;
    case Node::Type::kPath: {
      const json::value* cur = &input;
      for (const Node::Step& step : n.steps) {
        if (cur->is_null()) break;
        if (step.index) {
          if (!cur->is_array()) return false;  // "Cannot index <type> with number"
          const json::array& a = cur->get_array();
          long i = *step.index;
          if (i < 0) i += static_cast<long>(a.size());
          if (i < 0 || i >= static_cast<long>(a.size())) {
            out = nullptr;
            return true;
          }
          cur = &a[static_cast<std::size_t>(i)];
          continue;
        }
        if (!cur->is_object()) return false;  // "Cannot index <type> with ..."
        cur = cur->get_object().if_contains(step.key);
        if (cur == nullptr) {
          out = nullptr;
          return true;
        }
      }
      return CopyAsJq(*cur, out);
    }
    case Node::Type::kObject: {
      json::object obj;
      obj.reserve(n.children.size());
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        json::value v;
        if (!LeafEval(n.children[i], input, v)) return false;
        obj.insert_or_assign(n.keys[i], std::move(v));
      }
      out = std::move(obj);
      return true;
    }
    case Node::Type::kArray: {
      json::array arr;
      arr.reserve(n.children.size());
      for (const Node& c : n.children) {
        if (!LeafEval(c, input, arr.emplace_back(nullptr))) return false;
      }
      out = std::move(arr);
      return true;
    }
    case Node::Type::kSum: {
      if (!LeafEval(n.children[0], input, out)) return false;
      for (std::size_t i = 1; i < n.children.size(); ++i) {
        json::value next;
        if (!LeafEval(n.children[i], input, next) || !LeafAdd(out, std::move(next))) return false;
      }
      return true;
    }
    case Node::Type::kPipe: {
      if (!LeafEval(n.children[0], input, out)) return false;
      for (std::size_t i = 1; i < n.children.size(); ++i) {
        json::value next;
        if (!LeafEval(n.children[i], out, next)) return false;
        out = std::move(next);
      }
      return true;
    }
    case Node::Type::kToString:  // numbers, arrays and objects: libjq's own printing
      if (input.is_string()) return CopyAsJq(input, out);
      if (input.is_null()) {
        out = "null";
        return true;
      }
      if (input.is_bool()) {
        out = input.get_bool() ? "true" : "false";
        return true;
      }
      return false;
    case Node::Type::kSplit: {  // jq 1.6's jv_string_split with a non-empty separator
      if (!input.is_string() || !JqValidUtf8(input.get_string())) return false;
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
      return true;
    }
  }
  return false;
}

}  // namespace

bool CopyAsJq(const json::value& v, json::value& out) {
  switch (v.kind()) {
    case json::kind::null: out = nullptr; return true;
    case json::kind::bool_: out = v.get_bool(); return true;
    case json::kind::int64: out = NumberFromDouble(static_cast<double>(v.get_int64())); return true;
    case json::kind::uint64: out = NumberFromDouble(static_cast<double>(v.get_uint64())); return true;
    case json::kind::double_: out = NumberFromDouble(v.get_double()); return true;
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
  std::optional<Node> root = LeafParser(body).Whole();
  if (!root) return std::nullopt;
  return NativeLeaf(std::make_unique<Node>(std::move(*root)));
}

NativeLeaf::NativeLeaf(std::unique_ptr<Node> root) : root_(std::move(root)) {}
NativeLeaf::NativeLeaf(NativeLeaf&&) noexcept = default;
NativeLeaf& NativeLeaf::operator=(NativeLeaf&&) noexcept = default;
NativeLeaf::~NativeLeaf() = default;

bool NativeLeaf::Evaluate(const json::value& input, json::value& out) const {
  return LeafEval(*root_, input, out);
}

std::optional<bool> NativeLeaf::ConstantBool() const {
  if (root_->type == Node::Type::kLiteral && root_->literal.is_bool()) return root_->literal.get_bool();
  return std::nullopt;
}

}  // namespace ocean::mapping
