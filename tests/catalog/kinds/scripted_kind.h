// Shared setup of the kind tests that run a kind against a scripted loopback endpoint (for what
// moto cannot show): ScriptedKind owns a LoopbackHttpServer answering with one handler and the
// kind looked up by name, exports one scope of it, and runs its `get` for several ids; plus the
// small pieces those tests' handlers and assertions repeat (a request's Query action, the EC2 and
// Query-protocol error bodies, a JSON object's key order).
//
// Contract: a ScriptedKind whose kind name is unknown records a test failure and has kind() ==
// nullptr (tests ASSERT on it before exporting). Export and GetEach use account 123456789012
// (testenv::TestAccount) and one attempt per call (testenv::TestClientOptions).
// Thread-safety: a ScriptedKind is used from the test's thread; the handler runs on the server's
// thread (guard what it records).
#pragma once

#include <gtest/gtest.h>

#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scope_export.h"

namespace testenv {

class ScriptedKind {
 public:
  ScriptedKind(std::string_view kind_name, testing_fakes::Handler handler)
      : kind_(catalog::FindKind(kind_name)) {
    EXPECT_NE(kind_, nullptr) << "unknown kind " << kind_name;
    server_.SetDefault(std::move(handler));
  }

  const catalog::KindSpec* kind() const { return kind_; }
  testing_fakes::LoopbackHttpServer& server() { return server_; }

  // The scope (this kind, the test account, `region`) exported against the server.
  ScopeExport Export(const std::vector<std::string>& include = {},
                     const std::string& region = "us-east-1") {
    return ExportOneScope(*kind_, server_.Url(""), region, include);
  }

  // The kind's `get` for each id (in one region), each of which must answer without an error;
  // an id it reports absent maps to nullopt.
  std::map<std::string, std::optional<catalog::Resource>> GetEach(
      const std::vector<std::string>& ids, const std::string& region = "us-east-1") {
    std::map<std::string, std::optional<catalog::Resource>> got;
    if (!kind_ || !kind_->get_one) {
      ADD_FAILURE() << "the kind has no get";
      return got;
    }
    boost::asio::io_context io;
    aws::AwsClient client(io, net::MakeCurlTransport(io), TestClientOptions(server_.Url("")));
    catalog::AccountSession account = TestAccount();
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          catalog::ListContext ctx{
              client, aws::CallTarget{account.credentials, region, "123456789012"}, account};
          json::object extra{{"AccountId", "123456789012"}, {"Region", region}};
          for (const std::string& id : ids) {
            core::Result<std::optional<catalog::Resource>> r = co_await kind_->get_one(ctx, id, extra);
            EXPECT_TRUE(r.ok()) << id << ": " << r.status().ToString();
            if (r.ok()) got[id] = std::move(*r);
          }
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io.run();
    return got;
  }

 private:
  const catalog::KindSpec* kind_;
  testing_fakes::LoopbackHttpServer server_;
};

// Whether a Query-protocol (form) request body asks for `action` ("Action=DescribeVolumes").
inline bool IsAction(const std::string& body, const std::string& action) {
  return body.find("Action=" + action + "&") != std::string::npos ||
         body.ends_with("Action=" + action);
}

// EC2's error answer (<Response><Errors>...) with `code`.
inline testing_fakes::ScriptedResponse Ec2Error(int status, const std::string& code) {
  testing_fakes::ScriptedResponse r;
  r.status = status;
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code +
           "</Code><Message>scripted</Message></Error></Errors><RequestID>req</RequestID>"
           "</Response>";
  return r;
}

// A Query-protocol service's error answer (<ErrorResponse xmlns=...><Error><Type>Sender</Type>...)
// with `code`; `ns` is the attribute text with its leading space (" xmlns=\"...\"").
inline testing_fakes::ScriptedResponse QueryError(const std::string& ns, const std::string& code) {
  testing_fakes::ScriptedResponse r;
  r.status = 400;
  r.body = "<ErrorResponse" + ns + "><Error><Type>Sender</Type><Code>" + code +
           "</Code><Message>scripted</Message></Error><RequestId>r</RequestId></ErrorResponse>";
  return r;
}

// An object's keys in order (Properties' order is part of a kind's output).
inline std::vector<std::string> KeysOf(const json::value& object) {
  std::vector<std::string> keys;
  for (const auto& kv : object.as_object()) keys.emplace_back(kv.key());
  return keys;
}

}  // namespace testenv
