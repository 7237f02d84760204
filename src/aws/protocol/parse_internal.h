// Internals shared by the response parsers (parse.cc, parse_rest.cc) and the error parser
// (parse_error.cc). Not part of the protocol contract (protocol.h).
//
// Thread-safety: pure functions and immutable tables.
#pragma once

#include <span>
#include <string_view>

#include "aws/net_names.h"
#include "aws/model/service_model.h"
#include "core/json.h"
#include "core/result.h"

namespace aws::protocol {

enum class RestBody { kXml, kJson };

// rest-xml / rest-json: header-, headers- and statusCode-bound members first (model order), then
// the payload member or the body's members (botocore's BaseRestParser order).
core::Result<json::value> ParseRestResponse(const model::Operation& op,
                                            const HttpResponse& response, RestBody body);

// Per-operation behaviour that the model cannot express, keyed "service.Operation" or
// "service.*" (botocore registers the same fixes as handlers in handlers.py).
struct ParseQuirk {
  std::string_view key;
  // Rewrites the parsed result; may read the raw response. Null when the quirk only flags.
  core::Status (*after_parse)(const model::Operation& op, const HttpResponse& response,
                              json::value& parsed) = nullptr;
  // S3: a 200 whose body is <Error> (or not XML at all) is an error.
  bool error_in_200 = false;
};

// The whole quirks table, and whether an entry applies to `service`.`op`.
std::span<const ParseQuirk> ParseQuirks();
bool QuirkApplies(const ParseQuirk& q, std::string_view service, std::string_view op);

// Python's http.client.responses: 404 -> "Not Found"; "" when unknown.
std::string_view HttpReasonPhrase(int status);

}  // namespace aws::protocol
