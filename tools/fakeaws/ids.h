// Deterministic values for the fake AWS endpoint: hashing, AWS-looking resource ids that decode
// back to (account, region, index), and fast ISO-8601 timestamps.
//
// Every synthetic value is a pure function of (seed, account index, region index, resource
// index, salt), so two endpoints started with the same seed serve byte-identical data.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fakeaws {

// A 64-bit mix of the arguments (splitmix64 finalizer chained over each value).
uint64_t Mix(uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0, uint64_t e = 0);
uint64_t HashString(std::string_view s);
// A value in [0, 1) from a hash.
double Unit(uint64_t h);

// Where a resource lives: account and region indexes into the configured lists, and its
// position in that scope's listing.
struct ResourceKey {
  uint32_t account = 0;  // < 2^20
  uint32_t region = 0;   // < 2^6
  uint64_t index = 0;    // < 2^38
  bool operator==(const ResourceKey&) const = default;
};

// "i-0" + 16 hex digits (17 after "i-", as EC2 ids), a bijection of the key scrambled by
// `salt` (one salt per id family: instances, reservations, volumes, ...).
std::string EncodeId(std::string_view prefix, const ResourceKey& key, uint64_t salt);
// Inverse of EncodeId for the same prefix and salt; nullopt when `id` is not one of ours.
std::optional<ResourceKey> DecodeId(std::string_view prefix, std::string_view id, uint64_t salt);

// Appends "2024-03-05T10:20:30.000Z" (milliseconds always present when `millis`).
void AppendIsoTime(std::string& out, int64_t unix_seconds, bool millis = true);
std::string IsoTime(int64_t unix_seconds, bool millis = true);

// Appends `v` in decimal / as `width` lowercase hex digits (zero-padded).
void AppendUint(std::string& out, uint64_t v);
void AppendHex(std::string& out, uint64_t v, int width);
// `v` zero-padded to `width` decimal digits.
std::string PaddedDecimal(uint64_t v, int width);

}  // namespace fakeaws
