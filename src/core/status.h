// Status: the outcome of an operation that can fail, carried as a value across layer boundaries.
//
// A Status is either OK or an error code plus a human-readable message that names the failing
// thing (service, operation, account, region, file and line, ...). Codes are few on purpose:
// callers branch on the code, people read the message. Secrets never go into messages.
//
// Thread-safety: a Status is an immutable value; copies may be used from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace core {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // bad input from a user: config, params, mapping
  kNotFound,          // the named thing does not exist
  kPermissionDenied,  // the caller may not do this (AWS AccessDenied and kin)
  kThrottled,         // rate limited by the remote side
  kUnavailable,       // transient: network, 5xx, timeouts; worth retrying
  kParseError,        // a response or file could not be understood
  kRemoteError,       // the remote side answered with a (non-transient) error
  kDeadlineExceeded,  // a timeout that is final
  kAborted,           // cancelled (shutdown, superseded resync)
  kInternal,          // a bug in this program
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status Throttled(std::string m) { return {StatusCode::kThrottled, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status ParseError(std::string m) { return {StatusCode::kParseError, std::move(m)}; }
  static Status RemoteError(std::string m) { return {StatusCode::kRemoteError, std::move(m)}; }
  static Status DeadlineExceeded(std::string m) {
    return {StatusCode::kDeadlineExceeded, std::move(m)};
  }
  static Status Aborted(std::string m) { return {StatusCode::kAborted, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<context>: <message>".
  Status WithContext(std::string_view context) const;

  // Details of an error answered by a remote service (AWS, Port): its own error code
  // ("NoSuchTagSet", "ThrottlingException"), HTTP status and request id. Empty/0 otherwise.
  Status WithRemote(std::string remote_code, int http_status, std::string request_id) const;
  std::string_view remote_code() const { return remote_ ? std::string_view(remote_->code) : ""; }
  int http_status() const { return remote_ ? remote_->http_status : 0; }
  std::string_view request_id() const {
    return remote_ ? std::string_view(remote_->request_id) : "";
  }

  // "OK" or "<CodeName>: <message>".
  std::string ToString() const;

 private:
  struct Remote {
    std::string code;
    int http_status = 0;
    std::string request_id;
  };
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::shared_ptr<const Remote> remote_;  // shared: copies of a Status stay cheap
};

}  // namespace core

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define CORE_RETURN_IF_ERROR(expr)        \
  do {                                    \
    ::core::Status _st = (expr);          \
    if (!_st.ok()) return _st;            \
  } while (0)
