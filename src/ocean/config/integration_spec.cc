#include "ocean/config/integration_spec.h"

#include <algorithm>
#include <regex>

#include "core/redact.h"
#include "core/document.h"
#include "ocean/config/key_case.h"
#include "ocean/config/tree_values.h"

namespace ocean::config {
namespace {

using core::Status;

constexpr std::string_view kTypes[] = {"string", "integer", "boolean", "object", "array", "url"};
// Secret even without a spec (e.g. a run outside the repository with no .port/spec.yaml).
constexpr std::string_view kAlwaysSecret[] = {"aws_access_key_id", "aws_secret_access_key",
                                              "aws_session_token", "live_events_api_key"};

std::string TypeList() {
  std::string out;
  for (std::string_view t : kTypes) out += (out.empty() ? "" : ", ") + std::string(t);
  return out;
}

void RegisterStrings(const json::value& v) {
  if (v.is_string()) {
    core::RegisterSecret(v.get_string());
  } else if (v.is_array()) {
    for (const json::value& item : v.get_array()) RegisterStrings(item);
  } else if (v.is_object()) {
    for (const auto& kv : v.get_object()) RegisterStrings(kv.value());
  }
}

std::string Trimmed(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

// `value` converted to the configuration's type; errors are "<label>: expected ...".
core::Result<json::value> Convert(const SpecConfiguration& c, const json::value& value,
                                  const std::string& label) {
  // What the value was, for messages; never the value of a sensitive configuration.
  std::string got = c.sensitive ? std::string(TypeName(value)) : Describe(value);
  auto fail = [&](std::string_view expected) {
    return Status::InvalidArgument(label + ": expected " + std::string(expected) + ", got " + got);
  };
  if (c.type == "string") {
    std::string text;
    if (value.is_null() || !core::ScalarAsText(value, &text)) return fail("a string");
    return json::value(json::string(text));
  }
  if (c.type == "integer") {
    if (auto n = AsInteger(value)) return json::value(*n);
    return fail("an integer");
  }
  if (c.type == "boolean") {
    if (auto b = AsBool(value)) return json::value(*b);
    return fail("a boolean");
  }
  if (c.type == "object" || c.type == "array") {
    bool want_object = c.type == "object";
    if (want_object ? value.is_object() : value.is_array()) return value;
    if (!value.is_string()) return fail(want_object ? "an object" : "a list");
    std::string text = Trimmed(value.get_string());
    if (!want_object && (text.empty() || text.front() != '[')) return value;  // read downstream
    auto parsed = core::ParseJson(text, label);
    if (!parsed.ok() || (want_object ? !parsed->is_object() : !parsed->is_array())) {
      return Status::InvalidArgument(label + ": expected " +
                                     (want_object ? "a JSON object" : "a JSON list") +
                                     " (the text is not valid JSON of that shape)");
    }
    return std::move(*parsed);
  }
  // url
  static const std::regex kUrl(R"(^[A-Za-z][A-Za-z0-9+.\-]*://[^/\s]+.*$)");
  if (!value.is_string()) return fail("a URL");
  std::string url = Trimmed(value.get_string());
  if (!std::regex_match(url, kUrl)) return fail("an absolute URL (scheme://host...)");
  while (!url.empty() && url.back() == '/') url.pop_back();
  return json::value(json::string(url));
}

}  // namespace

core::Result<IntegrationSpec> ParseIntegrationSpec(std::string_view text,
                                                   std::string_view source_name) {
  CORE_ASSIGN_OR_RETURN(json::value doc, core::ParseDocument(text, source_name));
  IntegrationSpec spec;
  if (doc.is_null()) return spec;
  if (!doc.is_object()) {
    return ConfigError(source_name, "", "expected a mapping, got " + std::string(TypeName(doc)));
  }
  const json::object& o = doc.get_object();
  spec.type = std::string(core::FindString(o, "type"));
  spec.title = std::string(core::FindString(o, "title"));
  const json::value* list = o.if_contains("configurations");
  if (list == nullptr || list->is_null()) return spec;
  if (!list->is_array()) {
    return ConfigError(source_name, "configurations",
                       "expected a list, got " + std::string(TypeName(*list)));
  }
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const json::value& item = list->get_array()[i];
    std::string path = IndexPath("configurations", i);
    if (!item.is_object()) {
      return ConfigError(source_name, path, "expected a mapping, got " + std::string(TypeName(item)));
    }
    const json::object& e = item.get_object();
    SpecConfiguration c;
    c.name = std::string(core::FindString(e, "name"));
    if (c.name.empty()) return ConfigError(source_name, path, "'name' is required");
    path += " (" + c.name + ")";
    c.key = Decamelize(c.name);
    c.type = std::string(core::FindString(e, "type"));
    if (std::find(std::begin(kTypes), std::end(kTypes), c.type) == std::end(kTypes)) {
      return ConfigError(source_name, path,
                         "unknown type " + Quoted(c.type) + "; expected one of " + TypeList());
    }
    for (auto [field, out] : {std::pair{"required", &c.required},
                              std::pair{"sensitive", &c.sensitive}}) {
      if (const json::value* b = e.if_contains(field); b != nullptr && !b->is_null()) {
        if (!b->is_bool()) {
          return ConfigError(source_name, ChildPath(path, field), "expected true or false");
        }
        *out = b->get_bool();
      }
    }
    if (const json::value* d = e.if_contains("default"); d != nullptr && !d->is_null()) {
      c.default_value = *d;
    }
    if (const json::array* allowed = core::FindArray(e, "enum")) {
      c.allowed.assign(allowed->begin(), allowed->end());
    }
    c.description = std::string(core::FindString(e, "description"));
    spec.configurations.push_back(std::move(c));
  }
  return spec;
}

core::Result<json::object> ApplyIntegrationSpec(
    const IntegrationSpec& spec, const json::object& raw,
    const std::function<std::string(std::string_view key)>& label_of) {
  json::object out = raw;
  std::vector<std::string> errors;
  for (const SpecConfiguration& c : spec.configurations) {
    std::string key_used = c.key;
    const json::value* v = out.if_contains(c.key);
    if ((v == nullptr || v->is_null()) && c.name != c.key) {
      if (const json::value* alt = out.if_contains(c.name); alt != nullptr && !alt->is_null()) {
        v = alt, key_used = c.name;
      }
    }
    // Registered before any check, so that a value refused below cannot leak later either.
    if (c.sensitive && v != nullptr) RegisterStrings(*v);
    json::value converted;
    if (v == nullptr || v->is_null()) {
      if (c.default_value) {
        auto d = Convert(c, *c.default_value, "the spec's default for '" + c.key + "'");
        if (!d.ok()) return d.status();  // a broken spec, not a user error
        converted = std::move(*d);
      } else if (c.required) {
        errors.push_back(label_of(c.key) + ": '" + c.name + "' is required");
        continue;
      } else {
        continue;
      }
    } else {
      auto r = Convert(c, *v, label_of(key_used));
      if (!r.ok()) {
        errors.push_back(r.status().message());
        continue;
      }
      converted = std::move(*r);
    }
    if (!c.allowed.empty() &&
        std::find(c.allowed.begin(), c.allowed.end(), converted) == c.allowed.end()) {
      std::string list;
      for (const json::value& a : c.allowed) list += (list.empty() ? "" : ", ") + Describe(a);
      errors.push_back(label_of(key_used) + ": expected one of " + list +
                       (c.sensitive ? "" : ", got " + Describe(converted)));
      continue;
    }
    if (c.sensitive) RegisterStrings(converted);
    if (key_used != c.key) out.erase(key_used);
    out[c.key] = std::move(converted);
  }
  for (std::string_view key : kAlwaysSecret) {
    if (const json::value* v = out.if_contains(key)) RegisterStrings(*v);
  }
  if (!errors.empty()) {
    std::string msg = errors.front();
    for (std::size_t i = 1; i < errors.size(); ++i) msg += "; " + errors[i];
    return Status::InvalidArgument(msg);
  }
  return out;
}

}  // namespace ocean::config
