// `ocean-aws map`: applies a port-app-config's mappings to raw resources, offline — for mapping
// development and for tests. Nothing is sent anywhere.
//
//   map --config FILE [--kind KIND] [--no-env] < raw.ndjson
//
// Input: one raw resource per line, as `ocean-aws export` writes them ({"Type", "Properties",
// "__ExtraContext"}). Each line is mapped by every resource config of the port-app-config whose
// kind is --kind (when given) or the line's "Type" (otherwise), in the config's order, with
// Ocean's semantics (selector, itemsToParse, first output per leaf, dropped null identifiers).
// Output: one Port entity per line on stdout (identifier, title, blueprint, properties,
// relations, and team/icon when mapped), in input order. Per-item problems (bad JSON, no Type,
// jq runtime errors) go to stderr naming the line, the kind, the field and the expression; a
// summary line ends stderr.
// Exit status: 0 all mapped, 1 some item had an error, 2 bad configuration or arguments.
// From the CLI, items are mapped in a mapping worker process (ocean/mapping/pool), so that an
// expression that crashes libjq or never ends costs only its item ("mapping this item crashed
// the mapping worker ...", "did not finish within N s"); --timeout sets the per-item deadline
// (default 120 s), --in-process maps in this process (faster start, unprotected).
#pragma once

#include <CLI/CLI.hpp>
#include <istream>
#include <ostream>
#include <string>

namespace app {

struct MapCommandOptions {
  std::string config_file;
  std::string kind;
  bool no_env = false;  // forbid jq's env / $ENV (allowEnvironmentVariablesJqAccess=false)
  bool in_process = true;  // AddMapCommand makes the worker process the CLI's default
  int timeout_seconds = 120;
};

CLI::App* AddMapCommand(CLI::App& cli, MapCommandOptions& options);

// The command's work on explicit streams (tests call this directly).
int RunMap(const MapCommandOptions& options, std::istream& in, std::ostream& out,
           std::ostream& err);

}  // namespace app
