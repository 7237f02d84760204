#include "ocean/mapping/pool/map_protocol.h"

#include "ocean/mapping/pool/frame_io.h"

namespace ocean::mapping::pool {

using core::Status;

namespace {

// Large enough for any entity a mapping can build from a 256-deep AWS document; deeper results
// fail to decode and are reported for their item.
constexpr std::size_t kMaxDepth = 4096;

core::Result<json::value> Parse(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = kMaxDepth;
  json::value v = json::parse(text, ec, {}, opts);
  if (ec) return Status::ParseError(std::string(what) + ": " + ec.message());
  return v;
}

// Boost's serializer, not core::WriteJson: nobody reads this text but the other side's parser
// (doubles round-trip exactly either way), it is faster, and it does not recurse.
std::string Serialize(const json::value& v) { return json::serialize(v); }

std::int64_t Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : 0;
}

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::string EncodeHello(const HelloMessage& hello) {
  json::object o;
  o["parent_pid"] = hello.parent_pid;
  o["memory_limit_mb"] = hello.memory_limit_mb;
  return core::WriteJson(o);
}

core::Result<HelloMessage> DecodeHello(std::string_view payload) {
  CORE_ASSIGN_OR_RETURN(json::value v, Parse(payload, "hello"));
  if (!v.is_object()) return Status::ParseError("hello: not an object");
  HelloMessage hello;
  hello.parent_pid = Int(v.get_object(), "parent_pid");
  hello.memory_limit_mb = Int(v.get_object(), "memory_limit_mb");
  return hello;
}

std::string EncodeMapperConfig(const ResourceConfig& resource, const JqOptions& options) {
  json::object r;
  r["index"] = resource.index;
  r["kind"] = resource.kind;
  r["selector_query"] = resource.selector_query;
  r["mappings"] = resource.mappings;
  if (resource.items_to_parse) r["items_to_parse"] = *resource.items_to_parse;
  r["items_to_parse_name"] = resource.items_to_parse_name;
  r["items_to_parse_top_level_transform"] = resource.items_to_parse_top_level_transform;
  r["literal_blueprint"] = resource.literal_blueprint;
  json::object jq;
  jq["allow_env"] = options.allow_env;
  jq["combine_leaves"] = options.combine_leaves;
  jq["native_leaves"] = options.native_leaves;
  json::object o;
  o["jq"] = std::move(jq);
  o["resource"] = std::move(r);
  return core::WriteJson(o);
}

core::Result<MapperConfig> DecodeMapperConfig(std::string_view json_text) {
  CORE_ASSIGN_OR_RETURN(json::value v, Parse(json_text, "mapper config"));
  const json::object* o = v.if_object();
  const json::object* r = o ? core::FindObject(*o, "resource") : nullptr;
  const json::object* jq = o ? core::FindObject(*o, "jq") : nullptr;
  if (!r || !jq) return Status::ParseError("mapper config: missing resource or jq");
  MapperConfig c;
  c.resource.index = static_cast<int>(Int(*r, "index"));
  c.resource.kind = Str(*r, "kind");
  c.resource.selector_query = Str(*r, "selector_query");
  if (const json::object* m = core::FindObject(*r, "mappings")) c.resource.mappings = *m;
  if (const json::value* p = r->if_contains("items_to_parse"); p && p->is_string()) {
    c.resource.items_to_parse = std::string(p->get_string());
  }
  c.resource.items_to_parse_name = Str(*r, "items_to_parse_name");
  const json::value* t = r->if_contains("items_to_parse_top_level_transform");
  c.resource.items_to_parse_top_level_transform = !t || !t->is_bool() || t->get_bool();
  c.resource.literal_blueprint = Str(*r, "literal_blueprint");
  const json::value* env = jq->if_contains("allow_env");
  c.options.allow_env = !env || !env->is_bool() || env->get_bool();
  const json::value* comb = jq->if_contains("combine_leaves");
  c.options.combine_leaves = comb && comb->is_bool() && comb->get_bool();
  const json::value* native = jq->if_contains("native_leaves");
  c.options.native_leaves = !native || !native->is_bool() || native->get_bool();
  return c;
}

std::string EncodeConfigure(std::uint64_t mapper_id, std::string_view config_json) {
  std::string out;
  PutU64(out, mapper_id);
  out.append(config_json);
  return out;
}

core::Result<std::pair<std::uint64_t, std::string_view>> DecodeConfigure(std::string_view payload) {
  std::size_t pos = 0;
  std::uint64_t id = 0;
  if (!GetU64(payload, pos, id)) return Status::ParseError("configure: too short");
  return std::pair<std::uint64_t, std::string_view>(id, payload.substr(pos));
}

std::string EncodeMapRequest(std::uint64_t mapper_id, std::span<const json::value> items) {
  std::string out;
  PutU64(out, mapper_id);
  PutU32(out, static_cast<std::uint32_t>(items.size()));
  for (const json::value& item : items) {
    const std::string text = Serialize(item);
    PutU32(out, static_cast<std::uint32_t>(text.size()));
    out.append(text);
  }
  return out;
}

core::Result<MapRequest> DecodeMapRequest(std::string_view payload) {
  MapRequest req;
  std::size_t pos = 0;
  std::uint32_t count = 0;
  if (!GetU64(payload, pos, req.mapper_id) || !GetU32(payload, pos, count)) {
    return Status::ParseError("map request: too short");
  }
  req.items.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t length = 0;
    if (!GetU32(payload, pos, length) || payload.size() < pos + length) {
      return Status::ParseError("map request: truncated item " + std::to_string(i));
    }
    CORE_ASSIGN_OR_RETURN(json::value item,
                          Parse(payload.substr(pos, length), "item #" + std::to_string(i)));
    req.items.push_back(std::move(item));
    pos += length;
  }
  return req;
}

