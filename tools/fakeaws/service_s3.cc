// Fake S3 (rest-xml, path or virtual-host addressing): ListBuckets (max-buckets 1..10000 +
// continuation-token, BucketRegion per bucket), and per bucket GetBucketTagging,
// GetBucketLocation, GetPublicAccessBlock, GetBucketOwnershipControls, GetBucketEncryption,
// HeadBucket. A bucket asked for in another region than its own answers 301 PermanentRedirect
// with x-amz-bucket-region, as S3 does (GetBucketLocation answers from anywhere).
// Buckets are named "bench-<account>-<index, 7 digits>" and belong to that account.
#include <charconv>

#include "services.h"

namespace fakeaws {

namespace {

constexpr std::string_view kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr std::string_view kNs = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
constexpr int64_t kEpoch = 1'600'000'000;

std::string BucketName(const std::string& account, uint64_t index) {
  return "bench-" + account + "-" + PaddedDecimal(index, 7);
}

struct BucketRef {
  int account = -1;
  uint64_t index = 0;
};

std::optional<BucketRef> ParseBucket(const Universe& u, std::string_view name) {
  if (!name.starts_with("bench-") || name.size() != 6 + 12 + 1 + 7 || name[18] != '-') {
    return std::nullopt;
  }
  BucketRef b;
  b.account = u.AccountIndex(name.substr(6, 12));
  std::string_view digits = name.substr(19);
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), b.index);
  if (b.account < 0 || r.ec != std::errc() || r.ptr != digits.data() + digits.size()) {
    return std::nullopt;
  }
  if (b.index >= u.Count(Kind::kS3Bucket, b.account, 0) || u.IsRemoved(name)) return std::nullopt;
  return b;
}

uint64_t BucketHash(const Universe& u, const BucketRef& b) {
  return Mix(u.seed(), static_cast<uint64_t>(b.account), b.index, 0x53);
}

Reply ListBuckets(const ServiceContext& ctx) {
  const Params& p = ctx.call.params;
  uint64_t count = ctx.universe.Count(Kind::kS3Bucket, ctx.account, 0);
  bool paged = false;
  std::string_view max_text = Param(p, "max-buckets", &paged);
  PageRequest page = ReadPage(ctx, "ListBuckets", Param(p, "continuation-token"), max_text, 1,
                              10000, 10000, "max-buckets");
  if (page.error) return *page.error;
  uint64_t end = std::min(count, page.start + page.size);
  std::string o;
  o.reserve((end - std::min(end, page.start)) * 160 + 512);
  o.append(kXmlHead).append("<ListAllMyBucketsResult").append(kNs).append("><Owner><ID>");
  AppendHex(o, Mix(HashString(ctx.call.account), 0x0E), 16);
  AppendHex(o, Mix(HashString(ctx.call.account), 0x0F), 16);
  o.append("</ID></Owner><Buckets>");
  for (uint64_t i = page.start; i < end; ++i) {
    std::string name = BucketName(ctx.call.account, i);
    if (ctx.universe.IsRemoved(name)) continue;
    BucketRef b{ctx.account, i};
    o.append("<Bucket><Name>").append(name).append("</Name><CreationDate>");
    AppendIsoTime(o, kEpoch + static_cast<int64_t>(BucketHash(ctx.universe, b) % 120'000'000));
    o.append("</CreationDate><BucketRegion>")
        .append(ctx.universe.regions()[ctx.universe.BucketRegion(ctx.account, i)])
        .append("</BucketRegion></Bucket>");
  }
  o.append("</Buckets>");
  if (paged && end < count) {
    o.append("<ContinuationToken>")
        .append(MakeToken(end, TokenScope(ctx, "ListBuckets")))
        .append("</ContinuationToken>");
  }
  o.append("</ListAllMyBucketsResult>");
  Reply r = XmlReply(std::move(o), ctx.request_id);
  r.content_type = "application/xml";
  return r;
}

