#include "aws/auth/crypto.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but still part of its
// API: they hash on a caller-owned context, where EVP_DigestInit_ex2 allocates and frees a
// provider context for every digest. SigV4 hashes 3-4 short inputs per request, so those
// allocations cost more than the hashing itself (issue 13.2).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <cstdio>
#include <cstdlib>

namespace aws::crypto {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "fatal: OpenSSL %s failed\n", what);
  std::abort();
}

constexpr size_t kBlock = 64;  // SHA-256 block size

void Update(SHA256_CTX& ctx, std::string_view data) {
  if (SHA256_Update(&ctx, data.data(), data.size()) != 1) Die("SHA-256 update");
}

Digest Final(SHA256_CTX& ctx) {
  Digest out;
  if (SHA256_Final(out.data(), &ctx) != 1) Die("SHA-256 final");
  return out;
}

void Init(SHA256_CTX& ctx) {
  if (SHA256_Init(&ctx) != 1) Die("SHA-256 init");
}

}  // namespace

Digest Sha256(std::string_view data) {
  SHA256_CTX ctx;
  Init(ctx);
  Update(ctx, data);
  Digest out = Final(ctx);
  OPENSSL_cleanse(&ctx, sizeof ctx);
  return out;
}

// RFC 2104 over SHA-256 (block size 64): H((K ^ opad) || H((K ^ ipad) || data)).
Digest HmacSha256(std::string_view key, std::string_view data) {
  Digest hashed_key;
  if (key.size() > kBlock) {
    hashed_key = Sha256(key);
    key = AsBytes(hashed_key);
  }
  std::array<char, kBlock> ipad, opad;
  for (size_t i = 0; i < kBlock; ++i) {
    const char k = i < key.size() ? key[i] : '\0';
    ipad[i] = static_cast<char>(k ^ 0x36);
    opad[i] = static_cast<char>(k ^ 0x5c);
  }
  SHA256_CTX ctx;
  Init(ctx);
  Update(ctx, std::string_view(ipad.data(), kBlock));
  Update(ctx, data);
  const Digest inner = Final(ctx);
  Init(ctx);
  Update(ctx, std::string_view(opad.data(), kBlock));
  Update(ctx, AsBytes(inner));
  Digest out = Final(ctx);
  // Best effort: key material should not linger on the stack.
  OPENSSL_cleanse(ipad.data(), kBlock);
  OPENSSL_cleanse(opad.data(), kBlock);
  OPENSSL_cleanse(hashed_key.data(), hashed_key.size());
  OPENSSL_cleanse(&ctx, sizeof ctx);
  return out;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  char* p = out.data();
  for (unsigned char c : bytes) {
    *p++ = kHex[c >> 4];
    *p++ = kHex[c & 15];
  }
  return out;
}

}  // namespace aws::crypto
