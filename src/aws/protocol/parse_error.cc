// ParseError: every AWS error format, as botocore reads it (parsers.py _do_error_parse):
//
//   5xx with an empty or <html> body ──> code "503", message "Service Unavailable"
//   query      <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>
//   ec2        <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
//   rest-xml   S3's bare <Error><Code/>...</Error> or the <ErrorResponse> form; no/invalid body:
//              code = status ("404"), message = reason phrase ("Not Found")
//   json       {"__type": "ns#Code", "message"}; x-amzn-query-error "Code;Sender" wins
//   rest-json  as json, then the x-amzn-ErrorType header, else body "code"/"Code"
//
// Codes lose namespace prefixes ("com.amazonaws.x#Code" -> "Code", "Code:http://..." -> "Code").
// Beyond botocore: an error whose code cannot be found gets the status as code and the body's
// start as message; a missing request id falls back to x-amzn-RequestId / x-amz-request-id
// and the body's RequestId.
#include <string>

#include "aws/protocol/parse_internal.h"
#include "aws/protocol/parse_scalars.h"
#include "aws/protocol/protocol.h"
#include "aws/protocol/xml_shape_parser.h"

namespace aws::protocol {
namespace {

std::string_view Trimmed(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

// "aws.protocoltests#Code:http://internal" -> "Code".
std::string_view StripCodeNamespace(std::string_view code) {
  if (size_t colon = code.find(':'); colon != code.npos) code = code.substr(0, colon);
  if (size_t hash = code.rfind('#'); hash != code.npos) code = code.substr(hash + 1);
  return code;
}

std::string ChildText(pugi::xml_node parent, std::string_view name) {
  std::string scratch;
  return std::string(XmlText(XmlChild(parent, name), scratch));
}

void FromStatus(const HttpResponse& r, AwsError& e) {
  e.code = std::to_string(r.status);
  e.message = HttpReasonPhrase(r.status);
}

// query and ec2: <ErrorResponse><Error> or <Response><Errors><Error>. False when not XML.
bool ParseXmlRpcError(const HttpResponse& r, AwsError& e) {
  pugi::xml_document doc;
  if (!LoadXml(r.body, doc).ok()) return false;
  pugi::xml_node root = doc.document_element();
  pugi::xml_node err = XmlChild(XmlChild(root, "Errors"), "Error");
  if (!err) err = XmlChild(root, "Error");
  if (!err && XmlLocalName(root.name()) == std::string_view("Error")) err = root;
  e.code = ChildText(err, "Code");
  e.message = ChildText(err, "Message");
  e.request_id = ChildText(root, "RequestId");
  if (e.request_id.empty()) e.request_id = ChildText(root, "RequestID");
  return true;
}

void ParseRestXmlError(const HttpResponse& r, AwsError& e) {
  pugi::xml_document doc;
  if (r.body.empty() || !LoadXml(r.body, doc).ok()) {
    FromStatus(r, e);
    e.request_id = FindHeader(r.headers, "x-amz-request-id");
    return;
  }
  pugi::xml_node root = doc.document_element();
  if (XmlLocalName(root.name()) == std::string_view("Error")) {  // S3
    e.code = ChildText(root, "Code");
    e.message = ChildText(root, "Message");
    e.request_id = FindHeader(r.headers, "x-amzn-RequestId");
    if (e.request_id.empty()) e.request_id = FindHeader(r.headers, "x-amz-request-id");
    if (e.request_id.empty()) e.request_id = ChildText(root, "RequestId");
    return;
  }
  pugi::xml_node err = XmlChild(root, "Error");
  e.code = ChildText(err, "Code");
  e.message = ChildText(err, "Message");
  e.request_id = ChildText(root, "RequestId");
}

void ParseJsonError(const HttpResponse& r, bool rest, AwsError& e) {
  json::value body = json::object();
  if (!r.body.empty()) {
    auto parsed = core::ParseJson(r.body, "error body");
    if (parsed.ok()) {
      body = std::move(*parsed);
    } else {
      body = json::object{{"message", json::string(r.body)}};
    }
  }
  static const json::object kEmpty;
  const json::object& o = body.is_object() ? body.get_object() : kEmpty;
  e.message = core::FindString(o, "message", core::FindString(o, "Message"));
  std::string code;
  if (const json::value* t = o.if_contains("__type")) {
    if (t->is_string()) code = StripCodeNamespace(t->get_string());
  } else {
    code = std::to_string(r.status);
  }
  bool found = false;
  std::string_view query_error = FindHeader(r.headers, "x-amzn-query-error", &found);
  if (found) {
    size_t semi = query_error.find(';');
    bool two_parts = semi != query_error.npos && query_error.find(';', semi + 1) == query_error.npos;
    if (two_parts && semi > 0) {
      code = query_error.substr(0, semi);
    }
  }
  if (rest) {
    std::string_view type_header = FindHeader(r.headers, "x-amzn-ErrorType", &found);
    if (found) {
      code = StripCodeNamespace(type_header);
    } else if (const json::value* c = o.contains("code") ? o.if_contains("code")
                                                           : o.if_contains("Code")) {
      if (c->is_string()) code = StripCodeNamespace(c->get_string());
    }
  }
  e.code = std::move(code);
  e.request_id = FindHeader(r.headers, "x-amzn-RequestId");
}

}  // namespace

AwsError ParseError(const model::ServiceModel& service, const model::Operation& op,
                    const HttpResponse& response) {
  AwsError e;
  e.http_status = response.status;
  try {
    const std::string& p = service.metadata().protocol;
    std::string_view body = Trimmed(response.body);
    if (response.status >= 500 && (body.empty() || body.starts_with("<html>"))) {
      FromStatus(response, e);
    } else if (p == "query" || p == "ec2") {
      if (!ParseXmlRpcError(response, e)) e.code.clear();
    } else if (p == "rest-xml") {
      ParseRestXmlError(response, e);
    } else if (p == "json" || p == "rest-json") {
      ParseJsonError(response, p == "rest-json", e);
    }
  } catch (const std::exception&) {  // bad_alloc and kin: fall through to the status code
    e.code.clear();
  }
  if (e.code.empty()) {
    e.code = std::to_string(response.status);
    if (e.message.empty()) e.message = Excerpt(Trimmed(response.body), 200);
    if (e.message.empty()) e.message = HttpReasonPhrase(response.status);
  }
  if (e.request_id.empty()) e.request_id = FindHeader(response.headers, "x-amzn-RequestId");
  if (e.request_id.empty()) e.request_id = FindHeader(response.headers, "x-amz-request-id");
  return e;
}

std::string_view HttpReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Request Entity Too Large";
    case 416: return "Requested Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

}  // namespace aws::protocol
