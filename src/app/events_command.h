// `ocean-aws events`: what to create in AWS so that live events reach ocean-aws (issue 12 point 7).
//
//   events [--config-file FILE | --all] [--format json|cloudformation] [--target webhook|sqs]
//
// The kinds: those of the port-app-config (--config-file, else OCEAN__PORT_APP_CONFIG_FILE, else
// <resources path>/port-app-config.yml, else the embedded default mapping; Port's mapping is not
// fetched: pass its file or --all), or every kind of the kind table (--all), user-defined kinds
// included. Kinds without event mappings are named on stderr.
//
// --format json (default): {"rules": [{"name", "kinds", "eventPattern"}]}, one EventBridge rule
// per CloudTrail event source (catalog/events/event_rules.h).
// --format cloudformation: a CloudFormation template (JSON) creating those rules with the target
// (--target webhook: an API destination to the webhook; sqs: a queue for `sail` to poll).
// Exit status: 0 printed, 2 bad arguments or configuration, or no kind with event mappings.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace app {

struct EventsCommandOptions {
  std::string config_file;
  bool all = false;
  std::string format = "json";
  std::string target = "webhook";
};

CLI::App* AddEventsCommand(CLI::App& cli, EventsCommandOptions& options);

// The command's work on explicit streams (tests call this directly).
int RunEvents(const EventsCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace app