std::string EncodeMapResult(const MapResult& result) {
  json::object o;
  json::array entities;
  entities.reserve(result.entities.size());
  for (const MappedEntity& e : result.entities) {
    entities.push_back(json::array{static_cast<std::uint64_t>(e.raw_index), e.entity});
  }
  o["entities"] = std::move(entities);
  o["raw"] = result.raw;
  o["expanded"] = result.expanded;
  o["filtered_out"] = result.filtered_out;
  o["dropped"] = result.dropped;
  o["failed"] = result.failed;
  o["items_to_parse_skipped"] = result.items_to_parse_skipped;
  json::array errors;
  for (const MapError& e : result.errors) {
    errors.push_back(json::array{json::string(e.kind), json::string(e.field),
                                 json::string(e.expression), json::string(e.item),
                                 json::string(e.message)});
  }
  o["errors"] = std::move(errors);
  return Serialize(o);
}

core::Result<MapResult> DecodeMapResult(std::string_view payload) {
  CORE_ASSIGN_OR_RETURN(json::value v, Parse(payload, "map result"));
  json::object* o = v.if_object();
  if (!o) return Status::ParseError("map result: not an object");
  MapResult r;
  r.raw = Int(*o, "raw");
  r.expanded = Int(*o, "expanded");
  r.filtered_out = Int(*o, "filtered_out");
  r.dropped = Int(*o, "dropped");
  r.failed = Int(*o, "failed");
  r.items_to_parse_skipped = Int(*o, "items_to_parse_skipped");
  if (json::array* entities = o->contains("entities") ? (*o)["entities"].if_array() : nullptr) {
    r.entities.reserve(entities->size());
    for (json::value& e : *entities) {
      json::array* pair = e.if_array();
      if (!pair || pair->size() != 2 || !(*pair)[1].is_object() || !(*pair)[0].is_number()) {
        return Status::ParseError("map result: bad entity");
      }
      MappedEntity m;
      m.raw_index = static_cast<std::size_t>((*pair)[0].to_number<std::uint64_t>());
      m.entity = std::move((*pair)[1].get_object());
      r.entities.push_back(std::move(m));
    }
  }
  if (const json::array* errors = core::FindArray(*o, "errors")) {
    for (const json::value& e : *errors) {
      const json::array* a = e.if_array();
      if (!a || a->size() != 5) return Status::ParseError("map result: bad error");
      auto s = [&](std::size_t i) {
        return (*a)[i].is_string() ? std::string((*a)[i].get_string()) : std::string();
      };
      r.errors.push_back(MapError{s(0), s(1), s(2), s(3), s(4)});
    }
  }
  return r;
}

void MergeMapResult(MapResult& total, MapResult part, std::size_t offset) {
  for (MappedEntity& e : part.entities) {
    e.raw_index += offset;
    total.entities.push_back(std::move(e));
  }
  total.raw += part.raw;
  total.expanded += part.expanded;
  total.filtered_out += part.filtered_out;
  total.dropped += part.dropped;
  total.failed += part.failed;
  total.items_to_parse_skipped += part.items_to_parse_skipped;
  for (MapError& e : part.errors) total.errors.push_back(std::move(e));
}

}  // namespace ocean::mapping::pool
