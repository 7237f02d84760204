// The fake AWS services: one handler per service turns an identified Call into the Reply the
// real service would send, from the Universe's synthetic resources. Also the per-protocol
// error replies every service shares (throttling, internal errors, unknown operations) and the
// pagination tokens.
//
// Pagination: every list call pages with the API's own token and limit names and limits
// (EC2 MaxResults 5..1000 + NextToken, S3 max-buckets 1..10000 + continuation-token, SQS
// MaxResults 1..1000 with NextToken only when MaxResults is set, ECS maxResults 1..100 +
// nextToken, Organizations MaxResults 1..20, Account MaxResults 1..50). Tokens are opaque,
// bound to their (account, region, operation), and rejected elsewhere as AWS rejects a foreign
// token.
//
// Thread-safety: handlers only read the Universe (its removed set is locked inside).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "request.h"
#include "universe.h"
#include "wire.h"

namespace fakeaws {

struct ServiceContext {
  const Universe& universe;
  const Call& call;
  int account = -1;  // index of call.account in the universe, -1 when not configured
  int region = -1;   // index of call.region, -1 when not configured
  std::string request_id;
};

Reply HandleEc2(const ServiceContext& ctx);
Reply HandleS3(const ServiceContext& ctx);
Reply HandleSqs(const ServiceContext& ctx);
Reply HandleEcs(const ServiceContext& ctx);
Reply HandleOrganizations(const ServiceContext& ctx);
Reply HandleAccount(const ServiceContext& ctx);
Reply HandleSts(const ServiceContext& ctx);
// Cloud Control ListResources/GetResource over FakeConfig::cloudcontrol_types
// (service_cloudcontrol.cc).
Reply HandleCloudControl(const ServiceContext& ctx);
// Resources of Cloud Control type `type` in the scope (account/region indexes; 0 when the type
// is not served or an index is -1).
uint64_t CloudControlCount(const Universe& universe, std::string_view type, int account,
                           int region);
// Whether a type's service is global (one set per account, whatever region is asked).
bool CloudControlGlobal(std::string_view type);
// Every other kind of the kind table, from its definition and botocore model (service_model.cc).
class ModelKinds;
Reply HandleModel(const ServiceContext& ctx, const ModelKinds& kinds);

// The service's own throttling answer (EC2 RequestLimitExceeded 503, STS Throttling 400,
// S3 SlowDown 503, SQS RequestThrottled 400, ECS ThrottlingException 400, Organizations
// TooManyRequestsException 400, Account TooManyRequestsException 429).
Reply ThrottleReply(const Call& call, std::string_view request_id);
// The service's internal error (500) or unavailable (503) answer.
Reply ServerErrorReply(const Call& call, int status, std::string_view request_id);
// The protocol's "unknown operation" / "bad parameter" answers.
Reply UnknownOperationReply(const Call& call, std::string_view request_id);
Reply InvalidParameterReply(const Call& call, std::string_view message,
                            std::string_view request_id);

// Pagination tokens: the next position, bound to `scope` (a hash of account/region/operation).
uint64_t TokenScope(const ServiceContext& ctx, std::string_view operation);
std::string MakeToken(uint64_t next, uint64_t scope);
std::optional<uint64_t> ReadToken(std::string_view token, uint64_t scope);

// A page request: the start position (from the token) and the page size, validated against
// the API's limits. `error` is set (and the others meaningless) when the request is invalid.
struct PageRequest {
  uint64_t start = 0;
  uint64_t size = 0;
  std::optional<Reply> error;
};
// `limit_text`: the limit parameter as sent ("" = absent -> `default_size`).
PageRequest ReadPage(const ServiceContext& ctx, std::string_view operation, std::string_view token,
                     std::string_view limit_text, uint64_t min, uint64_t max, uint64_t default_size,
                     std::string_view limit_name);

}  // namespace fakeaws
