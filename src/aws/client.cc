#include "aws/client.h"


#include "aws/auth/sigv4.h"
#include "aws/client_errors.h"
#include "aws/endpoints/endpoint_resolver.h"
#include "aws/endpoints/s3_addressing.h"
#include "aws/net_names.h"
#include "aws/protocol/protocol.h"
#include "aws/retry/adaptive_rate_limiter.h"
#include "aws/retry/published_limits.h"
#include "aws/retry/retry_policy.h"
#include "aws/retry/retrying_sender.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/metrics.h"

namespace aws {

namespace asio = boost::asio;
using core::Result;
using core::Status;

class AwsClientImpl {
 public:
  AwsClientImpl(asio::io_context& /*io*/, HttpTransportPtr transport, AwsClient::Options options,
                RetryConfig retry)
      : transport_(std::move(transport)),
        options_(std::move(options)),
        policy_(retry),
        limiter_(core::SystemClock::Get(), AdaptiveLimiterConfig::PerKeyLearning()) {}

  // Send() plus the per-service process metrics (see RecordCallMetrics).
  asio::awaitable<Result<json::value>> Call(const CallTarget& target,
                                            const model::ServiceModel& service,
                                            const model::Operation& op, json::object params);

  ClientStats stats;

 private:
  asio::awaitable<Result<json::value>> Send(const CallTarget& target,
                                            const model::ServiceModel& service,
                                            const model::Operation& op, json::object params,
                                            RetryStats& rs);
  Result<HttpRequest> BuildRequest(const model::ServiceModel& service, const model::Operation& op,
                                   const json::object& params, const endpoints::Endpoint& ep,
                                   protocol::SerializedRequest ser) const;

