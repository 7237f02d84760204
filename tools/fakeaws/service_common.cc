// Errors and pagination shared by the fake services (services.h).
#include <charconv>

#include "ids.h"
#include "services.h"

namespace fakeaws {

namespace {

// JSON services' namespaces and their names for "bad parameter".
struct JsonFlavor {
  std::string_view ns;
  std::string_view invalid;
  bool json10;
};

JsonFlavor FlavorOf(const Call& call) {
  if (call.service == "sqs") return {"com.amazonaws.sqs", "InvalidParameterValue", true};
  if (call.service == "ecs") return {"", "InvalidParameterException", false};
  return {"", "InvalidInputException", false};  // organizations
}

}  // namespace

Reply ThrottleReply(const Call& call, std::string_view rid) {
  const std::string& s = call.service;
  if (s == "ec2") return Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.", rid);
  if (s == "sts") return QueryError(400, "Throttling", "Rate exceeded", rid);
  if (s == "s3") return S3Error(503, "SlowDown", "Please reduce your request rate.", rid);
  if (s == "sqs") {
    return JsonError(400, "com.amazonaws.sqs", "RequestThrottled", "Rate exceeded", rid,
                     "RequestThrottled");
  }
  if (s == "ecs") return JsonError(400, "", "ThrottlingException", "Rate exceeded", rid);
  if (s == "organizations") {
    return JsonError(400, "", "TooManyRequestsException",
                     "You have sent too many requests in too short a period of time.", rid);
  }
  return RestJsonError(429, "TooManyRequestsException", "Rate exceeded", rid);
}

Reply ServerErrorReply(const Call& call, int status, std::string_view rid) {
  bool unavailable = status == 503;
  switch (call.protocol) {
    case Protocol::kEc2:
      return unavailable ? Ec2Error(503, "Unavailable", "The server is overloaded.", rid)
                         : Ec2Error(500, "InternalError", "An internal error has occurred.", rid);
    case Protocol::kQuery:
      return unavailable
                 ? QueryError(503, "ServiceUnavailable", "Service is unavailable.", rid, false)
                 : QueryError(500, "InternalFailure", "An internal error occurred.", rid, false);
    case Protocol::kRestXml:
      return unavailable
                 ? S3Error(503, "ServiceUnavailable", "Service is unable to handle request.", rid)
                 : S3Error(500, "InternalError",
                           "We encountered an internal error. Please try again.", rid);
    case Protocol::kJson: {
      JsonFlavor f = FlavorOf(call);
      Reply r = JsonError(status, f.ns, unavailable ? "ServiceUnavailable" : "InternalFailure",
                          unavailable ? "Service Unavailable" : "Internal failure", rid);
      return r;
    }
    case Protocol::kRestJson:
      return RestJsonError(status,
                           unavailable ? "ServiceUnavailableException" : "InternalServerException",
                           unavailable ? "Service Unavailable" : "Internal failure", rid);
  }
  return Reply{};
}

Reply UnknownOperationReply(const Call& call, std::string_view rid) {
  std::string msg = "The action " + call.operation + " is not valid for this web service.";
  switch (call.protocol) {
    case Protocol::kEc2:
      return Ec2Error(400, "InvalidAction", msg, rid);
    case Protocol::kQuery:
      return QueryError(400, "InvalidAction", msg, rid);
    case Protocol::kRestXml:
      return S3Error(501, "NotImplemented", msg, rid);
    case Protocol::kJson:
      return JsonError(400, "", "UnknownOperationException", msg, rid);
    case Protocol::kRestJson:
      return RestJsonError(404, "UnknownOperationException", msg, rid);
  }
  return Reply{};
}

Reply InvalidParameterReply(const Call& call, std::string_view message, std::string_view rid) {
  switch (call.protocol) {
    case Protocol::kEc2:
      return Ec2Error(400, "InvalidParameterValue", message, rid);
    case Protocol::kQuery:
      return QueryError(400, "ValidationError", message, rid);
    case Protocol::kRestXml:
      return S3Error(400, "InvalidArgument", message, rid);
    case Protocol::kJson: {
      JsonFlavor f = FlavorOf(call);
      return JsonError(400, f.ns, f.invalid, message, rid, call.service == "sqs" ? f.invalid : "");
    }
    case Protocol::kRestJson:
      return RestJsonError(400, "ValidationException", message, rid);
  }
  return Reply{};
}

uint64_t TokenScope(const ServiceContext& ctx, std::string_view operation) {
  return Mix(ctx.universe.seed(), HashString(ctx.call.account), HashString(ctx.call.region),
             HashString(operation));
}

std::string MakeToken(uint64_t next, uint64_t scope) {
  std::string t = "AAE";
  AppendHex(t, next, 12);
  AppendHex(t, Mix(next, scope) & 0xffffffffffULL, 10);
  return t;
}

std::optional<uint64_t> ReadToken(std::string_view token, uint64_t scope) {
  if (token.size() != 25 || !token.starts_with("AAE")) return std::nullopt;
  uint64_t next = 0, check = 0;
  auto hex = [](std::string_view s, uint64_t& v) {
    auto r = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
  };
  if (!hex(token.substr(3, 12), next) || !hex(token.substr(15), check)) return std::nullopt;
  if (check != (Mix(next, scope) & 0xffffffffffULL)) return std::nullopt;
  return next;
}

PageRequest ReadPage(const ServiceContext& ctx, std::string_view operation, std::string_view token,
                     std::string_view limit_text, uint64_t min, uint64_t max, uint64_t default_size,
                     std::string_view limit_name) {
  PageRequest p;
  p.size = default_size;
  if (!limit_text.empty()) {
    int64_t v = 0;
    auto r = std::from_chars(limit_text.data(), limit_text.data() + limit_text.size(), v);
    if (r.ec != std::errc() || r.ptr != limit_text.data() + limit_text.size() ||
        v < static_cast<int64_t>(min) || v > static_cast<int64_t>(max)) {
      p.error = InvalidParameterReply(ctx.call,
                                      "Value ( " + std::string(limit_text) + " ) for parameter " +
                                          std::string(limit_name) +
                                          " is invalid. Expecting a value between " +
                                          std::to_string(min) + " and " + std::to_string(max) + ".",
                                      ctx.request_id);
      return p;
    }
    p.size = static_cast<uint64_t>(v);
  }
  // page_cap: AWS may answer fewer items than asked; the client must follow the token.
  uint64_t cap = ctx.universe.config().page_cap;
  if (cap > 0 && p.size > cap) p.size = cap;
  if (!token.empty()) {
    std::optional<uint64_t> start = ReadToken(token, TokenScope(ctx, operation));
    if (!start) {
      p.error = InvalidParameterReply(
          ctx.call, "The token '" + std::string(token) + "' is invalid or expired.",
          ctx.request_id);
      return p;
    }
    p.start = *start;
  }
  return p;
}

}  // namespace fakeaws
