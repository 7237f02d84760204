// The wire side of the generic responder, driven by a botocore service model: which operation a
// request is (X-Amz-Target for json, Action for query/ec2, method + requestUri template for
// rest-json/rest-xml), its parameters by member name, and an output value (boto3-shaped JSON,
// model_synth.h) rendered as the protocol sends it: json 1.0/1.1 and rest-json bodies (wire
// names, epoch timestamps), query XML (<OpResponse><OpResult>, <member> lists, <entry> maps,
// flattened lists), ec2 XML (<requestId>, <item> lists) and rest-xml. Plus the service's own
// error codes, looked up in the model's exception shapes: throttling (ThrottlingException,
// TooManyRequestsException, ThrottledException ... else the protocol's usual code:
// RequestLimitExceeded, Throttling, SlowDown), not-found and access-denied.
//
// Thread-safety: pure functions of the (immutable) model.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/model/service_model.h"
#include "core/json.h"
#include "request.h"
#include "wire.h"

namespace fakeaws {

Protocol ProtocolOf(const aws::model::ServiceModel& model);

// Fills call.operation, call.protocol and call.params/json for a model-driven service; for
// rest protocols call.json receives URI labels and query members by member name, merged into
// the body's members.
core::Status IdentifyModelCall(const aws::model::ServiceModel& model, const HttpIn& in,
                               Call& call);

// The request's parameters: a top-level member's value as text ("" when absent), every string
// the request carries (for identity markers), and a list member's strings in order.
struct ModelParams {
  std::string Scalar(std::string_view member) const;
  std::vector<std::string> List(std::string_view member) const;
  std::vector<std::string_view> strings;

  const aws::model::ServiceModel* model = nullptr;
  const aws::model::Operation* op = nullptr;
  const Call* call = nullptr;
};
ModelParams ReadParams(const aws::model::ServiceModel& model, const aws::model::Operation& op,
                       const Call& call);

// Appends `value` (boto3-shaped) as the json/rest-json body member or shape `s` sends
// (model_json_out.cc); `m` is the member holding it, if any (its timestamp format).
void WriteModelJson(std::string& out, const aws::model::Shape* s, const json::value& value,
                    const aws::model::Member* m);

// Renders `value` (boto3-shaped, member names, timestamps as epoch seconds) as op's answer.
Reply RenderOutput(const aws::model::ServiceModel& model, const aws::model::Operation& op,
                   const json::value& value, std::string_view request_id);

// The service's errors, by protocol and model.
Reply ModelError(const aws::model::ServiceModel& model, int status, std::string_view code,
                 std::string_view message, std::string_view request_id);
Reply ModelThrottle(const aws::model::ServiceModel& model, std::string_view request_id);
Reply ModelNotFound(const aws::model::ServiceModel& model, std::string_view kind_last,
                    std::string_view message, std::string_view request_id);
Reply ModelAccessDenied(const aws::model::ServiceModel& model, std::string_view request_id);

}  // namespace fakeaws
