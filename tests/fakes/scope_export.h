// Test harness for kinds: exports one (kind, account, region) scope through a real AwsClient
// pointed at an endpoint (moto or the loopback server) and collects what it emitted.
//
// Thread-safety: each call runs its own io_context on the calling thread.
#pragma once

#include <string>
#include <vector>

#include "aws/client.h"
#include "catalog/account.h"
#include "catalog/kind.h"
#include "catalog/scope.h"

namespace testenv {

// Account 123456789012 with the static keys moto accepts ("testing").
catalog::AccountSession TestAccount(std::string partition = "aws");
// The endpoint, and one attempt per call so that scripted faults are seen as they are.
aws::AwsClient::Options TestClientOptions(const std::string& endpoint);

struct ScopeExport {
  catalog::ScopeOutcome outcome;
  std::vector<json::value> envelopes;
  std::vector<size_t> batch_sizes;
  std::vector<std::string> unknown_actions;  // include names that are not options of the kind
};

ScopeExport ExportOneScope(const catalog::KindSpec& kind, const std::string& endpoint,
                           const std::string& region,
                           const std::vector<std::string>& include = {},
                           catalog::AccountSession account = TestAccount());

}  // namespace testenv
