// Error classification for retries: which AWS errors are throttles, which are transient, and
// which must never be retried. One table (error_classifier.cc) holds every AWS error code we
// know, mirroring the SDKs' "standard" retry mode; anything not in it is non-retryable unless
// its HTTP status says otherwise (429 throttling; 500/502/503/504 transient).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "core/status.h"

namespace aws {

enum class ErrorClass {
  kNone,          // success: nothing to retry
  kThrottling,    // the service asked us to slow down
  kTransient,     // a failure that may well succeed if repeated (5xx, timeouts, resets)
  kNonRetryable,  // a real answer (AccessDenied, ValidationError, NotFound, ...)
};

std::string_view ErrorClassName(ErrorClass c);

// `code` is the AWS error code ("ThrottlingException"); "" when the response had none.
// A 2xx/3xx status with no code is kNone.
ErrorClass ClassifyAwsError(std::string_view code, int http_status);

// A transport failure: Unavailable and DeadlineExceeded are transient, Throttled is throttling,
// OK is kNone, everything else (InvalidArgument, Aborted, ...) is non-retryable.
ErrorClass ClassifyTransportStatus(const core::Status& status);

}  // namespace aws
