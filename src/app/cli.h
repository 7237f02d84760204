// The ocean-aws command line: parses arguments and dispatches to a subcommand.
#pragma once

namespace app {

// Returns the process exit status.
int RunCli(int argc, char** argv);

}  // namespace app
