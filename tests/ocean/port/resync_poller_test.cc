// ResyncRequestPoller against the fake Port API: Ocean's POLLING decision (first request
// triggers, only a newer updatedAt triggers again, null/unparsable never trigger, errors are
// returned so the listener can skip the iteration).
#include "ocean/port/resync_poller.h"

#include <gtest/gtest.h>

#include "ocean/port/port_test_support.h"

namespace ocean::port {
namespace {

using testing::PortFixture;

class ResyncPollerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    json::object integration;
    integration["installationId"] = testing::kIntegrationId;
    integration["config"] = json::object();
    f_.fake.SetIntegration(integration);
  }
  std::optional<std::string> PollOk(ResyncRequestPoller& poller) {
    core::Result<std::optional<std::string>> r = f_.Await(poller.Poll());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::nullopt;
  }
  PortFixture f_;
  std::shared_ptr<PortClient> client_ = f_.MakeClient();
};

TEST_F(ResyncPollerTest, NoRequestNeverTriggers) {
  f_.fake.SetResyncRequest(std::nullopt);
  ResyncRequestPoller poller(*client_);
  EXPECT_EQ(PollOk(poller), std::nullopt);
  EXPECT_FALSE(poller.watermark().has_value());
}

TEST_F(ResyncPollerTest, FirstRequestTriggersThenOnlyANewerOne) {
  ResyncRequestPoller poller(*client_);
  f_.fake.SetResyncRequest("2024-05-01T10:00:00.000Z");
  EXPECT_EQ(PollOk(poller), "2024-05-01T10:00:00.000Z");  // no watermark yet: resync
  EXPECT_EQ(PollOk(poller), std::nullopt);                // same request: nothing to do
  f_.fake.SetResyncRequest("2024-05-01T09:59:59.000Z");
  EXPECT_EQ(PollOk(poller), std::nullopt);                // older: nothing to do
  f_.fake.SetResyncRequest("2024-05-01T10:00:00.001Z");
  EXPECT_EQ(PollOk(poller), "2024-05-01T10:00:00.001Z");  // newer by 1 ms: resync
  EXPECT_EQ(PollOk(poller), std::nullopt);
}

TEST_F(ResyncPollerTest, OffsetsAreComparedAsInstants) {
  ResyncRequestPoller poller(*client_);
  f_.fake.SetResyncRequest("2024-05-01T10:00:00Z");
  ASSERT_TRUE(PollOk(poller).has_value());
  f_.fake.SetResyncRequest("2024-05-01T11:30:00+02:00");  // 09:30Z: older despite the text
  EXPECT_EQ(PollOk(poller), std::nullopt);
  f_.fake.SetResyncRequest("2024-05-01T10:30:00+00:30");  // 10:00Z: the same instant
  EXPECT_EQ(PollOk(poller), std::nullopt);
}

TEST_F(ResyncPollerTest, AnUnparsableUpdatedAtNeverTriggers) {
  ResyncRequestPoller poller(*client_);
  f_.fake.SetResyncRequest("yesterday");
  EXPECT_EQ(PollOk(poller), std::nullopt);
  EXPECT_FALSE(poller.IsNew("not a date"));
  EXPECT_TRUE(poller.IsNew("2024-01-01T00:00:00Z"));
}

TEST_F(ResyncPollerTest, AFetchErrorIsReturnedAndKeepsTheWatermark) {
  ResyncRequestPoller poller(*client_);
  f_.fake.SetResyncRequest("2024-05-01T10:00:00Z");
  ASSERT_TRUE(PollOk(poller).has_value());
  testing_fakes::FakePortFault fault;
  fault.method = "GET";
  fault.path_prefix = "/v1/integration/my-aws/resync-request";
  fault.status = 400;
  f_.fake.InjectFault(fault);
  f_.fake.SetResyncRequest("2024-05-02T10:00:00Z");
  core::Result<std::optional<std::string>> r = f_.Await(poller.Poll());
  EXPECT_FALSE(r.ok());
  // The next successful poll still sees the newer request.
  EXPECT_EQ(PollOk(poller), "2024-05-02T10:00:00Z");
}

}  // namespace
}  // namespace ocean::port
