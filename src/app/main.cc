// ocean-aws: entry point. Subcommands are wired in app/cli.cc.
#include "app/cli.h"

int main(int argc, char** argv) { return app::RunCli(argc, argv); }
