// AWS::EC2::Instance end to end: reservations flattened into instances with the reservation's
// extra context, upstream's property order and timestamps, DescribeInstanceStatusAction as one
// batch call mapped back by InstanceId (checked against boto3's per-instance answer), paging
// across reservations and batches, a failing status batch, and the single-instance fetch.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <regex>
#include <set>

#include "net/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/kinds/scripted_kind.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/moto.h"
#include "fakes/scope_export.h"


namespace catalog {
namespace {

namespace asio = boost::asio;
// The kind as interpreted from data/kinds/ec2_instance.yaml.
const KindSpec& Ec2InstanceKind() { return *FindKind("AWS::EC2::Instance"); }

constexpr char kAccount[] = "123456789012";

using Exported = testenv::ScopeExport;

struct Harness {
  asio::io_context io;
  aws::AwsClient client;
  AccountSession account;

  explicit Harness(const std::string& endpoint)
      : client(io, net::MakeCurlTransport(io), Options(endpoint)),
        account{{kAccount, "Account 123456789012", {}},
                std::make_shared<aws::StaticCredentialsProvider>(
                    aws::Credentials{"testing", "testing", "", std::nullopt, ""}, "test")} {}

  static aws::AwsClient::Options Options(const std::string& endpoint) {
    aws::AwsClient::Options opts;
    opts.endpoint_url = endpoint;
    opts.max_attempts = 1;
    return opts;
  }

  void Run(std::function<asio::awaitable<void>()> body) {
    asio::co_spawn(io, std::move(body), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
    io.run();
  }
};

Exported RunExport(const std::string& endpoint, const std::string& region,
                   std::vector<std::string> include) {
  Exported out = testenv::ExportOneScope(Ec2InstanceKind(), endpoint, region, include);
  EXPECT_TRUE(out.unknown_actions.empty());
  return out;
}

core::Result<std::optional<Resource>> RunGetOne(const std::string& endpoint,
                                                const std::string& region, const std::string& id) {
  Harness h(endpoint);
  core::Result<std::optional<Resource>> out = core::Status::Internal("not run");
  h.Run([&]() -> asio::awaitable<void> {
    ListContext ctx{h.client, aws::CallTarget{h.account.credentials, region, kAccount}, h.account};
    out = co_await Ec2InstanceKind().get_one(ctx, id, BaseExtraContext(Ec2InstanceKind(), h.account, region));
  });
  return out;
}

std::vector<std::string> Keys(const json::object& o) {
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  return keys;
}

std::string_view Id(const json::value& envelope) {
  return envelope.at("Properties").at("InstanceId").as_string();
}

// The "ec2_instances" scenario, seeded once per process (ctest runs every case in its own
// process, each with its own moto): us-east-1 holds reservations of 1, 2 and 3 instances (the
// last instance stopped), eu-west-1 one reservation of 1.
const json::object& Seeded() {
  static json::value seeded = [] {
    testenv::Moto* moto = testenv::Moto::Get();
    if (!moto || !moto->Reset()) return json::value();
    return moto->Seed("ec2_instances");
  }();
  static const json::object empty;
  return seeded.is_object() ? seeded.as_object() : empty;
}

// Reservation id -> its instance ids, as seeded.
std::map<std::string, std::set<std::string>> SeededReservations(std::string_view region) {
  std::map<std::string, std::set<std::string>> out;
  const json::object* all = core::FindObject(Seeded(), "reservations");
  const json::object* in_region = all ? core::FindObject(*all, region) : nullptr;
  if (!in_region) return out;
  for (const auto& kv : *in_region) {
    for (const auto& id : kv.value().as_array()) out[kv.key()].emplace(id.as_string());
  }
  return out;
}

TEST(Ec2InstanceKind, ExportsEveryInstanceOfEveryReservationAsUpstreamShapesIt) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  std::map<std::string, std::set<std::string>> seeded = SeededReservations("us-east-1");
  ASSERT_EQ(seeded.size(), 3u);
  std::string stopped(core::FindString(Seeded(), "stopped"));

  Exported ex = RunExport(moto->endpoint(), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.resources, 6);
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 6u);

