#include "ocean/mapping/jv_value.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>

namespace ocean::mapping {
namespace {

json::value RoundTrip(const json::value& v) { return FromJv(ToJv(v).get()); }

TEST(JvValue, NestedDocumentRoundTripsWithKeyOrder) {
  auto doc = core::ParseJson(
      R"({"z":1,"a":{"y":[1,2,{"q":null}],"b":true,"c":false},"s":"x","e":[],"o":{}})");
  ASSERT_TRUE(doc.ok());
  json::value back = RoundTrip(*doc);
  EXPECT_EQ(core::WriteJson(back), core::WriteJson(*doc));
}

TEST(JvValue, UnicodeAndEmbeddedNul) {
  json::value v = json::string(std::string("h\u00e9llo \U0001F600 \0 end", 18));
  json::value back = RoundTrip(v);
  ASSERT_TRUE(back.is_string());
  EXPECT_EQ(back.get_string(), v.get_string());
  EXPECT_EQ(back.get_string().size(), 18u);
}

TEST(JvValue, IntegersStayIntegers) {
  json::value v = json::array{0, -7, 123456789012, std::int64_t{1} << 53};
  json::value back = RoundTrip(v);
  EXPECT_EQ(core::WriteJson(back), "[0,-7,123456789012,9007199254740992]");
  EXPECT_TRUE(back.get_array()[2].is_int64());
}

TEST(JvValue, BigIntegersBecomeTheNearestDouble) {
  // jq 1.6 keeps numbers as doubles: 2^53+1 is not representable and comes back as 2^53.
  json::value back = RoundTrip(json::value((std::int64_t{1} << 53) + 1));
  ASSERT_TRUE(back.is_int64());
  EXPECT_EQ(back.get_int64(), std::int64_t{1} << 53);
  // Beyond int64: a double.
  json::value huge = RoundTrip(json::value(std::numeric_limits<std::uint64_t>::max()));
  ASSERT_TRUE(huge.is_double());
  EXPECT_DOUBLE_EQ(huge.get_double(), 18446744073709551616.0);
}

TEST(JvValue, FloatsStayFloatsUnlessIntegral) {
  json::value back = RoundTrip(json::array{1.5, -0.25, 1e300, 3.0});
  const json::array& a = back.get_array();
  EXPECT_TRUE(a[0].is_double());
  EXPECT_EQ(a[0].get_double(), 1.5);
  EXPECT_EQ(a[1].get_double(), -0.25);
  EXPECT_EQ(a[2].get_double(), 1e300);
  ASSERT_TRUE(a[3].is_int64());  // integral doubles come back as integers (jq prints "3")
  EXPECT_EQ(a[3].get_int64(), 3);
}

TEST(JvValue, NanAndInfinityAsJqPrintsThem) {
  EXPECT_TRUE(NumberFromDouble(std::nan("")).is_null());
  EXPECT_EQ(NumberFromDouble(INFINITY).get_double(), DBL_MAX);
  EXPECT_EQ(NumberFromDouble(-INFINITY).get_double(), -DBL_MAX);
}

TEST(JvValue, HandleOwnsOneReference) {
  JvValue a = ToJv(json::value("x"));
  JvValue b = a;  // copy adds a reference
  JvValue c = std::move(a);
  EXPECT_EQ(c.kind(), JV_KIND_STRING);
  EXPECT_EQ(b.kind(), JV_KIND_STRING);
  EXPECT_EQ(a.kind(), JV_KIND_INVALID);  // NOLINT(bugprone-use-after-move): moved-from is invalid
}

}  // namespace
}  // namespace ocean::mapping
