#include "core/timestamp.h"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(Timestamp, Iso8601RoundTripsInUpstreamFormat) {
  auto t = ParseIso8601("2024-01-02T03:04:05.123Z");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(FormatUpstream(*t), "2024-01-02T03:04:05.123000Z");
  auto whole = ParseIso8601("2023-10-15T14:30:00.000Z");
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(FormatUpstream(*whole), "2023-10-15T14:30:00Z");  // no fraction when zero
}

TEST(Timestamp, OffsetsAreNormalizedToUtc) {
  auto t = ParseIso8601("2024-01-02T05:04:05+02:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatUpstream(*t), "2024-01-02T03:04:05Z");
  auto neg = ParseIso8601("2024-01-01T23:30:00-0100");
  ASSERT_TRUE(neg.ok());
  EXPECT_EQ(FormatUpstream(*neg), "2024-01-02T00:30:00Z");
}

TEST(Timestamp, EpochSecondsKeepMicroseconds) {
  EXPECT_EQ(FormatUpstream(FromEpochSeconds(1704164645.5)), "2024-01-02T03:04:05.500000Z");
  EXPECT_EQ(FormatUpstream(FromEpochSeconds(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUpstream(FromEpochSeconds(-1.25)), "1969-12-31T23:59:58.750000Z");
}

TEST(Timestamp, HttpDate) {
  auto t = ParseHttpDate("Tue, 02 Jan 2024 03:04:05 GMT");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(FormatUpstream(*t), "2024-01-02T03:04:05Z");
  EXPECT_EQ(FormatHttpDate(*t), "Tue, 02 Jan 2024 03:04:05 GMT");
  EXPECT_EQ(FormatAmzDate(*t), "20240102T030405Z");
}

TEST(Timestamp, AnyTimestampGuessesTheFormat) {
  EXPECT_EQ(FormatUpstream(*ParseAnyTimestamp("1704164645")), "2024-01-02T03:04:05Z");
  EXPECT_EQ(FormatUpstream(*ParseAnyTimestamp("2024-01-02T03:04:05Z")), "2024-01-02T03:04:05Z");
  EXPECT_EQ(FormatUpstream(*ParseAnyTimestamp("Tue, 02 Jan 2024 03:04:05 GMT")),
            "2024-01-02T03:04:05Z");
}

TEST(Timestamp, GarbageIsAnErrorNamingTheInput) {
  for (const char* bad : {"", "2024-", "2024-13-01T00:00:00Z", "2024-02-30", "2024-01-02T03:04:05Q",
                          "yesterday", "Tue, 02 Foo 2024 03:04:05 GMT"}) {
    auto t = ParseAnyTimestamp(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok() && *bad) {
      EXPECT_NE(t.status().message().find(bad), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace core
