#include "aws/s3/bucket_region.h"

#include <mutex>
#include <unordered_map>

namespace aws::s3 {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

// Where buckets live when that is not the caller's region. Bucket names are unique in a
// partition, so an entry holds for every later call; a stale one is corrected by the next
// redirect. Bounded: forgotten wholesale when full.
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
    std::string k;
    k.reserve(account.size() + 1 + bucket.size());
    k.append(account).push_back('/');
    k.append(bucket);
    return k;
  }
  std::mutex mu_;
  std::unordered_map<std::string, std::string> regions_;  // guarded by mu_
};

BucketRegions& Regions() {
  static BucketRegions* regions = new BucketRegions();  // never destroyed: no exit-order issues
  return *regions;
}

// GetBucketLocation's LocationConstraint as a region name.
std::string RegionOfLocation(const json::value* location) {
  if (!location || !location->is_string() || location->get_string().empty()) return "us-east-1";
  if (location->get_string() == "EU") return "eu-west-1";
  return std::string(location->get_string());
}

// ListBuckets says where each bucket lives (BucketRegion): remember those elsewhere.
void LearnFromListing(const CallTarget& target, const json::value& page) {
  const json::object* obj = page.if_object();
  const json::array* buckets = obj ? core::FindArray(*obj, "Buckets") : nullptr;
  if (!buckets) return;
  for (const json::value& b : *buckets) {
    const json::object* bucket = b.if_object();
    if (!bucket) continue;
    std::string_view name = core::FindString(*bucket, "Name");
    std::string_view region = core::FindString(*bucket, "BucketRegion");
    if (!name.empty() && !region.empty() && region != target.region) {
      Regions().Remember(target.account_id, name, region);
    }
  }
}

}  // namespace

bool IsRegionRedirect(const Status& st) {
  std::string_view code = st.remote_code();
  int http = st.http_status();
  return code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed" ||
         code == "IllegalLocationConstraintException" || code == "TemporaryRedirect" ||
         http == 301 || http == 302 || http == 307;
}

std::optional<std::string> KnownBucketRegion(std::string_view account, std::string_view bucket) {
  return Regions().Find(account, bucket);
}

asio::awaitable<Result<json::value>> CallBucketAware(AwsClient& client, const CallTarget& scope,
                                                     const model::ServiceModel& service,
                                                     const model::Operation& op,
                                                     json::object params) {
  if (service.metadata().service_name != "s3") {
    co_return co_await client.Call(scope, service, op, std::move(params));
  }
  const json::value* bucket_value = params.if_contains("Bucket");
  if (!bucket_value || !bucket_value->is_string()) {
    Result<json::value> res = co_await client.Call(scope, service, op, std::move(params));
    if (res.ok() && op.name == "ListBuckets") LearnFromListing(scope, *res);
    co_return res;
  }
  std::string bucket(bucket_value->get_string());
  CallTarget target = scope;
  if (std::optional<std::string> known = Regions().Find(scope.account_id, bucket)) {
    target.region = std::move(*known);
  }
  Result<json::value> res = co_await client.Call(target, service, op, params);
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
  co_return co_await client.Call(target, service, op, std::move(params));
}

}  // namespace aws::s3
