// Kind AWS::Organizations::Account (once per organization). Lists organizations ListAccounts
// from the first account allowed to (management or delegated administrator), as upstream;
// identity is the account Id; properties pass through as AWS lists them (upstream's model
// allows extra keys), in upstream's order; no __ExtraContext. Options: ListParentsAction
// (Parents; access denied or not found -> []) and ListTagsForResourceAction (Tags; access
// denied or not found -> no Tags), each paging through its API.
#include "catalog/kinds/kinds.h"

namespace catalog::kinds {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

bool Tolerated(const Status& st) {
  return st.code() == core::StatusCode::kPermissionDenied ||
         st.code() == core::StatusCode::kNotFound;
}

Status ToResources(const ListContext&, const json::value& item, const json::object& base_extra,
                   std::vector<Resource>& out) {
  const json::object* acct = item.if_object();
  std::string_view id = acct ? core::FindString(*acct, "Id") : std::string_view();
  if (id.empty()) return Status::ParseError("ListAccounts: an account without Id");
  out.push_back(Resource{std::string(id), *acct, base_extra});
  return Status::Ok();
}

// Upstream's default pass-through: the listing already carries the properties.
asio::awaitable<Result<Enrichments>> ListAccounts(ActionContext&, std::span<const Resource>) {
  co_return Enrichments{};
}

asio::awaitable<Result<Enrichments>> ListParents(ActionContext& ctx, std::span<const Resource> rs) {
  co_return co_await EnrichEach(
      ctx, rs, "ListParentsAction",
      [&ctx](const Resource& r) -> asio::awaitable<Result<json::object>> {
        json::object params;
        params["ChildId"] = r.id;
        Result<json::value> res =
            co_await CallAllPages(ctx, "organizations", "ListParents", std::move(params));
        json::object props;
        if (!res.ok()) {
          if (!Tolerated(res.status())) co_return res.status();
          props["Parents"] = json::array();
          co_return props;
        }
        const json::value* parents = res->as_object().if_contains("Parents");
        props["Parents"] = parents && parents->is_array() ? *parents : json::array();
        co_return props;
      });
}

asio::awaitable<Result<Enrichments>> ListTags(ActionContext& ctx, std::span<const Resource> rs) {
  co_return co_await EnrichEach(
      ctx, rs, "ListTagsForResourceAction",
      [&ctx](const Resource& r) -> asio::awaitable<Result<json::object>> {
        json::object params;
        params["ResourceId"] = r.id;
        Result<json::value> res =
            co_await CallAllPages(ctx, "organizations", "ListTagsForResource", std::move(params));
        if (!res.ok()) co_return res.status();  // tolerated codes leave no Tags (EnrichEach)
        json::object props;
        const json::value* tags = res->as_object().if_contains("Tags");
        props["Tags"] = tags && tags->is_array() ? *tags : json::array();
        co_return props;
      });
}

asio::awaitable<Result<std::optional<Resource>>> GetOne(ListContext& ctx, std::string_view id,
                                                        const json::object& base_extra) {
  json::object params;
  params["AccountId"] = id;
  Result<json::value> r =
      co_await ctx.client.Call(ctx.target, "organizations", "DescribeAccount", std::move(params));
  if (!r.ok()) {
    if (r.status().code() == core::StatusCode::kNotFound) co_return std::optional<Resource>();
    co_return r.status();
  }
  const json::object* acct = core::FindObject(r->as_object(), "Account");
  if (!acct) co_return Status::ParseError("DescribeAccount returned no Account");
  co_return std::optional<Resource>(Resource{std::string(id), *acct, base_extra});
}

constexpr ActionSpec kActions[] = {
    {"ListAccountsAction", true, &ListAccounts, ""},
    {"ListParentsAction", false, &ListParents, "ListParents"},
    {"ListTagsForResourceAction", false, &ListTags, "ListTagsForResource"},
};

constexpr std::string_view kPropertyOrder[] = {"Id",     "Arn",   "Name",
                                               "Email",  "Parents", "Tags",
                                               "Status", "State", "JoinedTimestamp",
                                               "JoinedMethod"};

}  // namespace

extern const KindSpec kOrganizationsAccount{
    .name = "AWS::Organizations::Account",
    .service = "organizations",
    .scope = KindScope::kOrganization,
    .list_operation = "ListAccounts",
    .list_result_key = "Accounts",
    .to_resources = &ToResources,
    .get_one = &GetOne,
    .actions = kActions,
    .property_order = kPropertyOrder,
    .has_extra_context = false,
};

}  // namespace catalog::kinds
