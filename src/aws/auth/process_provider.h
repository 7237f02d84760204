// credential_process: credentials printed as JSON by an external command named in a profile
// ({"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}), as the SDKs
// define it. The command runs as `/bin/sh -c <command>` in a child process; the event loop only
// waits on its pipes, so a slow command never blocks other work. A timeout kills its whole
// process group.
//
// Security: the child's stdout holds secrets and is never put in a message or log. Errors carry
// the profile name, the program's first word, the exit status and the first line of stderr.
//
// Thread-safety: see credentials.h. RunCredentialProcess may run concurrently with itself.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "aws/auth/credentials.h"
#include "aws/auth/refreshing_provider.h"

namespace aws {

struct ProcessOptions {
  std::string command;                      // the profile's credential_process value
  std::string profile;                      // for messages: "profile 'dev'"
  std::chrono::milliseconds timeout{60'000};
};

// Runs the command once and parses its output.
boost::asio::awaitable<core::Result<Credentials>> RunCredentialProcess(ProcessOptions opts);

// A provider that runs the command again when its credentials are about to expire (never, when
// the output has no Expiration).
CredentialsProviderPtr MakeProcessCredentialsProvider(ProcessOptions opts,
                                                      RefreshOptions refresh = {});

}  // namespace aws
