// Shaping an action's answer into a resource's properties (actions.h: ShapeAnswer, Coerce;
// action_parts.h: Place): take, also, into, missing, rename, keepOthers, keep, coerce and
// parseJson. An answer the caller gives up has what is taken moved, not copied.
//
// Thread-safety: pure functions.
#include <algorithm>
#include <charconv>

#include "catalog/definition/action_parts.h"
#include "catalog/definition/actions.h"
#include "core/log.h"

namespace catalog::definition {

json::value Coerce(const json::value& v, std::string_view type) {
  if (type == "string") return v.is_string() ? v : json::value(json::string(core::WriteJson(v)));
  if (!v.is_string()) return v;
  std::string_view text = v.get_string();
  const char* b = text.data();
  const char* e = b + text.size();
  if (type == "integer") {
    std::int64_t i;
    if (auto r = std::from_chars(b, e, i); r.ec == std::errc() && r.ptr == e) return i;
  } else if (type == "number") {
    double d;
    if (auto r = std::from_chars(b, e, d); r.ec == std::errc() && r.ptr == e) return d;
  } else if (type == "boolean") {
    if (text == "true" || text == "True") return true;
    if (text == "false" || text == "False") return false;
  }
  return v;
}

namespace {

json::value CoerceMember(const ActionDef& def, std::string_view member, const json::value& v) {
  if (def.coerce.empty()) return v;
  auto it = def.coerce.find(member);
  return it == def.coerce.end() ? v : Coerce(v, it->second);
}

bool Kept(const ActionDef& def, std::string_view member) {
  return std::find(def.keep.begin(), def.keep.end(), member) != def.keep.end();
}

// `v` moved out when `owned` (the caller's answer, read once) and not coerced, else copied.
json::value TakeMember(const ActionDef& def, std::string_view member, const json::value& v,
                       bool owned) {
  if (owned && (def.coerce.empty() || def.coerce.find(member) == def.coerce.end())) {
    return std::move(const_cast<json::value&>(v));
  }
  return CoerceMember(def, member, v);
}

// Puts `value` under `into`, or merges its members when into is "*". With `owned`, `value`
// belongs to the caller, who gives it up: its members are moved, not copied.
void PlaceInto(const ActionDef& def, const std::string& into, const json::value& value,
               json::object& props, bool owned = false) {
  if (into != "*") {
    props[into] = TakeMember(def, into, value, owned);
    return;
  }
  const json::object* o = value.if_object();
  if (!o) return;
  props.reserve(props.size() + o->size());
  for (const auto& kv : *o) {
    std::string_view name = kv.key();
    bool renamed = false;
    for (const auto& [from, to] : def.rename) {
      if (from == kv.key()) {
        name = to;
        renamed = true;
        break;
      }
    }
    if (!renamed && (!def.keep_others || (!def.keep.empty() && !Kept(def, kv.key())))) continue;
    props[name] = TakeMember(def, kv.key(), kv.value(), owned);
  }
}

}  // namespace

void Place(const ActionDef& def, const json::value& value, json::object& props, bool owned) {
  PlaceInto(def, def.into, value, props, owned);
}

namespace {

// `owned`: `raw` is the caller's, given up; with a single `take` (nothing else reads the
// answer after it) the taken value is moved into the properties instead of copied.
void ShapeAnswerImpl(const ActionDef& def, const json::value& raw, json::object& props,
                     bool owned) {
  owned = owned && def.take_all.empty() && def.also.empty();
  json::value parsed;
  std::string bad;
  const json::value& answer = ParsedMembers(raw, def.parse_json, owned, parsed, bad);
  if (!bad.empty()) LOG_WARN("{}: the answer's {} is not JSON; kept as text", def.name, bad);
  if (!def.take_all.empty()) {
    // take: [a, b]: the members of each object found, later paths winning.
    json::object merged;
    bool any = false;
    for (const std::string& path : def.take_all) {
      const json::value* v = Lookup(answer, path);
      if (!v || !v->is_object()) continue;
      any = true;
      for (const auto& kv : v->get_object()) merged[kv.key()] = kv.value();
    }
    if (any) {
      Place(def, json::value(std::move(merged)), props);
    } else if (def.missing) {
      Place(def, *def.missing, props);
    }
    return;
  }
  const json::value* taken = Lookup(answer, def.take);
  if (taken && !taken->is_null()) {
    Place(def, *taken, props, owned);
  } else if (def.missing) {
    Place(def, *def.missing, props);
  }
  for (const TakeDef& t : def.also) {
    const json::value* more = Lookup(answer, t.take);
    if (more && !more->is_null()) {
      PlaceInto(def, t.into, *more, props);
    } else if (t.missing) {
      PlaceInto(def, t.into, *t.missing, props);
    }
  }
}

}  // namespace

void ShapeAnswer(const ActionDef& def, const json::value& raw, json::object& props) {
  ShapeAnswerImpl(def, raw, props, false);
}

void ShapeAnswer(const ActionDef& def, json::value&& raw, json::object& props) {
  ShapeAnswerImpl(def, raw, props, true);
}

}  // namespace catalog::definition
