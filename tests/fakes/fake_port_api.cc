#include "fakes/fake_port_api.h"

#include <algorithm>

#include "net/uri.h"
#include "core/timestamp.h"

namespace testing_fakes {

namespace {

using Handled = FakePortApi::Handled;

Handled Error(int status, std::string error, std::string message) {
  json::object o;
  o["ok"] = false;
  o["error"] = std::move(error);
  o["message"] = std::move(message);
  return {status, std::move(o), {}};
}

Handled Ok(json::object o, int status = 200) {
  o["ok"] = true;
  return {status, std::move(o), {}};
}

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(net::UriDecode(path.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(std::string_view target) {
  std::map<std::string, std::string> out;
  size_t q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    std::string key = net::UriDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : net::UriDecode(pair.substr(eq + 1));
    out[key] = value;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

bool IsBoolText(const std::map<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it != q.end() && (it->second == "true" || it->second == "false");
}

bool QueryFlag(const std::map<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it != q.end() && it->second == "true";
}

// Identifiers a relation value names (a string or an array of strings).
std::vector<std::string> RelationTargets(const json::value& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.emplace_back(v.as_string());
  if (v.is_array()) {
    for (const auto& e : v.as_array()) {
      if (e.is_string()) out.emplace_back(e.as_string());
    }
  }
  return out;
}

}  // namespace

FakePortApi::FakePortApi() : FakePortApi(Options{}) {}

FakePortApi::FakePortApi(Options options) : options_(std::move(options)) {
  server_.SetDefault([this](const RecordedRequest& r) { return Handle(r); });
}

FakePortApi::~FakePortApi() { server_.SetDefault(Always(ScriptedResponse::Ok())); }

std::string FakePortApi::base_url() const { return server_.Url(""); }

core::Timestamp FakePortApi::Now() const {
  return (clock_ ? *clock_ : core::SystemClock::Get()).Now();
}

ScriptedResponse FakePortApi::Handle(const RecordedRequest& r) {
  std::lock_guard lock(mu_);
  FakePortRequest req;
  req.method = r.method;
  req.path = r.path;
  req.query = ParseQuery(r.target);
  req.headers = r.headers;
  req.body_text = r.body;
  if (!r.body.empty()) {
    auto parsed = core::ParseJson(r.body);
    if (parsed.ok()) req.body = std::move(*parsed);
  }
  Handled h = Route(req);
  req.status = h.status;
  requests_.push_back(std::move(req));
  ScriptedResponse out;
  out.status = h.status;
  out.headers = std::move(h.headers);
  out.headers.emplace_back("Content-Type", "application/json");
  out.body = h.body.is_string() ? std::string(h.body.as_string()) : core::WriteJson(h.body);
  return out;
}

Handled FakePortApi::Route(FakePortRequest& req) {
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if ((it->method.empty() || it->method == req.method) && req.path.starts_with(it->path_prefix)) {
      Handled h{it->status, json::value(it->body), it->headers};
      if (--it->times <= 0) faults_.erase(it);
      return h;
    }
  }
  if (req.method == "POST" && req.path == "/v1/auth/access_token") return Token(req);

  std::string auth(net::FindHeader(req.headers, "Authorization"));
  bool valid = auth.starts_with("Bearer ") &&
               std::find(valid_tokens_.begin(), valid_tokens_.end(), auth.substr(7)) !=
                   valid_tokens_.end();
  if (!valid) return Error(401, "unauthorized", "missing or invalid access token");
  if (refuse_401_ > 0) {
    --refuse_401_;
    return Error(401, "unauthorized", "token expired");
  }

  std::vector<std::string> seg = Segments(req.path);
  if (seg.size() < 2 || seg[0] != "v1") return Error(404, "not_found", "no such route");
  if (seg[1] == "integration") return Integration(req, seg);
  if (seg[1] == "blueprints") {
    if (seg.size() == 4 && seg[2] == "entities" && seg[3] == "datasource-entities" &&
        req.method == "POST") {
      return DatasourceEntities(req);
    }
    if (seg.size() == 5 && seg[3] == "entities" && seg[4] == "bulk" && req.method == "POST") {
      return BulkUpsert(req, seg[2]);
    }
    if (seg.size() == 4 && seg[3] == "entities" && req.method == "POST") {
      return SingleUpsert(req, seg[2]);
    }
    if (seg.size() == 6 && seg[3] == "bulk" && seg[4] == "entities" && seg[5] == "delete" &&
        req.method == "POST") {
      return BulkDelete(req, seg[2]);
    }
    if (seg.size() == 4 && seg[3] == "scorecards" && req.method == "POST") return Ok({}, 201);
    return Blueprints(req, seg);
  }
  if ((seg[1] == "actions" || seg[1] == "pages") && seg.size() == 2 && req.method == "POST") {
    return Ok({}, 201);
  }
  return Error(404, "not_found", "no such route: " + req.method + " " + req.path);
}

Handled FakePortApi::Token(const FakePortRequest& req) {
  ++token_requests_;
  const json::object* body = req.body.if_object();
  if (!body || core::FindString(*body, "clientId") != options_.client_id ||
      core::FindString(*body, "clientSecret") != options_.client_secret) {
    return Error(401, "invalid_credentials", "bad client id or secret");
  }
  std::string token = "fake-access-token-" + std::to_string(tokens_.size() + 1) + "-xyz";
  tokens_.push_back(token);
  valid_tokens_.push_back(token);
  json::object o;
  o["accessToken"] = token;
  o["expiresIn"] = options_.token_expires_in;
  o["tokenType"] = "Bearer";
  return {200, std::move(o), {}};
}

Handled FakePortApi::Integration(const FakePortRequest& req, const std::vector<std::string>& seg) {
  if (seg.size() == 2 && req.method == "POST") {
    const json::object* body = req.body.if_object();
    if (!body || core::FindString(*body, "installationId").empty()) {
      return Error(422, "invalid_request", "installationId is required");
    }
    if (integration_) return Error(409, "conflict", "integration exists");
    json::object created = *body;
    created["installationType"] = options_.installation_type;
    created["identifier"] = core::FindString(*body, "installationId");
    if (!created.contains("config")) created["config"] = json::object();
    integration_ = created;
    json::object o;
    o["integration"] = created;
    return Ok(std::move(o), 201);
  }
  if (seg.size() < 3) return Error(404, "not_found", "no such route");
  bool ours = integration_ && core::FindString(*integration_, "installationId") == seg[2];
  if (!ours) return Error(404, "not_found", "integration " + seg[2] + " not found");
  json::object& integ = *integration_;
  if (seg.size() == 3 && req.method == "GET") {
    json::object o;
    o["integration"] = integ;
    return Ok(std::move(o));
  }
  const json::object* body = req.body.if_object();
  if (seg.size() == 3 && req.method == "PATCH") {
    if (!body) return Error(422, "invalid_request", "body must be an object");
    for (const auto& [k, v] : *body) integ[k] = v;
    json::object o;
    o["integration"] = integ;
    return Ok(std::move(o));
  }
  if (seg.size() == 4 && seg[3] == "config" && req.method == "PATCH") {
    if (!body || !body->contains("config")) return Error(422, "invalid_request", "config missing");
    integ["config"] = body->at("config");
    json::object o;
    o["integration"] = integ;
    return Ok(std::move(o));
  }
  if (seg.size() == 4 && seg[3] == "resync-state" && req.method == "PATCH") {
    if (!body || core::FindString(*body, "status").empty()) {
      return Error(422, "invalid_request", "status missing");
    }
    resync_states_.push_back(*body);
    json::object state = *body;
    state["updatedAt"] = core::FormatIso8601Millis(Now());
    integ["resyncState"] = state;
    json::object o;
    o["integration"] = integ;
    return Ok(std::move(o));
  }
  if (seg.size() == 4 && seg[3] == "resync-request" && req.method == "GET") {
    json::object o;
    if (resync_request_updated_at_) {
      json::object r;
      r["id"] = "resync-request-1";
      r["updatedAt"] = *resync_request_updated_at_;
      o["request"] = std::move(r);
    } else {
      o["request"] = nullptr;
    }
    return Ok(std::move(o));
  }
  return Error(404, "not_found", "no such route");
}

Handled FakePortApi::Blueprints(const FakePortRequest& req, const std::vector<std::string>& seg) {
  const json::object* body = req.body.if_object();
  auto check_targets = [&](const json::object& bp) -> std::optional<Handled> {
    const json::object* rel = core::FindObject(bp, "relations");
    if (!rel) return std::nullopt;
    std::string self(core::FindString(bp, "identifier"));
    for (const auto& [name, def] : *rel) {
      std::string target(def.is_object() ? core::FindString(def.as_object(), "target") : "");
      if (target != self && !blueprints_.contains(target)) {
        return Error(422, "relation_target_not_found",
                     "relation " + std::string(name) + " targets unknown blueprint " + target);
      }
    }
    return std::nullopt;
  };
  if (seg.size() == 2 && req.method == "POST") {
    if (!body || core::FindString(*body, "identifier").empty()) {
      return Error(422, "invalid_request", "identifier is required");
    }
    std::string id(core::FindString(*body, "identifier"));
    if (blueprints_.contains(id)) return Error(409, "identifier_taken", "blueprint exists");
    if (auto bad = check_targets(*body)) return *bad;
    blueprints_[id] = *body;
    json::object o;
    o["blueprint"] = *body;
    return Ok(std::move(o), 201);
  }
  if (seg.size() != 3) return Error(404, "not_found", "no such route");
  auto it = blueprints_.find(seg[2]);
  if (it == blueprints_.end()) return Error(404, "not_found", "blueprint " + seg[2] + " not found");
  if (req.method == "GET") {
    json::object o;
    o["blueprint"] = it->second;
    return Ok(std::move(o));
  }
  if (req.method == "PATCH") {
    if (!body) return Error(422, "invalid_request", "body must be an object");
    json::object merged = it->second;
    for (const auto& [k, v] : *body) merged[k] = v;
    if (auto bad = check_targets(merged)) return *bad;
    it->second = merged;
    json::object o;
    o["blueprint"] = merged;
    return Ok(std::move(o));
  }
  if (req.method == "DELETE") {
    blueprints_.erase(it);
    return Ok({});
  }
  return Error(404, "not_found", "no such route");
}

std::optional<Handled> FakePortApi::CheckEntityWrite(const FakePortRequest& req) const {
  std::string ua(net::FindHeader(req.headers, "User-Agent"));
  if (!options_.entity_user_agent.empty() && ua != options_.entity_user_agent) {
    return Error(400, "invalid_user_agent", "unexpected User-Agent '" + ua + "'");
  }
  return std::nullopt;
}

std::optional<json::object> FakePortApi::UpsertEntity(const FakePortRequest& req,
                                                      const std::string& bp,
                                                      const json::value& value,
                                                      std::string* identifier, bool* created) {
  auto err = [](int code, std::string error, std::string message) {
    json::object e;
    e["statusCode"] = code;
    e["error"] = std::move(error);
    e["message"] = std::move(message);
    return std::optional<json::object>(std::move(e));
  };
  const json::object* e = value.if_object();
  if (!e) return err(422, "invalid_entity", "entity must be an object");
  std::string_view ebp = core::FindString(*e, "blueprint");
  if (!ebp.empty() && ebp != bp) return err(422, "invalid_entity", "blueprint mismatch");
  const json::value* idv = core::Find(*e, "identifier");
  if (!idv) return err(422, "invalid_entity", "identifier missing");
  if (idv->is_object()) {  // search identifier: {$identifier = X} resolves when X exists
    *identifier = "unknown";
    const json::array* rules = core::FindArray(idv->as_object(), "rules");
    for (const auto& r : rules ? *rules : json::array()) {
      const json::object* ro = r.if_object();
      if (ro && core::FindString(*ro, "property") == "$identifier") {
        std::string v(core::FindString(*ro, "value"));
        if (entities_.contains({bp, v})) *identifier = v;
      }
    }
    if (*identifier == "unknown") return err(404, "not_found", "search identifier matched none");
  } else if (idv->is_string() && !idv->as_string().empty()) {
    *identifier = std::string(idv->as_string());
  } else {
    return err(422, "invalid_entity", "identifier must be a non-empty string");
  }
  if (auto f = entity_failures_.find({bp, *identifier}); f != entity_failures_.end()) {
    return f->second;
  }
  // Relations to missing entities (when the blueprint's relation targets are known).
  std::vector<FakeEntityKey> missing;
  auto bp_it = blueprints_.find(bp);
  const json::object* rel_defs =
      bp_it == blueprints_.end() ? nullptr : core::FindObject(bp_it->second, "relations");
  if (const json::object* rels = core::FindObject(*e, "relations"); rels && rel_defs) {
    for (const auto& [name, v] : *rels) {
      const json::value* def = rel_defs->if_contains(name);
      std::string target(def && def->is_object() ? core::FindString(def->as_object(), "target")
                                                 : "");
      for (const auto& t : RelationTargets(v)) {
        if (!target.empty() && !entities_.contains({target, t})) missing.emplace_back(target, t);
      }
    }
  }
  if (!missing.empty() && !QueryFlag(req.query, "create_missing_related_entities")) {
    return err(404, "not_found",
               "related entity " + missing[0].first + "/" + missing[0].second + " not found");
  }
  core::Timestamp now = Now();
  for (const auto& key : missing) {
    json::object stub;
    stub["identifier"] = key.second;
    stub["blueprint"] = key.first;
    entities_[key] = FakePortEntity{std::move(stub), "", now};
  }
  FakeEntityKey key{bp, *identifier};
  auto existing = entities_.find(key);
  *created = existing == entities_.end();
  json::object stored;
  if (!*created && QueryFlag(req.query, "merge")) stored = existing->second.entity;
  for (const auto& [k, v] : *e) {
    if ((k == "properties" || k == "relations") && v.is_object() && stored.contains(k) &&
        stored[k].is_object()) {
      for (const auto& [pk, pv] : v.as_object()) stored[k].as_object()[pk] = pv;
    } else {
      stored[k] = v;
    }
  }
  stored["identifier"] = *identifier;
  stored["blueprint"] = bp;
  stored["updatedAt"] = core::FormatIso8601Millis(now);
  entities_[key] =
      FakePortEntity{std::move(stored), std::string(net::FindHeader(req.headers, "User-Agent")), now};
  return std::nullopt;
}

Handled FakePortApi::BulkUpsert(const FakePortRequest& req, const std::string& bp) {
  if (auto bad = CheckEntityWrite(req)) return *bad;
  for (const char* flag : {"upsert", "merge", "create_missing_related_entities", "validation_only"}) {
    if (!IsBoolText(req.query, flag)) {
      return Error(422, "invalid_query", std::string(flag) + " must be true or false");
    }
  }
  const json::object* body = req.body.if_object();
  const json::array* list = body ? core::FindArray(*body, "entities") : nullptr;
  if (!list) return Error(422, "invalid_request", "entities must be an array");
  if (list->size() > options_.max_batch_entities || req.body_text.size() > options_.max_batch_bytes) {
    return Error(413, "request_too_large", "too many entities or bytes in one request");
  }
  json::array ok, errors;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string id;
    bool created = false;
    if (auto e = UpsertEntity(req, bp, (*list)[i], &id, &created)) {
      (*e)["index"] = i;
      (*e)["identifier"] = id.empty() ? "unknown" : id;
      errors.emplace_back(std::move(*e));
      continue;
    }
    json::object r;
    r["identifier"] = id;
    r["index"] = i;
    r["created"] = created;
    ok.emplace_back(std::move(r));
  }
  bool partial = !errors.empty();
  json::object o;
  o["entities"] = std::move(ok);
  o["errors"] = std::move(errors);
  return Ok(std::move(o), partial ? 207 : 200);
}

Handled FakePortApi::SingleUpsert(const FakePortRequest& req, const std::string& bp) {
  if (auto bad = CheckEntityWrite(req)) return *bad;
  if (!IsBoolText(req.query, "upsert") || !IsBoolText(req.query, "merge")) {
    return Error(422, "invalid_query", "upsert and merge must be true or false");
  }
  if (req.body_text.size() > options_.max_batch_bytes) {
    return Error(413, "request_too_large", "entity too large");
  }
  std::string id;
  bool created = false;
  if (auto e = UpsertEntity(req, bp, req.body, &id, &created)) {
    return Error(static_cast<int>((*e)["statusCode"].as_int64()),
                 std::string((*e)["error"].as_string()), std::string((*e)["message"].as_string()));
  }
  json::object o;
  o["entity"] = entities_.at({bp, id}).entity;
  return Ok(std::move(o), created ? 201 : 200);
}

Handled FakePortApi::DatasourceEntities(const FakePortRequest& req) {
  const json::object* body = req.body.if_object();
  if (!body) return Error(422, "invalid_request", "body must be an object");
  std::string prefix(core::FindString(*body, "datasource_prefix"));
  std::string suffix(core::FindString(*body, "datasource_suffix"));
  if (prefix.empty() || suffix.empty()) {
    return Error(422, "invalid_request", "datasource_prefix and datasource_suffix are required");
  }
  int64_t limit = 5000;
  if (const json::value* l = core::Find(*body, "limit"); l && l->is_int64()) limit = l->as_int64();
  if (limit < 1 || limit > 5000) return Error(422, "invalid_request", "limit must be 1..5000");
  std::optional<core::Timestamp> before;
  if (std::string_view b = core::FindString(*body, "before"); !b.empty()) {
    auto t = core::ParseIso8601(b);
    if (!t.ok()) return Error(422, "invalid_request", "before is not an ISO date");
    before = *t;
  }
  std::size_t from = 0;
  if (std::string_view f = core::FindString(*body, "from"); !f.empty()) {
    if (!f.starts_with("cursor-")) return Error(422, "invalid_request", "bad cursor");
    from = std::stoul(std::string(f.substr(7)));
  }
  std::vector<const FakePortEntity*> match;
  for (const auto& [key, e] : entities_) {
    if (!e.datasource.starts_with(prefix) || !e.datasource.ends_with(suffix)) continue;
    if (before && e.updated_at.micros >= before->micros) continue;
    match.push_back(&e);
  }
  json::array page;
  std::size_t end = std::min(match.size(), from + static_cast<std::size_t>(limit));
  for (std::size_t i = from; i < end; ++i) page.emplace_back(match[i]->entity);
  json::object o;
  o["entities"] = std::move(page);
  if (end < match.size()) o["next"] = "cursor-" + std::to_string(end);
  return Ok(std::move(o));
}

Handled FakePortApi::BulkDelete(const FakePortRequest& req, const std::string& bp) {
  if (auto bad = CheckEntityWrite(req)) return *bad;
  if (!IsBoolText(req.query, "delete_dependents")) {
    return Error(422, "invalid_query", "delete_dependents must be true or false");
  }
  const json::object* body = req.body.if_object();
  const json::array* ids = body ? core::FindArray(*body, "entities") : nullptr;
  if (!ids || ids->empty()) return Error(422, "invalid_request", "entities must be a non-empty array");
  if (ids->size() > options_.max_delete_batch) {
    return Error(413, "request_too_large", "too many entities to delete");
  }
  json::array deleted;
  for (const auto& id : *ids) {
    if (!id.is_string()) return Error(422, "invalid_request", "identifiers must be strings");
    if (entities_.erase({bp, std::string(id.as_string())}) > 0) deleted.push_back(id);
  }
  json::object o;
  o["deletedEntities"] = std::move(deleted);
  return Ok(std::move(o));
}

// --- scripting, state and inspection ---------------------------------------------------------

void FakePortApi::ExpireTokens() {
  std::lock_guard lock(mu_);
  valid_tokens_.clear();
}
void FakePortApi::Refuse401(int n) {
  std::lock_guard lock(mu_);
  refuse_401_ += n;
}
void FakePortApi::InjectFault(FakePortFault fault) {
  std::lock_guard lock(mu_);
  faults_.push_back(std::move(fault));
}
void FakePortApi::FailEntity(std::string blueprint, std::string identifier, int status_code,
                             std::string error, std::string message) {
  std::lock_guard lock(mu_);
  json::object e;
  e["statusCode"] = status_code;
  e["error"] = std::move(error);
  e["message"] = std::move(message);
  entity_failures_[{std::move(blueprint), std::move(identifier)}] = std::move(e);
}
void FakePortApi::SetClock(const core::Clock* clock) {
  std::lock_guard lock(mu_);
  clock_ = clock;
}
void FakePortApi::SetIntegration(std::optional<json::object> integration) {
  std::lock_guard lock(mu_);
  integration_ = std::move(integration);
}
void FakePortApi::PutBlueprint(json::object blueprint) {
  std::lock_guard lock(mu_);
  std::string id(core::FindString(blueprint, "identifier"));
  blueprints_[id] = std::move(blueprint);
}
void FakePortApi::PutEntity(json::object entity, std::string datasource,
                            core::Timestamp updated_at) {
  std::lock_guard lock(mu_);
  FakeEntityKey key{std::string(core::FindString(entity, "blueprint")),
                    std::string(core::FindString(entity, "identifier"))};
  entities_[key] = FakePortEntity{std::move(entity), std::move(datasource), updated_at};
}
void FakePortApi::SetResyncRequest(std::optional<std::string> updated_at) {
  std::lock_guard lock(mu_);
  resync_request_updated_at_ = std::move(updated_at);
}

std::vector<FakePortRequest> FakePortApi::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}
std::vector<FakePortRequest> FakePortApi::requests_to(std::string_view method,
                                                      std::string_view path_prefix) const {
  std::lock_guard lock(mu_);
  std::vector<FakePortRequest> out;
  for (const auto& r : requests_) {
    if ((method.empty() || r.method == method) && r.path.starts_with(path_prefix)) {
      out.push_back(r);
    }
  }
  return out;
}
std::map<FakeEntityKey, FakePortEntity> FakePortApi::entities() const {
  std::lock_guard lock(mu_);
  return entities_;
}
std::optional<json::object> FakePortApi::integration() const {
  std::lock_guard lock(mu_);
  return integration_;
}
std::vector<json::object> FakePortApi::resync_states() const {
  std::lock_guard lock(mu_);
  return resync_states_;
}
std::map<std::string, json::object> FakePortApi::blueprints() const {
  std::lock_guard lock(mu_);
  return blueprints_;
}
std::vector<std::string> FakePortApi::issued_tokens() const {
  std::lock_guard lock(mu_);
  return tokens_;
}
int FakePortApi::token_requests() const {
  std::lock_guard lock(mu_);
  return token_requests_;
}

}  // namespace testing_fakes
