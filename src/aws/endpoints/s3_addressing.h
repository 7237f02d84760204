// S3 bucket addressing: virtual-hosted style (https://bucket.s3.eu-west-1.amazonaws.com/key) or
// path style (https://s3.eu-west-1.amazonaws.com/bucket/key), decided as the S3 rule set does:
// virtual host when the bucket is a valid DNS label (3-63 chars of a-z 0-9 '-', starting and
// ending with a letter or digit, not an IP address), without dots unless the scheme is http (a
// dotted name breaks the *.s3 TLS certificate), the endpoint host is not an IP literal, and path
// style is not forced (s3.addressing_style = path in the profile, or kPath).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "aws/auth/shared_config.h"
#include "core/result.h"

namespace aws::endpoints {

enum class S3AddressingStyle { kAuto, kVirtual, kPath };

// From the profile's "s3 =\n  addressing_style = auto|virtual|path" (kAuto when absent).
S3AddressingStyle S3AddressingStyleFromProfile(const Profile* profile);

// Whether `bucket` may be a host label (allow_dots: several labels, for http endpoints).
bool IsVirtualHostableBucket(std::string_view bucket, bool allow_dots);

struct BucketUrl {
  std::string url;       // scheme://host[:port][/base]  (the bucket folded in when virtual)
  std::string path;      // "/" or "/bucket" + key_path
  bool virtual_host = false;
};

// `endpoint_url` from ResolveEndpoint(); `key_path` is "" or "/" + encoded key.
core::Result<BucketUrl> AddressBucket(std::string_view endpoint_url, std::string_view bucket,
                                      std::string_view key_path, S3AddressingStyle style);

}  // namespace aws::endpoints
