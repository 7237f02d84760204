#include "catalog/definition/template.h"
#include "catalog/definition/template_split.h"

namespace catalog::definition {
namespace {


std::string CheckName(std::string_view name, const TemplateScope& scope) {
  auto head = name.substr(0, name.find('.'));
  bool has_tail = name.find('.') != std::string_view::npos;
  if (head == "partition" || head == "region" || head == "account") {
    return has_tail ? "{" + std::string(name) + "} has no members" : "";
  }
  if (head == "id") {
    if (has_tail) {
      std::string_view n = name.substr(3);
      bool digits = !n.empty() && n.find_first_not_of("0123456789") == std::string_view::npos;
      // {id.N}: a positional part, wherever {id} is; {id.P}: a named part of a get's idPatterns.
      if (!digits && !scope.id) return "{id." + std::string(n) + "} is only available in get";
    }
    return scope.resource || scope.id ? "" : "{id} is not available here";
  }
  if (head == "item" && !scope.item && !scope.listed_item) {
    return "{item} is not available here (a listing's identity, properties and annotate, and "
           "actions see it)";
  }
  if (head == "item") return "";
  if (head == "item" || head == "outer" || head == "page" || head == "position") {
    if (head == "position" && has_tail) return "{position} has no members";
    if (scope.listed_item) return "";
    return "{" + std::string(head) + "} is only available in a listing's annotate";
  }
  if (head == "props" || head == "extra") {
    if (!has_tail) return "{" + std::string(head) + "} needs a member: {" + std::string(head) + ".Name}";
    return scope.resource ? "" : "{" + std::string(name) + "} is not available here";
  }
  if (head == "parent") return scope.parent ? "" : "{parent} is only available in a parent listing";
  return "unknown placeholder {" + std::string(name) +
         "} (known: id[.N|.P], partition, region, account, props.P, extra.K, parent[.P], "
         "item[.P], outer.P, page.P, position)";
}

// The n-th '/'-separated part of an identity; null when it has fewer parts.
json::value IdPart(std::string_view id, std::string_view n) {
  std::size_t want = 0;
  for (char c : n) want = want * 10 + static_cast<std::size_t>(c - '0');
  for (std::size_t i = 0;; ++i) {
    std::size_t slash = id.find('/');
    if (i == want) return json::string(id.substr(0, slash));
    if (slash == std::string_view::npos) return nullptr;
    id.remove_prefix(slash + 1);
  }
}

json::value Value(std::string_view name, const TemplateVars& v) {
  auto dot = name.find('.');
  std::string_view head = name.substr(0, dot);
  std::string_view tail = dot == std::string_view::npos ? "@" : name.substr(dot + 1);
  if (head == "id" && dot != std::string_view::npos) {
    if (tail.find_first_not_of("0123456789") == std::string_view::npos) return IdPart(v.id, tail);
    const json::value* part = v.id_parts ? v.id_parts->if_contains(tail) : nullptr;
    return part ? *part : json::value(nullptr);
  }
  if (head == "id") return json::string(v.id);
  if (head == "position") return v.position;
  if (head == "partition") return json::string(v.partition);
  if (head == "region") return json::string(v.region);
  if (head == "account") return json::string(v.account);
  const json::value* found = nullptr;
  if (head == "props" && v.props) {
    found = v.props->if_contains(tail);
  } else if (head == "extra" && v.extra) {
    found = v.extra->if_contains(tail);
  } else if (head == "parent" && v.parent) {
    found = Lookup(*v.parent, tail);
  } else if (head == "item" && v.item) {
    found = Lookup(*v.item, tail);
  } else if (head == "outer" && v.outer) {
    found = Lookup(*v.outer, tail);
  } else if (head == "page" && v.page) {
    found = Lookup(*v.page, tail);
  }
  return found ? *found : json::value(nullptr);
}

void Splice(const json::value& value, std::string& out) {
  if (value.is_string()) {
    out.append(value.get_string());
  } else if (!value.is_null()) {
    out += core::WriteJson(value);
  }
}

std::string CheckString(std::string_view s, const TemplateScope& scope) {
  std::string why;
  bool ok = SplitTemplate(s, [](std::string_view) {}, [&](std::string_view name) {
    if (why.empty()) why = CheckName(name, scope);
  });
  if (!ok) return "unbalanced braces in '" + std::string(s) + "' (write {{ or }} for a brace)";
  return why;
}

}  // namespace

std::string CheckTemplate(const json::value& t, const TemplateScope& scope) {
  if (t.is_string()) return CheckString(t.get_string(), scope);
  if (const json::array* a = t.if_array()) {
    for (const json::value& e : *a) {
      std::string why = CheckTemplate(e, scope);
      if (!why.empty()) return why;
    }
  }
  if (const json::object* o = t.if_object()) {
    for (const auto& kv : *o) {
      std::string why = CheckTemplate(kv.value(), scope);
      if (!why.empty()) return std::string(kv.key()) + ": " + why;
    }
  }
  return "";
}

json::value Render(const json::value& t, const TemplateVars& vars) {
  if (t.is_string()) {
    std::string_view s = t.get_string();
    if (s.find_first_of("{}") == std::string_view::npos) return t;
    if (s.size() > 2 && s.front() == '{' && s.back() == '}' && s[1] != '{' &&
        s.find_first_of("{}", 1) == s.size() - 1) {
      return Value(s.substr(1, s.size() - 2), vars);
    }
    std::string out;
    SplitTemplate(s, [&](std::string_view text) { out.append(text); },
          [&](std::string_view name) { Splice(Value(name, vars), out); });
    return json::string(out);
  }
  if (const json::array* a = t.if_array()) {
    json::array out;
    out.reserve(a->size());
    for (const json::value& e : *a) out.push_back(Render(e, vars));
    return out;
  }
  if (const json::object* o = t.if_object()) return RenderObject(*o, vars);
  return t;
}

json::object RenderObject(const json::object& t, const TemplateVars& vars) {
  json::object out;
  out.reserve(t.size());
  for (const auto& kv : t) out.emplace(kv.key(), Render(kv.value(), vars));
  return out;
}

bool MatchPattern(std::string_view pattern, std::string_view text, json::object& parts) {
  std::vector<std::pair<bool, std::string_view>> pieces;  // (is a hole, text or name)
  if (!SplitTemplate(pattern, [&](std::string_view t) { pieces.emplace_back(false, t); },
             [&](std::string_view h) { pieces.emplace_back(true, h); })) {
    return false;
  }
  json::object got;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    auto [hole, piece] = pieces[i];
    if (!hole) {
      if (text.substr(pos).substr(0, piece.size()) != piece) return false;
      pos += piece.size();
      continue;
    }
    std::size_t end = text.size();
    if (i + 1 < pieces.size()) {
      if (pieces[i + 1].first) return false;  // two holes in a row are ambiguous
      end = text.find(pieces[i + 1].second, pos);
      if (end == std::string_view::npos) return false;
    }
    if (end == pos) return false;
    got[piece] = json::string(text.substr(pos, end - pos));
    pos = end;
  }
  if (pos != text.size()) return false;
  parts = std::move(got);
  return true;
}

