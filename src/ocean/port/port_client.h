// PortClient: the Port API endpoints ocean-aws uses (ocean-core.md §5.2), one method each, on top
// of PortHttp. Paths are under {base_url}/v1; identifiers are percent-encoded path segments.
//
// Entity writes (upsert, delete) carry the entity User-Agent and are retried as idempotent, as
// are the datasource listing and the token; integration and blueprint PATCHes are never retried.
//
// Thread-safety: as PortHttp (one io_context).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/port/port_http.h"

namespace ocean::port {

// The Ocean core version whose behaviour ocean-aws reproduces (sent as oceanCoreVersion).
inline constexpr std::string_view kOceanCoreVersion = "0.48.12";

class PortClient {
 public:
  PortClient(std::shared_ptr<PortHttp> http, std::string integration_id);

  const std::string& integration_id() const { return integration_id_; }
  PortHttp& http() { return *http_; }

  // --- integration ---------------------------------------------------------------------------
  // GET /v1/integration/{id}?oceanCoreVersion=..&isPolling=false -> `integration`; nullopt on 404.
  boost::asio::awaitable<core::Result<std::optional<json::object>>> GetIntegration();
  // POST /v1/integration -> `integration`.
  boost::asio::awaitable<core::Result<json::object>> CreateIntegration(json::object body);
  // PATCH /v1/integration/{id} -> `integration`.
  boost::asio::awaitable<core::Result<json::object>> PatchIntegration(json::object body);
  // PATCH /v1/integration/{id}/config {"config": config} (+ x-skip-resync when asked).
  boost::asio::awaitable<core::Status> PatchIntegrationConfig(json::object config,
                                                              bool skip_resync);
  // The mapping from GET integration -> `config`, validated. nullopt when the config is empty or
  // absent (the runner then skips the resync: "empty mapping"); NotFound when the integration
  // does not exist.
  boost::asio::awaitable<core::Result<std::optional<PortAppConfig>>> FetchPortAppConfig();
  // GET /v1/integration/{id}/resync-request -> request.updatedAt; nullopt when request is null.
  boost::asio::awaitable<core::Result<std::optional<std::string>>> ResyncRequestUpdatedAt();
  // PATCH /v1/integration/{id}/resync-state with `body` (Ocean's fields, `intervalInMinuets`
  // spelled as on the wire). A failure is logged (never raised) and returned.
  boost::asio::awaitable<core::Status> PatchResyncState(json::object body);

  // --- blueprints ----------------------------------------------------------------------------
  // GET /v1/blueprints/{id} -> `blueprint`; nullopt on 404.
  boost::asio::awaitable<core::Result<std::optional<json::object>>> GetBlueprint(
      std::string identifier);
  boost::asio::awaitable<core::Status> CreateBlueprint(json::object blueprint);
  boost::asio::awaitable<core::Status> PatchBlueprint(std::string identifier, json::object patch);
  boost::asio::awaitable<core::Status> DeleteBlueprint(std::string identifier);

  // --- entities ------------------------------------------------------------------------------
  // POST /v1/blueprints/{bp}/entities/bulk {"entities":[...]} with `query`. The raw response
  // (200/207 with entities/errors, 413, ...) for the caller to interpret.
  boost::asio::awaitable<core::Result<PortResponse>> BulkUpsert(std::string blueprint,
                                                                json::array entities,
                                                                QueryParams query);
  // POST /v1/blueprints/{bp}/entities with `query` -> the raw response.
  boost::asio::awaitable<core::Result<PortResponse>> UpsertOne(std::string blueprint,
                                                               json::object entity,
                                                               QueryParams query);
  // POST /v1/blueprints/entities/datasource-entities with `body` -> {entities, next?}.
  boost::asio::awaitable<core::Result<json::object>> DatasourceEntities(json::object body);
  // POST /v1/blueprints/{bp}/bulk/entities/delete {"entities":[ids]} with `query`.
  boost::asio::awaitable<core::Result<json::object>> BulkDelete(std::string blueprint,
                                                                std::vector<std::string> ids,
                                                                QueryParams query);

  // --- other defaults ------------------------------------------------------------------------
  // POST `path` with `body` (actions, scorecards, pages); errors returned.
  boost::asio::awaitable<core::Status> Post(std::string path, json::value body);

 private:
  std::string IntegrationPath() const;
  std::shared_ptr<PortHttp> http_;
  std::string integration_id_;
};

}  // namespace ocean::port
