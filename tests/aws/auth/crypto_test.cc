#include "aws/auth/crypto.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace aws::crypto {
namespace {

TEST(Crypto, Sha256KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, HmacSha256Rfc4231) {
  // RFC 4231 test case 2 (a key shorter than the block) and 6 (a key longer than the block).
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HexEncode(HmacSha256(std::string(131, '\xaa'),
                                 "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

// HmacSha256 is built on SHA-256 contexts (crypto.cc); OpenSSL's own HMAC() is the oracle for
// every key length around the 64-byte block, and for message lengths across block boundaries.
TEST(Crypto, HmacSha256MatchesOpenSslForEveryKeyLength) {
  for (size_t key_len = 0; key_len <= 130; ++key_len) {
    std::string key(key_len, '\0');
    for (size_t i = 0; i < key_len; ++i) key[i] = static_cast<char>(i * 7 + key_len);
    for (size_t msg_len : {0, 1, 55, 56, 63, 64, 65, 200}) {
      std::string msg(msg_len, 'm');
      unsigned char want[32];
      unsigned int len = 0;
      ASSERT_NE(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                     reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), want, &len),
                nullptr);
      EXPECT_EQ(HexEncode(HmacSha256(key, msg)),
                HexEncode(std::string_view(reinterpret_cast<const char*>(want), len)))
          << "key " << key_len << " bytes, message " << msg_len << " bytes";
    }
  }
}

TEST(Crypto, HexIsLowercaseAndBinarySafe) {
  EXPECT_EQ(HexEncode(std::string_view("\x00\xff\x10", 3)), "00ff10");
  EXPECT_EQ(HexEncode(""), "");
}

}  // namespace
}  // namespace aws::crypto