const json::value* Lookup(const json::value& v, std::string_view path) {
  if (path == "@" || path.empty()) return &v;
  const json::value* cur = &v;
  while (!path.empty()) {
    std::size_t dot = path.find('.');
    std::string_view name = path.substr(0, dot);
    const json::object* o = cur->if_object();
    if (!o) return nullptr;
    cur = o->if_contains(name);
    if (!cur) return nullptr;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return cur;
}

std::string ParseJsonMembers(json::value& v, const std::vector<std::string>& paths) {
  std::string failed;
  for (const std::string& path : paths) {
    json::value* member = const_cast<json::value*>(Lookup(v, path));
    if (!member || !member->is_string()) continue;
    core::Result<json::value> parsed = core::ParseJson(member->get_string(), path);
    if (parsed.ok()) {
      *member = std::move(*parsed);
    } else if (failed.empty()) {
      failed = path;
    }
  }
  return failed;
}

const json::value& ParsedMembers(const json::value& v, const std::vector<std::string>& paths,
                                 bool in_place, json::value& storage, std::string& bad) {
  bad.clear();
  if (paths.empty()) return v;
  json::value* target = &storage;
  if (in_place) {
    target = const_cast<json::value*>(&v);  // the caller's own value (see template.h)
  } else {
    storage = v;
  }
  bad = ParseJsonMembers(*target, paths);
  return *target;
}

}  // namespace catalog::definition
