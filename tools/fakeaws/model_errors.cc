// The services' own errors for the generic responder (model_wire.h): throttling, not-found and
// access-denied codes looked up in the model's exception shapes (their code and HTTP status),
// else the protocol's usual code, rendered as the protocol sends errors (ec2/query/S3 XML, json
// __type, rest-json x-amzn-ErrorType).
//
// Thread-safety: pure functions of the (immutable) model.
#include <initializer_list>
#include <optional>

#include "model_wire.h"

namespace fakeaws {

namespace am = aws::model;

namespace {

struct ErrorPick {
  std::string code;
  int status = 400;
};

// The first of `names` the model declares as an exception, with its code and status.
std::optional<ErrorPick> FromModel(const am::ServiceModel& model,
                                   std::initializer_list<std::string> names, int default_status) {
  for (const std::string& n : names) {
    const am::Shape* s = model.FindShape(n);
    if (!s || !s->exception) continue;
    return ErrorPick{s->error_code.empty() ? n : s->error_code.str(),
                     s->error_http_status ? s->error_http_status : default_status};
  }
  return std::nullopt;
}

}  // namespace

Reply ModelError(const am::ServiceModel& model, int status, std::string_view code,
                 std::string_view message, std::string_view rid) {
  switch (ProtocolOf(model)) {
    case Protocol::kEc2:
      return Ec2Error(status, code, message, rid);
    case Protocol::kQuery:
      return QueryError(status, code, message, rid, status < 500);
    case Protocol::kRestXml:
      return model.metadata().service_name == "s3" ? S3Error(status, code, message, rid)
                                                   : QueryError(status, code, message, rid);
    case Protocol::kJson:
      return JsonError(status, "", code, message, rid);
    case Protocol::kRestJson:
      return RestJsonError(status, code, message, rid);
  }
  return Reply{};
}

Reply ModelThrottle(const am::ServiceModel& model, std::string_view rid) {
  Protocol p = ProtocolOf(model);
  int rest_status = p == Protocol::kRestJson ? 429 : 400;
  std::optional<ErrorPick> e = FromModel(model,
                                         {"ThrottlingException", "TooManyRequestsException",
                                          "ThrottledException", "RequestThrottledException"},
                                         rest_status);
  if (e && e->code == "TooManyRequestsException" && p == Protocol::kRestJson) e->status = 429;
  if (!e) {
    switch (p) {
      case Protocol::kEc2: e = ErrorPick{"RequestLimitExceeded", 503}; break;
      case Protocol::kQuery: e = ErrorPick{"Throttling", 400}; break;
      case Protocol::kRestXml: e = ErrorPick{"SlowDown", 503}; break;
      case Protocol::kJson: e = ErrorPick{"ThrottlingException", 400}; break;
      case Protocol::kRestJson: e = ErrorPick{"TooManyRequestsException", 429}; break;
    }
  }
  return ModelError(model, e->status, e->code, "Rate exceeded", rid);
}

Reply ModelNotFound(const am::ServiceModel& model, std::string_view last, std::string_view message,
                    std::string_view rid) {
  std::string l(last);
  int status = ProtocolOf(model) == Protocol::kRestJson ? 404 : 400;
  std::optional<ErrorPick> e =
      FromModel(model,
                {l + "NotFoundException", l + "NotFoundFault", l + "NotFound",
                 l + "DoesNotExistException", "ResourceNotFoundException", "NotFoundException",
                 "ResourceNotFoundFault"},
                status);
  if (!e) e = ErrorPick{ProtocolOf(model) == Protocol::kEc2 ? "InvalidParameterValue"
                                                            : "ResourceNotFoundException",
                        status};
  return ModelError(model, e->status, e->code, message, rid);
}

Reply ModelAccessDenied(const am::ServiceModel& model, std::string_view rid) {
  Protocol p = ProtocolOf(model);
  std::optional<ErrorPick> e =
      FromModel(model, {"AccessDeniedException", "AccessDeniedFault", "AccessDenied"},
                p == Protocol::kRestJson ? 403 : 400);
  if (!e) {
    switch (p) {
      case Protocol::kEc2: e = ErrorPick{"UnauthorizedOperation", 403}; break;
      case Protocol::kQuery: e = ErrorPick{"AccessDenied", 403}; break;
      case Protocol::kRestXml: e = ErrorPick{"AccessDenied", 403}; break;
      case Protocol::kJson: e = ErrorPick{"AccessDeniedException", 400}; break;
      case Protocol::kRestJson: e = ErrorPick{"AccessDeniedException", 403}; break;
    }
  }
  return ModelError(model, e->status, e->code, "User is not authorized to perform this operation",
                    rid);
}

}  // namespace fakeaws
