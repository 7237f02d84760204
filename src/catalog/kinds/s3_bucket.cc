// Kind AWS::S3::Bucket (global: listed once per account; extra context {AccountId} only). Lists
// ListBuckets -> Buckets; each bucket's identity is its name. Upstream's properties, in its
// model's order: BucketName, Arn (arn:{partition}:s3:::{name}), CreationDate (ListBucketsAction,
// from the listing); Tags [{Key,Value}] (GetBucketTaggingAction; NoSuchTagSet -> []); and with the
// optional actions LocationConstraint (as S3 sent it: null for us-east-1, "EU" for old
// eu-west-1 buckets), BucketEncryption (GetBucketEncryption's
// ServerSideEncryptionConfiguration), PublicAccessBlockConfiguration, OwnershipControls. A bucket
// without the configuration (NoSuchPublicAccessBlockConfiguration, OwnershipControlsNotFoundError,
// ServerSideEncryptionConfigurationNotFoundError) or whose call fails gets no key, as upstream.
//
// Per-bucket calls go to the bucket's own region, as botocore's S3 region redirector does: the
// region comes from ListBuckets' BucketRegion, else from GetBucketLocation after S3 answers a
// redirect (PermanentRedirect/301, AuthorizationHeaderMalformed), and is remembered per bucket.
// Divergences: upstream's single-bucket get has no listing, so it carries no CreationDate here
// either; a per-bucket failure other than not-found/access-denied is counted as an enrichment
// error (upstream only logs it).
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "catalog/kinds/kinds.h"

namespace catalog::kinds {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

// Where buckets live when that is not the scope's region. Bucket names are unique in a
// partition, so an entry holds for every batch; a stale one is corrected by the next redirect.
// Bounded: forgotten wholesale when full.
class BucketRegions {
 public:
  std::optional<std::string> Find(std::string_view account, std::string_view bucket) {
    std::lock_guard lock(mu_);
    auto it = regions_.find(Key(account, bucket));
    if (it == regions_.end()) return std::nullopt;
    return it->second;
  }
  void Remember(std::string_view account, std::string_view bucket, std::string_view region) {
    std::lock_guard lock(mu_);
    if (regions_.size() >= kMaxEntries) regions_.clear();
    regions_[Key(account, bucket)] = std::string(region);
  }

