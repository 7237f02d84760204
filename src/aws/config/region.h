// Region resolution as the SDKs do it: AWS_REGION, then AWS_DEFAULT_REGION, then the active
// profile's `region` in the shared config (see aws/auth/shared_config.h for the profile choice).
// None of them set is an error naming what was checked; callers that can work without a region
// (global services, region discovery) use the nullopt form.
//
// Thread-safety: reads the environment and the config files; no shared state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/auth/shared_config.h"
#include "core/result.h"

namespace aws {

struct RegionSource {
  std::string region;
  std::string source;  // "AWS_REGION", "AWS_DEFAULT_REGION" or "profile 'x' in <file>"
};

// From an already loaded config (no file access). `profile` as for ActiveProfileName().
core::Result<RegionSource> ResolveRegion(const SharedConfig& config,
                                         std::string_view profile = {});
// Loads the shared config from its usual locations first.
core::Result<RegionSource> ResolveRegion(std::string_view profile = {});

}  // namespace aws
