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
