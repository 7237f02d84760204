#include "core/status.h"

namespace core {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kPermissionDenied: return "PermissionDenied";
    case StatusCode::kThrottled: return "Throttled";
    case StatusCode::kUnavailable: return "Unavailable";
    case StatusCode::kParseError: return "ParseError";
    case StatusCode::kRemoteError: return "RemoteError";
    case StatusCode::kDeadlineExceeded: return "DeadlineExceeded";
    case StatusCode::kAborted: return "Aborted";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string m(context);
  m += ": ";
  m += message_;
  Status out(code_, std::move(m));
  out.remote_ = remote_;
  return out;
}

Status Status::WithRemote(std::string remote_code, int http_status, std::string request_id) const {
  Status out = *this;
  out.remote_ = std::make_shared<const Remote>(
      Remote{std::move(remote_code), http_status, std::move(request_id)});
  return out;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s(StatusCodeName(code_));
  s += ": ";
  s += message_;
  return s;
}

}  // namespace core
