#include "ids.h"

#include <cstring>

namespace fakeaws {
namespace {

constexpr uint64_t kMul1 = 0xbf58476d1ce4e5b9ULL;
constexpr uint64_t kMul2 = 0x94d049bb133111ebULL;

constexpr uint64_t InverseOdd(uint64_t m) {
  uint64_t inv = m;  // Newton's iteration doubles the correct low bits each round
  for (int i = 0; i < 6; ++i) inv *= 2 - m * inv;
  return inv;
}
constexpr uint64_t kInv1 = InverseOdd(kMul1);
constexpr uint64_t kInv2 = InverseOdd(kMul2);
static_assert(kMul1 * kInv1 == 1 && kMul2 * kInv2 == 1);

uint64_t Finalize(uint64_t x) {
  x ^= x >> 30;
  x *= kMul1;
  x ^= x >> 27;
  x *= kMul2;
  x ^= x >> 31;
  return x;
}

// A bijection on 64-bit values (xor-shifts by 32 are their own inverse).
uint64_t Scramble(uint64_t x, uint64_t salt) {
  x ^= salt;
  x *= kMul1;
  x ^= x >> 32;
  x *= kMul2;
  x ^= x >> 32;
  return x;
}
uint64_t Unscramble(uint64_t x, uint64_t salt) {
  x ^= x >> 32;
  x *= kInv2;
  x ^= x >> 32;
  x *= kInv1;
  return x ^ salt;
}

constexpr int kIndexBits = 38;
constexpr int kRegionBits = 6;

}  // namespace

uint64_t Mix(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) {
  uint64_t h = Finalize(a + 0x9e3779b97f4a7c15ULL);
  h = Finalize(h ^ (b + 0x632be59bd9b4e019ULL));
  h = Finalize(h ^ (c + 0x8cb92ba72f3d8dd7ULL));
  h = Finalize(h ^ (d + 0x3c6ef372fe94f82bULL));
  return Finalize(h ^ (e + 0xa54ff53a5f1d36f1ULL));
}

uint64_t HashString(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a, then finalized
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return Finalize(h);
}

double Unit(uint64_t h) { return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0); }

std::string EncodeId(std::string_view prefix, const ResourceKey& key, uint64_t salt) {
  uint64_t packed = (static_cast<uint64_t>(key.account) << (kIndexBits + kRegionBits)) |
                    (static_cast<uint64_t>(key.region) << kIndexBits) | key.index;
  std::string out(prefix);
  out += "-0";
  AppendHex(out, Scramble(packed, salt), 16);
  return out;
}

std::optional<ResourceKey> DecodeId(std::string_view prefix, std::string_view id, uint64_t salt) {
  if (id.size() != prefix.size() + 18 || id.substr(0, prefix.size()) != prefix ||
      id.substr(prefix.size(), 2) != "-0") {
    return std::nullopt;
  }
  uint64_t v = 0;
  for (char c : id.substr(prefix.size() + 2)) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  uint64_t packed = Unscramble(v, salt);
  ResourceKey key;
  key.index = packed & ((1ULL << kIndexBits) - 1);
  key.region = static_cast<uint32_t>((packed >> kIndexBits) & ((1ULL << kRegionBits) - 1));
  key.account = static_cast<uint32_t>(packed >> (kIndexBits + kRegionBits));
  return key;
}

void AppendUint(std::string& out, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(buf[--n]);
}

void AppendHex(std::string& out, uint64_t v, int width) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) {
    out.push_back(kDigits[(v >> shift) & 0xf]);
  }
}

std::string PaddedDecimal(uint64_t v, int width) {
  std::string digits;
  AppendUint(digits, v);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

void AppendIsoTime(std::string& out, int64_t t, bool millis) {
  int64_t days = t / 86400;
  int64_t rem = t % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp + (mp < 10 ? 3 : -9);
  if (m <= 2) ++y;
  char buf[32];
  auto two = [&](char* p, int64_t v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  buf[0] = static_cast<char>('0' + (y / 1000) % 10);
  buf[1] = static_cast<char>('0' + (y / 100) % 10);
  two(buf + 2, y % 100);
  buf[4] = '-';
  two(buf + 5, m);
  buf[7] = '-';
  two(buf + 8, d);
  buf[10] = 'T';
  two(buf + 11, rem / 3600);
  buf[13] = ':';
  two(buf + 14, (rem / 60) % 60);
  buf[16] = ':';
  two(buf + 17, rem % 60);
  int n = 19;
  if (millis) {
    std::memcpy(buf + n, ".000", 4);
    n += 4;
  }
  buf[n++] = 'Z';
  out.append(buf, n);
}

std::string IsoTime(int64_t unix_seconds, bool millis) {
  std::string s;
  AppendIsoTime(s, unix_seconds, millis);
  return s;
}

}  // namespace fakeaws
