#include "catalog/definition/event_parser.h"

#include <set>

#include "catalog/definition/definition_reader.h"
#include "catalog/definition/delete_identity_parser.h"
#include "catalog/definition/event_template.h"

namespace catalog::definition {
namespace {

std::vector<std::string> EventStrings(DefinitionReader& e, const json::object& o,
                                      std::string_view key, const std::string& path) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (!v) return out;
  const json::array* a = v->if_array();
  if (!a) {
    e.Error(path + "/" + std::string(key), "must be a list of strings");
    return out;
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json::string* s = (*a)[i].if_string();
    if (!s || s->empty()) {
      e.Error(path + "/" + std::string(key) + "/" + std::to_string(i),
              "must be a non-empty string");
    } else {
      out.emplace_back(*s);
    }
  }
  return out;
}

std::optional<EventIdentifierDef> ParseIdentifier(DefinitionReader& e, const json::value& v,
                                                  const std::string& path) {
  EventIdentifierDef id;
  if (const json::string* s = v.if_string()) {
    id.path = std::string(*s);
  } else if (const json::object* o = v.if_object()) {
    e.OnlyKeys(*o, path, {"path", "template", "prefixes", "contains", "when", "byName"});
    const json::value* p = o->if_contains("path");
    if (!p || !p->is_string()) {
      e.Error(path + "/path", p ? "must be a string" : "is required");
      return std::nullopt;
    }
    id.path = std::string(p->get_string());
    if (const json::value* t = o->if_contains("template")) {
      if (!t->is_string() || t->get_string().empty()) {
        e.Error(path + "/template", "must be a non-empty string");
      } else {
        id.id_template = std::string(t->get_string());
        std::string why = CheckEventTemplate(*t, /*detail=*/true);
        if (!why.empty()) e.Error(path + "/template", why);
      }
    }
    id.prefixes = EventStrings(e, *o, "prefixes", path);
    id.contains = EventStrings(e, *o, "contains", path);
    if (const json::value* w = o->if_contains("when")) {
      std::string why = w->is_string() ? CheckEventPath(w->get_string()) : "must be an event path";
      if (why.empty()) id.when = std::string(w->get_string());
      else e.Error(path + "/when", why);
    }
    if (const json::value* b = o->if_contains("byName")) {
      if (b->is_bool()) id.by_name = b->get_bool();
      else e.Error(path + "/byName", "must be true or false");
    }
  } else {
    e.Error(path,
          "an identifier is a path or a mapping {path, template, prefixes, contains, when, byName}");
    return std::nullopt;
  }
  std::string why = CheckEventPath(id.path);
  if (!why.empty()) {
    e.Error(path + (v.is_object() ? "/path" : ""), why);
    return std::nullopt;
  }
  return id;
}

EventMappingDef ParseMapping(DefinitionReader& e, const json::object& o, const std::string& path) {
  EventMappingDef m;
  m.where = e.Where(path);
  e.OnlyKeys(o, path, {"source", "names", "action", "identifiers"});
  const json::value* src = o.if_contains("source");
  if (!src) {
    e.Error(path + "/source", "is required");
  } else if (!src->is_string() || !src->get_string().ends_with(".amazonaws.com") ||
             src->get_string().size() <= std::string_view(".amazonaws.com").size()) {
    e.Error(path + "/source",
          "must be a CloudTrail eventSource such as sqs.amazonaws.com (<service>.amazonaws.com)");
  } else {
    m.source = std::string(src->get_string());
  }
  if (!o.contains("names")) e.Error(path + "/names", "is required");
  m.names = EventStrings(e, o, "names", path);
  if (o.contains("names") && m.names.empty() && o.at("names").is_array()) {
    e.Error(path + "/names", "must name at least one eventName");
  }
  const json::value* act = o.if_contains("action");
  if (!act) {
    e.Error(path + "/action", "is required");
  } else if (act->is_string() && act->get_string() == "upsert") {
    m.action = EventAction::kUpsert;
  } else if (act->is_string() && act->get_string() == "delete") {
    m.action = EventAction::kDelete;
  } else {
    e.Error(path + "/action", "must be upsert or delete");
  }
  const json::value* ids = o.if_contains("identifiers");
  if (!ids) {
    e.Error(path + "/identifiers", "is required");
  } else if (!ids->is_array() || ids->get_array().empty()) {
    e.Error(path + "/identifiers", "must be a non-empty list");
  } else {
    for (std::size_t i = 0; i < ids->get_array().size(); ++i) {
      std::optional<EventIdentifierDef> id =
          ParseIdentifier(e, ids->get_array()[i], path + "/identifiers/" + std::to_string(i));
      if (id) m.identifiers.push_back(std::move(*id));
    }
  }
  return m;
}

}  // namespace

std::string ParseEventMappings(const json::object& root, KindDef& def) {
  DefinitionReader e(def.file);
  e.SetKind(def.name);
  if (const json::value* stub = root.if_contains("deleteStub")) {
    if (!stub->is_object()) {
      e.Error("/deleteStub", "must be a mapping property -> template");
    } else {
      def.delete_stub = stub->get_object();
      for (const auto& kv : def.delete_stub) {
        std::string why = CheckEventTemplate(kv.value());
        if (!why.empty()) e.Error("/deleteStub/" + std::string(kv.key()), why);
      }
    }
  }
  const json::value* events = root.if_contains("events");
  if (!events) {
    if (root.contains("deleteIdentity")) {
      e.Error("/deleteIdentity", "the kind has no delete events");
    }
    return e.errors();
  }
  if (!events->is_array()) {
    e.Error("/events", "must be a list");
    return e.errors();
  }
  std::set<std::string> seen;  // "source:name", one action per event and kind
  bool has_delete = false, has_upsert = false;
  for (std::size_t i = 0; i < events->get_array().size(); ++i) {
    std::string path = "/events/" + std::to_string(i);
    const json::object* o = events->get_array()[i].if_object();
    if (!o) {
      e.Error(path, "an event mapping must be a mapping {source, names, action, identifiers}");
      continue;
    }
    EventMappingDef m = ParseMapping(e, *o, path);
    for (std::size_t n = 0; n < m.identifiers.size(); ++n) {
      if (!m.identifiers[n].by_name) continue;
      const std::string where = path + "/identifiers/" + std::to_string(n) + "/byName";
      if (m.action == EventAction::kDelete) {
        e.Error(where, "a delete needs the resource's id: a name cannot build its delete stub");
      } else if (!def.get || !def.get->by_name) {
        e.Error(where, "the kind's get has no byName to look a name up with");
      }
    }
    for (std::size_t n = 0; n < m.names.size(); ++n) {
      if (!m.source.empty() && !seen.insert(m.source + ":" + m.names[n]).second) {
        e.Error(path + "/names/" + std::to_string(n),
              "event " + m.source + ":" + m.names[n] + " is mapped twice in this kind");
      }
    }
    has_delete = has_delete || m.action == EventAction::kDelete;
    has_upsert = has_upsert || m.action == EventAction::kUpsert;
    def.events.push_back(std::move(m));
  }
  if (has_upsert && !def.get && def.hook.empty()) {
    e.Error("/events", "upsert events fetch the resource: the kind needs a `get`");
  }
  if (has_delete && def.delete_stub.empty()) {
    e.Error("/deleteStub",
          "is required by delete events: the identity properties the kind's mappings read "
          "(e.g. {QueueUrl: \"{id}\"})");
  }
  std::string identity = ParseDeleteIdentity(root, def);
  const std::string& own = e.errors();
  return own.empty() || identity.empty() ? own + identity : own + "\n" + identity;
}

}  // namespace catalog::definition
