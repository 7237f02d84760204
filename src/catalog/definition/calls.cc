#include "catalog/definition/calls.h"

#include "aws/pagination/paginator.h"
#include "aws/s3/bucket_region.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

asio::awaitable<Result<json::value>> CallOnce(aws::AwsClient& client, const aws::CallTarget& target,
                                              const aws::model::ServiceModel& svc,
                                              const aws::model::Operation& op,
                                              json::object params) {
  co_return co_await aws::s3::CallBucketAware(client, target, svc, op, std::move(params));
}

asio::awaitable<Result<json::value>> CallAllPagesOf(aws::AwsClient& client,
                                                    const aws::CallTarget& target,
                                                    const aws::model::ServiceModel& svc,
                                                    const aws::model::Operation& op,
                                                    json::object params) {
  if (!op.paginator) co_return co_await CallOnce(client, target, svc, op, std::move(params));
  aws::pagination::PageIterator pages(
      [&](const json::object& p) {
        return aws::s3::CallBucketAware(client, target, svc, op, p);
      },
      svc, op, std::move(params));
  aws::pagination::FullResult full(*op.paginator);
  while (true) {
    Result<std::optional<json::value>> page = co_await pages.Next();
    if (!page.ok()) co_return page.status();
    if (!*page) break;
    Status st = full.Add(std::move(**page));
    if (!st.ok()) co_return st;
  }
  co_return std::move(full).Finish();
}

asio::awaitable<Status> ForEachPage(
    aws::AwsClient& client, const aws::CallTarget& target, const aws::model::ServiceModel& svc,
    const aws::model::Operation& op, json::object params,
    const std::function<asio::awaitable<Status>(json::value page)>& on_page) {
  if (!op.paginator) {
    Result<json::value> one = co_await CallOnce(client, target, svc, op, std::move(params));
    if (!one.ok()) co_return one.status();
    co_return co_await on_page(std::move(*one));
  }
  aws::pagination::PageIterator pages(
      [&](const json::object& p) {
        return aws::s3::CallBucketAware(client, target, svc, op, p);
      },
      svc, op, std::move(params));
  while (true) {
    Result<std::optional<json::value>> page = co_await pages.Next();
    if (!page.ok()) co_return page.status();
    if (!*page) co_return Status::Ok();
    Status st = co_await on_page(std::move(**page));
    if (!st.ok()) co_return st;
  }
}

TemplateVars ScopeVars(const aws::CallTarget& target, std::string_view partition) {
  TemplateVars v;
  v.partition = partition;
  v.region = target.region;
  v.account = target.account_id;
  return v;
}

}  // namespace catalog::definition
