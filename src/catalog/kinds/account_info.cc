// Kind AWS::Account::Info (one per account). Makes no AWS call: it reports each account the
// resync exports from, as upstream does: {"Id", "Name"} where Name is the Organizations account
// name or "Account <id>", and no __ExtraContext.
#include "catalog/kinds/kinds.h"

namespace catalog::kinds {
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

asio::awaitable<Status> List(ListContext& ctx, const json::object&,
                             std::function<asio::awaitable<Status>(std::vector<Resource>)> sink) {
  std::vector<Resource> one;
  one.push_back(Describe(ctx.account));
  co_return co_await sink(std::move(one));
}

asio::awaitable<Result<std::optional<Resource>>> GetOne(ListContext& ctx, std::string_view id,
                                                        const json::object&) {
  if (id != ctx.account.info.id) co_return std::optional<Resource>();
  co_return std::optional<Resource>(Describe(ctx.account));
}

constexpr std::string_view kPropertyOrder[] = {"Id", "Name"};

}  // namespace

extern const KindSpec kAccountInfo{
    .name = "AWS::Account::Info",
    .service = "sts",
    .scope = KindScope::kAccount,
    .custom_list = &List,
    .get_one = &GetOne,
    .property_order = kPropertyOrder,
    .has_extra_context = false,
};

}  // namespace catalog::kinds
