#include "aws/client_errors.h"

#include <string>

namespace aws {
namespace {

constexpr std::string_view kAccessDenied[] = {
    "AccessDenied",          "AccessDeniedException", "UnauthorizedOperation",
    "AuthorizationError",    "UnauthorizedException", "AuthorizationErrorException",
    "UnrecognizedClientException", "InvalidClientTokenId", "OptInRequired",
    "AuthFailure",
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

core::StatusCode StatusCodeForAwsError(std::string_view code, int http_status, ErrorClass cls) {
  for (std::string_view c : kAccessDenied) {
    if (code == c) return core::StatusCode::kPermissionDenied;
  }
  if (code.starts_with("NoSuch") || EndsWith(code, "NotFound") ||
      EndsWith(code, "NotFoundException") || EndsWith(code, "NotFoundFault") ||
      code == "ResourceNotFound" || code.find("NonExistent") != std::string_view::npos ||
      http_status == 404) {
    return core::StatusCode::kNotFound;
  }
  if (cls == ErrorClass::kThrottling) return core::StatusCode::kThrottled;
  if (cls == ErrorClass::kTransient) return core::StatusCode::kUnavailable;
  return core::StatusCode::kRemoteError;
}

core::Status AwsErrorStatus(const protocol::AwsError& error, ErrorClass cls,
                            std::string_view where, std::string_view operation) {
  std::string m(where);
  m += ": An error occurred (";
  m += error.code;
  m += ") when calling the ";
  m += operation;
  m += " operation";
  if (!error.message.empty()) {
    m += ": ";
    m += error.message;
  }
  if (!error.request_id.empty()) {
    m += " (request id ";
    m += error.request_id;
    m += ")";
  }
  return core::Status(StatusCodeForAwsError(error.code, error.http_status, cls), std::move(m))
      .WithRemote(error.code, error.http_status, error.request_id);
}

}  // namespace aws
