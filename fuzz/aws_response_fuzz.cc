// fuzz-layers: aws core
// Fuzzes the AWS response parsers of all five protocols (ec2, query, json, rest-json, rest-xml)
// exactly as the client calls them: ParseResponse for a 2xx, ParseError otherwise, and
// IsErrorIn2xx on every response, with the operation's shapes from the embedded models.
//
// Input (text, so seeds are readable and derived from tests/aws/protocol/parse/*.json):
//   <service> <Operation> <status>\n      e.g. "ec2 DescribeInstances 200"
//   <Header-Name>: <value>\n ...           zero or more
//   \n
//   <body>                                 the rest, raw bytes
// An unknown service or operation is skipped (the mutator keeps to the seeds' names).
// Contract checked beyond "no crash": a successful parse yields a JSON object.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "net/http_types.h"
#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Lines in(data, size);
  std::string_view first = in.Line();
  std::string_view service = fuzz::Word(first);
  std::string_view operation = fuzz::Word(first);
  std::string_view status_text = fuzz::Word(first);
  auto svc = aws::model::GetService(service);
  if (!svc.ok()) return 0;
  const aws::model::Operation* op = (*svc)->FindOperation(operation);
  if (op == nullptr) return 0;

  net::HttpResponse response;
  response.status = fuzz::SmallInt(status_text, 999);
  for (std::string_view line = in.Line(); !line.empty() && !in.done(); line = in.Line()) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  response.body = std::string(in.Rest());

  bool error_in_2xx = aws::protocol::IsErrorIn2xx(**svc, *op, response);
  if (response.status >= 200 && response.status < 300 && !error_in_2xx) {
    auto parsed = aws::protocol::ParseResponse(**svc, *op, response);
    if (parsed.ok() && !parsed->is_object()) std::abort();
  } else {
    aws::protocol::AwsError error = aws::protocol::ParseError(**svc, *op, response);
    (void)error;
  }
  return 0;
}
