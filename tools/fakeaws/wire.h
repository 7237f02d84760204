// Wire helpers of the fake AWS endpoint: the Reply a handler produces, request decoding (form
// bodies, query strings) and AWS's error documents per protocol, shaped as the real services
// send them (ec2 XML, query XML, rest-xml S3, json 1.0/1.1, rest-json).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace fakeaws {

enum class Protocol { kEc2, kQuery, kRestXml, kJson, kRestJson };

struct Reply {
  int status = 200;
  std::string content_type = "text/xml;charset=UTF-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool head = false;  // HEAD: announce the length, send no body

  // Built in place from views: moving a temporary std::string into the pair trips GCC 12's
  // -Warray-bounds false positive (a 32-byte string read past its end through the SSO path).
  void AddHeader(std::string_view name, std::string_view value) {
    headers.emplace_back(std::piecewise_construct, std::forward_as_tuple(name),
                         std::forward_as_tuple(value));
  }
};

// Flat key/value pairs (form body, query string), percent-decoded, in order.
using Params = std::vector<std::pair<std::string, std::string>>;
Params ParseForm(std::string_view text);
std::string UrlDecode(std::string_view s);
// The value of `key`, or "" (found = false).
std::string_view Param(const Params& p, std::string_view key, bool* found = nullptr);
// Values of key.1, key.2, ... (EC2 lists: InstanceId.1) in order.
std::vector<std::string> ParamList(const Params& p, std::string_view prefix);

void AppendXmlEscaped(std::string& out, std::string_view s);
void AppendJsonEscaped(std::string& out, std::string_view s);  // without the quotes

// A UUID-shaped request id derived from `h` (deterministic).
std::string RequestId(uint64_t h);

// Error replies, as each protocol's service sends them.
Reply Ec2Error(int status, std::string_view code, std::string_view message,
               std::string_view request_id);
Reply QueryError(int status, std::string_view code, std::string_view message,
                 std::string_view request_id, bool sender = true);
Reply S3Error(int status, std::string_view code, std::string_view message,
              std::string_view request_id);
// json: __type "<ns>#<code>" (ns may be ""), and x-amzn-query-error when query_code is given
// (SQS, a query-compatible service).
Reply JsonError(int status, std::string_view ns, std::string_view code, std::string_view message,
                std::string_view request_id, std::string_view query_code = "");
Reply RestJsonError(int status, std::string_view code, std::string_view message,
                    std::string_view request_id);

// A JSON success reply (json 1.0/1.1 or rest-json).
Reply JsonReply(std::string body, std::string_view request_id, bool json10 = false);
// An XML success reply with the x-amzn-RequestId header.
Reply XmlReply(std::string body, std::string_view request_id);

}  // namespace fakeaws
