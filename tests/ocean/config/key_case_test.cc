// Decamelize (config.yaml keys and spec names -> snake_case settings keys) and ASCII folding.
#include "ocean/config/key_case.h"

#include <gtest/gtest.h>

namespace ocean::config {
namespace {

TEST(KeyCaseTest, DecamelizeSpecAndConfigNames) {
  EXPECT_EQ(Decamelize("accountRoleArns"), "account_role_arns");
  EXPECT_EQ(Decamelize("credentialProviderPriority"), "credential_provider_priority");
  EXPECT_EQ(Decamelize("eventListener"), "event_listener");
  EXPECT_EQ(Decamelize("ouId"), "ou_id");
  EXPECT_EQ(Decamelize("AWSRegion"), "aws_region");
  EXPECT_EQ(Decamelize("page2Size"), "page2_size");
  EXPECT_EQ(Decamelize("foo1Bar"), "foo1_bar");
}

TEST(KeyCaseTest, SnakeCaseAndAllCapitalsAreUnchanged) {
  EXPECT_EQ(Decamelize("aws_partition"), "aws_partition");
  EXPECT_EQ(Decamelize("interval"), "interval");
  EXPECT_EQ(Decamelize("AWS"), "AWS");
  EXPECT_EQ(Decamelize(""), "");
  EXPECT_EQ(Decamelize("already_Snake"), "already_snake");
}

TEST(KeyCaseTest, AsciiFolding) {
  EXPECT_EQ(AsciiUpper("ocean__port__client_id"), "OCEAN__PORT__CLIENT_ID");
  EXPECT_EQ(AsciiLower("Ocean__Event_Listener"), "ocean__event_listener");
  EXPECT_EQ(AsciiLower("\xc3\x89t\xc3\xa9"), "\xc3\x89t\xc3\xa9");  // non-ASCII bytes untouched
}

}  // namespace
}  // namespace ocean::config
