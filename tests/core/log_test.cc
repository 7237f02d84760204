// InitLogging: text and JSON line formats, level filtering, and the redaction every line goes
// through before a sink writes it.
#include "core/log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/redact.h"

namespace core {
namespace {

// std::regex, not gtest's MatchesRegex: glibc's regexec deadlocks under ASan's interceptor
// (this test runs under the sanitizers in scripts/test.sh).
bool FullMatch(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern));
}

using ::testing::HasSubstr;
using ::testing::Not;

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override { ClearSecretsForTesting(); }
  void TearDown() override {
    ClearSecretsForTesting();
    InitLogging("info", false);  // back to stderr, away from this test's stream
  }

  void Init(std::string_view level, bool json) {
    out_.str("");
    InitLogging(level, json, std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
  }

  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  std::ostringstream out_;
};

TEST_F(LogTest, TextLinesCarryTimeLevelAndMessage) {
  Init("info", false);
  LOG_INFO("resync started for {} kinds", 6);
  LOG_WARN("slow region {}", "eu-west-1");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(FullMatch(lines[0],
                        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z info +resync started for 6 kinds"))
      << lines[0];
  EXPECT_THAT(lines[1], HasSubstr("warning slow region eu-west-1"));
}

TEST_F(LogTest, LevelFiltersLowerLevels) {
  Init("warning", false);
  LOG_DEBUG("debug line");
  LOG_INFO("info line");
  LOG_ERROR("error line");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("error line"));

  Init("DEBUG", false);
  LOG_DEBUG("debug line");
  EXPECT_EQ(Lines().size(), 1u);
}

TEST_F(LogTest, UnknownLevelMeansInfoNotSilence) {
  Init("verbose", false);
  LOG_DEBUG("hidden");
  LOG_INFO("shown");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("shown"));
}

TEST_F(LogTest, JsonLinesParseWithLevelMessageAndTime) {
  Init("debug", true);
  LOG_DEBUG("plain");
  LOG_INFO("quotes \" and backslash \\ and\nnewline\tand \x01 control");
  LOG_ERROR("kind {} failed: {}", "AWS::S3::Bucket", R"({"Code":"AccessDenied"})");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 3u);
  std::vector<json::object> parsed;
  for (const std::string& line : lines) {
    auto v = ParseJson(line, "log line");
    ASSERT_TRUE(v.ok()) << v.status().message() << "\n" << line;
    ASSERT_TRUE(v->is_object()) << line;
    parsed.push_back(v->get_object());
  }
  EXPECT_EQ(parsed[0].at("level").as_string(), "debug");
  EXPECT_EQ(parsed[0].at("message").as_string(), "plain");
  EXPECT_EQ(parsed[1].at("level").as_string(), "info");
  EXPECT_EQ(parsed[1].at("message").as_string(),
            "quotes \" and backslash \\ and\nnewline\tand \x01 control");
  EXPECT_EQ(parsed[2].at("level").as_string(), "error");
  EXPECT_EQ(parsed[2].at("message").as_string(),
            R"(kind AWS::S3::Bucket failed: {"Code":"AccessDenied"})");
  EXPECT_TRUE(FullMatch(std::string(parsed[2].at("time").as_string()),
                        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]+Z"));
}

TEST_F(LogTest, RegisteredSecretsAreRedactedInTextLines) {
  RegisterSecret("s3cr3t-value-for-logs");
  Init("info", false);
  LOG_INFO("token is s3cr3t-value-for-logs, again s3cr3t-value-for-logs");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], Not(HasSubstr("s3cr3t-value-for-logs")));
  EXPECT_THAT(lines[0], HasSubstr("token is [REDACTED], again [REDACTED]"));
}

TEST_F(LogTest, RedactedJsonLinesStayValidJson) {
  const std::string secret = R"(p"w\secret-with-quote)";
  RegisterSecret(secret);
  Init("info", true);
  LOG_INFO("login with {} and clientSecret={}", secret, "keyed-value-0123456789");
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], Not(HasSubstr("secret-with-quote")));
  EXPECT_THAT(lines[0], Not(HasSubstr("keyed-value-0123456789")));
  auto v = ParseJson(lines[0], "log line");
  ASSERT_TRUE(v.ok()) << v.status().message() << "\n" << lines[0];
  EXPECT_EQ(v->at("message").as_string(), "login with [REDACTED] and clientSecret=[REDACTED]");
}

TEST_F(LogTest, SecretRegisteredAfterInitIsStillRedacted) {
  Init("info", false);
  RegisterSecret("late-registered-secret");
  LOG_ERROR("failed with late-registered-secret");
  ASSERT_EQ(Lines().size(), 1u);
  EXPECT_THAT(Lines()[0], HasSubstr("failed with [REDACTED]"));
}

}  // namespace
}  // namespace core
