// AwsClient: calls any operation of any embedded AWS service and returns exactly the JSON boto3
// returns for it.
//
//   Call(target, "ec2", "DescribeInstances", params)
//     model lookup -> SerializeRequest -> endpoint -> [rate limiter -> sign -> send -> classify
//     -> backoff]* -> ParseResponse | ParseError
//
// Errors come back as core::Status values whose message reads like botocore's ClientError
// ("ec2.DescribeInstances in us-east-1 (account 123): An error occurred (UnauthorizedOperation):
// ...") and whose remote_code()/http_status()/request_id() carry the AWS details. Codes:
// PermissionDenied for access-denied codes, NotFound for not-found codes, Throttled when
// throttling outlasted the retries, Unavailable for transport failures, InvalidArgument for bad
// params, RemoteError otherwise.
//
// Thread-safety: an AwsClient lives on one io_context; call it from coroutines on that context.
// Any number of calls may be in flight at once.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "aws/auth/credentials.h"
#include "aws/model/service_model.h"
#include "aws/net_names.h"
#include "core/json.h"
#include "core/result.h"

namespace aws {

// Who makes a call and where.
struct CallTarget {
  CredentialsProviderPtr credentials;
  std::string region;      // "us-east-1"; global services resolve their own endpoint
  std::string account_id;  // for the rate limiter's key and messages; "" when unknown
};

struct ClientStats {
  long calls = 0;
  long attempts = 0;
  long retries = 0;
  long throttled = 0;  // responses classified as throttling
};

class AwsClientImpl;

class AwsClient {
 public:
  struct Options {
    int max_attempts = 0;         // 0: AWS_MAX_ATTEMPTS, else the retry mode's default
    std::string retry_mode;       // "": AWS_RETRY_MODE, else "standard"
    bool adaptive = true;         // client-side rate limiter per (account, region, service)
    std::string endpoint_url;     // "": AWS_ENDPOINT_URL[_<SERVICE>] / real AWS endpoints
    bool s3_path_style = false;   // force path-style S3 addressing
    std::chrono::milliseconds timeout{30'000};
  };

  AwsClient(boost::asio::io_context& io, HttpTransportPtr transport, Options options);
  ~AwsClient();
  AwsClient(const AwsClient&) = delete;
  AwsClient& operator=(const AwsClient&) = delete;

  boost::asio::awaitable<core::Result<json::value>> Call(const CallTarget& target,
                                                         std::string_view service,
                                                         std::string_view operation,
                                                         json::object params);
  boost::asio::awaitable<core::Result<json::value>> Call(const CallTarget& target,
                                                         const model::ServiceModel& service,
                                                         const model::Operation& operation,
                                                         json::object params);

  const ClientStats& stats() const;

 private:
  std::unique_ptr<AwsClientImpl> impl_;
};

}  // namespace aws
