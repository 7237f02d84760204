// Identifies an AWS call from an HTTP request, as a router in front of AWS would: the service
// and region from the SigV4 credential scope (Authorization: ... Credential=AKID/date/region/
// service/aws4_request; signatures are not verified), the acting account from the access key,
// and the operation from the protocol (ec2/query: Action; json: X-Amz-Target; rest-xml S3:
// method + bucket + subresource; rest-json account: the path).
//
// Access keys: "ASIA" + 12-digit account + 4 characters (what AssumeRole hands out) act in that
// account; any other key acts in the default account.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "wire.h"

namespace fakeaws {

struct HttpIn {
  std::string_view method;  // "GET", "POST", "HEAD"
  std::string_view target;  // "/path?query"
  std::string_view host;    // Host header
  std::string_view authorization;
  std::string_view amz_target;  // X-Amz-Target
  std::string_view body;
};

struct Call {
  std::string service;  // ec2, sts, s3, sqs, ecs, organizations, account
  std::string region;
  std::string access_key;
  std::string account;  // acting account id
  std::string operation;
  Protocol protocol = Protocol::kQuery;
  Params params;       // ec2/query form fields; S3 query string
  json::value json;    // json/rest-json body (null when empty)
  std::string bucket;  // S3 bucket ("" for ListBuckets)
  bool head = false;
};

// The 20-character access key that acts in `account` (as AssumeRole returns).
std::string AccessKeyFor(std::string_view account, uint64_t salt);
// The account a key acts in: encoded for assumed keys, else `default_account`.
std::string AccountOfKey(std::string_view access_key, std::string_view default_account);

// Fails with InvalidArgument naming what is missing (no Authorization, unknown service,
// no operation, bad JSON body).
// Services other than the hand-written ones are resolved through `kinds` (signing name ->
// botocore service; operation from the model, model_wire.h); without it they are errors.
class ModelKinds;
core::Result<Call> IdentifyCall(const HttpIn& in, std::string_view default_account,
                                const ModelKinds* kinds = nullptr);

}  // namespace fakeaws
