// SigV4: every case of AWS's published test suite (tests/aws/sigv4, discovered at run time), then
// focused tests for what the suite does not cover (S3, session tokens, ports, presigning).
#include "aws/auth/sigv4.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "aws/auth/canonical_request.h"
#include "aws/auth/crypto.h"
#include "net/uri.h"
#include "core/timestamp.h"
#include "test_env.h"

namespace aws::sigv4 {
namespace {

namespace fs = std::filesystem;

constexpr char kAccessKey[] = "AKIDEXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

SigningParams SuiteParams() {
  SigningParams p;
  p.region = "us-east-1";
  p.service = "service";
  p.time = *core::ParseIso8601("2015-08-30T12:36:00Z");
  return p;
}

// A raw HTTP/1.1 request as the suite writes it: the request line carries the raw path (which
// may hold spaces and UTF-8), header lines are "Name:value", a line starting with whitespace
// continues the previous header, and a blank line starts the body.
struct RawRequest {
  std::string method;
  std::string target;  // path[?query], exactly as written
  Headers headers;
  std::string body;
};

RawRequest ParseRaw(const std::string& text) {
  RawRequest r;
  size_t pos = 0;
  auto next_line = [&](std::string& line) {
    if (pos > text.size()) return false;
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    line = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
  };
  std::string line;
  next_line(line);
  size_t first = line.find(' '), last = line.rfind(' ');
  r.method = line.substr(0, first);
  r.target = line.substr(first + 1, last - first - 1);
  while (next_line(line) && !line.empty()) {
    if ((line[0] == ' ' || line[0] == '\t') && !r.headers.empty()) {
      r.headers.back().second += "\n" + line;  // folded value, kept raw
      continue;
    }
    size_t colon = line.find(':');
    r.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  if (pos <= text.size()) r.body = text.substr(pos);
  return r;
}

struct SuiteCase {
  std::string name;  // relative to tests/aws/sigv4, e.g. "normalize-path/get-space"
  fs::path dir;
};

std::vector<SuiteCase> DiscoverCases() {
  std::vector<SuiteCase> cases;
  fs::path root = testenv::SourcePath("tests/aws/sigv4");
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".req") {
      cases.push_back({fs::relative(it->path().parent_path(), root).generic_string(),
                       it->path().parent_path()});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const SuiteCase& a, const SuiteCase& b) { return a.name < b.name; });
  return cases;
}

std::string CaseFile(const SuiteCase& c, const char* ext) {
  return testenv::ReadFile((c.dir / (c.dir.filename().string() + ext)).string());
}

class SigV4Suite : public testing::TestWithParam<SuiteCase> {};

TEST_P(SigV4Suite, MatchesCanonicalRequestStringToSignAndAuthorization) {
  const SuiteCase& c = GetParam();
  const std::string creq = CaseFile(c, ".creq");
  const std::string sts = CaseFile(c, ".sts");
  const std::string authz = CaseFile(c, ".authz");
  const RawRequest sreq = ParseRaw(CaseFile(c, ".sreq"));
  RawRequest raw = ParseRaw(CaseFile(c, ".req"));

  HttpRequest req;
  req.method = raw.method;
  req.url = "https://" + std::string(FindHeader(raw.headers, "host")) + raw.target;
  req.headers = raw.headers;
  req.body = raw.body;
  Credentials creds;
  creds.access_key_id = kAccessKey;
  creds.secret_access_key = kSecret;
  SigningParams p = SuiteParams();
  // The token cases say where the token ends up: in the signed request (.sreq) and, when it is
  // signed, in the canonical request.
  creds.session_token = std::string(FindHeader(sreq.headers, "x-amz-security-token"));
  p.sign_security_token = creq.find("\nx-amz-security-token:") != std::string::npos;

  // Each stage against the suite's own input for that stage.
  EXPECT_EQ(StringToSign(creq, p), sts);
  const std::string golden_sig = authz.substr(authz.rfind('=') + 1);
  EXPECT_EQ(Signature(kSecret, sts, p), golden_sig);

  // And the whole pipeline from the raw request.
  SigningTrace trace;
  ASSERT_TRUE(Sign(req, creds, p, &trace).ok());
  EXPECT_EQ(trace.canonical_request, creq);
  EXPECT_EQ(trace.string_to_sign, sts);
  EXPECT_EQ(FindHeader(req.headers, "authorization"), authz);

  // The signed request carries the .sreq's headers (Authorization is checked above; botocore's
  // copy of get-vanilla-with-session-token has a stale signature in its .sreq).
  auto normalized = [](const Headers& h) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : h) {
      std::string lk = k;
      std::transform(lk.begin(), lk.end(), lk.begin(), ::tolower);
      if (lk != "authorization") out.emplace_back(lk, internal::CanonicalHeaderValue(v));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(normalized(req.headers), normalized(sreq.headers));
}

std::string CaseTestName(const testing::TestParamInfo<SuiteCase>& info) {
  std::string n = info.param.name;
  std::replace_if(n.begin(), n.end(), [](char ch) { return !std::isalnum(ch); }, '_');
  return n;
}

INSTANTIATE_TEST_SUITE_P(Aws, SigV4Suite, testing::ValuesIn(DiscoverCases()), CaseTestName);

TEST(SigV4SuiteFiles, AllCasesAreDiscovered) {
  // AWS's suite has 31 cases and botocore's copy adds 3. A missing or moved directory must
  // fail, not silently run nothing.
  EXPECT_GE(DiscoverCases().size(), 34u);
}

}  // namespace
}  // namespace aws::sigv4

