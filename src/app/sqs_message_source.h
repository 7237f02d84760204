// SqsMessageSource: ocean::live_events::MessageSource over the AWS engine — SQS ReceiveMessage
// (long poll, ApproximateReceiveCount) and DeleteMessage, the one write live events make (kept
// here, outside the read-only kind-definition machinery).
//
// The queue URL names the account (its first path segment) and, for AWS's own endpoints
// (sqs.<region>.amazonaws.com), the region; otherwise `region` is used. Credentials are the
// discovered session of that account (AccountCache), so a queue in the integration's account
// uses the same credentials as its resyncs.
//
// Thread-safety: one event loop.
#pragma once

#include <string>

#include "aws/client.h"
#include "ocean/live_events/account_cache.h"
#include "ocean/live_events/sqs_poller.h"

namespace app {

class SqsMessageSource final : public ocean::live_events::MessageSource {
 public:
  SqsMessageSource(aws::AwsClient& client, ocean::live_events::AccountCache& accounts,
                   std::string queue_url, std::string region,
                   std::chrono::seconds visibility_timeout = std::chrono::seconds(60));

  boost::asio::awaitable<core::Result<std::vector<ocean::live_events::QueueMessage>>> Receive(
      int max_messages, std::chrono::seconds wait) override;
  boost::asio::awaitable<core::Status> Delete(const std::string& receipt_handle) override;
  std::string Describe() const override { return queue_url_; }

  // "https://sqs.eu-west-1.amazonaws.com/123/q" -> {"123", "eu-west-1"}; region "" when the
  // host does not say it.
  static std::pair<std::string, std::string> AccountAndRegionOf(const std::string& url);

 private:
  boost::asio::awaitable<core::Result<aws::CallTarget>> Target();

  aws::AwsClient& client_;
  ocean::live_events::AccountCache& accounts_;
  std::string queue_url_, account_, region_;
  std::chrono::seconds visibility_timeout_;
};

}  // namespace app
