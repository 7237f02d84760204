// FakePortApi: Port's REST API on loopback (LoopbackHttpServer), validating what the real one
// validates, for tests of the Port client, the handshake and the Port sink.
//
// Served (paths under /v1): auth/access_token; integration GET/POST/PATCH, .../config,
// .../resync-state, .../resync-request; blueprints GET/POST/PATCH/DELETE; entities bulk upsert,
// single upsert, datasource-entities, bulk delete; actions, pages and scorecards (recorded).
//
// Validation, like Port:
//   - every call but the token needs `Authorization: Bearer <issued token>` (401 otherwise);
//   - entity writes need the exact entity User-Agent when `options.entity_user_agent` is set
//     (400 invalid_user_agent otherwise); the UA becomes the entity's datasource;
//   - a bulk upsert holds <= max_batch_entities entities and <= max_batch_bytes of body (413);
//     upsert query flags must be lowercase "true"/"false" (422); a bulk delete holds <= 100 ids;
//   - a blueprint's relation targets must exist when it is created or patched (422);
//   - with create_missing_related_entities=false a relation to a missing entity is an entity
//     error (404 not_found); with true the target is created as a bare entity.
// Scripting: expire tokens, refuse the next request(s) with 401, inject responses for the next
// requests matching a method and path prefix (429 + Retry-After, 503, 413, ...), fail given
// entities (207 partial errors), and a clock for entities' updatedAt.
//
// Thread-safety: handlers run on the server thread; every public method locks and may be called
// from the test thread.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "fakes/loopback_http_server.h"

namespace testing_fakes {

struct FakePortEntity {
  json::object entity;     // identifier, blueprint, title?, icon?, team?, properties, relations
  std::string datasource;  // the User-Agent that wrote it ("" for related entities Port created)
  core::Timestamp updated_at;
};

struct FakePortRequest {
  std::string method;
  std::string path;  // decoded
  std::map<std::string, std::string> query;
  net::Headers headers;
  std::string body_text;
  json::value body;  // null when empty or not JSON
  int status = 0;    // what the fake answered
};

struct FakePortFault {
  std::string method;       // "" = any
  std::string path_prefix;  // matched against the request path
  int status = 503;
  net::Headers headers;
  std::string body = R"({"ok":false,"error":"injected","message":"injected fault"})";
  int times = 1;
};

using FakeEntityKey = std::pair<std::string, std::string>;  // (blueprint, identifier)

class FakePortApi {
 public:
  struct Options {
    std::string client_id = "fake-client-id";
    std::string client_secret = "fake-client-secret-value";
    std::string entity_user_agent;  // "" accepts any
    int token_expires_in = 3600;    // seconds
    std::size_t max_batch_entities = 20;
    std::size_t max_batch_bytes = 1'048'576;
    std::size_t max_delete_batch = 100;
    std::string installation_type = "OnPrem";  // given to integrations created by POST
  };

  FakePortApi();
  explicit FakePortApi(Options options);
  ~FakePortApi();

  std::string base_url() const;  // http://127.0.0.1:<port>
  LoopbackHttpServer& server() { return server_; }

  // --- scripting ---
  void ExpireTokens();          // every token issued so far is refused from now on
  void Refuse401(int n = 1);    // the next n authenticated requests get 401
  void InjectFault(FakePortFault fault);
  // Bulk upsert reports this entity in `errors` (207); single upsert answers `status_code`.
  void FailEntity(std::string blueprint, std::string identifier, int status_code,
                  std::string error, std::string message);
  void SetClock(const core::Clock* clock);  // default: the system clock

  // --- state ---
  void SetIntegration(std::optional<json::object> integration);
  void PutBlueprint(json::object blueprint);
  void PutEntity(json::object entity, std::string datasource, core::Timestamp updated_at);
  void SetResyncRequest(std::optional<std::string> updated_at);

  // --- inspection ---
  std::vector<FakePortRequest> requests() const;
  std::vector<FakePortRequest> requests_to(std::string_view method,
                                           std::string_view path_prefix) const;
  std::map<FakeEntityKey, FakePortEntity> entities() const;
  std::optional<json::object> integration() const;
  std::vector<json::object> resync_states() const;  // PATCH bodies, in order
  std::map<std::string, json::object> blueprints() const;
  std::vector<std::string> issued_tokens() const;
  int token_requests() const;

  struct Handled {
    int status;
    json::value body;
    net::Headers headers;
  };

 private:
  ScriptedResponse Handle(const RecordedRequest& request);
  Handled Route(FakePortRequest& req);
  Handled Token(const FakePortRequest& req);
  Handled Integration(const FakePortRequest& req, const std::vector<std::string>& seg);
  Handled Blueprints(const FakePortRequest& req, const std::vector<std::string>& seg);
  Handled BulkUpsert(const FakePortRequest& req, const std::string& blueprint);
  Handled SingleUpsert(const FakePortRequest& req, const std::string& blueprint);
  Handled DatasourceEntities(const FakePortRequest& req);
  Handled BulkDelete(const FakePortRequest& req, const std::string& blueprint);
  // Validates and stores one entity; returns an error object {statusCode, error, message} or
  // the stored identifier.
  std::optional<json::object> UpsertEntity(const FakePortRequest& req, const std::string& bp,
                                           const json::value& entity, std::string* identifier,
                                           bool* created);
  std::optional<Handled> CheckEntityWrite(const FakePortRequest& req) const;
  core::Timestamp Now() const;

  Options options_;
  LoopbackHttpServer server_;
  mutable std::mutex mu_;
  const core::Clock* clock_ = nullptr;
  std::vector<std::string> tokens_;       // issued
  std::vector<std::string> valid_tokens_;
  int refuse_401_ = 0;
  int token_requests_ = 0;
  std::vector<FakePortFault> faults_;
  std::map<FakeEntityKey, json::object> entity_failures_;
  std::optional<json::object> integration_;
  std::optional<std::string> resync_request_updated_at_;
  std::map<std::string, json::object> blueprints_;
  std::map<FakeEntityKey, FakePortEntity> entities_;
  std::vector<json::object> resync_states_;
  std::vector<FakePortRequest> requests_;
};

}  // namespace testing_fakes
