// `ocean-aws resync`: one full resync, then exit (Ocean's ONCE listener as a command).
//
//   resync [--config-file FILE] [--sink port|sqlite|ndjson] [--sqlite-path P] [--ndjson-path P]
//          [--region R]... [--endpoint-url URL] [--report-json FILE] [--no-progress]
//          [--output text|json]
//
// Settings come from OCEAN__* / APPLICATION__* variables, .env and config.yaml (ocean/config);
// flags override them. Live progress on a terminal, then a summary table on stdout (or the
// report as JSON with --output json). SIGINT/SIGTERM abort the resync: nothing is deleted and
// the run is recorded as aborted.
// Exit status: 0 completed, 1 failed (a scope failed, a kind incomplete), 2 bad configuration,
// 3 aborted.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "ocean/resync/resync_report.h"

namespace app {

struct ResyncCommandOptions {
  std::string config_file;
  std::string sink;
  std::string sqlite_path;
  std::string ndjson_path;
  std::vector<std::string> regions;
  bool reconcile_narrowed = false;
  std::string endpoint_url;
  std::string report_json;
  bool no_progress = false;
  std::string output = "text";
};

CLI::App* AddResyncCommand(CLI::App& cli, ResyncCommandOptions& options);
int RunResyncCommand(const ResyncCommandOptions& options);

// 0 completed, 1 failed, 3 aborted.
int ExitStatusFor(const ocean::ResyncReport& report);




}  // namespace app
