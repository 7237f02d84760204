// The parser of native leaves (native_leaf.h): recursive descent over the forms listed there;
// any other text fails (nullopt) and the leaf stays with libjq.
#include <cstdint>
#include <optional>

#include "ocean/mapping/native_leaf_lex.h"
#include "ocean/mapping/native_leaf_node.h"

namespace ocean::mapping {
namespace {

// Nesting of parentheses, objects and arrays a native leaf may have (real mappings: 2-3).
constexpr int kMaxNesting = 32;

using Node = NativeLeaf::Node;

// Recursive descent over the forms listed in the header; any other text fails (nullopt).
class LeafParser : private leaf::LeafLexer {
 public:
  explicit LeafParser(std::string_view s) : LeafLexer(s) {}

  std::optional<Node> Whole() {
    std::optional<Node> n = Pipe(0);
    Ws();
    if (!n || pos_ != s_.size()) return std::nullopt;
    return n;
  }

 private:
  // OPERAND (op OPERAND)*: one node of `type` over the operands, or the lone operand itself.
  template <typename Operand>
  std::optional<Node> Chain(char op, Node::Type type, Operand operand) {
    std::optional<Node> first = operand();
    if (!first || !AtOperator(op)) return first;
    Node chain;
    chain.type = type;
    chain.children.push_back(std::move(*first));
    while (AtOperator(op)) {
      ++pos_;
      std::optional<Node> next = operand();
      if (!next) return std::nullopt;
      chain.children.push_back(std::move(*next));
    }
    return chain;
  }

  // EXPR ('|' EXPR)*: the loosest operator, so only at the top or inside parentheses (an array
  // element `[.a | f, .b]` means `[.a | (f, .b)]` in jq: not a native form).
  std::optional<Node> Pipe(int depth) {
    return Chain('|', Node::Type::kPipe, [&] { return Expr(depth); });
  }

  // TERM ('+' TERM)*
  std::optional<Node> Expr(int depth) {
    if (depth > kMaxNesting) return std::nullopt;
    return Chain('+', Node::Type::kSum, [&] { return Term(depth); });
  }

  // Every recursion (parentheses, object values, array elements) passes through Term: the
  // depth bound here keeps a deeply nested mapping from overflowing the stack (it then stays
  // with libjq, which reports it).
  std::optional<Node> Term(int depth) {
    if (depth > kMaxNesting) return std::nullopt;
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
      return Postfix(std::move(*inner));
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
      return Postfix(std::move(n));
    }
    // match(re), test(re), match(re; modifiers), test(re; modifiers): literal strings only.
    if ((word == "match" || word == "test") && pos_ < s_.size() && s_[pos_] == '(') {
      ++pos_;
      if (Peek() != '"') return std::nullopt;
      std::optional<std::string> re = String();
      if (!re) return std::nullopt;
      std::string modifiers;
      if (Eat(';')) {
        if (Peek() != '"') return std::nullopt;
        std::optional<std::string> m = String();
        if (!m) return std::nullopt;
        modifiers = std::move(*m);
      }
      if (!Eat(')')) return std::nullopt;
      Node n;
      n.type = word == "match" ? Node::Type::kMatch : Node::Type::kTest;
      n.regex = JqRegex::Compile(*re, modifiers);  // null: invalid for jq, or no Oniguruma
      if (!n.regex) return std::nullopt;
      return Postfix(std::move(n));
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
    } else if (pos_ >= s_.size() || !leaf::IdentStart(s_[pos_])) {
      return n;  // identity
    } else if (!Field(n)) {
      return std::nullopt;
    }
    if (!Steps(n)) return std::nullopt;
    return n;
  }

  // `.name` and `[...]` steps up to the first other character; a `?` after them is not native.
  bool Steps(Node& n) {
    for (;;) {
      if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        if (pos_ >= s_.size() || !leaf::IdentStart(s_[pos_]) || !Field(n)) return false;
      } else if (pos_ < s_.size() && s_[pos_] == '[') {
        if (!Bracket(n)) return false;
      } else {
        break;
      }
    }
    return !(pos_ < s_.size() && s_[pos_] == '?');
  }

  // Steps right after a call or a parenthesised expression, with no space between (jq's
  // `Term FIELD` and `Term '[' Exp ']'`): `match(re).string`, `(.a).b`, `split("/")[0]`.
  // `T.x` is `T | .x`.
  std::optional<Node> Postfix(Node term) {
    const bool field = pos_ + 1 < s_.size() && s_[pos_] == '.' && leaf::IdentStart(s_[pos_ + 1]);
    if (!field && !(pos_ < s_.size() && s_[pos_] == '[')) return term;
    Node path;
    path.type = Node::Type::kPath;
    if (!Steps(path)) return std::nullopt;
    Node pipe;
    pipe.type = Node::Type::kPipe;
    pipe.children.push_back(std::move(term));
    pipe.children.push_back(std::move(path));
    return pipe;
  }

  bool Field(Node& n) {
    std::string key = Ident();
    if (leaf::JqKeyword(key)) return false;
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
      } else if (leaf::IdentStart(c)) {
        key = Ident();
        if (leaf::JqKeyword(key)) return std::nullopt;
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

};
}  // namespace

std::optional<NativeLeaf::Node> ParseLeafNode(std::string_view body) { return LeafParser(body).Whole(); }

}  // namespace ocean::mapping
