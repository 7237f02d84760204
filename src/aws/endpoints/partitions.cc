#include "aws/endpoints/partitions.h"

#include <array>
#include <cctype>
#include <vector>

namespace aws::endpoints {
namespace {

constexpr std::string_view kCnRegions[] = {"cn-north-1", "cn-northwest-1"};
constexpr std::string_view kGovRegions[] = {"us-gov-east-1", "us-gov-west-1"};

const std::array<Partition, 3> kPartitions = {{
    {"aws", "amazonaws.com", "api.aws", R"(^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$)", "us-east-1",
     "aws-global", {}},
    {"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", R"(^cn-\w+-\d+$)",
     "cn-north-1", "aws-cn-global", kCnRegions},
    {"aws-us-gov", "amazonaws.com", "api.aws", R"(^us-gov-\w+-\d+$)", "us-gov-west-1",
     "aws-us-gov-global", kGovRegions},
}};

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t dash = s.find('-', start);
    parts.push_back(s.substr(start, dash - start));
    if (dash == std::string_view::npos) return parts;
    start = dash + 1;
  }
}

bool IsWord(std::string_view s) {  // \w+ without '-'
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The three regexes above, matched by hand (std::regex would cost microseconds per call).
bool Matches(const Partition& p, std::string_view region) {
  std::vector<std::string_view> parts = Split(region);
  if (p.id == "aws") {
    static constexpr std::string_view kPrefixes[] = {"us", "eu", "ap", "sa", "ca",
                                                     "me", "af", "il", "mx"};
    bool prefix = false;
    for (auto k : kPrefixes) prefix = prefix || (!parts.empty() && parts[0] == k);
    return prefix && parts.size() == 3 && IsWord(parts[1]) && IsDigits(parts[2]);
  }
  if (p.id == "aws-cn") {
    return parts.size() == 3 && parts[0] == "cn" && IsWord(parts[1]) && IsDigits(parts[2]);
  }
  return parts.size() == 4 && parts[0] == "us" && parts[1] == "gov" && IsWord(parts[2]) &&
         IsDigits(parts[3]);
}

}  // namespace

std::span<const Partition> AllPartitions() { return kPartitions; }

const Partition* FindPartition(std::string_view id) {
  for (const auto& p : kPartitions) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Partition& PartitionForRegion(std::string_view region) {
  // Explicit names first (as botocore's partitions.json "regions" maps), then the regexes.
  for (const auto& p : kPartitions) {
    if (region == p.global_pseudo_region) return p;
    for (auto r : p.known_regions) {
      if (r == region) return p;
    }
  }
  for (const auto& p : kPartitions) {
    if (Matches(p, region)) return p;
  }
  return kPartitions[0];
}

bool IsValidRegionName(std::string_view region) {
  if (region.empty() || region.size() > 63 || region.front() == '-') return false;
  for (char c : region) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

}  // namespace aws::endpoints