  std::map<std::string, std::set<std::string>> exported;
  const std::regex iso_second(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  for (const json::value& e : ex.envelopes) {
    std::string id(Id(e));
    EXPECT_EQ(Keys(e.as_object()),
              (std::vector<std::string>{"Type", "Properties", "__ExtraContext"}));
    EXPECT_EQ(e.at("Type"), json::value("AWS::EC2::Instance"));
    const json::object& p = e.at("Properties").as_object();
    // Declared fields first, in upstream's declaration order.
    std::vector<std::string> keys = Keys(p);
    ASSERT_GE(keys.size(), 3u);
    EXPECT_EQ(keys[0], "AmiLaunchIndex");
    EXPECT_EQ(keys[1], "Architecture");
    EXPECT_LT(std::find(keys.begin(), keys.end(), "InstanceId"),
              std::find(keys.begin(), keys.end(), "State"));
    EXPECT_EQ(p.at("InstanceType"), json::value("t3.micro"));
    if (id == stopped) {
      EXPECT_EQ(p.at("State"), json::value(json::object{{"Code", 80}, {"Name", "stopped"}}));
    } else {
      EXPECT_EQ(p.at("State"), json::value(json::object{{"Code", 16}, {"Name", "running"}}));
    }
    std::string launch(p.at("LaunchTime").as_string());
    EXPECT_TRUE(std::regex_match(launch, iso_second)) << launch;
    const json::array& tags = p.at("Tags").as_array();
    ASSERT_EQ(tags.size(), 1u);
    EXPECT_EQ(tags[0].at("Key"), json::value("Name"));
    EXPECT_TRUE(tags[0].at("Value").as_string().starts_with("us-east-1-x"));
    EXPECT_FALSE(p.contains("InstanceStatus"));  // the status action is optional
    EXPECT_FALSE(p.contains("SystemStatus"));

    const json::object& x = e.at("__ExtraContext").as_object();
    std::vector<std::string> xkeys = Keys(x);
    ASSERT_GE(xkeys.size(), 4u);
    EXPECT_EQ((std::vector<std::string>(xkeys.begin(), xkeys.begin() + 3)),
              (std::vector<std::string>{"AccountId", "Region", "ReservationId"}));
    EXPECT_EQ(x.at("AccountId"), json::value(kAccount));
    EXPECT_EQ(x.at("Region"), json::value("us-east-1"));
    EXPECT_EQ(x.at("OwnerId"), json::value(kAccount));
    EXPECT_TRUE(x.at("Groups").is_array());
    EXPECT_FALSE(x.contains("Instances"));
    exported[std::string(x.at("ReservationId").as_string())].emplace(id);
  }
  EXPECT_EQ(exported, seeded);  // each instance carries its own reservation's fields
}

// Properties are exactly boto3's DescribeInstances instance, and the extra context exactly its
// reservation (plus AccountId and Region).
TEST(Ec2InstanceKind, PropertiesAndExtraContextEqualBoto3sDescribeInstances) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  ASSERT_EQ(SeededReservations("us-east-1").size(), 3u);
  Exported ex = RunExport(moto->endpoint(), "us-east-1", {});
  ASSERT_EQ(ex.envelopes.size(), 6u);
  for (const json::value& e : ex.envelopes) {
    json::value ref = moto->Boto3("ec2", "DescribeInstances",
                                  {{"InstanceIds", json::array{Id(e)}}});
    ASSERT_TRUE(ref.is_object()) << core::WriteJson(ref);
    json::object reservation = ref.at("Reservations").at(0).as_object();
    json::value instance = reservation.at("Instances").at(0);
    reservation.erase("Instances");
    EXPECT_EQ(e.at("Properties"), instance);
    json::object extra{{"AccountId", kAccount}, {"Region", "us-east-1"}};
    for (const auto& kv : reservation) extra[kv.key()] = kv.value();
    EXPECT_EQ(e.at("__ExtraContext"), json::value(extra));
    EXPECT_EQ(Keys(e.at("__ExtraContext").as_object()), Keys(extra));
  }
}

// The batch call gives every instance what upstream's per-instance call gives it.
TEST(Ec2InstanceKind, StatusActionAddsWhatThePerInstanceCallReturns) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  ASSERT_EQ(SeededReservations("us-east-1").size(), 3u);
  std::string stopped(core::FindString(Seeded(), "stopped"));
  Exported ex = RunExport(moto->endpoint(), "us-east-1", {"DescribeInstanceStatusAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 6u);
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    EXPECT_EQ(p.at("InstanceState"), p.at("State"));
    EXPECT_TRUE(p.at("InstanceStatus").is_object());
    EXPECT_TRUE(p.at("SystemStatus").is_object());
    EXPECT_EQ(p.at("AvailabilityZone"), p.at("Placement").at("AvailabilityZone"));
    EXPECT_EQ(Keys(p)[0], "AmiLaunchIndex");
  }
  // Against boto3's per-instance answer (upstream's call), for a running and the stopped one.
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    if (p.at("InstanceId") != json::value(stopped) && &e != &ex.envelopes.front()) continue;
    json::value ref = moto->Boto3(
        "ec2", "DescribeInstanceStatus",
        {{"InstanceIds", json::array{p.at("InstanceId")}}, {"IncludeAllInstances", true}});
    ASSERT_TRUE(ref.is_object()) << core::WriteJson(ref);
    const json::array& statuses = ref.at("InstanceStatuses").as_array();
    ASSERT_EQ(statuses.size(), 1u);
    for (const auto& kv : statuses[0].as_object()) {
      ASSERT_TRUE(p.contains(kv.key())) << kv.key();
      EXPECT_EQ(p.at(kv.key()), kv.value()) << kv.key();
    }
  }
}