namespace aws::sigv4 {
namespace {

Credentials Creds(std::string token = "") {
  Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  c.session_token = std::move(token);
  return c;
}

SigningParams Params(std::string service, const char* iso_time = "2015-08-30T12:36:00Z") {
  SigningParams p;
  p.region = "us-east-1";
  p.service = std::move(service);
  p.time = *core::ParseIso8601(iso_time);
  return p;
}

std::string Header(const HttpRequest& r, std::string_view name) {
  return std::string(FindHeader(r.headers, name));
}

TEST(SigV4, SigningKeyMatchesAwsDocumentedDerivation) {
  // The worked example of AWS's "derive a signing key" documentation (IAM, 2012-02-15).
  SigningParams p = Params("iam", "2012-02-15T00:00:00Z");
  EXPECT_EQ(crypto::HexEncode(SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", p)),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4, S3GetObjectMatchesAwsDocumentedExample) {
  // The GET Object example of the S3 API reference ("Signature calculation: header-based").
  HttpRequest req;
  req.url = "https://examplebucket.s3.amazonaws.com/test.txt";
  req.headers = {{"Range", "bytes=0-9"}};
  Credentials c;
  c.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  c.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  SigningParams p = Params("s3", "2013-05-24T00:00:00Z");
  p.s3 = true;
  ASSERT_TRUE(Sign(req, c, p).ok());
  EXPECT_EQ(Header(req, "x-amz-content-sha256"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Header(req, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4, S3PresignMatchesAwsDocumentedExample) {
  // The presigned-URL example of the S3 API reference ("query string authentication").
  HttpRequest req;
  req.url = "https://examplebucket.s3.amazonaws.com/test.txt";
  Credentials c;
  c.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  c.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  SigningParams p = Params("s3", "2013-05-24T00:00:00Z");
  p.s3 = true;
  SigningTrace trace;
  ASSERT_TRUE(Presign(req, c, p, std::chrono::seconds(86400), &trace).ok());
  EXPECT_EQ(trace.signature, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  EXPECT_EQ(req.url,
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(SigV4, S3PathIsSignedAsSentWithoutNormalizationOrSecondEncoding) {
  const std::string path = "/my%20key/%E2%82%AC//a/../b%2Bc";  // "my key/€//a/../b+c", encoded
  HttpRequest req;
  req.method = "PUT";
  req.url = "https://bucket.s3.us-east-1.amazonaws.com" + path;
  req.body = "hello";
  SigningParams p = Params("s3");
  p.s3 = true;
  SigningTrace trace;
  ASSERT_TRUE(Sign(req, Creds(), p, &trace).ok());
  EXPECT_EQ(trace.canonical_request.substr(0, trace.canonical_request.find('\n', 4)),
            "PUT\n" + path);
  const std::string body_hash = crypto::Sha256Hex("hello");
  EXPECT_EQ(Header(req, "x-amz-content-sha256"), body_hash);
  EXPECT_NE(trace.canonical_request.find("\nx-amz-content-sha256:" + body_hash + "\n"),
            std::string::npos);
  EXPECT_TRUE(trace.canonical_request.ends_with("\n" + body_hash));

  // Every other service normalizes and encodes the (already encoded) path a second time.
  EXPECT_EQ(internal::CanonicalUri(path, /*s3=*/false), "/my%2520key/%25E2%2582%25AC/b%252Bc");
}

TEST(SigV4, S3UnsignedPayload) {
  HttpRequest req;
  req.method = "PUT";
  req.url = "https://bucket.s3.amazonaws.com/k";
  req.body = "large body the signer does not hash";
  SigningParams p = Params("s3");
  p.s3 = true;
  p.unsigned_payload = true;
  SigningTrace trace;
  ASSERT_TRUE(Sign(req, Creds(), p, &trace).ok());
  EXPECT_EQ(Header(req, "x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_TRUE(trace.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
  EXPECT_NE(Header(req, "authorization").find("x-amz-content-sha256"), std::string::npos);
}

TEST(SigV4, NonS3DoesNotAddContentSha256) {
  HttpRequest req;
  req.url = "https://ec2.us-east-1.amazonaws.com/";
  ASSERT_TRUE(Sign(req, Creds(), Params("ec2")).ok());
  bool found = true;
  FindHeader(req.headers, "x-amz-content-sha256", &found);
  EXPECT_FALSE(found);
}

TEST(SigV4, SessionTokenSignedByDefault) {
  HttpRequest req;
  req.url = "https://sts.amazonaws.com/";
  req.headers = {{"X-Amz-Security-Token", "stale"}};
  ASSERT_TRUE(Sign(req, Creds("TOKEN123"), Params("sts")).ok());
  EXPECT_EQ(Header(req, "x-amz-security-token"), "TOKEN123");
  EXPECT_EQ(std::count_if(req.headers.begin(), req.headers.end(),
                          [](const auto& h) { return h.first == "X-Amz-Security-Token"; }),
            1);
  EXPECT_NE(Header(req, "authorization").find("SignedHeaders=host;x-amz-date;x-amz-security-token"),
            std::string::npos);
}

TEST(SigV4, SessionTokenAddedAfterSigningWhenAsked) {
  HttpRequest req;
  req.url = "https://example.amazonaws.com/";
  SigningParams p = Params("service");
  p.sign_security_token = false;
  ASSERT_TRUE(Sign(req, Creds("TOKEN123"), p).ok());
  EXPECT_EQ(Header(req, "x-amz-security-token"), "TOKEN123");
  EXPECT_NE(Header(req, "authorization").find("SignedHeaders=host;x-amz-date,"),
            std::string::npos);
}

TEST(SigV4, NoTokenNoTokenHeader) {
  HttpRequest req;
  req.url = "https://example.amazonaws.com/";
  req.headers = {{"x-amz-security-token", "left over from an earlier attempt"}};
  ASSERT_TRUE(Sign(req, Creds(), Params("service")).ok());
  bool found = true;
  FindHeader(req.headers, "x-amz-security-token", &found);
  EXPECT_FALSE(found);
}

TEST(SigV4, HostComesFromUrlWithNonDefaultPort) {
  HttpRequest req;
  req.url = "http://127.0.0.1:4566/?Action=DescribeRegions";
  SigningTrace trace;
  ASSERT_TRUE(Sign(req, Creds(), Params("ec2"), &trace).ok());
  EXPECT_EQ(Header(req, "host"), "127.0.0.1:4566");
  EXPECT_NE(trace.canonical_request.find("\nhost:127.0.0.1:4566\n"), std::string::npos);

  HttpRequest tls;
  tls.url = "https://ec2.us-east-1.amazonaws.com:443/";
  ASSERT_TRUE(Sign(tls, Creds(), Params("ec2")).ok());
  EXPECT_EQ(Header(tls, "host"), "ec2.us-east-1.amazonaws.com");
}

TEST(SigV4, SigningTwiceReplacesTheEarlierSignature) {
  HttpRequest req;
  req.url = "https://example.amazonaws.com/";
  ASSERT_TRUE(Sign(req, Creds(), Params("service")).ok());
  std::string first = Header(req, "authorization");
  ASSERT_TRUE(Sign(req, Creds(), Params("service")).ok());  // a retry re-signs the same request
  EXPECT_EQ(Header(req, "authorization"), first);
  EXPECT_EQ(req.headers.size(), 3u);  // Host, X-Amz-Date, Authorization
}

TEST(SigV4, TransportHeadersAreNotSigned) {
  HttpRequest req;
  req.url = "https://example.amazonaws.com/";
  req.headers = {{"User-Agent", "ocean-aws/0.1"}, {"Expect", "100-continue"},
                 {"X-Amzn-Trace-Id", "Root=1"}, {"Content-Type", "application/json"}};
  ASSERT_TRUE(Sign(req, Creds(), Params("service")).ok());
  EXPECT_NE(Header(req, "authorization").find("SignedHeaders=content-type;host;x-amz-date,"),
            std::string::npos);
}

TEST(SigV4, CanonicalQueryRules) {
  EXPECT_EQ(internal::CanonicalQuery("b=2&a&c=&a=1"), "a=&a=1&b=2&c=");
  EXPECT_EQ(internal::CanonicalQuery("k=a+b&k=a%20b&s=%2f"), "k=a%20b&k=a%2Bb&s=%2F");
  EXPECT_EQ(internal::CanonicalQuery("&&"), "");
}

TEST(SigV4, CanonicalHeaderValueCollapsesWhitespace) {
  EXPECT_EQ(internal::CanonicalHeaderValue("  a   b\n\t c  "), "a b c");
  EXPECT_EQ(internal::CanonicalHeaderValue(""), "");
}

TEST(SigV4, NormalizesDotSegmentsKeepingTrailingSlash) {
  EXPECT_EQ(internal::CanonicalUri("/a/b/../c/./d/", false), "/a/c/d/");
  EXPECT_EQ(internal::CanonicalUri("/a/b/..", false), "/a/");
  EXPECT_EQ(internal::CanonicalUri("/../..", false), "/");
  EXPECT_EQ(internal::CanonicalUri("", false), "/");
  EXPECT_EQ(internal::CanonicalUri("", true), "/");
}

TEST(SigV4, InvalidInputsAreErrorsAndLeaveTheRequestUnchanged) {
  HttpRequest req;
  req.url = "https://example.amazonaws.com/";
  const HttpRequest before = req;
  Credentials no_secret = Creds();
  no_secret.secret_access_key.clear();
  EXPECT_EQ(Sign(req, no_secret, Params("service")).code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(Sign(req, Creds(), Params("")).code(), core::StatusCode::kInvalidArgument);
  HttpRequest bad = req;
  bad.url = "example.amazonaws.com/";
  EXPECT_EQ(Sign(bad, Creds(), Params("service")).code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(Presign(req, Creds(), Params("service"), std::chrono::seconds(8 * 24 * 3600)).code(),
            core::StatusCode::kInvalidArgument);
  EXPECT_EQ(req.headers, before.headers);
  EXPECT_EQ(req.url, before.url);
}

TEST(SigV4, SecretNeverAppearsInOutput) {
  Credentials c = Creds("TOKEN");
  const std::string secret = c.secret_access_key;
  const std::string encoded_secret = UriEncode(secret);
  auto leaks = [&](std::string_view s) {
    return s.find(secret) != std::string_view::npos ||
           s.find(encoded_secret) != std::string_view::npos;
  };
  for (bool s3 : {false, true}) {
    HttpRequest req;
    req.method = "POST";
    req.url = "https://example.amazonaws.com/?a=b";
    req.body = "Action=Test";
    SigningParams p = Params("service");
    p.s3 = s3;
    SigningTrace trace;
    ASSERT_TRUE(Sign(req, c, p, &trace).ok());
    for (const auto& [k, v] : req.headers) EXPECT_FALSE(leaks(v)) << k;
    EXPECT_FALSE(leaks(trace.canonical_request) || leaks(trace.string_to_sign));

    HttpRequest pre;
    pre.url = "https://example.amazonaws.com/k";
    ASSERT_TRUE(Presign(pre, c, p, std::chrono::seconds(60), &trace).ok());
    EXPECT_FALSE(leaks(pre.url));
    for (const auto& [k, v] : pre.headers) EXPECT_FALSE(leaks(v)) << k;
  }
  // Nor in errors.
  HttpRequest bad;
  bad.url = "not a url";
  core::Status st = Sign(bad, c, Params("service"));
  EXPECT_FALSE(leaks(st.ToString()));
}

TEST(SigV4, PresignWithSessionToken) {
  HttpRequest req;
  req.url = "https://example.amazonaws.com/?x=1";
  SigningTrace trace;
  ASSERT_TRUE(Presign(req, Creds("TOK"), Params("service"), std::chrono::seconds(900), &trace)
                  .ok());
  EXPECT_NE(trace.canonical_request.find("&X-Amz-Security-Token=TOK&"), std::string::npos);
  EXPECT_TRUE(req.url.starts_with("https://example.amazonaws.com/?x=1&X-Amz-Algorithm="));
  EXPECT_TRUE(req.url.ends_with("&X-Amz-Signature=" + trace.signature));

  SigningParams after = Params("service");
  after.sign_security_token = false;
  HttpRequest req2;
  req2.url = "https://example.amazonaws.com/";
  ASSERT_TRUE(Presign(req2, Creds("TOK"), after, std::chrono::seconds(900), &trace).ok());
  EXPECT_EQ(trace.canonical_request.find("X-Amz-Security-Token"), std::string::npos);
  EXPECT_TRUE(req2.url.ends_with("&X-Amz-Security-Token=TOK"));
}


// Sign() keeps each signing key per thread for its (secret, day, region, service) (sigv4.cc).
// Every signature it gives must be the one the uncached derivation gives: across midnight (the
// day is part of the key), for another region and service on the same day, and for a rotated
// secret (same access key, same scope), in an order where a cache keyed on less would hand out
// the previous key. The expected signature is recomputed here from SigningKey() and the trace.
TEST(SigV4, CachedSigningKeyGivesTheUncachedSignatureAcrossDaysScopesAndSecrets) {
  struct Case {
    const char* time;
    const char* region;
    const char* service;
    const char* secret;
  };
  const Case cases[] = {
      {"2015-08-30T23:59:59Z", "us-east-1", "sqs", "secret-one"},
      {"2015-08-31T00:00:01Z", "us-east-1", "sqs", "secret-one"},  // next day, same scope
      {"2015-08-30T23:59:58Z", "us-east-1", "sqs", "secret-one"},  // back to the first day
      {"2015-08-31T00:00:02Z", "eu-west-1", "sqs", "secret-one"},
      {"2015-08-31T00:00:03Z", "eu-west-1", "ec2", "secret-one"},
      {"2015-08-31T00:00:04Z", "eu-west-1", "ec2", "secret-two"},  // rotated secret
      {"2015-08-31T00:00:05Z", "eu-west-1", "ec2", "secret-one"},
  };
  std::vector<std::string> signatures;
  for (int round = 0; round < 2; ++round) {  // the second round finds every key cached
    for (const Case& c : cases) {
      SigningParams p;
      p.region = c.region;
      p.service = c.service;
      p.time = *core::ParseIso8601(c.time);
      Credentials creds;
      creds.access_key_id = "AKIDEXAMPLE";
      creds.secret_access_key = c.secret;
      HttpRequest req;
      req.method = "POST";
      req.url = "https://example.amazonaws.com/";
      req.body = "Action=ListQueues";
      SigningTrace trace;
      ASSERT_TRUE(Sign(req, creds, p, &trace).ok());
      const std::string uncached = crypto::HexEncode(
          crypto::HmacSha256(SigningKey(c.secret, p), trace.string_to_sign));
      EXPECT_EQ(trace.signature, uncached) << c.time << " " << c.region << " " << c.service;
      EXPECT_NE(Header(req, "authorization").find("Signature=" + uncached), std::string::npos);
      if (round == 0) signatures.push_back(trace.signature);
    }
  }
  std::sort(signatures.begin(), signatures.end());
  EXPECT_EQ(std::unique(signatures.begin(), signatures.end()), signatures.end());
}

}  // namespace
}  // namespace aws::sigv4
