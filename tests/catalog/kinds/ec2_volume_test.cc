// AWS::EC2::Volume's optional DescribeVolumeAttributeAction (data/kinds/ec2_volume.yaml) against a
// scripted loopback EC2, since moto 5.2 does not implement DescribeVolumeAttribute: every volume
// gets the boolean AutoEnableIO from its own call (Attribute=autoEnableIO), after the declared
// members; a volume whose call fails keeps its listing and only lacks AutoEnableIO.
#include <gtest/gtest.h>

#include <string>

#include "catalog/kinds/scripted_kind.h"

namespace catalog {
namespace {

std::string VolumeXml(const std::string& id) {
  return "<item><volumeId>" + id + "</volumeId><size>8</size><availabilityZone>us-east-1a"
         "</availabilityZone><status>available</status><volumeType>gp3</volumeType>"
         "<encrypted>false</encrypted><multiAttachEnabled>false</multiAttachEnabled></item>";
}

testing_fakes::ScriptedResponse ServeEc2Volumes(const testing_fakes::RecordedRequest& req) {
  const std::string& b = req.body;
  if (testenv::IsAction(b, "DescribeVolumes")) {
    return testing_fakes::ScriptedResponse::Ok(
        "<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
        "<requestId>req</requestId><volumeSet>" + VolumeXml("vol-a") + VolumeXml("vol-b") +
        VolumeXml("vol-c") + "</volumeSet></DescribeVolumesResponse>");
  }
  if (b.find("Action=DescribeVolumeAttribute") != std::string::npos &&
      b.find("Attribute=autoEnableIO") != std::string::npos) {
    for (const char* id : {"vol-a", "vol-c"}) {
      if (b.find(std::string("VolumeId=") + id) == std::string::npos) continue;
      std::string value = std::string(id) == "vol-a" ? "true" : "false";
      return testing_fakes::ScriptedResponse::Ok(
          "<DescribeVolumeAttributeResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
          "<requestId>req</requestId><volumeId>" + std::string(id) + "</volumeId><autoEnableIO>"
          "<value>" + value + "</value></autoEnableIO></DescribeVolumeAttributeResponse>");
    }
  }
  return testenv::Ec2Error(400, "InvalidParameterValue");
}

TEST(Ec2VolumeKind, DescribeVolumeAttributeActionAddsAutoEnableIOPerVolume) {
  testenv::ScriptedKind ec2("AWS::EC2::Volume", ServeEc2Volumes);
  ASSERT_NE(ec2.kind(), nullptr);
  testenv::ScopeExport ex = ec2.Export({"DescribeVolumeAttributeAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);  // vol-b's call fails
  ASSERT_EQ(ex.envelopes.size(), 3u);
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    std::string_view id = p.at("VolumeId").as_string();
    EXPECT_EQ(p.begin()->key(), "VolumeId");
    EXPECT_EQ(p.at("Size"), json::value(8));
    if (id == "vol-b") {
      EXPECT_FALSE(p.contains("AutoEnableIO"));
    } else {
      EXPECT_EQ(p.at("AutoEnableIO"), json::value(id == "vol-a"));
    }
  }

  testenv::ScopeExport plain = ec2.Export();
  ASSERT_EQ(plain.envelopes.size(), 3u);
  for (const json::value& e : plain.envelopes) {
    EXPECT_FALSE(e.at("Properties").as_object().contains("AutoEnableIO"));
  }
}

}  // namespace
}  // namespace catalog