TEST(Ec2InstanceKind, GetOneFetchesAnInstanceWithItsReservationContext) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  std::map<std::string, std::set<std::string>> seeded = SeededReservations("us-east-1");
  ASSERT_FALSE(seeded.empty());
  const auto& [reservation, ids] = *seeded.rbegin();
  std::string id = *ids.rbegin();
  core::Result<std::optional<Resource>> got = RunGetOne(moto->endpoint(), "us-east-1", id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->has_value());
  const Resource& r = **got;
  EXPECT_EQ(r.id, id);
  EXPECT_EQ(r.properties.at("InstanceId"), json::value(id));
  EXPECT_EQ(r.extra_context.at("AccountId"), json::value(kAccount));
  EXPECT_EQ(r.extra_context.at("Region"), json::value("us-east-1"));
  EXPECT_EQ(r.extra_context.at("ReservationId"), json::value(reservation));

  core::Result<std::optional<Resource>> missing =
      RunGetOne(moto->endpoint(), "us-east-1", "i-0123456789abcdef0");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_FALSE(missing->has_value());
}

TEST(Ec2InstanceKind, EmptyRegionIsCompleteWithNothing) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  Exported ex = RunExport(moto->endpoint(), "ap-south-1", {"DescribeInstanceStatusAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_TRUE(ex.envelopes.empty());
}

// ---- A scripted EC2 for what moto cannot show: paging, batch sizes, failures. ----

// Form parameters of an EC2 query request ("Action=...&InstanceId.1=...").
std::map<std::string, std::string> FormParams(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t amp = body.find('&', pos);
    if (amp == std::string::npos) amp = body.size();
    std::string pair = body.substr(pos, amp - pos);
    size_t eq = pair.find('=');
    if (eq != std::string::npos) out[pair.substr(0, eq)] = pair.substr(eq + 1);
    pos = amp + 1;
  }
  return out;
}

std::vector<std::string> InstanceIdsOf(const std::map<std::string, std::string>& params) {
  std::vector<std::string> ids;
  for (int i = 1;; ++i) {
    auto it = params.find("InstanceId." + std::to_string(i));
    if (it == params.end()) return ids;
    ids.push_back(it->second);
  }
}

std::string InstanceId(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "i-%017d", n);
  return buf;
}

std::string InstanceXml(int n) {
  return "<item><instanceId>" + InstanceId(n) +
         "</instanceId><imageId>ami-1</imageId><instanceState><code>16</code><name>running</name>"
         "</instanceState><instanceType>t3.micro</instanceType>"
         "<launchTime>2024-05-08T16:46:19.000Z</launchTime></item>";
}

// Reservation r-<n> holding instances [first, first + count).
std::string ReservationXml(int n, int first, int count) {
  std::string xml = "<item><reservationId>r-" + std::to_string(n) +
                    "</reservationId><ownerId>" + kAccount +
                    "</ownerId><requesterId>requester-" + std::to_string(n) +
                    "</requesterId><groupSet/><instancesSet>";
  for (int i = first; i < first + count; ++i) xml += InstanceXml(i);
  return xml + "</instancesSet></item>";
}

std::string DescribeInstancesPage(const std::vector<std::string>& reservations,
                                  const std::string& next) {
  std::string xml =
      "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      "<requestId>req</requestId><reservationSet>";
  for (const std::string& r : reservations) xml += r;
  xml += "</reservationSet>";
  if (!next.empty()) xml += "<nextToken>" + next + "</nextToken>";
  return xml + "</DescribeInstancesResponse>";
}

