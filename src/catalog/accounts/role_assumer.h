// AssumeRoles: assumes many roles with one source identity, at most `max_in_flight` STS calls at
// once, and returns one outcome per role in input order. Each outcome is a refreshing AssumeRole
// provider whose first credentials were fetched successfully (so the role is known to work, as
// upstream's health check knows it), or the error of that first fetch.
//
// Upstream awaits its batches one coroutine after another, so 1,000 accounts take 1,000 STS round
// trips end to end; here they overlap up to the bound, which keeps well inside STS's own rate
// limits while starting large estates in seconds.
//
// Thread-safety: runs on the awaiting coroutine's executor; see credentials.h for providers.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "aws/auth/assume_role_provider.h"
#include "core/status.h"

namespace catalog::accounts {

struct AssumeSettings {
  aws::StsApiPtr sts;                     // REQUIRES: non-null
  aws::CredentialsProviderPtr source;     // signs every AssumeRole. REQUIRES: non-null
  std::string session_name;
  std::string external_id;                // "" = none
  std::string region;                     // STS region
  std::size_t max_in_flight = 16;         // 0 = unbounded
  aws::RefreshOptions refresh;
};

struct AssumeOutcome {
  aws::CredentialsProviderPtr provider;   // set iff status.ok()
  core::Status status;
};

boost::asio::awaitable<std::vector<AssumeOutcome>> AssumeRoles(
    const std::vector<std::string>& role_arns, const AssumeSettings& settings);

}  // namespace catalog::accounts
