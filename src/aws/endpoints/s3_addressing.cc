#include "aws/endpoints/s3_addressing.h"

#include <cctype>

#include "aws/net_names.h"

namespace aws::endpoints {
namespace {

bool IsLabel(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  auto alnum = [](char c) { return std::islower(static_cast<unsigned char>(c)) ||
                                   std::isdigit(static_cast<unsigned char>(c)); };
  if (!alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s) {
    if (!alnum(c) && c != '-') return false;
  }
  return true;
}

bool LooksLikeIpv4(std::string_view s) {
  int dots = 0;
  for (char c : s) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace

S3AddressingStyle S3AddressingStyleFromProfile(const Profile* profile) {
  if (profile == nullptr) return S3AddressingStyle::kAuto;
  const std::string* v = profile->FindSub("s3", "addressing_style");
  if (v == nullptr) return S3AddressingStyle::kAuto;
  if (*v == "path") return S3AddressingStyle::kPath;
  if (*v == "virtual") return S3AddressingStyle::kVirtual;
  return S3AddressingStyle::kAuto;
}

bool IsVirtualHostableBucket(std::string_view bucket, bool allow_dots) {
  if (bucket.size() < 3 || bucket.size() > 63 || LooksLikeIpv4(bucket)) return false;
  if (!allow_dots) return IsLabel(bucket);
  size_t start = 0;
  for (;;) {
    size_t dot = bucket.find('.', start);
    if (!IsLabel(bucket.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

core::Result<BucketUrl> AddressBucket(std::string_view endpoint_url, std::string_view bucket,
                                      std::string_view key_path, S3AddressingStyle style) {
  CORE_ASSIGN_OR_RETURN(ParsedUrl url, ParseUrl(endpoint_url));
  std::string base = url.path == "/" ? "" : url.path;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string host = url.HostHeader();
  bool ip_host = LooksLikeIpv4(url.host) || (!url.host.empty() && url.host.front() == '[');
  bool hostable = IsVirtualHostableBucket(bucket, url.scheme == "http");
  bool virtual_host = false;
  switch (style) {
    case S3AddressingStyle::kPath: virtual_host = false; break;
    case S3AddressingStyle::kVirtual:
      if (!IsVirtualHostableBucket(bucket, true)) {
        return core::Status::InvalidArgument("bucket '" + std::string(bucket) +
                                             "' cannot be addressed as a virtual host");
      }
      virtual_host = true;
      break;
    case S3AddressingStyle::kAuto: virtual_host = hostable && !ip_host; break;
  }
  BucketUrl out;
  out.virtual_host = virtual_host;
  if (virtual_host) {
    out.url = url.scheme + "://" + std::string(bucket) + "." + host + base;
    out.path = key_path.empty() ? "/" : std::string(key_path);
  } else {
    out.url = url.scheme + "://" + host + base;
    out.path = "/" + UriEncode(bucket) + std::string(key_path);
  }
  return out;
}

}  // namespace aws::endpoints
