// Actions: the per-resource enrichment calls of a kind ("GetQueueAttributesAction", ...).
//
// An action takes a batch of resources and returns, for each resource it could enrich, the
// properties to merge, keyed by Resource.id. A resource missing from the result simply gets
// nothing from this action. Per-resource failures are the action's to classify (see
// EnrichEach); a returned error means the whole action failed for the batch.
//
// Default actions always run; optional ones run when their exact upstream name is listed in
// the selector's includeActions. A conditional default (a definition's `defaultWhen`) runs by
// itself only for the resources meeting its condition, and for every resource when named in
// includeActions (SelectActions then picks its `for_every_resource` twin).
//
// Thread-safety: actions run as coroutines on the resync's event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/client.h"
#include "catalog/account.h"
#include "catalog/resource.h"
#include "core/result.h"

namespace catalog {

struct ActionContext {
  aws::AwsClient& client;
  aws::CallTarget target;        // credentials, region, account id of this scope
  const AccountSession& account;
  // Counts per-resource enrichment failures that were not "not found"/"access denied".
  long* enrichment_errors = nullptr;
  // Live events: receives the ids of resources an action's answer proved gone (the action's
  // `absentOn` codes, docs/ADDING_KINDS.md); null in resyncs.
  std::vector<std::string>* absent_ids = nullptr;
};

using Enrichments = std::vector<std::pair<std::string, json::object>>;
using ActionFn = std::function<boost::asio::awaitable<core::Result<Enrichments>>(
    ActionContext&, std::span<const Resource>)>;
// For an action whose calls take several resources at once: the largest k <= at_most such that
// the first k of `listed` (the resources pending, in listing order; more may follow them) are
// whole calls: each call the action makes for them is the one it would make had the later
// resources joined the batch (`max` ids a call; with groups, only groups closed by a later
// resource of another group).
using WholeCallsFn = std::function<std::size_t(ActionContext&, std::span<const Resource> listed,
                                               std::size_t at_most)>;

struct ActionSpec {
  std::string name;  // upstream's class name, the includeActions vocabulary
  bool is_default;
  ActionFn run;
  std::string operation;  // the AWS operation it calls on the kind's service; "" if none
  // Earlier actions whose properties this one reads: it runs once those (when selected) have
  // merged, and sees their properties in the resources it gets (Inspect, inspector.h).
  std::vector<std::string> after = {};
  // Set on a conditional default only: the same action for every resource, what includeActions
  // naming it selects (`run` above skips the resources that do not meet the condition).
  std::shared_ptr<const ActionSpec> for_every_resource = {};
  // Set when one call takes several resources (a batch action); null: any leading part of a
  // batch is whole (one call per resource, or none).
  WholeCallsFn whole_calls = {};
};

// Runs `call(resource)` for every resource, at most `concurrency` at once. NotFound and
// PermissionDenied answers leave that resource without this enrichment (one debug log each);
// other errors do the same but count in ctx.enrichment_errors and log a warning, so one bad
// resource never costs the others their data.
using PerResourceFn =
    std::function<boost::asio::awaitable<core::Result<json::object>>(const Resource&)>;
boost::asio::awaitable<core::Result<Enrichments>> EnrichEach(ActionContext& ctx,
                                                             std::span<const Resource> resources,
                                                             std::string_view action_name,
                                                             PerResourceFn call,
                                                             std::size_t concurrency = 16);

}  // namespace catalog
