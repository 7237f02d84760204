#include "aws/pagination/page_size.h"

#include <algorithm>
#include <string>

namespace aws::pagination {
namespace {

// Documented maxima for limit keys whose model carries no `max` (AWS API references).
struct Limit {
  std::string_view key;  // "service.Operation" or "service.*"
  long max;
};
constexpr Limit kDocumentedMax[] = {
    {"ec2.DescribeVolumes", 500},
    {"ec2.*", 1000},  // DescribeInstances, DescribeInstanceStatus, DescribeImages, ...: 5..1000
    {"rds.*", 100},          // MaxRecords 20..100
    {"elasticache.*", 100},  // MaxRecords 20..100
    {"ecs.*", 100},          // maxResults 1..100
    {"memorydb.*", 100},
    {"sqs.*", 1000},         // ListQueues 1..1000
    {"s3.*", 1000},          // MaxKeys/MaxUploads: at most 1000 per page
    {"dynamodb.*", 100},
    {"sesv2.*", 100},
};
constexpr long kFallback = 100;
constexpr long kCeiling = 1000;  // larger pages buy nothing and cost memory per page in flight

}  // namespace

std::optional<long> DefaultPageSize(const model::ServiceModel& service,
                                    const model::Operation& op) {
  if (!op.paginator || op.paginator->limit_key.empty() || !op.input) return std::nullopt;
  const model::Member* m = op.input->FindMember(op.paginator->limit_key);
  if (!m) return std::nullopt;
  if (m->shape->max > 0) return std::min(m->shape->max, kCeiling);
  const std::string& svc = service.metadata().service_name;
  std::string exact = svc + "." + op.name;
  std::string wildcard = svc + ".*";
  for (const Limit& l : kDocumentedMax) {
    if (l.key == exact) return l.max;
  }
  for (const Limit& l : kDocumentedMax) {
    if (l.key == wildcard) return l.max;
  }
  return kFallback;
}

}  // namespace aws::pagination
