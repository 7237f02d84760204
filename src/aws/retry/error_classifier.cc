#include "aws/retry/error_classifier.h"

namespace aws {
namespace {

struct CodeClass {
  std::string_view code;
  ErrorClass cls;
};

// Error codes the SDKs' standard retry mode retries. PriorRequestNotComplete is listed by the
// SDKs as both throttling and transient; throttling wins so that it slows the adaptive limiter.
constexpr CodeClass kCodeTable[] = {
    {"Throttling", ErrorClass::kThrottling},
    {"ThrottlingException", ErrorClass::kThrottling},
    {"ThrottledException", ErrorClass::kThrottling},
    {"RequestThrottledException", ErrorClass::kThrottling},
    {"TooManyRequestsException", ErrorClass::kThrottling},
    {"ProvisionedThroughputExceededException", ErrorClass::kThrottling},
    {"TransactionInProgressException", ErrorClass::kThrottling},
    {"RequestLimitExceeded", ErrorClass::kThrottling},
    {"BandwidthLimitExceeded", ErrorClass::kThrottling},
    {"LimitExceededException", ErrorClass::kThrottling},
    {"RequestThrottled", ErrorClass::kThrottling},
    {"SlowDown", ErrorClass::kThrottling},
    {"PriorRequestNotComplete", ErrorClass::kThrottling},
    {"EC2ThrottledException", ErrorClass::kThrottling},
    {"RequestTimeout", ErrorClass::kTransient},
    {"RequestTimeoutException", ErrorClass::kTransient},
    {"InternalError", ErrorClass::kTransient},
    {"ServiceUnavailable", ErrorClass::kTransient},
};

}  // namespace

std::string_view ErrorClassName(ErrorClass c) {
  switch (c) {
    case ErrorClass::kNone:
      return "none";
    case ErrorClass::kThrottling:
      return "throttling";
    case ErrorClass::kTransient:
      return "transient";
    case ErrorClass::kNonRetryable:
      return "non-retryable";
  }
  return "?";
}

ErrorClass ClassifyAwsError(std::string_view code, int http_status) {
  if (!code.empty()) {
    for (const CodeClass& row : kCodeTable) {
      if (row.code == code) return row.cls;
    }
  }
  if (http_status == 429) return ErrorClass::kThrottling;
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504) {
    return ErrorClass::kTransient;
  }
  if (code.empty() && http_status > 0 && http_status < 400) return ErrorClass::kNone;
  return ErrorClass::kNonRetryable;
}

ErrorClass ClassifyTransportStatus(const core::Status& status) {
  switch (status.code()) {
    case core::StatusCode::kOk:
      return ErrorClass::kNone;
    case core::StatusCode::kUnavailable:
    case core::StatusCode::kDeadlineExceeded:
      return ErrorClass::kTransient;
    case core::StatusCode::kThrottled:
      return ErrorClass::kThrottling;
    default:
      return ErrorClass::kNonRetryable;
  }
}

}  // namespace aws
