// Turning AWS error answers into core::Status values (used by AwsClient).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "aws/protocol/protocol.h"
#include "aws/retry/error_classifier.h"
#include "core/status.h"

namespace aws {

// The StatusCode for an AWS error: PermissionDenied for access-denied codes, NotFound for
// not-found codes (and HTTP 404), Throttled/Unavailable by class, RemoteError otherwise.
core::StatusCode StatusCodeForAwsError(std::string_view code, int http_status, ErrorClass cls);

// A Status like botocore's ClientError message, prefixed with where the call went:
// "ec2.DescribeInstances in us-east-1 (account 123): An error occurred (Code) when calling the
// DescribeInstances operation: message (request id R)". Carries code, status and request id.
core::Status AwsErrorStatus(const protocol::AwsError& error, ErrorClass cls,
                            std::string_view where, std::string_view operation);

}  // namespace aws
