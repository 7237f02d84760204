// The AWS calls of interpreted kinds: one call, or every page of a pageable operation
// (the model's paginator or a kind-declared one), always through aws::s3::CallBucketAware.
//
// Thread-safety: coroutines on the caller's loop; the model and operation must outlive them.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>

#include "aws/client.h"
#include "catalog/definition/template.h"

namespace catalog::definition {

boost::asio::awaitable<core::Result<json::value>> CallOnce(aws::AwsClient& client,
                                                           const aws::CallTarget& target,
                                                           const aws::model::ServiceModel& svc,
                                                           const aws::model::Operation& op,
                                                           json::object params);

// Every page, aggregated as boto3's build_full_result() does.
boost::asio::awaitable<core::Result<json::value>> CallAllPagesOf(
    aws::AwsClient& client, const aws::CallTarget& target, const aws::model::ServiceModel& svc,
    const aws::model::Operation& op, json::object params);

// Calls `on_page` with every page in turn (a single call when `op` is not pageable); stops at
// the first error, of the call or of `on_page`.
boost::asio::awaitable<core::Status> ForEachPage(
    aws::AwsClient& client, const aws::CallTarget& target, const aws::model::ServiceModel& svc,
    const aws::model::Operation& op, json::object params,
    const std::function<boost::asio::awaitable<core::Status>(json::value page)>& on_page);

// Template variables of the scope (partition, region, account).
TemplateVars ScopeVars(const aws::CallTarget& target, std::string_view partition);

}  // namespace catalog::definition