  HttpTransportPtr transport_;
  AwsClient::Options options_;
  RetryPolicy policy_;
  AdaptiveRateLimiter limiter_;
};

namespace {

std::string Where(const model::ServiceModel& service, const model::Operation& op,
                  const CallTarget& target) {
  std::string w = service.metadata().service_name + "." + op.name;
  if (!target.region.empty()) w += " in " + target.region;
  if (!target.account_id.empty()) w += " (account " + target.account_id + ")";
  return w;
}

// "https://host" + prefix -> "https://<prefix>host".
std::string InsertHostPrefix(const std::string& url, std::string_view prefix) {
  size_t p = url.find("://");
  if (p == std::string::npos || prefix.empty()) return url;
  return url.substr(0, p + 3) + std::string(prefix) + url.substr(p + 3);
}

bool IsIpHost(std::string_view url) {
  auto parsed = ParseUrl(url);
  if (!parsed.ok()) return false;
  const std::string& h = parsed->host;
  if (h.starts_with("[")) return true;
  return !h.empty() && h.find_first_not_of("0123456789.") == std::string::npos;
}

// ocean_aws_aws_{requests,throttles,retries}_total{service} count HTTP attempts, attempts
// classified as throttling and retries; ocean_aws_aws_calls_total{service,outcome} counts calls
// by their final outcome (ok|error).
void DescribeCallMetrics() {
  namespace m = core::metrics;
  m::Describe("ocean_aws_aws_requests_total", "counter",
              "HTTP requests sent to AWS, one per attempt.");
  m::Describe("ocean_aws_aws_calls_total", "counter",
              "AWS API calls by final outcome (ok or error), retries included in one call.");
  m::Describe("ocean_aws_aws_throttles_total", "counter",
              "AWS responses classified as throttling.");
  m::Describe("ocean_aws_aws_retries_total", "counter", "AWS attempts retried after an error.");
}

void RecordCallMetrics(const std::string& service, const RetryStats& rs, bool ok) {
  namespace m = core::metrics;
  DescribeCallMetrics();
  const m::Labels labels = {{"service", service}};
  if (rs.attempts > 0) m::Add("ocean_aws_aws_requests_total", labels, rs.attempts);
  if (rs.throttles > 0) m::Add("ocean_aws_aws_throttles_total", labels, rs.throttles);
  if (rs.retries > 0) m::Add("ocean_aws_aws_retries_total", labels, rs.retries);
  const m::Labels outcome = {{"service", service}, {"outcome", ok ? "ok" : "error"}};
  m::Add("ocean_aws_aws_calls_total", outcome);
}

}  // namespace

Result<HttpRequest> AwsClientImpl::BuildRequest(const model::ServiceModel& service,
                                                const model::Operation& op,
                                                const json::object& params,
                                                const endpoints::Endpoint& ep,
                                                protocol::SerializedRequest ser) const {
  std::string base = ep.url;
  std::string path = ser.path;
  // S3: the bucket moves into the host when it can (virtual-host addressing).
  const model::Member* bucket = op.input ? op.input->FindMember("Bucket") : nullptr;
  const json::value* bucket_value = params.if_contains("Bucket");
  if (service.metadata().signing_name == "s3" && bucket && bucket->location == model::Location::kUri &&
      bucket_value && bucket_value->is_string()) {
    std::string encoded = "/" + UriEncode(bucket_value->get_string());
    std::string key_path;
    if (path.starts_with(encoded)) key_path = path.substr(encoded.size());
    endpoints::S3AddressingStyle style = options_.s3_path_style || IsIpHost(base)
                                             ? endpoints::S3AddressingStyle::kPath
                                             : endpoints::S3AddressingStyle::kAuto;
    CORE_ASSIGN_OR_RETURN(endpoints::BucketUrl bu,
                          endpoints::AddressBucket(base, bucket_value->get_string(), key_path, style));
    base = bu.url;
    path = bu.path;
  }
  if (!ser.host_prefix.empty() && !(ep.overridden && IsIpHost(base))) {
    base = InsertHostPrefix(base, ser.host_prefix);
  }
  HttpRequest req;
  req.method = std::move(ser.method);
  req.url = base + path;
  if (!ser.query.empty()) req.url += "?" + BuildQueryString(ser.query);
  req.headers = std::move(ser.headers);
  req.body = std::move(ser.body);
  req.timeout = options_.timeout;
  SetHeader(req.headers, "User-Agent", "ocean-aws/0.1.0");
  return req;
}

asio::awaitable<Result<json::value>> AwsClientImpl::Call(const CallTarget& target,
                                                         const model::ServiceModel& service,
                                                         const model::Operation& op,
                                                         json::object params) {
  RetryStats rs;
  Result<json::value> result = co_await Send(target, service, op, std::move(params), rs);
  RecordCallMetrics(service.metadata().service_name, rs, result.ok());
  co_return result;
}

asio::awaitable<Result<json::value>> AwsClientImpl::Send(const CallTarget& target,
                                                         const model::ServiceModel& service,
                                                         const model::Operation& op,
                                                         json::object params, RetryStats& rs) {
  ++stats.calls;
  // Named in errors only: built when one is returned, not for every call.
  auto where = [&] { return Where(service, op, target); };
  Result<protocol::SerializedRequest> ser = protocol::SerializeRequest(service, op, params);
  if (!ser.ok()) co_return ser.status();
  endpoints::EndpointConfig ep_config;
  ep_config.endpoint_url = options_.endpoint_url;
  Result<endpoints::Endpoint> ep = endpoints::ResolveEndpoint(service.metadata(), target.region,
                                                              ep_config);
  if (!ep.ok()) co_return ep.status().WithContext(where());
  Result<HttpRequest> request = BuildRequest(service, op, params, *ep, std::move(*ser));
  if (!request.ok()) co_return request.status().WithContext(where());

  // One limiter bucket per (account, region, API) as AWS meters them, seeded with the published
  // limit where there is one (published_limits.h); a throttle slows only its own key.
  const std::string& service_name = service.metadata().service_name;
  const bool unfiltered = Ec2UnfilteredRequest(service_name, op.name, params);
  const std::string limiter_key =
      LimiterKey(target.account_id, target.region, service_name, op.name, unfiltered);
  if (options_.adaptive) {
    if (std::optional<PublishedBucket> seed = PublishedLimit(service_name, op.name, unfiltered)) {
      limiter_.Seed(limiter_key, seed->burst, seed->refill);
    }
  }
  sigv4::SigningParams signing;
  signing.region = ep->signing_region;
  signing.service = ep->signing_name;
  signing.s3 = ep->signing_name == "s3";
  // Each attempt signs anew: credentials may refresh between attempts, and X-Amz-Date must be
  // fresh after a long wait in the adaptive limiter.
  PrepareRequest prepare = [&](int) -> asio::awaitable<Result<HttpRequest>> {
    HttpRequest req = *request;
    if (!target.credentials) co_return req;  // an unsigned call (AssumeRoleWithWebIdentity)
    Result<Credentials> creds = co_await target.credentials->Get();
    if (!creds.ok()) co_return creds.status().WithContext(where() + ": credentials");
    signing.time = core::SystemClock::Get().Now();
    Status st = sigv4::Sign(req, *creds, signing);
    if (!st.ok()) co_return st.WithContext(where());
    co_return req;
  };
  std::optional<protocol::AwsError> last_error;
  // A 2xx body is parsed here, so that one that does not parse (a proxy's page, a body cut short
  // with a valid length, a broken emulator) is retried like a 5xx instead of silently costing
  // the caller its data; the last parse error is returned when retries run out.
  std::optional<Result<json::value>> parsed;
  ResponseClassifier classify = [&](const HttpResponse& resp) {
    if (resp.status >= 200 && resp.status < 300 && !protocol::IsErrorIn2xx(service, op, resp)) {
      parsed.emplace(protocol::ParseResponse(service, op, resp));
      if (parsed->ok()) return ErrorClass::kNone;
      last_error.reset();
      return ErrorClass::kTransient;
    }
    parsed.reset();
    last_error = protocol::ParseError(service, op, resp);
    return ClassifyAwsError(last_error->code, last_error->http_status);
  };
  Result<HttpResponse> resp =
      co_await SendWithRetries(*transport_, std::move(prepare), policy_,
                               options_.adaptive ? &limiter_ : nullptr, limiter_key,
                               std::move(classify), &rs);
  stats.attempts += rs.attempts;
  stats.retries += rs.retries;
  stats.throttled += rs.throttles;
  auto after = [&](Status st) {
    return rs.attempts > 1 ? st.WithContext("after " + std::to_string(rs.attempts) + " attempts")
                           : st;
  };
  if (!resp.ok()) co_return after(resp.status().WithContext(where()));
  if (rs.last_class != ErrorClass::kNone && last_error) {
    co_return after(AwsErrorStatus(*last_error, rs.last_class, where(), op.name));
  }
  if (!parsed) parsed.emplace(protocol::ParseResponse(service, op, *resp));  // no classifier run
  if (!parsed->ok()) co_return after(parsed->status().WithContext(where()));
  co_return std::move(*parsed);
}

AwsClient::AwsClient(asio::io_context& io, HttpTransportPtr transport, Options options) {
  std::optional<std::string_view> mode;
  if (!options.retry_mode.empty()) mode = options.retry_mode;
  std::optional<int> attempts;
  if (options.max_attempts > 0) attempts = options.max_attempts;
  Result<RetryConfig> retry = RetryConfig::Resolve(mode, attempts);
  if (!retry.ok()) {
    LOG_WARN("retry configuration ignored: {}", retry.status().message());
    retry = RetryConfig{};
  }
  impl_ = std::make_unique<AwsClientImpl>(io, std::move(transport), std::move(options), *retry);
}

AwsClient::~AwsClient() = default;

asio::awaitable<Result<json::value>> AwsClient::Call(const CallTarget& target,
                                                     std::string_view service,
                                                     std::string_view operation,
                                                     json::object params) {
  Result<const model::ServiceModel*> svc = model::GetService(service);
  if (!svc.ok()) co_return svc.status();
  const model::Operation* op = (*svc)->FindOperation(operation);
  if (!op) {
    co_return Status::InvalidArgument("AWS service '" + std::string(service) +
                                      "' has no operation '" + std::string(operation) + "'");
  }
  co_return co_await impl_->Call(target, **svc, *op, std::move(params));
}

asio::awaitable<Result<json::value>> AwsClient::Call(const CallTarget& target,
                                                     const model::ServiceModel& service,
                                                     const model::Operation& operation,
                                                     json::object params) {
  co_return co_await impl_->Call(target, service, operation, std::move(params));
}

const ClientStats& AwsClient::stats() const { return impl_->stats; }

}  // namespace aws
