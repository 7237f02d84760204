// ARNs as botocore's ArnParser reads them ("arn:partition:service:region:account:resource", the
// resource being everything after the fifth colon), and the partition rules of upstream's
// RegionHelper (aws-v3-upstream.md §1.10) that account discovery needs.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "catalog/integration_config.h"
#include "core/result.h"

namespace catalog::accounts {

struct Arn {
  std::string partition;  // "aws", "aws-cn", "aws-us-gov"
  std::string service;    // "iam"
  std::string region;     // "" for IAM
  std::string account;    // "123456789012"
  std::string resource;   // "role/path/Name"
};

// Fails (naming the ARN, which is not a secret) unless there are six colon-separated fields
// starting with "arn".
core::Result<Arn> ParseArn(std::string_view text);

// The partition the exporter works in: aws_partition, else the partition field of
// account_role_arn, else of account_role_arns[0], else "aws" (upstream's order). An ARN that does
// not parse is skipped here; the strategy that uses it reports it.
std::string ResolvePartition(const IntegrationConfig& config);

// Where STS and Organizations are called: the undeclared `region` key when set, else the
// partition's global region (us-east-1, cn-north-1, us-gov-west-1).
std::string ControlPlaneRegion(const IntegrationConfig& config, std::string_view partition);

}  // namespace catalog::accounts
