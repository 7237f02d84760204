// ResolveLogOptions: flag over environment over default, case-insensitive variable names,
// Ocean's APPLICATION__LOG_LEVEL, and errors naming the flag or variable.
#include "ocean/config/log_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ocean::config {
namespace {

using ::testing::HasSubstr;
using Env = std::map<std::string, std::string>;

LogOptions Resolve(std::string_view level, std::string_view format, const Env& env) {
  auto r = ResolveLogOptions(level, format, env);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : LogOptions{"<error>", false};
}

std::string ErrorOf(std::string_view level, std::string_view format, const Env& env) {
  auto r = ResolveLogOptions(level, format, env);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

TEST(LogOptionsTest, DefaultsAreInfoAndText) {
  LogOptions o = Resolve("", "", {});
  EXPECT_EQ(o.level, "info");
  EXPECT_FALSE(o.json);
}

TEST(LogOptionsTest, FlagBeatsEnvironment) {
  Env env{{"OCEAN__LOG_LEVEL", "error"}, {"OCEAN__LOG_FORMAT", "json"}};
  LogOptions o = Resolve("DEBUG", "text", env);
  EXPECT_EQ(o.level, "debug");
  EXPECT_FALSE(o.json);
  o = Resolve("", "", env);
  EXPECT_EQ(o.level, "error");
  EXPECT_TRUE(o.json);
}

TEST(LogOptionsTest, VariableNamesAreCaseInsensitive) {
  LogOptions o = Resolve("", "", {{"ocean__log_format", "JSON"}, {"Ocean__Log_Level", "Warning"}});
  EXPECT_TRUE(o.json);
  EXPECT_EQ(o.level, "warn");
}

TEST(LogOptionsTest, OceansApplicationLogLevelIsReadAfterOurs) {
  EXPECT_EQ(Resolve("", "", {{"APPLICATION__LOG_LEVEL", "DEBUG"}}).level, "debug");
  EXPECT_EQ(Resolve("", "", {{"APPLICATION__LOG_LEVEL", "DEBUG"}, {"OCEAN__LOG_LEVEL", "error"}})
                .level,
            "error");
  EXPECT_EQ(Resolve("", "", {{"APPLICATION__LOG_LEVEL", ""}}).level, "info");  // empty = unset
}

TEST(LogOptionsTest, UnknownValuesNameTheirSource) {
  EXPECT_THAT(ErrorOf("loud", "", {}),
              HasSubstr("--log-level: expected one of trace, debug, info, warning, error, "
                        "critical, off, got \"loud\""));
  EXPECT_THAT(ErrorOf("", "", {{"APPLICATION__LOG_LEVEL", "chatty"}}),
              HasSubstr("APPLICATION__LOG_LEVEL: expected one of"));
  EXPECT_THAT(ErrorOf("", "xml", {}), HasSubstr("--log-format: expected text or json, got \"xml\""));
  EXPECT_THAT(ErrorOf("", "", {{"OCEAN__LOG_FORMAT", "yaml"}}),
              HasSubstr("OCEAN__LOG_FORMAT: expected text or json, got \"yaml\""));
}

}  // namespace
}  // namespace ocean::config
