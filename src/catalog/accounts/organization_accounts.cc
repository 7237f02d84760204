#include "catalog/accounts/organization_accounts.h"

#include <deque>
#include <functional>
#include <set>

#include "aws/model/service_model.h"
#include "aws/pagination/paginator.h"

namespace catalog::accounts {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

using ItemSink = std::function<void(const json::object&)>;

// Calls `operation` for every page and hands each item of `result_key` to `sink`. Callers pass
// named objects only: GCC 12 mishandles temporaries that live across a co_await.
asio::awaitable<Status> ForEachItem(aws::AwsClient& client, const aws::CallTarget& target,
                                    std::string_view operation, const json::object& params,
                                    std::string_view result_key, const ItemSink& sink) {
  Result<const aws::model::ServiceModel*> svc = aws::model::GetService("organizations");
  if (!svc.ok()) co_return svc.status();
  const aws::model::Operation* op = (*svc)->FindOperation(operation);
  if (op == nullptr || !op->paginator) {
    co_return Status::Internal("organizations." + std::string(operation) + " is not pageable");
  }
  aws::pagination::PageIterator pages(
      [&](const json::object& p) { return client.Call(target, **svc, *op, p); }, **svc, *op,
      params);
  while (true) {
    Result<std::optional<json::value>> page = co_await pages.Next();
    if (!page.ok()) co_return page.status();
    if (!*page) co_return Status::Ok();
    if (!(*page)->is_object()) continue;
    const json::array* items = core::FindArray((*page)->get_object(), result_key);
    if (items == nullptr) continue;
    for (const json::value& item : *items) {
      if (item.is_object()) sink(item.get_object());
    }
  }
}

bool IsActive(const json::object& account) {
  std::string_view state = core::FindString(account, "State");
  if (state.empty()) state = core::FindString(account, "Status");
  return state == "ACTIVE";
}

}  // namespace

asio::awaitable<Result<std::vector<json::object>>> ListActiveOrganizationAccounts(
    aws::AwsClient& client, const aws::CallTarget& org, const std::vector<std::string>& ou_ids) {
  std::vector<json::object> accounts;
  std::set<std::string, std::less<>> seen_accounts;
  const ItemSink keep = [&](const json::object& account) {
    std::string_view id = core::FindString(account, "Id");
    if (id.empty() || !IsActive(account)) return;
    if (!seen_accounts.emplace(id).second) return;
    accounts.push_back(account);
  };

  if (ou_ids.empty()) {
    const json::object no_params;
    Status st = co_await ForEachItem(client, org, "ListAccounts", no_params, "Accounts", keep);
    if (!st.ok()) co_return st;
    co_return accounts;
  }

  // Depth-first, pre-order, over each configured OU's subtree (upstream's recursion order);
  // `seen_ous` stops a revisit when configured OUs nest inside each other.
  std::set<std::string> seen_ous;
  std::deque<std::string> pending(ou_ids.begin(), ou_ids.end());
  while (!pending.empty()) {
    std::string parent = std::move(pending.front());
    pending.pop_front();
    if (!seen_ous.insert(parent).second) continue;
    json::object params;
    params["ParentId"] = parent;
    Status st =
        co_await ForEachItem(client, org, "ListAccountsForParent", params, "Accounts", keep);
    if (!st.ok()) co_return st;
    std::vector<std::string> children;
    const ItemSink child = [&](const json::object& ou) {
      std::string_view id = core::FindString(ou, "Id");
      if (!id.empty()) children.emplace_back(id);
    };
    st = co_await ForEachItem(client, org, "ListOrganizationalUnitsForParent", params,
                              "OrganizationalUnits", child);
    if (!st.ok()) co_return st;
    pending.insert(pending.begin(), children.begin(), children.end());
  }
  co_return accounts;
}

bool IsOrganizationsUnavailable(const Status& status) {
  std::string_view code = status.remote_code();
  return code.find("AccessDenied") != std::string_view::npos ||
         code.find("AWSOrganizationsNotInUse") != std::string_view::npos;
}

}  // namespace catalog::accounts
