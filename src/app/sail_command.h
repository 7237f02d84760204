// `ocean-aws sail`: run as an Ocean integration (Ocean's `ocean sail`), in the run mode of
// OCEAN__EVENT_LISTENER__TYPE.
//
//   sail [-O|--once] [-p|--port N] [--config-file FILE] [--sink port|sqlite|ndjson]
//        [--sqlite-path P] [--region R]... [--endpoint-url URL]
//
// Settings are read like `resync` (OCEAN__* / APPLICATION__*, .env, config.yaml); then the Port
// handshake runs (when Port is the sink), then the listener:
//   ONCE     one resync, then exit (-O/--once forces it, as Ocean's flag does);
//   POLLING  every event_listener.interval seconds, GET Port's resync request and resync when
//            its updatedAt is new (ocean/port/resync_poller.h); needs the Port sink;
//   WEBHOOK  POST /resync (Ocean's, no prefix; also {prefix}/resync when a prefix is set) runs
//            a resync and answers 200 null when it ends.
// OCEAN__SCHEDULED_RESYNC_INTERVAL (minutes) adds a resync every interval (the first one after
// one interval) in POLLING and WEBHOOK. A newer resync aborts a running one (newest wins).
// Except in ONCE, an HTTP server on 0.0.0.0:APPLICATION__PORT (APPLICATION__PORT wins over -p;
// default 8000) serves {prefix}/health/live, {prefix}/health/ready and {prefix}/metrics
// ({prefix} = OCEAN__PATH_PREFIX).
//
// SIGTERM/SIGINT abort the running resync (it ends "aborted": nothing is deleted), wait for it
// to end, stop the server and exit 0. A second signal exits at once (status 130).
//
// Exit status: 0 (ONCE: the resync completed or was aborted by a signal; other modes: shut down
// by a signal), 1 (ONCE: a scope or kind failed, or the resync failed), 2 (bad configuration,
// failed Port handshake, or the HTTP port cannot be bound).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace app {

struct SailCommandOptions {
  bool once = false;
  int port = 0;  // 0: APPLICATION__PORT or its default
  std::string config_file;
  std::string sink;
  std::string sqlite_path;
  std::vector<std::string> regions;
  bool reconcile_narrowed = false;
  std::string endpoint_url;
};

CLI::App* AddSailCommand(CLI::App& cli, SailCommandOptions& options);
int RunSail(const SailCommandOptions& options);

}  // namespace app
