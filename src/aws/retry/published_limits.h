// PublishedLimit: the request rate limits AWS documents for the APIs we call
// (/work/shared/reference/peers.md §4.4), as token buckets per (account, region, API), used to
// seed the client-side rate limiter (adaptive_rate_limiter.h) so that a resync paces itself
// before AWS throttles it:
//   EC2 non-mutating Describe*/List*/Get*/Search*        100 burst, 20/s
//   EC2 unfiltered, unpaginated DescribeInstances & co.   50 burst, 10/s (a separate bucket)
//   EC2 other (mutating)                                   50 burst, 5/s
//   ECS read actions (Describe*/List*)                     50 burst, 20/s (cluster read actions)
//   Account ListRegions / GetRegionOptStatus                5 burst, 5/s
//   Service Quotas List* 10/s, Get* 5/s; Kinesis ListStreams 5/s, DescribeStream 10/s,
//   DescribeStreamSummary 20/s; Route 53 5/s; Resource Explorer Search 5/s, others 3/s; Athena
//   ListQueryExecutions 5/s; Cloud Control ~25/s (observed, not documented). Where only a rate
//   is published, the burst is one second of it.
// APIs AWS publishes nothing for (SQS, S3 control plane, Organizations, STS, ...) have no seed:
// the limiter learns their rate from throttles.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"

namespace aws {

struct PublishedBucket {
  double burst = 0;
  double refill = 0;  // tokens per second
};

// `unfiltered`: the request is an EC2 describe without MaxResults, ids or filters.
std::optional<PublishedBucket> PublishedLimit(std::string_view service, std::string_view operation,
                                              bool unfiltered);

// Whether EC2 charges this request to its smaller "unfiltered and unpaginated" bucket.
bool Ec2UnfilteredRequest(std::string_view service, std::string_view operation,
                          const json::object& params);

// The limiter key of a request: account/region/service:operation, plus " (unfiltered)" for
// EC2's smaller bucket, as AWS meters them.
std::string LimiterKey(std::string_view account, std::string_view region, std::string_view service,
                       std::string_view operation, bool unfiltered);

}  // namespace aws
