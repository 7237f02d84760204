// The five AWS wire protocols (ec2, query, json 1.0/1.1, rest-json, rest-xml), driven by the
// service model. Serializers turn boto3-style params JSON into a SerializedRequest; parsers turn
// an HTTP response into exactly the JSON boto3 returns for the operation (member names, types,
// timestamps rendered by core::FormatUpstream, blobs base64, no ResponseMetadata), or into an
// AwsError.
//
//   params JSON ──SerializeRequest──> SerializedRequest ──(client: endpoint, signing)──> HTTP
//   HTTP ──ParseResponse──> boto3-shaped JSON        (2xx)
//   HTTP ──ParseError────> AwsError                   (non-2xx, or a 200 that carries an error)
//
// Neither side touches the network, the endpoint or credentials; both are pure functions of the
// model and their input, so they are tested with golden cases alone.
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "aws/net_names.h"
#include "aws/model/service_model.h"
#include "core/json.h"
#include "core/result.h"

namespace aws::protocol {

struct SerializedRequest {
  std::string method = "POST";
  // The path, URI-encoded, always starting with "/": "/", "/2015-03-31/functions/",
  // "/my-bucket?tagging" is NOT allowed here: query parameters go to `query`.
  std::string path = "/";
  // Query parameters, NOT encoded; the client encodes them when it builds the URL. The request
  // URI's literal query comes first ("?tagging" -> {"tagging", ""}; S3 and SigV4 treat
  // "tagging" and "tagging=" alike), then serialized members in param order.
  std::vector<std::pair<std::string, std::string>> query;
  Headers headers;   // Content-Type, X-Amz-Target, modeled headers; never Host or Authorization
  std::string body;
  // The operation's endpoint.hostPrefix with its labels filled in ("123456789012."), or "".
  std::string host_prefix;
};

struct AwsError {
  std::string code;        // "NoSuchTagSet", "ThrottlingException" (namespace prefixes removed)
  std::string message;
  std::string request_id;
  int http_status = 0;
};

// Serializes `params` (boto3's keyword arguments as a JSON object) for `op`. Unknown param
// names, wrong types and missing required members are InvalidArgument errors naming the path,
// e.g. "DescribeInstances: Filters[0].Values: expected a list".
core::Result<SerializedRequest> SerializeRequest(const model::ServiceModel& service,
                                                 const model::Operation& op,
                                                 const json::object& params);

// Parses a successful response. A body that does not match the protocol (malformed XML/JSON,
// truncated) is a ParseError naming the service and operation, never a crash. Members the model
// does not know are ignored (as boto3 does); missing members are absent from the result.
core::Result<json::value> ParseResponse(const model::ServiceModel& service,
                                        const model::Operation& op, const HttpResponse& response);

// Parses an error response into code, message, request id and HTTP status, whatever the
// protocol's error format (XML <Error>, <Response><Errors>, JSON __type with namespace prefixes,
// x-amzn-query-error, x-amzn-ErrorType, bare status codes). Never fails: unknown bodies yield
// code = the HTTP status as text ("503") and the body's start as message.
AwsError ParseError(const model::ServiceModel& service, const model::Operation& op,
                    const HttpResponse& response);

// True when a 2xx response nevertheless carries an error (S3's 200-with-<Error> answers).
bool IsErrorIn2xx(const model::ServiceModel& service, const model::Operation& op,
                  const HttpResponse& response);

}  // namespace aws::protocol
