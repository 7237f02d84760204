#include "aws/auth/crypto.h"

#include <openssl/evp.h>
#include <openssl/crypto.h>

#include <cstdio>
#include <cstdlib>
#include <array>

namespace aws::crypto {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "fatal: OpenSSL %s failed\n", what);
  std::abort();
}

// SHA-256 fetched from the default provider once, and one digest context per thread: OpenSSL 3
// fetches the algorithm again (a locked lookup) on every EVP_Digest(EVP_sha256()) and HMAC()
// call, which cost more than the hashing of a request (issue 13.2).
const EVP_MD* FetchedSha256() {
  static const EVP_MD* md = [] {
    EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (m == nullptr) Die("fetching SHA-256");
    return m;
  }();
  return md;
}

EVP_MD_CTX* ThreadContext() {
  struct Holder {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Holder() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Holder holder;
  if (holder.ctx == nullptr) Die("EVP_MD_CTX_new");
  return holder.ctx;
}

// SHA-256 of the concatenation of `parts`.
template <size_t N>
Digest Sha256Of(const std::array<std::string_view, N>& parts) {
  EVP_MD_CTX* ctx = ThreadContext();
  if (EVP_DigestInit_ex2(ctx, FetchedSha256(), nullptr) != 1) Die("SHA-256 init");
  for (std::string_view p : parts) {
    if (EVP_DigestUpdate(ctx, p.data(), p.size()) != 1) Die("SHA-256 update");
  }
  Digest out;
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx, out.data(), &len) != 1 || len != out.size()) Die("SHA-256");
  return out;
}

}  // namespace

Digest Sha256(std::string_view data) { return Sha256Of(std::array<std::string_view, 1>{data}); }

// RFC 2104 over SHA-256 (block size 64): H((K ^ opad) || H((K ^ ipad) || data)).
Digest HmacSha256(std::string_view key, std::string_view data) {
  constexpr size_t kBlock = 64;
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
  const Digest inner = Sha256Of(std::array<std::string_view, 2>{
      std::string_view(ipad.data(), kBlock), data});
  Digest out = Sha256Of(std::array<std::string_view, 2>{
      std::string_view(opad.data(), kBlock), AsBytes(inner)});
  // Best effort: key material should not linger on the stack.
  OPENSSL_cleanse(ipad.data(), kBlock);
  OPENSSL_cleanse(opad.data(), kBlock);
  OPENSSL_cleanse(hashed_key.data(), hashed_key.size());
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
