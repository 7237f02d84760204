#include "aws/auth/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <cstdlib>

namespace aws::crypto {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "fatal: OpenSSL %s failed\n", what);
  std::abort();
}

}  // namespace

Digest Sha256(std::string_view data) {
  Digest out;
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 ||
      len != out.size()) {
    Die("SHA-256");
  }
  return out;
}

Digest HmacSha256(std::string_view key, std::string_view data) {
  Digest out;
  unsigned int len = 0;
  // One-shot HMAC() is not deprecated in OpenSSL 3 (only the HMAC_CTX API is) and avoids
  // fetching an EVP_MAC per call, which matters at thousands of signatures per second.
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
           &len) == nullptr ||
      len != out.size()) {
    Die("HMAC-SHA256");
  }
  return out;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace aws::crypto
