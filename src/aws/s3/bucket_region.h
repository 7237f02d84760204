// S3's region redirect, as botocore's S3RegionRedirector does it, for every caller of the engine.
//
// CallBucketAware(client, target, service, op, params) is AwsClient::Call, except for S3
// operations addressed to a bucket (params hold "Bucket"): those go to the bucket's own region.
// The region comes from a cache fed by ListBuckets answers (BucketRegion) and by earlier
// redirects; on a redirect answer (PermanentRedirect/301, AuthorizationHeaderMalformed, ...)
// it asks GetBucketLocation in the caller's region, remembers the answer, and retries once.
// Other services and bucket-less S3 calls pass straight through.
//
// Thread-safety: the cache is process-wide and guarded by a mutex; the calls are coroutines on
// the client's event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "aws/client.h"

namespace aws::s3 {

boost::asio::awaitable<core::Result<json::value>> CallBucketAware(
    AwsClient& client, const CallTarget& target, const model::ServiceModel& service,
    const model::Operation& op, json::object params);

// S3's answers to a request signed for another region than the bucket's (botocore's list).
bool IsRegionRedirect(const core::Status& st);

// The cached region of `bucket` in `account`, if any (tests and diagnostics).
std::optional<std::string> KnownBucketRegion(std::string_view account, std::string_view bucket);

}  // namespace aws::s3
