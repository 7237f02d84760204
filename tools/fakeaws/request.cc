#include "request.h"

#include "ids.h"
#include "model_kinds.h"
#include "model_wire.h"

namespace fakeaws {

using core::Result;
using core::Status;

namespace {

// "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ec2/aws4_request, SignedHeaders=..."
bool ParseCredentialScope(std::string_view auth, Call& call) {
  size_t at = auth.find("Credential=");
  if (at == auth.npos) return false;
  std::string_view rest = auth.substr(at + 11);
  rest = rest.substr(0, rest.find_first_of(", "));
  std::string_view parts[5];
  for (int i = 0; i < 5; ++i) {
    size_t slash = rest.find('/');
    parts[i] = rest.substr(0, slash);
    if (slash == rest.npos) {
      if (i != 4) return false;
      break;
    }
    rest = rest.substr(slash + 1);
  }
  if (parts[0].empty() || parts[2].empty() || parts[3].empty()) return false;
  call.access_key = parts[0];
  call.region = parts[2];
  call.service = parts[3];
  return true;
}

std::string_view StripPort(std::string_view host) {
  if (host.starts_with('[')) return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.rfind(':') == host.npos ? host.size() : host.rfind(':'));
}

// The bucket of a virtual-hosted request ("bucket.localhost", "bucket.s3.us-east-1.amazonaws.com"),
// or "" for path-style hosts (IP literals, "localhost", "s3.<region>.amazonaws.com").
std::string_view VirtualHostBucket(std::string_view host) {
  host = StripPort(host);
  for (std::string_view suffix : {std::string_view(".localhost"), std::string_view(".s3.")}) {
    size_t at = host.find(suffix);
    if (at != host.npos && at > 0) return host.substr(0, at);
  }
  if (size_t at = host.find(".s3-"); at != host.npos && at > 0) return host.substr(0, at);
  return {};
}

Status IdentifyS3(const HttpIn& in, Call& call) {
  call.protocol = Protocol::kRestXml;
  std::string_view path = in.target.substr(0, in.target.find('?'));
  if (in.target.find('?') != in.target.npos) {
    call.params = ParseForm(in.target.substr(in.target.find('?') + 1));
  }
  call.bucket = std::string(VirtualHostBucket(in.host));
  if (call.bucket.empty() && path.size() > 1) {
    std::string_view rest = path.substr(1);
    call.bucket = UrlDecode(rest.substr(0, rest.find('/')));
  }
  call.head = in.method == "HEAD";
  if (call.bucket.empty()) {
    if (in.method == "GET") call.operation = "ListBuckets";
  } else if (call.head) {
    call.operation = "HeadBucket";
  } else if (in.method == "GET") {
    static constexpr std::pair<std::string_view, std::string_view> kSub[] = {
        {"tagging", "GetBucketTagging"},
        {"location", "GetBucketLocation"},
        {"publicAccessBlock", "GetPublicAccessBlock"},
        {"ownershipControls", "GetBucketOwnershipControls"},
        {"encryption", "GetBucketEncryption"}};
    for (const auto& [sub, op] : kSub) {
      bool found = false;
      Param(call.params, sub, &found);
      if (found) call.operation = op;
    }
  }
  if (call.operation.empty()) {
    return Status::InvalidArgument("S3 " + std::string(in.method) + " " + std::string(in.target) +
                                   " is not an operation this endpoint serves");
  }
  return Status::Ok();
}

}  // namespace

std::string AccessKeyFor(std::string_view account, uint64_t salt) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string key = "ASIA";
  key += account;
  uint64_t h = Mix(HashString(account), salt);
  for (int i = 0; i < 4; ++i) key.push_back(kAlphabet[(h >> (5 * i)) & 31]);
  return key;
}

std::string AccountOfKey(std::string_view key, std::string_view default_account) {
  if (key.size() == 20 && key.starts_with("ASIA")) {
    std::string_view digits = key.substr(4, 12);
    bool all = true;
    for (char c : digits) all = all && c >= '0' && c <= '9';
    if (all) return std::string(digits);
  }
  return std::string(default_account);
}

Result<Call> IdentifyCall(const HttpIn& in, std::string_view default_account,
                          const ModelKinds* kinds) {
  Call call;
  if (in.authorization.empty()) {
    return Status::InvalidArgument(
        "request without an Authorization header (MissingAuthenticationToken)");
  }
  if (!ParseCredentialScope(in.authorization, call)) {
    return Status::InvalidArgument("Authorization header has no SigV4 credential scope");
  }
  call.account = AccountOfKey(call.access_key, default_account);
  const std::string& svc = call.service;
  if (svc == "ec2" || svc == "sts") {
    call.protocol = svc == "ec2" ? Protocol::kEc2 : Protocol::kQuery;
    size_t q = in.target.find('?');
    call.params = ParseForm(in.body);
    if (q != in.target.npos) {
      Params more = ParseForm(in.target.substr(q + 1));
      call.params.insert(call.params.end(), more.begin(), more.end());
    }
    call.operation = std::string(Param(call.params, "Action"));
  } else if (svc == "s3") {
    CORE_RETURN_IF_ERROR(IdentifyS3(in, call));
  } else if (svc == "sqs" || svc == "ecs" || svc == "organizations" || svc == "account") {
    if (svc == "account") {
      call.protocol = Protocol::kRestJson;
      std::string_view path = in.target.substr(0, in.target.find('?'));
      if (path == "/listRegions") call.operation = "ListRegions";
      if (path == "/getRegionOptStatus") call.operation = "GetRegionOptStatus";
    } else {
      call.protocol = Protocol::kJson;
      size_t dot = in.amz_target.find('.');
      if (dot != in.amz_target.npos) call.operation = std::string(in.amz_target.substr(dot + 1));
    }
    if (!in.body.empty()) {
      Result<json::value> parsed = core::ParseJson(in.body, svc + " request body");
      if (!parsed.ok()) return parsed.status();
      call.json = std::move(*parsed);
    }
  } else if (kinds && kinds->Model(kinds->ServiceOfSigningName(svc))) {
    std::string signing = svc;  // svc aliases call.service, which IdentifyCall sets
    CORE_RETURN_IF_ERROR(kinds->IdentifyCall(signing, in, call));
  } else {
    return Status::InvalidArgument("service '" + svc + "' is not served by this endpoint");
  }
  if (call.operation.empty()) {
    return Status::InvalidArgument(svc + " request names no operation");
  }
  return call;
}

}  // namespace fakeaws
