#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/aws_command.h"
#include "app/export_command.h"
#include "app/map_command.h"
#include "app/resync_command.h"
#include "app/sail_command.h"
#include "aws/model/service_model.h"
#include "core/log.h"

namespace app {

int RunCli(int argc, char** argv) {
  CLI::App cli{"ocean-aws: AWS resource exporter for Port's software catalog"};
  cli.require_subcommand(1);
  std::string log_level = "info";
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->envname("OCEAN__LOG_LEVEL");

  auto* version = cli.add_subcommand("version", "Print the version");
  auto* models = cli.add_subcommand("models", "List embedded AWS services, or one's operations");
  std::string service;
  models->add_option("service", service, "Service name, e.g. ec2");

  AwsCommandOptions aws_options;
  CLI::App* aws_cmd = AddAwsCommand(cli, aws_options);
  CatalogCommandOptions catalog_options;
  CatalogCommands catalog_cmds = AddCatalogCommands(cli, catalog_options);
  ResyncCommandOptions resync_options;
  CLI::App* resync_cmd = AddResyncCommand(cli, resync_options);
  SailCommandOptions sail_options;
  CLI::App* sail_cmd = AddSailCommand(cli, sail_options);
  MapCommandOptions map_options;
  CLI::App* map_cmd = AddMapCommand(cli, map_options);

  CLI11_PARSE(cli, argc, argv);
  core::InitLogging(log_level, false);

  if (*aws_cmd) return RunAwsCommand(aws_options);
  if (*resync_cmd) return RunResyncCommand(resync_options);
  if (*sail_cmd) return RunSail(sail_options);
  if (*map_cmd) return RunMap(map_options, std::cin, std::cout, std::cerr);
  if (*catalog_cmds.export_cmd) return RunExport(catalog_options);
  if (*catalog_cmds.get_cmd) return RunGet(catalog_options);
  if (*catalog_cmds.kinds_cmd) return RunKinds();
  if (*version) {
    std::cout << "ocean-aws 0.1.0\n";
    return 0;
  }
  if (*models) {
    if (service.empty()) {
      for (const auto& s : aws::model::EmbeddedServiceNames()) std::cout << s << "\n";
      return 0;
    }
    auto m = aws::model::GetService(service);
    if (!m.ok()) {
      std::cerr << "error: " << m.status().message() << "\n";
      return 2;
    }
    for (const auto& [name, op] : (*m)->operations()) {
      std::cout << name << (op.paginator ? "  (pageable)" : "") << "\n";
    }
    return 0;
  }
  return 0;
}

}  // namespace app