std::string StatusPage(const std::vector<std::string>& ids, const std::string& next) {
  std::string xml =
      "<DescribeInstanceStatusResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      "<requestId>req</requestId><instanceStatusSet>";
  for (const std::string& id : ids) {
    xml += "<item><instanceId>" + id + "</instanceId><availabilityZone>zone-of-" + id +
           "</availabilityZone><instanceState><code>16</code><name>running</name>"
           "</instanceState><systemStatus><status>ok</status></systemStatus>"
           "<instanceStatus><status>ok</status></instanceStatus></item>";
  }
  xml += "</instanceStatusSet>";
  if (!next.empty()) xml += "<nextToken>" + next + "</nextToken>";
  return xml + "</DescribeInstanceStatusResponse>";
}

using testenv::Ec2Error;

// Three DescribeInstances pages, 155 instances: page 1 holds r-1..r-3 (20 each), page 2 r-4..r-6
// (30 each), page 3 r-7 (5). The first batch of 100 spans pages 1 and 2 and splits r-5.
// DescribeInstanceStatus answers by InstanceIds, in reverse order, over two pages; `status_hook`
// may replace the answer.
struct ScriptedEc2 {
  testing_fakes::LoopbackHttpServer server;
  std::mutex mu;
  std::vector<std::vector<std::string>> status_calls;  // the InstanceIds of each call
  std::vector<std::string> status_flags;               // IncludeAllInstances of each call
  std::function<std::optional<testing_fakes::ScriptedResponse>(const std::vector<std::string>&)>
      status_hook;

  ScriptedEc2() {
    server.SetDefault([this](const testing_fakes::RecordedRequest& req) {
      std::map<std::string, std::string> params = FormParams(req.body);
      const std::string& action = params["Action"];
      std::string token = params.count("NextToken") ? params["NextToken"] : "";
      if (action == "DescribeInstances") {
        if (token.empty()) {
          return testing_fakes::ScriptedResponse::Ok(DescribeInstancesPage(
              {ReservationXml(1, 0, 20), ReservationXml(2, 20, 20), ReservationXml(3, 40, 20)},
              "page2"));
        }
        if (token == "page2") {
          return testing_fakes::ScriptedResponse::Ok(DescribeInstancesPage(
              {ReservationXml(4, 60, 30), ReservationXml(5, 90, 30), ReservationXml(6, 120, 30)},
              "page3"));
        }
        return testing_fakes::ScriptedResponse::Ok(
            DescribeInstancesPage({ReservationXml(7, 150, 5)}, ""));
      }
      if (action == "DescribeInstanceStatus") {
        std::vector<std::string> ids = InstanceIdsOf(params);
        {
          std::lock_guard<std::mutex> lock(mu);
          status_calls.push_back(ids);
          status_flags.push_back(params["IncludeAllInstances"]);
        }
        if (status_hook) {
          if (auto r = status_hook(ids)) return *r;
        }
        std::vector<std::string> reversed(ids.rbegin(), ids.rend());
        size_t half = reversed.size() / 2;
        if (token.empty() && half > 0) {
          return testing_fakes::ScriptedResponse::Ok(
              StatusPage({reversed.begin(), reversed.begin() + half}, "status2"));
        }
        if (token == "status2") {
          return testing_fakes::ScriptedResponse::Ok(
              StatusPage({reversed.begin() + half, reversed.end()}, ""));
        }
        return testing_fakes::ScriptedResponse::Ok(StatusPage(reversed, ""));
      }
      return Ec2Error(400, "InvalidAction");
    });
  }
};

