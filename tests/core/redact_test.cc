// core::Redact: registered secrets and secret-looking tokens never survive into text that is
// logged, shown in an error, or written out.
#include "core/redact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"

namespace core {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RedactTest : public ::testing::Test {
 protected:
  void SetUp() override { ClearSecretsForTesting(); }
  void TearDown() override { ClearSecretsForTesting(); }
};

TEST_F(RedactTest, TextWithoutSecretsIsUnchanged) {
  const std::string text = "resync completed: 42 entities in 3 kinds (us-east-1, eu-west-1)";
  EXPECT_EQ(Redact(text), text);
  EXPECT_EQ(Redact(""), "");
}

TEST_F(RedactTest, RegisteredSecretIsReplacedEverywhere) {
  RegisterSecret("hunter2-port-secret");
  EXPECT_EQ(Redact("a hunter2-port-secret b hunter2-port-secret"), "a [REDACTED] b [REDACTED]");
  EXPECT_EQ(Redact("prefixhunter2-port-secretsuffix"), "prefix[REDACTED]suffix");
}

TEST_F(RedactTest, SecretInsideErrorMessages) {
  RegisterSecret("tok-9a8b7c6d5e");
  Status s = Status::PermissionDenied("Port answered 401 for tok-9a8b7c6d5e")
                 .WithContext("POST /v1/auth/access_token");
  std::string shown = Redact(s.message());
  EXPECT_THAT(shown, Not(HasSubstr("tok-9a8b7c6d5e")));
  EXPECT_THAT(shown, HasSubstr("POST /v1/auth/access_token"));
  EXPECT_THAT(shown, HasSubstr("Port answered 401 for [REDACTED]"));
}

TEST_F(RedactTest, LongerSecretContainingAShorterOneGoesWhole) {
  RegisterSecret("abcd1234");
  RegisterSecret("abcd1234-extended-part");
  EXPECT_EQ(Redact("x abcd1234-extended-part y abcd1234 z"), "x [REDACTED] y [REDACTED] z");
}

TEST_F(RedactTest, ShortAndEmptySecretsAreNotRegistered) {
  RegisterSecret("");
  RegisterSecret("abc");  // 3 characters: would redact ordinary words
  EXPECT_EQ(Redact("abc abcdef"), "abc abcdef");
  RegisterSecret("abcd");  // 4 characters: the minimum
  EXPECT_EQ(Redact("abc abcdef"), "abc [REDACTED]ef");
}

TEST_F(RedactTest, JsonEscapedFormIsAlsoReplaced) {
  RegisterSecret(R"(quo"te\back)");
  EXPECT_EQ(Redact(R"({"secret":"quo\"te\\back"})"), R"({"secret":"[REDACTED]"})");
  EXPECT_EQ(Redact(R"(raw quo"te\back)"), "raw [REDACTED]");
}

TEST_F(RedactTest, ClearForgetsRegisteredSecrets) {
  RegisterSecret("forget-me-please");
  ClearSecretsForTesting();
  EXPECT_EQ(Redact("forget-me-please"), "forget-me-please");
}

TEST_F(RedactTest, PrivateKeyBlocksGoButCertificatesStay) {
  const std::string key =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----";
  EXPECT_EQ(Redact("key: " + key + " end"), "key: [REDACTED] end");
  const std::string cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
  EXPECT_EQ(Redact(cert), cert);
  // An unterminated key block is cut to the end of the text.
  EXPECT_EQ(Redact("k=-----BEGIN PRIVATE KEY-----\nMIIE"), "k=[REDACTED]");
}

TEST_F(RedactTest, BearerTokensLoseTheTokenKeepTheScheme) {
  EXPECT_EQ(Redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"),
            "Authorization: Bearer [REDACTED]");
  EXPECT_EQ(Redact("authorization: bearer abcdefgh12345678"), "authorization: bearer [REDACTED]");
  EXPECT_EQ(Redact("Bearer short"), "Bearer short");  // under 8 characters: not a token
}

TEST_F(RedactTest, ValuesAfterSecretKeysAreReplaced) {
  EXPECT_EQ(Redact(R"({"accessToken": "eyJraWQiOiJhYmMifQ", "expiresIn": 3600})"),
            R"({"accessToken": "[REDACTED]", "expiresIn": 3600})");
  EXPECT_EQ(Redact("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            "aws_secret_access_key=[REDACTED]");
  EXPECT_EQ(Redact("X-Client-Secret: 0123456789abcdef"), "X-Client-Secret: [REDACTED]");
  EXPECT_EQ(Redact("password = correct-horse-battery"), "password = [REDACTED]");
  // Short values are left (null, none, placeholders), and a key without ':' or '=' is just a word.
  EXPECT_EQ(Redact(R"({"password": null})"), R"({"password": null})");
  EXPECT_EQ(Redact("the clientSecret option is required"),
            "the clientSecret option is required");
}

TEST_F(RedactTest, AwsSessionTokensAreRecognisedAnywhere) {
  const std::string token = "IQoJb3JpZ2luX2VjEJr" + std::string(80, 'A') + "/+=";
  EXPECT_EQ(Redact("token " + token + " used"), "token [REDACTED] used");
  EXPECT_EQ(Redact("IQoJb3JpZ2luX2Vj short"), "IQoJb3JpZ2luX2Vj short");  // too short
}

TEST_F(RedactTest, ConcurrentRegisterAndRedact) {
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop) {
      std::string r = Redact("secret-number-0 secret-number-1 plain");
      ASSERT_THAT(r, HasSubstr("plain"));
    }
  });
  for (int i = 0; i < 200; ++i) RegisterSecret("secret-number-" + std::to_string(i));
  stop = true;
  reader.join();
  EXPECT_EQ(Redact("secret-number-0 secret-number-199 plain"), "[REDACTED] [REDACTED] plain");
}

}  // namespace
}  // namespace core
