// Hook of AWS::Account::Info (account_info.yaml): the kind makes no AWS call; it reports each
// account the resync exports from, as upstream does: {"Id", "Name"} where Name is the
// Organizations account name or "Account <id>".
#include "catalog/definition/hooks.h"

namespace catalog::definition {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

Resource Describe(const AccountSession& account) {
  json::object props;
  props["Id"] = account.info.id;
  props["Name"] = account.info.name;
  return Resource{account.info.id, std::move(props), {}};
}

asio::awaitable<Status> List(ListContext& ctx, const json::object&, ResourceSink sink) {
  std::vector<Resource> one;
  one.push_back(Describe(ctx.account));
  co_return co_await sink(std::move(one));
}

asio::awaitable<Result<std::optional<Resource>>> Get(ListContext& ctx, std::string_view id,
                                                     const json::object&) {
  if (id != ctx.account.info.id) co_return std::optional<Resource>();
  co_return std::optional<Resource>(Describe(ctx.account));
}

}  // namespace

void RegisterHooks_account_info(HookRegistry& registry) {
  registry.AddKindHooks("AccountInfo", KindHooks{&List, &Get});
}

}  // namespace catalog::definition
