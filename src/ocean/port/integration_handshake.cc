#include "ocean/port/integration_handshake.h"

#include "core/log.h"

namespace ocean::port {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

bool BoolField(const json::object& o, std::string_view key) {
  const json::value* v = core::Find(o, key);
  return v && v->is_bool() && v->as_bool();
}

bool HasConfig(const json::object& integration) {
  const json::object* c = core::FindObject(integration, "config");
  return c && !c->empty();
}

json::object EmptyMapping() {
  json::object m;
  m["enableMergeEntity"] = true;
  m["deleteDependentEntities"] = true;
  m["createMissingRelatedEntities"] = true;
  m["entityDeletionThreshold"] = 0.9;
  m["resources"] = json::array();
  return m;
}

// The fields Ocean keeps in step with its own configuration.
json::object DesiredSettings(const HandshakeOptions& o) {
  json::object d;
  d["installationAppType"] = o.integration_type;
  d["changelogDestination"] = o.changelog_destination;
  d["actionsProcessingEnabled"] = false;
  d["incrementalSyncEnabled"] = false;
  d["processingMode"] = o.processing_mode;
  d["version"] = o.version;
  return d;
}

std::vector<std::string> Drift(const json::object& integration, const json::object& desired) {
  std::vector<std::string> changed;
  for (const auto& [key, want] : desired) {
    const json::value* have = core::Find(integration, key);
    json::value normalized = have ? *have : json::value();
    if (key == "changelogDestination" && normalized.is_null()) normalized = json::object();
    if ((key == "actionsProcessingEnabled" || key == "incrementalSyncEnabled") &&
        normalized.is_null()) {
      normalized = false;
    }
    if (normalized != want) changed.emplace_back(key);
  }
  return changed;
}

asio::awaitable<Result<json::object>> Create(PortClient& client, const HandshakeOptions& o) {
  if (o.version.empty()) {
    co_return Status::InvalidArgument("cannot create Port integration '" + client.integration_id() +
                                      "': the integration version is empty");
  }
  json::object body;
  body["installationId"] = client.integration_id();
  body["installationAppType"] = o.integration_type;
  body["version"] = o.version;
  body["changelogDestination"] = o.changelog_destination;
  body["config"] = o.initialize_port_resources && o.defaults.mapping ? *o.defaults.mapping
                                                                     : json::object();
  body["actionsProcessingEnabled"] = false;
  body["incrementalSyncEnabled"] = false;
  body["createPortResourcesOrigin"] = "Default";
  body["processingMode"] = o.processing_mode;
  LOG_INFO("creating Port integration '{}' ({} {})", client.integration_id(), o.integration_type,
           o.version);
  co_return co_await client.CreateIntegration(std::move(body));
}

asio::awaitable<Status> Setup(PortClient& client, const HandshakeOptions& o, HandshakeResult& out) {
  std::string origin(core::FindString(out.integration, "createPortResourcesOrigin", "Default"));
  if (origin == "Port") {
    LOG_INFO("Port provisions the default resources of '{}'", client.integration_id());
    co_return Status::Ok();
  }
  if (origin == "Empty") {
    json::object patch;
    patch["config"] = EmptyMapping();
    patch["arePortResourcesInitialized"] = true;
    patch["version"] = o.version;
    CORE_CO_ASSIGN_OR_RETURN(out.integration, co_await client.PatchIntegration(std::move(patch)));
    out.resources_initialized = true;
    co_return Status::Ok();
  }
  if (!o.initialize_port_resources) co_return Status::Ok();
  if (!HasConfig(out.integration) && o.defaults.mapping) {
    Status s = co_await client.PatchIntegrationConfig(*o.defaults.mapping, o.runtime == "Saas");
    if (!s.ok()) co_return s.WithContext("setting the default mapping");
    out.config_patched = true;
  }
  CORE_CO_ASSIGN_OR_RETURN(out.blueprints,
                           co_await CreateDefaultBlueprints(client, o.defaults.blueprints));
  if (out.blueprints.existing.empty()) co_await CreateOtherDefaults(client, o.defaults);
  json::object patch;
  patch["arePortResourcesInitialized"] = true;
  patch["version"] = o.version;
  CORE_CO_ASSIGN_OR_RETURN(out.integration, co_await client.PatchIntegration(std::move(patch)));
  out.resources_initialized = true;
  co_return Status::Ok();
}

}  // namespace

Status ValidateRuntime(const json::object& integration, std::string_view runtime) {
  std::string type(core::FindString(integration, "installationType", "OnPrem"));
  bool ok = runtime == "Saas" ? type.starts_with("Saas") : type == "OnPrem";
  if (ok) return Status::Ok();
  // Port's integration object names itself by installationId; some answers also carry identifier.
  std::string_view name = core::FindString(integration, "installationId");
  if (name.empty()) name = core::FindString(integration, "identifier");
  return Status::InvalidArgument("Port integration '" + std::string(name) +
                                 "' has installationType '" + type +
                                 "', which the runtime '" + std::string(runtime) +
                                 "' cannot serve (OCEAN__RUNTIME)");
}

asio::awaitable<Result<HandshakeResult>> RunIntegrationHandshake(PortClient& client,
                                                                 const HandshakeOptions& options) {
  HandshakeResult out;
  CORE_CO_ASSIGN_OR_RETURN(std::optional<json::object> existing, co_await client.GetIntegration());
  if (existing) {
    Status runtime = ValidateRuntime(*existing, options.runtime);
    if (!runtime.ok()) co_return runtime;
    out.integration = std::move(*existing);
  } else {
    CORE_CO_ASSIGN_OR_RETURN(out.integration, co_await Create(client, options));
    out.created = true;
  }

  json::object desired = DesiredSettings(options);
  std::vector<std::string> changed = Drift(out.integration, desired);
  if (!changed.empty()) {
    std::string names;
    for (const auto& c : changed) names += (names.empty() ? "" : ", ") + c;
    LOG_INFO("updating Port integration '{}' ({} changed)", client.integration_id(), names);
    CORE_CO_ASSIGN_OR_RETURN(out.integration, co_await client.PatchIntegration(desired));
    out.drift_patched = true;
  }

  if (!BoolField(out.integration, "arePortResourcesInitialized")) {
    Status s = co_await Setup(client, options, out);
    if (!s.ok()) co_return s;
  }
  co_return out;
}

}  // namespace ocean::port
