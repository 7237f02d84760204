// The rest-json protocol: the shared REST request (serialize_rest.h) with a JSON body built by
// the json protocol's value rules; "{}" for an absent structure payload or when the input has
// body members and none was given; "Content-Type: application/json" on structured bodies.
#include "aws/protocol/serialize_internal.h"
#include "aws/protocol/serialize_rest.h"

namespace aws::protocol::internal {
namespace {

core::Result<std::string> JsonBody(const model::Member& m, const json::value& v) {
  return core::WriteJson(JsonBodyValue(m, v));
}

constexpr RestBodyCodec kRestJsonCodec{
    .empty_body = "{}",
    .empty_body_for_body_members = true,
    .json_content_type = true,
    .serialize = &JsonBody,
};

}  // namespace

core::Result<SerializedRequest> SerializeRestJson(const model::ServiceModel& service,
                                                  const model::Operation& op,
                                                  const json::object& params) {
  return SerializeRest(op, params, kRestJsonCodec);
}

}  // namespace aws::protocol::internal
