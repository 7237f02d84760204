#include "ocean/port/port_client.h"

#include "core/log.h"

namespace ocean::port {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

PortRequest Req(std::string method, std::string path) {
  PortRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

// `field` of a response body that must be an object.
Result<json::object> ObjectField(const json::value& body, std::string_view field,
                                 const PortRequest& req) {
  if (const json::object* o = body.if_object()) {
    if (const json::object* f = core::FindObject(*o, field)) return *f;
  }
  return Status::ParseError("Port API " + req.method + " " + req.path + ": the response has no '" +
                            std::string(field) + "' object");
}

}  // namespace

PortClient::PortClient(std::shared_ptr<PortHttp> http, std::string integration_id)
    : http_(std::move(http)), integration_id_(std::move(integration_id)) {}

std::string PortClient::IntegrationPath() const {
  return "/v1/integration/" + EncodeSegment(integration_id_);
}

asio::awaitable<Result<std::optional<json::object>>> PortClient::GetIntegration() {
  PortRequest req = Req("GET", IntegrationPath());
  req.query = {{"oceanCoreVersion", std::string(kOceanCoreVersion)}, {"isPolling", "false"}};
  Result<PortResponse> r = co_await http_->Send(req);
  if (!r.ok()) co_return r.status();
  if (r->status == 404) co_return std::optional<json::object>();
  if (!r->ok()) co_return PortError(req, *r);
  CORE_CO_ASSIGN_OR_RETURN(json::object integration, ObjectField(r->body, "integration", req));
  co_return std::optional<json::object>(std::move(integration));
}

asio::awaitable<Result<json::object>> PortClient::CreateIntegration(json::object body) {
  PortRequest req = Req("POST", "/v1/integration");
  req.body = std::move(body);
  CORE_CO_ASSIGN_OR_RETURN(json::value resp, co_await http_->Call(req));
  co_return ObjectField(resp, "integration", req);
}

asio::awaitable<Result<json::object>> PortClient::PatchIntegration(json::object body) {
  PortRequest req = Req("PATCH", IntegrationPath());
  req.body = std::move(body);
  CORE_CO_ASSIGN_OR_RETURN(json::value resp, co_await http_->Call(req));
  co_return ObjectField(resp, "integration", req);
}

asio::awaitable<Status> PortClient::PatchIntegrationConfig(json::object config,
                                                           bool skip_resync) {
  PortRequest req = Req("PATCH", IntegrationPath() + "/config");
  json::object body;
  body["config"] = std::move(config);
  req.body = std::move(body);
  if (skip_resync) req.headers.emplace_back("x-skip-resync", "true");
  Result<json::value> r = co_await http_->Call(req);
  co_return r.status();
}

asio::awaitable<Result<std::optional<PortAppConfig>>> PortClient::FetchPortAppConfig() {
  CORE_CO_ASSIGN_OR_RETURN(std::optional<json::object> integration, co_await GetIntegration());
  if (!integration) {
    co_return Status::NotFound("Port integration '" + integration_id_ +
                               "' does not exist (GET /v1/integration/" + integration_id_ +
                               " answered 404)");
  }
  const json::value* config = core::Find(*integration, "config");
  if (!config || config->is_null() || (config->is_object() && config->as_object().empty())) {
    co_return std::optional<PortAppConfig>();
  }
  std::string source = "Port integration " + integration_id_ + " config";
  CORE_CO_ASSIGN_OR_RETURN(PortAppConfig parsed, PortAppConfigFromJson(*config, source));
  co_return std::optional<PortAppConfig>(std::move(parsed));
}

asio::awaitable<Result<std::optional<std::string>>> PortClient::ResyncRequestUpdatedAt() {
  PortRequest req = Req("GET", IntegrationPath() + "/resync-request");
  CORE_CO_ASSIGN_OR_RETURN(json::value resp, co_await http_->Call(req));
  const json::object* o = resp.if_object();
  const json::object* request = o ? core::FindObject(*o, "request") : nullptr;
  if (!request) co_return std::optional<std::string>();
  std::string_view updated = core::FindString(*request, "updatedAt");
  if (updated.empty()) co_return std::optional<std::string>();
  co_return std::optional<std::string>(std::string(updated));
}

asio::awaitable<Status> PortClient::PatchResyncState(json::object body) {
  PortRequest req = Req("PATCH", IntegrationPath() + "/resync-state");
  std::string status(core::FindString(body, "status"));
  req.body = std::move(body);
  Result<json::value> r = co_await http_->Call(req);
  if (!r.ok()) {
    LOG_WARN("could not report resync state '{}' to Port: {}", status, r.status().message());
  }
  co_return r.status();
}

asio::awaitable<Result<std::optional<json::object>>> PortClient::GetBlueprint(
    std::string identifier) {
  PortRequest req = Req("GET", "/v1/blueprints/" + EncodeSegment(identifier));
  Result<PortResponse> r = co_await http_->Send(req);
  if (!r.ok()) co_return r.status();
  if (r->status == 404) co_return std::optional<json::object>();
  if (!r->ok()) co_return PortError(req, *r);
  CORE_CO_ASSIGN_OR_RETURN(json::object bp, ObjectField(r->body, "blueprint", req));
  co_return std::optional<json::object>(std::move(bp));
}

asio::awaitable<Status> PortClient::CreateBlueprint(json::object blueprint) {
  PortRequest req = Req("POST", "/v1/blueprints");
  req.body = std::move(blueprint);
  Result<json::value> r = co_await http_->Call(req);
  co_return r.status();
}

asio::awaitable<Status> PortClient::PatchBlueprint(std::string identifier, json::object patch) {
  PortRequest req = Req("PATCH", "/v1/blueprints/" + EncodeSegment(identifier));
  req.body = std::move(patch);
  Result<json::value> r = co_await http_->Call(req);
  co_return r.status();
}

asio::awaitable<Status> PortClient::DeleteBlueprint(std::string identifier) {
  PortRequest req = Req("DELETE", "/v1/blueprints/" + EncodeSegment(identifier));
  Result<json::value> r = co_await http_->Call(req);
  co_return r.status();
}

asio::awaitable<Result<PortResponse>> PortClient::BulkUpsert(std::string blueprint,
                                                             json::array entities,
                                                             QueryParams query) {
  PortRequest req = Req("POST", "/v1/blueprints/" + EncodeSegment(blueprint) + "/entities/bulk");
  json::object body;
  body["entities"] = std::move(entities);
  req.body = std::move(body);
  req.query = std::move(query);
  req.idempotent = true;
  req.entity_write = true;
  co_return co_await http_->Send(req);
}

asio::awaitable<Result<PortResponse>> PortClient::UpsertOne(std::string blueprint,
                                                            json::object entity,
                                                            QueryParams query) {
  PortRequest req = Req("POST", "/v1/blueprints/" + EncodeSegment(blueprint) + "/entities");
  req.body = std::move(entity);
  req.query = std::move(query);
  req.idempotent = true;
  req.entity_write = true;
  co_return co_await http_->Send(req);
}

asio::awaitable<Result<json::object>> PortClient::DatasourceEntities(json::object body) {
  PortRequest req = Req("POST", "/v1/blueprints/entities/datasource-entities");
  req.body = std::move(body);
  req.idempotent = true;
  req.entity_write = true;
  CORE_CO_ASSIGN_OR_RETURN(json::value resp, co_await http_->Call(req));
  if (!resp.is_object()) {
    co_return Status::ParseError("Port API POST " + req.path + ": the response is not an object");
  }
  co_return std::move(resp.as_object());
}

asio::awaitable<Result<json::object>> PortClient::BulkDelete(std::string blueprint,
                                                             std::vector<std::string> ids,
                                                             QueryParams query) {
  PortRequest req =
      Req("POST", "/v1/blueprints/" + EncodeSegment(blueprint) + "/bulk/entities/delete");
  json::array list;
  for (auto& id : ids) list.emplace_back(std::move(id));
  json::object body;
  body["entities"] = std::move(list);
  req.body = std::move(body);
  req.query = std::move(query);
  req.idempotent = true;
  req.entity_write = true;
  CORE_CO_ASSIGN_OR_RETURN(json::value resp, co_await http_->Call(req));
  if (json::object* o = resp.if_object()) co_return std::move(*o);
  co_return json::object();
}

asio::awaitable<Status> PortClient::Post(std::string path, json::value body) {
  PortRequest req = Req("POST", std::move(path));
  req.body = std::move(body);
  Result<json::value> r = co_await http_->Call(req);
  co_return r.status();
}

}  // namespace ocean::port
