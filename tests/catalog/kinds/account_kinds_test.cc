// The account-level kinds: AWS::Account::Info and AWS::Organizations::Account.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/curl_transport.h"
#include "catalog/kind_resync.h"
#include "catalog/kind_table.h"
#include "fakes/loopback_http_server.h"
#include "fakes/moto.h"

namespace catalog {
namespace {

namespace asio = boost::asio;

AccountSession Session(std::string id, std::string name, std::string key) {
  aws::Credentials c{std::move(key), "secret", "", std::nullopt, ""};
  return AccountSession{{std::move(id), std::move(name), {}},
                        std::make_shared<aws::StaticCredentialsProvider>(c, "test")};
}

struct Exported {
  KindResyncResult result;
  std::vector<json::value> envelopes;
};

Exported Export(const std::string& endpoint, std::string_view kind,
                std::vector<AccountSession> accounts, std::vector<std::string> include = {}) {
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint;
  opts.max_attempts = 1;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  regions::RegionResolver resolver(client);
  KindResyncOptions ropts;
  ropts.include_actions = std::move(include);
  Exported out;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        out.result = co_await ResyncKind(
            *FindKind(kind), client, resolver, accounts, ropts,
            [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
              for (auto& e : batch) out.envelopes.push_back(std::move(e));
              co_return core::Status::Ok();
            });
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return out;
}

TEST(AccountInfoKind, OneEnvelopePerAccountWithoutExtraContext) {
  testing_fakes::LoopbackHttpServer server;  // must never be called
  Exported ex = Export(server.Url(""), "AWS::Account::Info",
                       {Session("111111111111", "alpha", "A"), Session("222222222222",
                                                                     "Account 222222222222", "B")});
  EXPECT_EQ(server.request_count(), 0u);
  ASSERT_EQ(ex.envelopes.size(), 2u);
  EXPECT_EQ(ex.result.scopes.size(), 2u);
  for (const auto& e : ex.envelopes) {
    EXPECT_EQ(e.at("Type"), json::value("AWS::Account::Info"));
    EXPECT_FALSE(e.as_object().contains("__ExtraContext"));
    EXPECT_EQ(e.at("Properties").as_object().size(), 2u);
  }
  EXPECT_EQ(core::WriteJson(ex.envelopes[0].at("Properties")) +
                core::WriteJson(ex.envelopes[1].at("Properties")),
            R"({"Id":"111111111111","Name":"alpha"}{"Id":"222222222222","Name":"Account 222222222222"})");
}

TEST(OrganizationsAccountKind, ListsTheOrganizationWithParentsAndTags) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  moto->Reset();
  json::value seeded = moto->Seed("engine");
  ASSERT_TRUE(seeded.is_object());
  Exported ex = Export(moto->endpoint(), "AWS::Organizations::Account",
                       {Session("123456789012", "master", "testing")},
                       {"ListParentsAction", "ListTagsForResourceAction"});
  ASSERT_EQ(ex.result.scopes.size(), 1u);
  EXPECT_EQ(ex.result.scopes[0].state, ScopeState::kComplete) << ex.result.scopes[0].error.ToString();
  const auto& org = seeded.at("organization");
  EXPECT_EQ(ex.envelopes.size(), org.at("accounts").as_array().size() + 1);  // + management
  bool saw_moved = false;
  for (const auto& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    EXPECT_FALSE(e.as_object().contains("__ExtraContext"));
    EXPECT_EQ(p.begin()->key(), "Id");
    EXPECT_TRUE(p.at("Parents").is_array());
    EXPECT_TRUE(p.at("Tags").is_array());
    EXPECT_TRUE(p.at("JoinedTimestamp").as_string().ends_with("Z"));
    if (p.at("Id") == org.at("accounts").at(0)) {
      saw_moved = true;
      ASSERT_EQ(p.at("Parents").as_array().size(), 1u);
      EXPECT_EQ(p.at("Parents").at(0).at("Id"), org.at("ou"));
      EXPECT_EQ(p.at("Parents").at(0).at("Type"), json::value("ORGANIZATIONAL_UNIT"));
    }
  }
  EXPECT_TRUE(saw_moved);
}

TEST(OrganizationsAccountKind, TheFirstAccountAllowedToListAnswers) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const testing_fakes::RecordedRequest& req) {
    std::string_view auth = net::FindHeader(req.headers, "Authorization");
    if (auth.find("Credential=DENIED/") != std::string_view::npos) {
      return testing_fakes::ScriptedResponse::AwsJsonError(400, "AccessDeniedException");
    }
    return testing_fakes::ScriptedResponse::Ok(
        R"({"Accounts":[{"Id":"333333333333","Name":"c","State":"ACTIVE","JoinedTimestamp":1.7e9}]})");
  });
  Exported ex = Export(server.Url(""), "AWS::Organizations::Account",
                       {Session("111111111111", "a", "DENIED"), Session("222222222222", "b", "OK"),
                        Session("444444444444", "d", "OK")});
  ASSERT_EQ(ex.result.scopes.size(), 1u);
  EXPECT_EQ(ex.result.scopes[0].state, ScopeState::kComplete);
  EXPECT_EQ(ex.result.scopes[0].account_id, "222222222222");
  ASSERT_EQ(ex.envelopes.size(), 1u);
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("JoinedTimestamp"),
            json::value("2023-11-14T22:13:20Z"));
  EXPECT_EQ(server.request_count(), 2u);  // the third account is never asked
}

TEST(OrganizationsAccountKind, AnyErrorMovesOnToTheNextAccount) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const testing_fakes::RecordedRequest& req) {
    if (net::FindHeader(req.headers, "Authorization").find("Credential=BROKEN/") !=
        std::string_view::npos) {
      return testing_fakes::ScriptedResponse::AwsJsonError(400, "InvalidInputException");
    }
    return testing_fakes::ScriptedResponse::Ok(R"({"Accounts":[{"Id":"333333333333"}]})");
  });
  Exported ex = Export(server.Url(""), "AWS::Organizations::Account",
                       {Session("111111111111", "a", "BROKEN"), Session("222222222222", "b", "OK")});
  ASSERT_EQ(ex.result.scopes.size(), 1u);
  EXPECT_EQ(ex.result.scopes[0].state, ScopeState::kComplete);
  EXPECT_EQ(ex.envelopes.size(), 1u);
}

TEST(OrganizationsAccountKind, NoOrganizationIsOneSkippedScope) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(testing_fakes::Always(
      testing_fakes::ScriptedResponse::AwsJsonError(400, "AWSOrganizationsNotInUseException")));
  Exported ex = Export(server.Url(""), "AWS::Organizations::Account",
                       {Session("111111111111", "a", "X")});
  ASSERT_EQ(ex.result.scopes.size(), 1u);
  // No organization: nothing to list, so skipped (not failed), with the reason kept.
  EXPECT_EQ(ex.result.scopes[0].state, ScopeState::kSkipped);
  EXPECT_EQ(ex.result.scopes[0].error.remote_code(), "AWSOrganizationsNotInUseException");
  EXPECT_TRUE(ex.envelopes.empty());
}

}  // namespace
}  // namespace catalog
