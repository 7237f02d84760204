#include "core/json.h"
#include "core/json_write.h"
#include "core/utf8.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace core {
namespace {

TEST(Json, WritesNumbersLikePython) {
  auto v = ParseJson(R"({"a":1.5,"b":2,"c":1e20,"d":0.0001,"e":0.00001,"f":-3.0,"g":true})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(WriteJson(*v),
            R"({"a":1.5,"b":2,"c":1e+20,"d":0.0001,"e":1e-05,"f":-3.0,"g":true})");
}

TEST(Json, KeepsKeyOrderAndEscapes) {
  json::object o;
  o["z"] = "line\nbreak \"q\" \x01";
  o["a"] = "ünïcode";
  EXPECT_EQ(WriteJson(o), "{\"z\":\"line\\nbreak \\\"q\\\" \\u0001\",\"a\":\"ünïcode\"}");
}

// One escaper, two policies: jq's printer escapes DEL as well; everything else is the same.
TEST(Json, StringStylesDifferOnlyInDel) {
  const std::string_view text = "a\"b\\c\b\f\n\r\t\x01\x1f\x7f\xc3\xbc/";
  std::string plain, jq;
  WriteJsonString(text, plain);
  WriteJsonString(text, jq, JsonStringStyle::kJq);
  EXPECT_EQ(plain, "\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xc3\xbc/\"");
  EXPECT_EQ(jq, "\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\xc3\xbc/\"");
}

// One UTF-8 rule set for the AWS parsers and the native mapping evaluator (libjq's rules).
TEST(Utf8, RejectsOverlongsSurrogatesOutOfRangeAndTruncated) {
  for (std::string_view ok : {std::string_view(""), std::string_view("plain ascii, longer than 8"),
                              std::string_view("\xc3\xbc"), std::string_view("\xe2\x82\xac"),
                              std::string_view("\xf0\x9f\x98\x80"), std::string_view("\xf4\x8f\xbf\xbf"),
                              std::string_view("12345678\xc3\xbc" "12345678")}) {
    EXPECT_TRUE(IsValidUtf8(ok)) << ok;
  }
  for (std::string_view bad :
       {std::string_view("\xc0\x80"), std::string_view("\xc1\xbf"), std::string_view("\xe0\x80\x80"),
        std::string_view("\xed\xa0\x80"), std::string_view("\xf4\x90\x80\x80"),
        std::string_view("\xf5\x80\x80\x80"), std::string_view("\xc3"), std::string_view("\xe2\x82"),
        std::string_view("\x80"), std::string_view("12345678\xff"), std::string_view("abcdefgh\xc3")}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
  }
}

// The writer skips clean stretches eight bytes at a time: every byte value, at every position of
// strings shorter and longer than a stretch, must be escaped exactly as one character at a time.
TEST(Json, EscapesEveryByteAtEveryPositionLikeACharacterWalk) {
  auto reference = [](std::string_view s, bool jq) {
    std::string out = "\"";
    for (unsigned char c : s) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || (jq && c == 0x7f)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
    }
    return out + "\"";
  };
  for (std::size_t len : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 25u}) {
    for (std::size_t at = 0; at < len; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        for (char filler : {'a', '\x7f', '\xe9'}) {  // ASCII, DEL, a UTF-8 continuation byte
          std::string s(len, filler);
          s[at] = static_cast<char>(byte);
          ASSERT_EQ(WriteJson(json::value(json::string(s))), reference(s, false))
              << "byte " << byte << " at " << at << " of " << len;
          std::string jq;
          WriteJsonString(s, jq, JsonStringStyle::kJq);
          ASSERT_EQ(jq, reference(s, true)) << "jq: byte " << byte << " at " << at << " of " << len;
        }
      }
    }
  }
  // Several escapes in one stretch, and escapes right at stretch edges.
  const std::string mixed = std::string("ab\"cdefg\\h") + '\x01' + "ijklmnop\nq\"";
  EXPECT_EQ(WriteJson(json::value(json::string(mixed))), reference(mixed, false));
}

TEST(Json, ParseErrorNamesTheDocumentAndOffset) {
  auto v = ParseJson(R"({"a": [1, 2,)", "EC2 response");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kParseError);
  EXPECT_NE(v.status().message().find("EC2 response"), std::string::npos);
  EXPECT_NE(v.status().message().find("byte"), std::string::npos);
}

TEST(Json, TooDeepIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  auto v = ParseJson(deep);
  EXPECT_FALSE(v.ok());
}

TEST(Json, FindHelpers) {
  auto v = ParseJson(R"({"s":"x","o":{},"a":[],"n":1})");
  const auto& o = v->get_object();
  EXPECT_EQ(FindString(o, "s"), "x");
  EXPECT_EQ(FindString(o, "n", "fb"), "fb");
  EXPECT_NE(FindObject(o, "o"), nullptr);
  EXPECT_EQ(FindObject(o, "a"), nullptr);
  EXPECT_NE(FindArray(o, "a"), nullptr);
  EXPECT_EQ(Find(o, "missing"), nullptr);
}

}  // namespace
}  // namespace core

namespace core {
namespace {

TEST(Json, PrettyIndentsLikeTheAwsCli) {
  auto v = ParseJson(R"({"A":[1,{"B":"x"}],"E":[],"O":{}})");
  EXPECT_EQ(WriteJsonPretty(*v),
            "{\n    \"A\": [\n        1,\n        {\n            \"B\": \"x\"\n        }\n    ],\n"
            "    \"E\": [],\n    \"O\": {}\n}");
}

}  // namespace
}  // namespace core
