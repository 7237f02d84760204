#include "ocean/mapping/items_to_parse.h"

#include <regex>

namespace ocean::mapping {
namespace {

std::string_view Strip(std::string_view s) {
  const char* ws = " \t\n\r\f\v";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

const char* TypeName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::string: return "string";
    case json::kind::array: return "array";
    case json::kind::object: return "object";
    default: return "number";
  }
}

}  // namespace

std::optional<std::string> DeletionPath(std::string_view items_to_parse) {
  std::string_view chain = Strip(items_to_parse);
  if (!chain.empty() && chain.front() == '(') {
    std::size_t close = chain.find(')');
    if (close == std::string_view::npos) return std::nullopt;
    chain = Strip(chain.substr(1, close - 1));
  }
  static const std::regex kAsBinding(R"(^\.\s+as\s+\$\w+)");
  static const std::regex kPath(R"(^(\.\w+|\.\[[^\]]+\])(\.\w+|\[[^\]]+\]|\.\[[^\]]+\])*)");
  std::size_t start = 0;
  while (start <= chain.size()) {
    std::size_t bar = chain.find('|', start);
    std::string segment(Strip(chain.substr(start, bar == std::string_view::npos ? std::string_view::npos
                                                                                 : bar - start)));
    start = bar == std::string_view::npos ? chain.size() + 1 : bar + 1;
    if (std::regex_search(segment, kAsBinding)) continue;
    if (segment == "." || (!segment.empty() && segment.front() == '$')) continue;
    std::smatch m;
    if (std::regex_search(segment, m, kPath)) return std::string(Strip(m.str(0)));
  }
  return std::nullopt;
}

ItemsToParse::ItemsToParse(JqProgram items, std::optional<JqProgram> remove,
                           std::optional<std::string> path, std::string name)
    : items_(std::move(items)),
      remove_(std::move(remove)),
      deletion_path_(std::move(path)),
      name_(std::move(name)) {}

core::Result<ItemsToParse> ItemsToParse::Compile(const ResourceConfig& resource,
                                                 const JqOptions& options) {
  const std::string& expr = resource.items_to_parse.value();
  CORE_ASSIGN_OR_RETURN(JqProgram items, JqProgram::Compile(expr, options));
  std::optional<std::string> path = DeletionPath(expr);
  std::optional<JqProgram> remove;
  if (path && resource.items_to_parse_top_level_transform) {
    core::Result<JqProgram> del = JqProgram::Compile(". | del(" + *path + ")", options);
    if (del.ok()) {
      remove = std::move(*del);
    } else {
      path.reset();  // not a deletable path after all: keep parents whole
    }
  }
  if (!resource.items_to_parse_top_level_transform) path.reset();
  std::string name = resource.items_to_parse_name.empty() ? "item" : resource.items_to_parse_name;
  return ItemsToParse(std::move(items), std::move(remove), std::move(path), std::move(name));
}

core::Result<std::vector<json::value>> ItemsToParse::Expand(const json::value& item) const {
  CORE_ASSIGN_OR_RETURN(std::optional<json::value> found, items_.First(item));
  if (!found || !found->is_array()) {
    return core::Status::InvalidArgument(std::string("itemsToParse must yield an array, got ") +
                                         (found ? TypeName(*found) : "no output"));
  }
  json::object parent;
  if (item.is_object()) parent = item.get_object();
  if (remove_) {
    core::Result<std::optional<json::value>> removed = remove_->First(item);
    if (removed.ok() && removed->has_value() && (*removed)->is_object()) {
      parent = std::move((*removed)->get_object());
    }
  }
  std::vector<json::value> out;
  out.reserve(found->get_array().size());
  for (json::value& element : found->get_array()) {
    json::object merged = parent;
    merged.insert_or_assign(name_, std::move(element));
    out.emplace_back(std::move(merged));
  }
  return out;
}

}  // namespace ocean::mapping
