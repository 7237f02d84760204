#include "wire.h"

#include "ids.h"

namespace fakeaws {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string UrlDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Params ParseForm(std::string_view text) {
  Params out;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == text.npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    if (eq == pair.npos) {
      out.emplace_back(UrlDecode(pair), "");
    } else {
      out.emplace_back(UrlDecode(pair.substr(0, eq)), UrlDecode(pair.substr(eq + 1)));
    }
  }
  return out;
}

std::string_view Param(const Params& p, std::string_view key, bool* found) {
  for (const auto& [k, v] : p) {
    if (k == key) {
      if (found) *found = true;
      return v;
    }
  }
  if (found) *found = false;
  return {};
}

std::vector<std::string> ParamList(const Params& p, std::string_view prefix) {
  std::vector<std::string> out;
  for (int i = 1;; ++i) {
    std::string key = std::string(prefix) + "." + std::to_string(i);
    bool found = false;
    std::string_view v = Param(p, key, &found);
    if (!found) break;
    out.emplace_back(v);
  }
  return out;
}

void AppendXmlEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
}

void AppendJsonEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += "\\u00";
      AppendHex(out, static_cast<unsigned char>(c), 2);
    } else {
      out.push_back(c);
    }
  }
}

std::string RequestId(uint64_t h) {
  uint64_t g = Mix(h, 0x5EED);
  std::string s;
  s.reserve(36);
  AppendHex(s, h >> 32, 8);
  s += '-';
  AppendHex(s, (h >> 16) & 0xffff, 4);
  s += '-';
  AppendHex(s, 0x4000 | (h & 0x0fff), 4);
  s += '-';
  AppendHex(s, 0x8000 | ((g >> 48) & 0x3fff), 4);
  s += '-';
  AppendHex(s, g & 0xffffffffffffULL, 12);
  return s;
}

Reply XmlReply(std::string body, std::string_view request_id) {
  Reply r;
  r.body = std::move(body);
  r.AddHeader("x-amzn-RequestId", request_id);
  return r;
}

Reply JsonReply(std::string body, std::string_view request_id, bool json10) {
  Reply r;
  r.content_type = json10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
  r.body = std::move(body);
  r.AddHeader("x-amzn-RequestId", request_id);
  return r;
}

Reply Ec2Error(int status, std::string_view code, std::string_view message,
               std::string_view request_id) {
  Reply r;
  r.status = status;
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>";
  AppendXmlEscaped(r.body, code);
  r.body += "</Code><Message>";
  AppendXmlEscaped(r.body, message);
  r.body += "</Message></Error></Errors><RequestID>";
  r.body += request_id;
  r.body += "</RequestID></Response>";
  return r;
}

Reply QueryError(int status, std::string_view code, std::string_view message,
                 std::string_view request_id, bool sender) {
  Reply r;
  r.status = status;
  r.body =
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
      "    <Type>";
  r.body += sender ? "Sender" : "Receiver";
  r.body += "</Type>\n    <Code>";
  AppendXmlEscaped(r.body, code);
  r.body += "</Code>\n    <Message>";
  AppendXmlEscaped(r.body, message);
  r.body += "</Message>\n  </Error>\n  <RequestId>";
  r.body += request_id;
  r.body += "</RequestId>\n</ErrorResponse>\n";
  r.AddHeader("x-amzn-RequestId", request_id);
  return r;
}

Reply S3Error(int status, std::string_view code, std::string_view message,
              std::string_view request_id) {
  Reply r;
  r.status = status;
  r.content_type = "application/xml";
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>";
  AppendXmlEscaped(r.body, code);
  r.body += "</Code><Message>";
  AppendXmlEscaped(r.body, message);
  r.body += "</Message><RequestId>";
  r.body += request_id.substr(0, 16);
  r.body += "</RequestId><HostId>";
  r.body += request_id;
  r.body += "</HostId></Error>";
  r.AddHeader("x-amz-request-id", request_id.substr(0, 16));
  return r;
}

Reply JsonError(int status, std::string_view ns, std::string_view code, std::string_view message,
                std::string_view request_id, std::string_view query_code) {
  Reply r;
  r.status = status;
  r.content_type = "application/x-amz-json-1.1";
  r.body = "{\"__type\":\"";
  if (!ns.empty()) {
    r.body += ns;
    r.body += '#';
  }
  AppendJsonEscaped(r.body, code);
  r.body += "\",\"message\":\"";
  AppendJsonEscaped(r.body, message);
  r.body += "\"}";
  r.AddHeader("x-amzn-RequestId", request_id);
  if (!query_code.empty()) {
    r.content_type = "application/x-amz-json-1.0";
    r.AddHeader("x-amzn-query-error", std::string(query_code) + ";Sender");
  }
  return r;
}

Reply RestJsonError(int status, std::string_view code, std::string_view message,
                    std::string_view request_id) {
  Reply r;
  r.status = status;
  r.content_type = "application/json";
  r.body = "{\"message\":\"";
  AppendJsonEscaped(r.body, message);
  r.body += "\"}";
  r.AddHeader("x-amzn-ErrorType", code);
  r.AddHeader("x-amzn-RequestId", request_id);
  return r;
}

}  // namespace fakeaws
