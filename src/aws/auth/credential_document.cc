#include "aws/auth/credential_document.h"

#include <string>

#include "core/json.h"

namespace aws {

core::Result<Credentials> ParseCredentialDocument(std::string_view json_text, std::string_view what,
                                                  const CredentialDocumentRules& rules) {
  // Not core::ParseJson: its error would quote the offending text, which holds secrets.
  boost::system::error_code ec;
  json::value doc = json::parse(json_text, ec);
  const std::string w(what);
  if (ec || !doc.is_object()) return core::Status::ParseError(w + ": not a JSON object");
  const json::object& o = doc.as_object();
  if (rules.require_version_1) {
    const json::value* v = core::Find(o, "Version");
    if (v == nullptr || !v->is_number() || v->to_number<double>() != 1) {
      return core::Status::ParseError(w + ": \"Version\" must be 1");
    }
  }
  std::string_view code = core::FindString(o, "Code", "Success");
  if (code != "Success") {
    return core::Status::RemoteError(w + ": credentials not available (Code " +
                                     std::string(code) + ")");
  }
  Credentials c;
  c.access_key_id = std::string(core::FindString(o, "AccessKeyId"));
  c.secret_access_key = std::string(core::FindString(o, "SecretAccessKey"));
  c.session_token = std::string(core::FindString(o, "Token"));
  if (c.session_token.empty()) c.session_token = std::string(core::FindString(o, "SessionToken"));
  c.account_id = std::string(core::FindString(o, "AccountId"));
  if (c.access_key_id.empty()) return core::Status::ParseError(w + ": no \"AccessKeyId\"");
  if (c.secret_access_key.empty()) return core::Status::ParseError(w + ": no \"SecretAccessKey\"");
  std::string_view expiration = core::FindString(o, "Expiration");
  if (!expiration.empty()) {
    auto t = core::ParseIso8601(expiration);
    if (!t.ok()) return core::Status::ParseError(w + ": \"Expiration\" is not an ISO-8601 time");
    c.expiration = *t;
  } else if (rules.require_expiration) {
    return core::Status::ParseError(w + ": no \"Expiration\"");
  }
  return c;
}

}  // namespace aws
