// Route 53 ids as the API answers them ("/hostedzone/Z1") are accepted as input: members of shape
// ResourceId / DelegationSetId / ChangeId keep their last '/' segment (botocore's fix_route53_ids),
// so `ocean-aws get AWS::Route53::HostedZone /hostedzone/Z1` works as boto3 would. Other shapes
// and other services are untouched.
#include <gtest/gtest.h>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "core/json.h"

namespace aws::protocol {
namespace {

core::Result<SerializedRequest> SerializeR53(std::string_view service, std::string_view op,
                                             std::string_view params) {
  auto svc = model::GetService(service);
  EXPECT_TRUE(svc.ok());
  const model::Operation* o = (*svc)->FindOperation(op);
  EXPECT_NE(o, nullptr) << op;
  auto p = core::ParseJson(params);
  EXPECT_TRUE(p.ok());
  return SerializeRequest(**svc, *o, p->get_object());
}

TEST(SerializeRoute53Ids, HostedZonePathIdsKeepTheirLastSegment) {
  auto r = SerializeR53("route53", "GetHostedZone", R"({"Id": "/hostedzone/Z0123ABC"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->path, "/2013-04-01/hostedzone/Z0123ABC");
  // Only the ResourceId/DelegationSetId/ChangeId shapes, as botocore: a TagResourceId is sent
  // as given (a kind passes the bare id, see data/kinds/route53_hosted_zone.yaml).
  r = SerializeR53("route53", "ListTagsForResource",
                   R"({"ResourceType": "hostedzone", "ResourceId": "/hostedzone/Z9"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->path, "/2013-04-01/tags/hostedzone/%2Fhostedzone%2FZ9");
  r = SerializeR53("route53", "GetHostedZone", R"({"Id": "Z0123ABC"})");  // bare ids unchanged
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/2013-04-01/hostedzone/Z0123ABC");
}

TEST(SerializeRoute53Ids, OtherServicesAreUntouched) {
  auto r = SerializeR53("lambda", "GetFunction", R"({"FunctionName": "a/b"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->path.find("a%2Fb"), std::string::npos) << r->path;
}

}  // namespace
}  // namespace aws::protocol