Reply BucketOperation(const ServiceContext& ctx) {
  const Universe& u = ctx.universe;
  const std::string& op = ctx.call.operation;
  const std::string& rid = ctx.request_id;
  std::optional<BucketRef> b = ParseBucket(u, ctx.call.bucket);
  if (!b) {
    Reply r = S3Error(404, "NoSuchBucket", "The specified bucket does not exist", rid);
    r.head = ctx.call.head;
    return r;
  }
  if (b->account != ctx.account) {
    Reply r = S3Error(403, "AccessDenied", "Access Denied", rid);
    r.head = ctx.call.head;
    return r;
  }
  const std::string& region = u.regions()[u.BucketRegion(b->account, b->index)];
  if (op != "GetBucketLocation" && region != ctx.call.region) {
    Reply r = S3Error(301, "PermanentRedirect",
                      "The bucket you are attempting to access must be addressed using the "
                      "specified endpoint. Please send all future requests to this endpoint.",
                      rid);
    r.AddHeader("x-amz-bucket-region", region);
    r.head = ctx.call.head;
    return r;
  }
  uint64_t h = BucketHash(u, *b);
  std::string o(kXmlHead);
  if (op == "HeadBucket") {
    Reply r;
    r.head = true;
    r.content_type = "application/xml";
    r.AddHeader("x-amz-bucket-region", region);
    return r;
  } else if (op == "GetBucketTagging") {
    if (h % 10 >= 7) return S3Error(404, "NoSuchTagSet", "The TagSet does not exist", rid);
    o.append("<Tagging").append(kNs).append("><TagSet>");
    static constexpr std::string_view kKeys[] = {"env", "team", "cost-center", "data-class"};
    static constexpr std::string_view kValues[4][2] = {
        {"prod", "dev"}, {"platform", "data"}, {"cc-104", "cc-220"}, {"internal", "public"}};
    for (uint64_t t = 0; t < 1 + (h >> 8) % 4; ++t) {
      o.append("<Tag><Key>")
          .append(kKeys[t])
          .append("</Key><Value>")
          .append(kValues[t][(h >> (12 + t)) % 2])
          .append("</Value></Tag>");
    }
    o.append("</TagSet></Tagging>");
  } else if (op == "GetBucketLocation") {
    o.append("<LocationConstraint").append(kNs).append(">");
    if (region != "us-east-1") o.append(region);
    o.append("</LocationConstraint>");
  } else if (op == "GetPublicAccessBlock") {
    if ((h >> 16) % 10 >= 8) {
      return S3Error(404, "NoSuchPublicAccessBlockConfiguration",
                     "The public access block configuration was not found", rid);
    }
    o.append("<PublicAccessBlockConfiguration")
        .append(kNs)
        .append(
            "><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
            "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true"
            "</RestrictPublicBuckets></PublicAccessBlockConfiguration>");
  } else if (op == "GetBucketOwnershipControls") {
    if ((h >> 20) % 10 == 9) {
      return S3Error(404, "OwnershipControlsNotFoundError",
                     "The bucket ownership controls were not found", rid);
    }
    o.append("<OwnershipControls")
        .append(kNs)
        .append("><Rule><ObjectOwnership>")
        .append((h >> 24) % 4 ? "BucketOwnerEnforced" : "ObjectWriter")
        .append("</ObjectOwnership></Rule></OwnershipControls>");
  } else if (op == "GetBucketEncryption") {
    bool kms = (h >> 28) % 5 == 0;
    o.append("<ServerSideEncryptionConfiguration")
        .append(kNs)
        .append("><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>")
        .append(kms ? "aws:kms" : "AES256")
        .append("</SSEAlgorithm>");
    if (kms) {
      o.append("<KMSMasterKeyID>arn:aws:kms:")
          .append(region)
          .append(":")
          .append(ctx.call.account)
          .append(":key/");
      o.append(RequestId(Mix(h, 0x4B)));
      o.append("</KMSMasterKeyID>");
    }
    o.append("</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>")
        .append(kms ? "true" : "false")
        .append(
            "</BucketKeyEnabled></Rule>"
            "</ServerSideEncryptionConfiguration>");
  } else {
    return UnknownOperationReply(ctx.call, rid);
  }
  Reply r = XmlReply(std::move(o), rid);
  r.content_type = "application/xml";
  return r;
}

}  // namespace

Reply HandleS3(const ServiceContext& ctx) {
  if (ctx.call.operation == "ListBuckets") return ListBuckets(ctx);
  return BucketOperation(ctx);
}

}  // namespace fakeaws
