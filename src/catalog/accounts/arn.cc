#include "catalog/accounts/arn.h"

#include "aws/endpoints/partitions.h"

namespace catalog::accounts {

core::Result<Arn> ParseArn(std::string_view text) {
  std::string_view fields[6];
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) {
      return core::Status::InvalidArgument("'" + std::string(text) + "' is not a valid ARN");
    }
    fields[i] = text.substr(start, colon - start);
    start = colon + 1;
  }
  fields[5] = text.substr(start);
  if (fields[0] != "arn") {
    return core::Status::InvalidArgument("'" + std::string(text) + "' is not a valid ARN");
  }
  return Arn{std::string(fields[1]), std::string(fields[2]), std::string(fields[3]),
             std::string(fields[4]), std::string(fields[5])};
}

std::string ResolvePartition(const IntegrationConfig& config) {
  if (!config.aws_partition.empty()) return config.aws_partition;
  for (const std::string* arn :
       {&config.account_role_arn,
        config.account_role_arns.empty() ? nullptr : &config.account_role_arns.front()}) {
    if (arn == nullptr || arn->empty()) continue;
    auto parsed = ParseArn(*arn);
    if (parsed.ok() && !parsed->partition.empty()) return parsed->partition;
  }
  return "aws";
}

std::string ControlPlaneRegion(const IntegrationConfig& config, std::string_view partition) {
  if (!config.region.empty()) return config.region;
  const aws::endpoints::Partition* p = aws::endpoints::FindPartition(partition);
  return std::string(p ? p->global_region : aws::endpoints::FindPartition("aws")->global_region);
}

}  // namespace catalog::accounts
