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

// An error message as one line of bounded length: a body that was not an AWS error document
// (an HTML page from a proxy or an emulator) becomes the message, and must not flood logs.
std::string OneLineExcerpt(std::string_view text, std::size_t max = 300) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= max) {
      out += "...";
      break;
    }
  }
  return out;
}

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
    m += OneLineExcerpt(error.message);
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
