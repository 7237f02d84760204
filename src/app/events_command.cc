#include "app/events_command.h"

#include <filesystem>
#include <set>

#include "app/resync_session.h"
#include "app/settings_loader.h"
#include "catalog/events/event_router.h"
#include "catalog/events/event_rules.h"
#include "catalog/kind_table.h"
#include "core/redact.h"
#include "ocean/config/port_app_config.h"

namespace app {

CLI::App* AddEventsCommand(CLI::App& cli, EventsCommandOptions& o) {
  CLI::App* cmd = cli.add_subcommand(
      "events", "Print the EventBridge rules (or a CloudFormation template) for live events");
  cmd->add_option("--config-file", o.config_file,
                  "port-app-config whose kinds get live events (default: the configured one)");
  cmd->add_flag("--all", o.all, "Every kind, not only the port-app-config's");
  cmd->add_option("--format", o.format, "json (event patterns) or cloudformation")
      ->check(CLI::IsMember({"json", "cloudformation"}));
  cmd->add_option("--target", o.target,
                  "CloudFormation rule target: webhook (API destination) or sqs (a queue)")
      ->check(CLI::IsMember({"webhook", "sqs"}));
  return cmd;
}

namespace {

// The port-app-config the command reads when --all is not given, as a resync without Port would.
core::Result<ocean::PortAppConfig> ConfiguredMapping(const EventsCommandOptions& o) {
  if (!o.config_file.empty()) return ocean::LoadPortAppConfigFile(o.config_file);
  core::Result<ocean::OceanSettings> settings = LoadProcessSettings({});
  if (!settings.ok()) return settings.status();
  if (!settings->port_app_config_file.empty()) {
    return ocean::LoadPortAppConfigFile(settings->port_app_config_file);
  }
  std::string local = settings->resources_path + "/port-app-config.yml";
  if (std::filesystem::exists(local)) return ocean::LoadPortAppConfigFile(local);
  return ocean::ParsePortAppConfig(EmbeddedDefaultMapping(),
                                   "the default port-app-config (embedded)");
}

}  // namespace

int RunEvents(const EventsCommandOptions& o, std::ostream& out, std::ostream& err) {
  if (o.all && !o.config_file.empty()) {
    err << "error: --all and --config-file exclude each other\n";
    return 2;
  }
  std::vector<const catalog::definition::KindDef*> kinds;
  if (o.all) {
    for (const catalog::KindSpec* spec : catalog::AllKinds()) {
      if (const auto* def = catalog::FindKindDefinition(spec->name)) kinds.push_back(def);
    }
  } else {
    core::Result<ocean::PortAppConfig> mapping = ConfiguredMapping(o);
    if (!mapping.ok()) {
      err << "error: " << core::Redact(mapping.status().message()) << "\n";
      return 2;
    }
    std::set<std::string> seen;
    for (const ocean::ResourceConfig& rc : mapping->resources) {
      if (!seen.insert(rc.kind).second) continue;
      const catalog::definition::KindDef* def = catalog::FindKindDefinition(rc.kind);
      if (!def) {
        err << "error: the port-app-config names unknown kind " << rc.kind << "\n";
        return 2;
      }
      kinds.push_back(def);
    }
  }
  std::string without;
  for (const catalog::definition::KindDef* def : kinds) {
    if (def->events.empty()) without += (without.empty() ? "" : ", ") + def->name;
  }
  if (!without.empty()) err << "note: no live events for " << without << "\n";
  std::vector<catalog::events::EventRule> rules = catalog::events::BuildEventRules(kinds);
  if (rules.empty()) {
    err << "error: none of the selected kinds has live-event mappings\n";
    return 2;
  }
  if (o.format == "cloudformation") {
    core::Result<json::value> tpl = catalog::events::CloudFormationTemplate(
        rules, o.target == "sqs" ? catalog::events::RuleTarget::kSqs
                                 : catalog::events::RuleTarget::kWebhook);
    if (!tpl.ok()) {
      err << "error: " << tpl.status().message() << "\n";
      return 2;
    }
    out << core::WriteJsonPretty(*tpl, 2) << "\n";
    return 0;
  }
  json::array list;
  for (const catalog::events::EventRule& r : rules) {
    json::array names;
    for (const std::string& k : r.kinds) names.emplace_back(k);
    list.push_back(json::object{{"name", r.Name()},
                                {"kinds", std::move(names)},
                                {"eventPattern", r.EventPattern()}});
  }
  out << core::WriteJsonPretty(json::object{{"rules", std::move(list)}}, 2) << "\n";
  return 0;
}

}  // namespace app
