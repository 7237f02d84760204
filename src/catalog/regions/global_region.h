// Global kinds (S3 buckets): a kind whose listing is the same from every region is exported once
// per account, from the first region that answers.
//
// Order: the partition's global region first (us-east-1, cn-north-1, us-gov-west-1: the one most
// likely to be allowed by SCPs and closest to the global endpoints), then the others sorted by
// name, duplicates removed. Upstream iterates `list(set(regions))`, whose order changes from run to
// run; a deterministic order makes runs reproducible and logs comparable.
//
// Per attempt: OK -> that region answers, stop; PermissionDenied (AccessDenied and kin) -> try
// the next region; any other error -> stop and return it (as upstream re-raises it). When every
// region was denied the result is a PermissionDenied error listing the regions tried, so the
// caller records the scope as skipped(access denied).
//
// Thread-safety: a coroutine; `attempt` is called sequentially, never concurrently.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace catalog::regions {

// Tries one region: lists the kind there (and emits what it found).
using RegionAttempt =
    std::function<boost::asio::awaitable<core::Status>(const std::string& region)>;

// `regions` in the order FirstAnsweringRegion tries them (see the file comment).
std::vector<std::string> GlobalKindOrder(std::span<const std::string> regions);

// Runs `attempt` region by region until one succeeds and returns that region. An empty `regions`
// is an InvalidArgument error. (Arguments by value: the coroutine may outlive the caller's.)
boost::asio::awaitable<core::Result<std::string>> FirstAnsweringRegion(
    std::vector<std::string> regions, RegionAttempt attempt);

}  // namespace catalog::regions
