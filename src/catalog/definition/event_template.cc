#include "catalog/definition/event_template.h"
#include "catalog/definition/template.h"
#include "catalog/definition/template_split.h"

namespace catalog::definition {
namespace {

// Splits "a.b[].c" into segments {"a", false}, {"b", true}, {"c", false}.
struct EventPathSegment {
  std::string_view member;
  bool fan_out = false;
};

std::vector<EventPathSegment> SplitEventPath(std::string_view path) {
  std::vector<EventPathSegment> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    if (dot == std::string_view::npos) dot = path.size();
    std::string_view seg = path.substr(start, dot - start);
    EventPathSegment s;
    if (seg.ends_with("[]")) {
      s.fan_out = true;
      seg.remove_suffix(2);
    }
    s.member = seg;
    out.push_back(s);
    start = dot + 1;
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void Collect(const json::value& v, const std::vector<EventPathSegment>& segs, std::size_t i,
             std::vector<std::string>& out) {
  if (i == segs.size()) {
    if (v.is_string()) out.push_back(DecodeEncodedArn(v.get_string()));
    else if (v.is_int64()) out.push_back(std::to_string(v.get_int64()));
    else if (v.is_uint64()) out.push_back(std::to_string(v.get_uint64()));
    return;
  }
  const json::object* o = v.if_object();
  if (!o) return;
  const json::value* member = o->if_contains(segs[i].member);
  if (!member) return;
  if (!segs[i].fan_out) {
    Collect(*member, segs, i + 1, out);
    return;
  }
  if (const json::array* a = member->if_array()) {
    for (const json::value& e : *a) Collect(e, segs, i + 1, out);
  }
}

bool KnownEventPlaceholder(std::string_view name, bool detail) {
  if (detail && name.starts_with("detail.")) {
    return CheckEventPath(name.substr(7)).empty() && name.find("[]") == std::string_view::npos;
  }
  return name == "id" || name == "id.last" || name == "id.arnResource" ||
         name == "id.noLeadingSlash" || name == "partition" ||
         name == "region" || name == "account";
}

std::string_view EventPlaceholderValue(std::string_view name, const EventTemplateVars& v) {
  if (name == "id") return v.id;
  if (name == "id.last") return LastIdSegment(v.id);
  if (name == "id.arnResource") return ArnResourceName(v.id);
  if (name == "id.noLeadingSlash") return v.id.starts_with('/') ? v.id.substr(1) : v.id;
  if (name == "partition") return v.partition;
  if (name == "region") return v.region;
  if (name == "account") return v.account;
  if (name.starts_with("detail.") && v.detail) {
    const json::value* found = Lookup(*v.detail, name.substr(7));
    if (found && found->is_string()) return found->get_string();
  }
  return {};
}

std::string CheckEventTemplateValue(const json::value& t, bool detail) {
  if (const json::string* s = t.if_string()) {
    std::string why;
    bool ok = SplitTemplate(
        *s, [](std::string_view) {},
        [&](std::string_view name) {
          if (why.empty() && !KnownEventPlaceholder(name, detail)) {
            why = "unknown placeholder {" + std::string(name) +
                  "} (known: id, id.last, id.arnResource, id.noLeadingSlash, partition, region, account" +
                  (detail ? ", detail.P)" : ")");
          }
        });
    if (!ok) return "unbalanced braces in '" + std::string(*s) + "' (write {{ or }} for a brace)";
    return why;
  }
  if (const json::object* o = t.if_object()) {
    for (const auto& kv : *o) {
      std::string why = CheckEventTemplateValue(kv.value(), detail);
      if (!why.empty()) return why;
    }
  }
  if (const json::array* a = t.if_array()) {
    for (const json::value& e : *a) {
      std::string why = CheckEventTemplateValue(e, detail);
      if (!why.empty()) return why;
    }
  }
  return "";
}

}  // namespace

std::string CheckEventPath(std::string_view path) {
  if (path.empty()) return "an event path must not be empty";
  for (const EventPathSegment& s : SplitEventPath(path)) {
    if (s.member.empty()) return "'" + std::string(path) + "' has an empty member";
    if (s.member.find_first_of("[]{} ") != std::string_view::npos) {
      return "'" + std::string(path) +
             "' is not a path (members separated by '.', a list member suffixed '[]')";
    }
  }
  return "";
}

void CollectEventPath(const json::value& detail, std::string_view path,
                      std::vector<std::string>& out) {
  Collect(detail, SplitEventPath(path), 0, out);
}

std::string CheckEventTemplate(const json::value& t, bool detail) {
  return CheckEventTemplateValue(t, detail);
}

std::string RenderEventString(std::string_view t, const EventTemplateVars& vars) {
  std::string out;
  SplitTemplate(
      t, [&](std::string_view text) { out += text; },
      [&](std::string_view name) { out += EventPlaceholderValue(name, vars); });
  return out;
}

json::value RenderEventTemplate(const json::value& t, const EventTemplateVars& vars) {
  if (const json::string* s = t.if_string()) return json::string(RenderEventString(*s, vars));
  if (const json::object* o = t.if_object()) {
    json::object out;
    for (const auto& kv : *o) out[kv.key()] = RenderEventTemplate(kv.value(), vars);
    return out;
  }
  if (const json::array* a = t.if_array()) {
    json::array out;
    for (const json::value& e : *a) out.push_back(RenderEventTemplate(e, vars));
    return out;
  }
  return t;
}

std::string DecodeEncodedArn(std::string_view v) {
  if (v.size() < 6 || !(v.starts_with("arn%3A") || v.starts_with("arn%3a"))) return std::string(v);
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size()) {
      int hi = HexDigit(v[i + 1]), lo = HexDigit(v[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(v[i]);
  }
  return out;
}

std::string_view LastIdSegment(std::string_view id) {
  std::size_t cut = id.find_last_of("/:");
  return cut == std::string_view::npos ? id : id.substr(cut + 1);
}

std::string_view ArnResourceName(std::string_view id) {
  if (!id.starts_with("arn:")) return id;
  std::size_t pos = 0;
  for (int i = 0; i < 5; ++i) {  // arn:partition:service:region:account:resource
    pos = id.find(':', pos);
    if (pos == std::string_view::npos) return id;
    ++pos;
  }
  std::string_view resource = id.substr(pos);
  std::size_t type_end = resource.find_first_of("/:");
  return type_end == std::string_view::npos ? resource : resource.substr(type_end + 1);
}

}  // namespace catalog::definition
