// SqsMessageSource::AccountAndRegionOf: the account and region a queue URL names.
#include "app/sqs_message_source.h"

#include <gtest/gtest.h>

namespace app {
namespace {

TEST(LiveSqsQueueUrl, AccountAndRegionFromAwsAndEmulatorUrls) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(SqsMessageSource::AccountAndRegionOf(
                "https://sqs.eu-west-1.amazonaws.com/123456789012/events"),
            (P{"123456789012", "eu-west-1"}));
  EXPECT_EQ(SqsMessageSource::AccountAndRegionOf(
                "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/events"),
            (P{"123456789012", "cn-north-1"}));
  EXPECT_EQ(SqsMessageSource::AccountAndRegionOf("http://127.0.0.1:5000/111111111111/q"),
            (P{"111111111111", ""}));
  EXPECT_EQ(SqsMessageSource::AccountAndRegionOf("garbage"), (P{"", ""}));
}

}  // namespace
}  // namespace app
