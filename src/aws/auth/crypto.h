// SHA-256, HMAC-SHA256 and lowercase hex, the primitives of SigV4, over OpenSSL (SHA256_* on a
// caller-owned context: no allocation per digest, see crypto.cc).
//
// Thin wrappers so that the signer reads as the algorithm AWS documents and never touches
// OpenSSL types. Failure of OpenSSL itself (out of memory, a FIPS provider refusing SHA-256) is
// not an input error and cannot be handled by a caller, so it aborts rather than returning a
// Status that would be unreachable in practice.
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace aws::crypto {

using Digest = std::array<uint8_t, 32>;  // SHA-256 output

Digest Sha256(std::string_view data);
Digest HmacSha256(std::string_view key, std::string_view data);

// Lowercase hex of `bytes` ("e3b0c442...").
std::string HexEncode(std::string_view bytes);
inline std::string HexEncode(const Digest& d) {
  return HexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}
inline std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

// The digest as a byte string, e.g. to use it as the next HMAC key.
inline std::string_view AsBytes(const Digest& d) {
  return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
}

}  // namespace aws::crypto
