// `ocean-aws aws <service> <operation>`: calls one AWS operation with the engine and prints the
// result as JSON, like the AWS CLI — for debugging and for tests.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace app {

struct AwsCommandOptions {
  std::string service;
  std::string operation;
  std::string params = "{}";  // JSON object, or @path to read it from a file
  std::string region;
  std::string profile;
  std::string endpoint_url;
  bool paginate = false;
  long page_size = 0;  // 0: the API's largest
  bool compact = false;
};

// Adds the subcommand to `cli`; the returned options are filled when it is parsed.
CLI::App* AddAwsCommand(CLI::App& cli, AwsCommandOptions& options);

// Runs it; returns the process exit status (0 ok, 1 AWS/runtime error, 2 bad usage).
int RunAwsCommand(const AwsCommandOptions& options);

}  // namespace app
