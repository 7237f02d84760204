// FakeConfig: everything the fake AWS endpoint serves and how it misbehaves, from a JSON file
// (ConfigFromJson) and/or command-line flags (main.cc); the README lists every key.
//
// Thread-safety: a plain value, read-only once the server starts.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace fakeaws {

// A token bucket: `burst` tokens, refilled at `refill` tokens per second.
struct BucketLimit {
  double burst = 0;
  double refill = 0;
};

// One fault type's schedule: every Nth request (every > 0) and/or with probability p.
struct FaultRule {
  uint64_t every = 0;
  double probability = 0;
};

enum class FaultType { kError500, kError503, kReset, kSlowBody, kTruncated, kMalformed, kCount };
inline constexpr int kFaultTypeCount = static_cast<int>(FaultType::kCount);
std::string_view FaultTypeName(FaultType t);  // "error500", "error503", "reset", "slow", ...

struct FakeConfig {
  // Listening.
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port (printed as "READY <port>")
  int threads = 1;

  // What exists.
  uint64_t seed = 1;
  int accounts = 1;
  uint64_t first_account = 123456789012;  // accounts are first_account + i; [0] is the default
  std::vector<std::string> regions;       // empty: the 17 commercial regions enabled by default
  uint64_t ec2_instances = 0;             // per populated (account, region)
  uint64_t sqs_queues = 0;                // per populated (account, region)
  uint64_t ecs_clusters = 0;              // per populated (account, region)
  uint64_t s3_buckets = 0;                // per populated account (S3 is global)
  double populated = 1.0;                 // share of scopes that hold resources ("sparse" < 1)
  std::vector<std::string> removed;       // resource ids that no longer exist (deletion tests)
  // Every other kind of the kind table (model_kinds.h): resources per populated scope, and
  // per-kind overrides ("AWS::SNS::Topic" -> 40).
  uint64_t kind_resources = 0;
  std::map<std::string, uint64_t> kind_counts;
  // Cloud Control (service_cloudcontrol.cc): the CloudFormation types its ListResources and
  // GetResource serve (any other type answers TypeNotFoundException), each with kind_counts[type]
  // (else kind_resources) resources per populated scope. Types of a global service (route53,
  // cloudfront, iam, ...) hold one set per account, answered from every region.
  std::vector<std::string> cloudcontrol_types = {"AWS::ImageBuilder::Image",
                                                 "AWS::Route53::HealthCheck"};
  // Of those, the types whose ListResources answers each resource's primary identifier only
  // (Properties {"Id": id}), as many real list handlers do; GetResource has the full model.
  std::vector<std::string> cloudcontrol_identifier_only;
  // Largest page any list call returns (0: the API's own limit), as AWS may return fewer items
  // than asked: forces multi-page listings at small scales.
  uint64_t page_cap = 0;

  // Behaviour.
  bool throttle = false;                      // token buckets on
  std::map<std::string, BucketLimit> limits;  // "service:Operation" or "service:*" overrides
  double latency_ms = 0;                      // added before every AWS answer
  double jitter_ms = 0;                       // + uniform [0, jitter)
  FaultRule faults[kFaultTypeCount];
  double slow_body_ms = 2000;  // total trickle time of a slow body
  uint64_t fault_seed = 7;
  // Every AWS call signed for one of these regions answers the service's access-denied error.
  std::vector<std::string> denied_regions;
  // Per-resource and batch detail calls naming one of these identities fail (500 InternalError,
  // or a failures-list entry where the batch API has one); listings are unaffected.
  std::vector<std::string> failing_ids;

  std::string default_account() const;
  std::string account_id(int i) const;
  bool any_fault() const;
};

// The 17 commercial regions enabled by default in every account.
const std::vector<std::string>& DefaultRegions();

// Reads the keys of a JSON config file over `base` (unknown keys are errors naming the key).
core::Result<FakeConfig> ConfigFromJson(const json::object& o, FakeConfig base = {});
// "SERVICE:OP=BURST/REFILL" -> limits[SERVICE:OP].
core::Status ParseLimitFlag(std::string_view flag, FakeConfig& c);
// "TYPE:p=0.1" or "TYPE:every=20" -> faults[TYPE].
core::Status ParseFaultFlag(std::string_view flag, FakeConfig& c);
// Checks ranges (accounts, regions, fractions); names the bad key.
core::Status Validate(const FakeConfig& c);

}  // namespace fakeaws
