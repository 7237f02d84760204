// `ocean-aws export`, `ocean-aws get` and `ocean-aws kinds`: the catalog on the command line.
//
//   export --kind KIND [--include ACTION]... [--region R]...
//       raw resources as NDJSON on stdout (exactly what the jq mappings see), one scope summary
//       line per (account, region) on stderr; exit 1 when any scope failed.
//   get KIND ID [--region R]     one resource, enriched by every action of the kind.
//   kinds                        every kind with its default and optional actions.
//   kinds --check FILE...        validates kind definition files (or folders) and prints what
//                                each kind will call; exit 2 on any error.
//
// Accounts come from the integration's config (OCEAN__INTEGRATION__CONFIG__*), as upstream.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace app {

struct CatalogCommandOptions {
  std::string kind;
  std::string id;
  std::vector<std::string> include;
  std::vector<std::string> regions;
  std::size_t max_concurrent_accounts = 5;
  std::string endpoint_url;
  std::vector<std::string> check;  // kinds --check
};

struct CatalogCommands {
  CLI::App* export_cmd = nullptr;
  CLI::App* get_cmd = nullptr;
  CLI::App* kinds_cmd = nullptr;
};

CatalogCommands AddCatalogCommands(CLI::App& cli, CatalogCommandOptions& options);

int RunExport(const CatalogCommandOptions& options);
int RunGet(const CatalogCommandOptions& options);
int RunKinds(const CatalogCommandOptions& options);

}  // namespace app
