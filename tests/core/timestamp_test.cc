#include "core/timestamp.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

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

// printf's rendering of `t`, computed with std::chrono alone: what the formatters wrote before
// they wrote digits by hand (issue 13.2), and still write for years outside 0-9999.
std::string PrintfUpstream(Timestamp t, bool millis) {
  using namespace std::chrono;
  const sys_time<microseconds> tp{microseconds(t.micros)};
  const sys_days day = floor<days>(tp);
  const year_month_day ymd(day);
  const hh_mm_ss<microseconds> hms(tp - day);
  const long long frac = hms.subseconds().count();
  char buf[64];
  if (millis) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03lldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()), frac / 1000);
  } else if (frac == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()), frac);
  }
  return buf;
}

TEST(Timestamp, FormattingEqualsPrintfForAnyInstant) {
  std::mt19937_64 rng(20261205);
  // Years -2000 to 12000: the four-digit range written by hand, the rest by printf.
  constexpr int64_t kSpan = 14000LL * 366 * 86400 * 1'000'000;
  constexpr int64_t kFrom = -3970LL * 366 * 86400 * 1'000'000;
  std::uniform_int_distribution<int64_t> any(kFrom, kFrom + kSpan);
  std::vector<int64_t> instants = {0, -1, 1, 999'999, -1'000'000, 253402300799'999'999,
                                   253402300800'000'000, -62167219200'000'000,
                                   -62167219200'000'001};
  for (int i = 0; i < 20000; ++i) {
    int64_t m = any(rng);
    instants.push_back(i % 3 == 0 ? m - m % 1'000'000 : m);  // whole seconds too
  }
  for (int64_t m : instants) {
    const Timestamp t{m};
    ASSERT_EQ(FormatUpstream(t), PrintfUpstream(t, false)) << m;
    ASSERT_EQ(FormatIso8601Millis(t), PrintfUpstream(t, true)) << m;
  }
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