 private:
  static constexpr std::size_t kMaxEntries = 50'000;
  static std::string Key(std::string_view account, std::string_view bucket) {
    return std::string(account) + "/" + std::string(bucket);
  }
  std::mutex mu_;
  std::unordered_map<std::string, std::string> regions_;  // guarded by mu_
};

BucketRegions& Regions() {
  static BucketRegions* regions = new BucketRegions();  // never destroyed: no exit-order issues
  return *regions;
}

// S3's answers to a client signing for another region than the bucket's (botocore's list).
bool IsRegionRedirect(const Status& st) {
  std::string_view code = st.remote_code();
  int http = st.http_status();
  return code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed" ||
         code == "IllegalLocationConstraintException" || code == "TemporaryRedirect" ||
         http == 301 || http == 302 || http == 307;
}

// GetBucketLocation's LocationConstraint as a region name.
std::string RegionOfLocation(const json::value* location) {
  if (!location || !location->is_string() || location->get_string().empty()) return "us-east-1";
  if (location->get_string() == "EU") return "eu-west-1";
  return std::string(location->get_string());
}

// Calls an operation on `bucket` in the bucket's region (see the file comment).
asio::awaitable<Result<json::value>> CallBucket(aws::AwsClient& client,
                                                const aws::CallTarget& scope,
                                                std::string_view bucket, std::string_view op,
                                                json::object params = {}) {
  params["Bucket"] = bucket;
  aws::CallTarget target = scope;
  if (std::optional<std::string> known = Regions().Find(scope.account_id, bucket)) {
    target.region = std::move(*known);
  }
  Result<json::value> res = co_await client.Call(target, "s3", op, params);
  if (res.ok() || !IsRegionRedirect(res.status())) co_return res;

  json::object where;
  where["Bucket"] = bucket;
  Result<json::value> location =
      co_await client.Call(scope, "s3", "GetBucketLocation", std::move(where));
  if (!location.ok()) co_return res;
  std::string region = RegionOfLocation(location->as_object().if_contains("LocationConstraint"));
  if (region == target.region) co_return res;
  Regions().Remember(scope.account_id, bucket, region);
  target.region = std::move(region);
  co_return co_await client.Call(target, "s3", op, std::move(params));
}

// Answers meaning "this bucket has no such configuration": no key, no error.
bool IsAbsentConfiguration(const Status& st) {
  std::string_view code = st.remote_code();
  return code == "NoSuchPublicAccessBlockConfiguration" ||
         code == "OwnershipControlsNotFoundError" ||
         code == "ServerSideEncryptionConfigurationNotFoundError";
}

// One GetBucket* call per bucket whose answer member `from` becomes property `to`.
asio::awaitable<Result<Enrichments>> EnrichFromMember(ActionContext& ctx,
                                                      std::span<const Resource> rs,
                                                      std::string_view action,
                                                      std::string_view op, std::string_view from,
                                                      std::string_view to) {
  co_return co_await EnrichEach(
      ctx, rs, action, [&](const Resource& r) -> asio::awaitable<Result<json::object>> {
        Result<json::value> res = co_await CallBucket(ctx.client, ctx.target, r.id, op);
        if (!res.ok()) {
          if (IsAbsentConfiguration(res.status())) {
            co_return Status::NotFound(std::string(op) + ": " + r.id + " has none");
          }
          co_return res.status();
        }
        json::object props;
        if (const json::value* v = res->as_object().if_contains(from)) props[to] = *v;
        co_return props;
      });
}

Status ToResources(const ListContext& ctx, const json::value& item, const json::object& base_extra,
                   std::vector<Resource>& out) {
  const json::object* bucket = item.if_object();
  std::string_view name = bucket ? core::FindString(*bucket, "Name") : std::string_view();
  if (name.empty()) return Status::ParseError("ListBuckets: a bucket without a Name");
  Resource r{std::string(name), {}, base_extra};
  if (const json::value* created = bucket->if_contains("CreationDate")) {
    r.properties["CreationDate"] = *created;
  }
  std::string_view region = core::FindString(*bucket, "BucketRegion");
  if (!region.empty() && region != ctx.target.region) {
    Regions().Remember(ctx.target.account_id, name, region);
  }
  out.push_back(std::move(r));
  return Status::Ok();
}

std::string BucketArn(const AccountSession& account, std::string_view name) {
  return "arn:" + account.partition + ":s3:::" + std::string(name);
}

// BucketName and Arn; CreationDate is already there from the listing.
asio::awaitable<Result<Enrichments>> ListBuckets(ActionContext& ctx,
                                                 std::span<const Resource> rs) {
  Enrichments out;
  for (const Resource& r : rs) {
    json::object p;
    p["BucketName"] = r.id;
    p["Arn"] = BucketArn(ctx.account, r.id);
    out.emplace_back(r.id, std::move(p));
  }
  co_return out;
}

asio::awaitable<Result<Enrichments>> GetBucketTagging(ActionContext& ctx,
                                                      std::span<const Resource> rs) {
  co_return co_await EnrichEach(
      ctx, rs, "GetBucketTaggingAction",
      [&ctx](const Resource& r) -> asio::awaitable<Result<json::object>> {
        Result<json::value> res =
            co_await CallBucket(ctx.client, ctx.target, r.id, "GetBucketTagging");
        json::object props;
        if (res.ok()) {
          const json::value* tags = res->as_object().if_contains("TagSet");
          props["Tags"] = tags && tags->is_array() ? *tags : json::array();
        } else if (res.status().remote_code() == "NoSuchTagSet") {
          props["Tags"] = json::array();
        } else {
          co_return res.status();
        }
        co_return props;
      });
}

asio::awaitable<Result<Enrichments>> GetPublicAccessBlock(ActionContext& ctx,
                                                          std::span<const Resource> rs) {
  co_return co_await EnrichFromMember(ctx, rs, "GetPublicAccessBlockAction",
                                      "GetPublicAccessBlock", "PublicAccessBlockConfiguration",
                                      "PublicAccessBlockConfiguration");
}

asio::awaitable<Result<Enrichments>> GetBucketOwnershipControls(ActionContext& ctx,
                                                                std::span<const Resource> rs) {
  co_return co_await EnrichFromMember(ctx, rs, "GetBucketOwnershipControlsAction",
                                      "GetBucketOwnershipControls", "OwnershipControls",
                                      "OwnershipControls");
}

asio::awaitable<Result<Enrichments>> GetBucketEncryption(ActionContext& ctx,
                                                         std::span<const Resource> rs) {
  co_return co_await EnrichFromMember(ctx, rs, "GetBucketEncryptionAction",
                                      "GetBucketEncryption", "ServerSideEncryptionConfiguration",
                                      "BucketEncryption");
}

// LocationConstraint as S3 sent it (null for us-east-1), as upstream emits it.
asio::awaitable<Result<Enrichments>> GetBucketLocation(ActionContext& ctx,
                                                       std::span<const Resource> rs) {
  co_return co_await EnrichEach(
      ctx, rs, "GetBucketLocationAction",
      [&ctx](const Resource& r) -> asio::awaitable<Result<json::object>> {
        Result<json::value> res =
            co_await CallBucket(ctx.client, ctx.target, r.id, "GetBucketLocation");
        if (!res.ok()) co_return res.status();
        json::object props;
        const json::value* location = res->as_object().if_contains("LocationConstraint");
        props["LocationConstraint"] = location ? *location : json::value(nullptr);
        co_return props;
      });
}

// By bucket name: HeadBucket first (a missing bucket is nullopt), as upstream.
asio::awaitable<Result<std::optional<Resource>>> GetOne(ListContext& ctx, std::string_view id,
                                                        const json::object& base_extra) {
  Result<json::value> head = co_await CallBucket(ctx.client, ctx.target, id, "HeadBucket");
  if (!head.ok()) {
    const Status& st = head.status();
    if (st.code() == core::StatusCode::kNotFound) co_return std::optional<Resource>();
    // A redirect that could not be followed still says the bucket exists.
    if (!IsRegionRedirect(st)) co_return st;
  }
  co_return std::optional<Resource>(Resource{std::string(id), {}, base_extra});
}

constexpr ActionSpec kActions[] = {
    {"GetBucketTaggingAction", true, &GetBucketTagging, "GetBucketTagging"},
    {"ListBucketsAction", true, &ListBuckets, ""},
    {"GetPublicAccessBlockAction", false, &GetPublicAccessBlock, "GetPublicAccessBlock"},
    {"GetBucketOwnershipControlsAction", false, &GetBucketOwnershipControls,
     "GetBucketOwnershipControls"},
    {"GetBucketEncryptionAction", false, &GetBucketEncryption, "GetBucketEncryption"},
    {"GetBucketLocationAction", false, &GetBucketLocation, "GetBucketLocation"},
};

constexpr std::string_view kPropertyOrder[] = {
    "BucketName", "Arn", "CreationDate", "LocationConstraint", "Tags", "BucketEncryption",
    "PublicAccessBlockConfiguration", "OwnershipControls"};

}  // namespace

extern const KindSpec kS3Bucket{
    .name = "AWS::S3::Bucket",
    .service = "s3",
    .scope = KindScope::kGlobal,
    .list_operation = "ListBuckets",
    .list_result_key = "Buckets",
    .to_resources = &ToResources,
    .get_one = &GetOne,
    .actions = kActions,
    .property_order = kPropertyOrder,
    .region_in_extra_context = false,
};

}  // namespace catalog::kinds
