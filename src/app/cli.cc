#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/aws_command.h"
#include "app/events_command.h"
#include "app/export_command.h"
#include "app/map_command.h"
#include "app/resync_command.h"
#include "app/sail_command.h"
#include "aws/model/service_model.h"
#include "catalog/integration_config.h"
#include "catalog/kind_table.h"
#include "core/log.h"
#include "core/redact.h"
#include "ocean/config/log_options.h"
#include "ocean/config/settings.h"
#include "ocean/mapping/pool/map_worker.h"

namespace app {

int RunCli(int argc, char** argv) {
  // A mapping worker of this process's mapping pool (ocean/mapping/pool): no CLI, no logging
  // setup, no settings; it only speaks the pool's protocol on fds 3 and 4.
  if (argc == 2 && std::string_view(argv[1]) == ocean::mapping::pool::kMapWorkerSubcommand) {
    return ocean::mapping::pool::RunMapWorker();
  }
  CLI::App cli{"ocean-aws: AWS resource exporter for Port's software catalog"};
  cli.require_subcommand(1);
  // Logging: flag > OCEAN__LOG_LEVEL / APPLICATION__LOG_LEVEL, OCEAN__LOG_FORMAT > defaults
  // (ocean/config/log_options.h).
  std::string log_level, log_format;
  cli.add_option("--log-level", log_level,
                 "trace, debug, info, warning, error, critical, off (default info; env "
                 "OCEAN__LOG_LEVEL or APPLICATION__LOG_LEVEL)");
  cli.add_option("--log-format", log_format,
                 "text or json: one JSON object per line (default text; env OCEAN__LOG_FORMAT)");

  // User-defined kinds: flag > OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH (and the same for
  // AWS_MODELS_PATH); loaded before any command, so a bad definition exits 2 before any AWS call.
  std::string custom_kinds_path, aws_models_path;
  cli.add_option("--custom-kinds-path", custom_kinds_path,
                 "A kind definition file or folder adding or replacing kinds (env "
                 "OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH)");
  cli.add_option("--aws-models-path", aws_models_path,
                 "A folder of extra AWS API models in botocore's layout (env "
                 "OCEAN__INTEGRATION__CONFIG__AWS_MODELS_PATH)");

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
  EventsCommandOptions events_options;
  CLI::App* events_cmd = AddEventsCommand(cli, events_options);

  CLI11_PARSE(cli, argc, argv);
  auto log_options =
      ocean::config::ResolveLogOptions(log_level, log_format, ocean::ProcessEnvironment());
  if (!log_options.ok()) {
    std::cerr << "error: " << core::Redact(log_options.status().message()) << "\n";
    return 2;
  }
  core::InitLogging(log_options->level, log_options->json);

  if (custom_kinds_path.empty() || aws_models_path.empty()) {
    // Other keys' errors are the commands' to report.
    core::Result<catalog::IntegrationConfig> env = catalog::IntegrationConfig::FromEnvironment();
    if (env.ok()) {
      if (custom_kinds_path.empty()) custom_kinds_path = env->custom_kinds_path;
      if (aws_models_path.empty()) aws_models_path = env->aws_models_path;
    }
  }
  if (!custom_kinds_path.empty() || !aws_models_path.empty()) {
    core::Status st = catalog::LoadKindTable({custom_kinds_path, aws_models_path});
    if (!st.ok()) {
      std::cerr << "error: invalid kind definitions:\n" << core::Redact(st.message()) << "\n";
      return 2;
    }
  }

  if (*aws_cmd) return RunAwsCommand(aws_options);
  if (*resync_cmd) return RunResyncCommand(resync_options);
  if (*sail_cmd) return RunSail(sail_options);
  if (*map_cmd) return RunMap(map_options, std::cin, std::cout, std::cerr);
  if (*events_cmd) return RunEvents(events_options, std::cout, std::cerr);
  if (*catalog_cmds.export_cmd) return RunExport(catalog_options);
  if (*catalog_cmds.get_cmd) return RunGet(catalog_options);
  if (*catalog_cmds.kinds_cmd) return RunKinds(catalog_options);
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
      std::cerr << "error: " << core::Redact(m.status().message()) << "\n";
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