TEST(Ec2InstanceKind, PagesAndBatchesAcrossReservationsWithOneStatusCallPerBatch) {
  ScriptedEc2 ec2;
  Exported ex = RunExport(ec2.server.Url(""), "us-east-1", {"DescribeInstanceStatusAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 155u);
  EXPECT_EQ(ex.batch_sizes, (std::vector<size_t>{100, 55}));

  // One call per batch, each page repeating the batch's ids: 2 batches x 2 pages.
  ASSERT_EQ(ec2.status_calls.size(), 4u);
  for (const auto& ids : ec2.status_calls) EXPECT_LE(ids.size(), 100u);
  EXPECT_EQ(ec2.status_calls[0].size(), 100u);
  EXPECT_EQ(ec2.status_calls[2].size(), 55u);
  for (const std::string& f : ec2.status_flags) EXPECT_EQ(f, "true");

  for (size_t i = 0; i < ex.envelopes.size(); ++i) {
    const json::value& e = ex.envelopes[i];
    std::string id(Id(e));
    EXPECT_EQ(id, InstanceId(static_cast<int>(i)));  // listing order kept
    const json::object& p = e.at("Properties").as_object();
    EXPECT_EQ(p.at("AvailabilityZone"), json::value("zone-of-" + id)) << "mapped by id";
    EXPECT_EQ(p.at("LaunchTime"), json::value("2024-05-08T16:46:19Z"));
    int reservation = i < 60 ? static_cast<int>(i) / 20 + 1 : (static_cast<int>(i) - 60) / 30 + 4;
    const json::object& x = e.at("__ExtraContext").as_object();
    EXPECT_EQ(x.at("ReservationId"), json::value("r-" + std::to_string(reservation))) << id;
    EXPECT_EQ(x.at("RequesterId"), json::value("requester-" + std::to_string(reservation)));
  }
}

// The second batch's status call fails: its instances still leave, with the listing's data only.
TEST(Ec2InstanceKind, FailedStatusBatchCostsOnlyThatBatchItsStatus) {
  ScriptedEc2 ec2;
  ec2.status_hook = [](const std::vector<std::string>& ids)
      -> std::optional<testing_fakes::ScriptedResponse> {
    if (ids.size() == 55) return Ec2Error(400, "InvalidParameterValue");
    return std::nullopt;
  };
  Exported ex = RunExport(ec2.server.Url(""), "us-east-1", {"DescribeInstanceStatusAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);
  ASSERT_EQ(ex.envelopes.size(), 155u);
  for (size_t i = 0; i < ex.envelopes.size(); ++i) {
    const json::object& p = ex.envelopes[i].at("Properties").as_object();
    EXPECT_EQ(p.at("State").at("Name"), json::value("running"));
    EXPECT_EQ(p.contains("InstanceStatus"), i < 100) << i;
    if (i < 100) {
      std::string id(Id(ex.envelopes[i]));
      EXPECT_EQ(p.at("AvailabilityZone"), json::value("zone-of-" + id));
    }
  }
}

// An instance terminated between listing and status fails the batch call with
// InvalidInstanceID.NotFound; the batch is retried per instance so the others keep their status.
TEST(Ec2InstanceKind, VanishedInstanceCostsOnlyItsOwnStatus) {
  ScriptedEc2 ec2;
  const std::string gone = InstanceId(7);
  ec2.status_hook = [gone](const std::vector<std::string>& ids)
      -> std::optional<testing_fakes::ScriptedResponse> {
    if (std::find(ids.begin(), ids.end(), gone) != ids.end()) {
      return Ec2Error(400, "InvalidInstanceID.NotFound");
    }
    return std::nullopt;
  };
  Exported ex = RunExport(ec2.server.Url(""), "us-east-1", {"DescribeInstanceStatusAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 155u);
  for (const json::value& e : ex.envelopes) {
    std::string id(Id(e));
    const json::object& p = e.at("Properties").as_object();
    if (id == gone) {
      EXPECT_FALSE(p.contains("InstanceStatus"));
    } else {
      EXPECT_EQ(p.at("AvailabilityZone"), json::value("zone-of-" + id)) << id;
    }
  }
}

// Access denied to DescribeInstanceStatus leaves every instance without status, as upstream's
// per-instance denials do, and is not an enrichment error.
TEST(Ec2InstanceKind, UnauthorizedStatusLeavesInstancesWithoutStatus) {
  ScriptedEc2 ec2;
  ec2.status_hook = [](const std::vector<std::string>&)
      -> std::optional<testing_fakes::ScriptedResponse> {
    return Ec2Error(403, "UnauthorizedOperation");
  };
  Exported ex = RunExport(ec2.server.Url(""), "us-east-1", {"DescribeInstanceStatusAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 155u);
  for (const json::value& e : ex.envelopes) {
    EXPECT_FALSE(e.at("Properties").as_object().contains("InstanceStatus"));
  }
}

TEST(Ec2InstanceKind, UnauthorizedListingIsSkippedNotFailed) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(testing_fakes::Always(Ec2Error(403, "UnauthorizedOperation")));
  Exported ex = RunExport(server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kSkipped);
  EXPECT_TRUE(ex.envelopes.empty());
}

}  // namespace
}  // namespace catalog
