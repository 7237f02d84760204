// JqValidUtf8 skips ASCII eight bytes at a time: a bad or good multi-byte sequence at any
// position, in strings shorter and longer than a stretch, gets the answer of a byte-by-byte
// decoder (strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "ocean/mapping/jq_dump.h"

namespace ocean::mapping {
namespace {

bool ByteByByte(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    int n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++p;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < n + 1) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    const std::uint32_t min = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

TEST(JqValidUtf8, SameAsAByteByByteDecoderAtEveryPosition) {
  const std::string sequences[] = {
      "\xc3\xa9",          "\xe2\x82\xac",     "\xf0\x9f\x98\x80", "\xff",
      "\x80",              "\xc3",             "\xe2\x82",         "\xc0\xaf",
      "\xed\xa0\x80",      "\xf4\x90\x80\x80", "\xe0\x80\xaf",     "\xc3\x28",
      "\xf8\x88\x80\x80", "\x7f"};
  int valid = 0, invalid = 0;
  for (std::size_t len : {0u, 3u, 7u, 8u, 9u, 16u, 17u, 24u}) {
    for (std::size_t at = 0; at <= len; ++at) {
      for (const std::string& seq : sequences) {
        std::string s(len, 'a');
        s.insert(at, seq);
        const bool want = ByteByByte(s);
        ASSERT_EQ(JqValidUtf8(s), want) << "sequence of " << seq.size() << " bytes at " << at
                                         << " in " << len << " ASCII bytes";
        (want ? valid : invalid)++;
      }
    }
  }
  EXPECT_GT(valid, 0);  // both answers were exercised
  EXPECT_GT(invalid, 0);
}

}  // namespace
}  // namespace ocean::mapping
