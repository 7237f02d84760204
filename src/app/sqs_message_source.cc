// See sqs_message_source.h.
#include "app/sqs_message_source.h"

#include <charconv>

namespace app {

namespace asio = boost::asio;
using core::Result;
using core::Status;
using ocean::live_events::QueueMessage;

std::pair<std::string, std::string> SqsMessageSource::AccountAndRegionOf(const std::string& url) {
  std::string_view u(url);
  std::size_t scheme = u.find("://");
  if (scheme != std::string_view::npos) u.remove_prefix(scheme + 3);
  std::size_t slash = u.find('/');
  std::string_view host = u.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : u.substr(slash + 1);
  std::string account(path.substr(0, path.find('/')));
  std::string region;
  if (host.starts_with("sqs.")) {
    std::string_view rest = host.substr(4);
    std::size_t dot = rest.find('.');
    if (dot != std::string_view::npos && rest.substr(dot + 1).starts_with("amazonaws.")) {
      region = std::string(rest.substr(0, dot));
    }
  }
  return {account, region};
}

SqsMessageSource::SqsMessageSource(aws::AwsClient& client,
                                   ocean::live_events::AccountCache& accounts,
                                   std::string queue_url, std::string region,
                                   std::chrono::seconds visibility_timeout)
    : client_(client), accounts_(accounts), queue_url_(std::move(queue_url)),
      visibility_timeout_(visibility_timeout) {
  auto [account, url_region] = AccountAndRegionOf(queue_url_);
  account_ = account;
  region_ = !url_region.empty() ? url_region : region;
}

asio::awaitable<Result<aws::CallTarget>> SqsMessageSource::Target() {
  Result<catalog::AccountSession> account = co_await accounts_.Find(account_);
  if (!account.ok()) {
    co_return account.status().WithContext("credentials for SQS queue " + queue_url_);
  }
  aws::CallTarget target;
  target.credentials = account->credentials;
  target.region = region_;
  target.account_id = account_;
  co_return target;
}

asio::awaitable<Result<std::vector<QueueMessage>>> SqsMessageSource::Receive(
    int max_messages, std::chrono::seconds wait) {
  Result<aws::CallTarget> target = co_await Target();
  if (!target.ok()) co_return target.status();
  json::object params;
  params["QueueUrl"] = queue_url_;
  params["MaxNumberOfMessages"] = max_messages;
  params["WaitTimeSeconds"] = static_cast<int>(wait.count());
  params["VisibilityTimeout"] = static_cast<int>(visibility_timeout_.count());
  params["AttributeNames"] = json::array{"ApproximateReceiveCount"};
  Result<json::value> r = co_await client_.Call(*target, "sqs", "ReceiveMessage", std::move(params));
  if (!r.ok()) co_return r.status();
  std::vector<QueueMessage> out;
  const json::object* o = r->if_object();
  const json::array* messages = o ? core::FindArray(*o, "Messages") : nullptr;
  if (messages == nullptr) co_return out;
  for (const json::value& v : *messages) {
    const json::object* m = v.if_object();
    if (m == nullptr) continue;
    QueueMessage q;
    q.id = std::string(core::FindString(*m, "MessageId"));
    q.receipt_handle = std::string(core::FindString(*m, "ReceiptHandle"));
    q.body = std::string(core::FindString(*m, "Body"));
    if (const json::object* attrs = core::FindObject(*m, "Attributes")) {
      std::string_view n = core::FindString(*attrs, "ApproximateReceiveCount");
      int count = 1;
      if (std::from_chars(n.data(), n.data() + n.size(), count).ec == std::errc()) {
        q.receive_count = count;
      }
    }
    out.push_back(std::move(q));
  }
  co_return out;
}

asio::awaitable<Status> SqsMessageSource::Delete(const std::string& receipt_handle) {
  Result<aws::CallTarget> target = co_await Target();
  if (!target.ok()) co_return target.status();
  json::object params;
  params["QueueUrl"] = queue_url_;
  params["ReceiptHandle"] = receipt_handle;
  Result<json::value> r = co_await client_.Call(*target, "sqs", "DeleteMessage", std::move(params));
  co_return r.ok() ? Status::Ok() : r.status();
}

}  // namespace app
