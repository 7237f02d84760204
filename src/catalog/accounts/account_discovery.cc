#include "catalog/accounts/account_discovery.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "aws/endpoints/partitions.h"
#include "catalog/accounts/arn.h"
#include "catalog/accounts/organization_accounts.h"
#include "catalog/accounts/role_assumer.h"
#include "core/log.h"

namespace catalog::accounts {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

constexpr std::string_view kOrgPartitions[] = {"aws", "aws-us-gov", "aws-cn"};
// Upstream's session names (visible in CloudTrail).
const std::string kRoleSession = "OceanRoleSession";
const std::string kOrgSession = "OceanOrgAssumeRoleSession";
const std::string kMemberSession = "OceanMemberAssumeRoleSession";

std::string DefaultName(std::string_view id) { return "Account " + std::string(id); }

std::string WebIdentityRole(const IntegrationConfig& c) {
  if (!c.account_role_arn.empty()) return c.account_role_arn;
  return c.account_role_arns.empty() ? std::string() : c.account_role_arns.front();
}

}  // namespace

std::string_view DiscoveryModeName(DiscoveryMode mode) {
  switch (mode) {
    case DiscoveryMode::kSingleAccount:
      return "single account";
    case DiscoveryMode::kMultiAccount:
      return "multi-account";
    case DiscoveryMode::kOrganizations:
      return "organizations";
    case DiscoveryMode::kOrganizationsFallback:
      return "organizations (fallback to single account)";
  }
  return "single account";
}

struct AccountDiscovery::Run {
  const IntegrationConfig& config;
  DiscoveryResult result;
  std::string region;             // STS and Organizations
  aws::CredentialsProviderPtr base;
  // Sessions discovery already holds, by role ARN; reused instead of assuming a role from itself.
  std::map<std::string, aws::CredentialsProviderPtr> held;

  // Assumes each of `arns` by `source` (a held session is reused), bounded.
  asio::awaitable<std::vector<AssumeOutcome>> Assume(const std::vector<std::string>& arns,
                                                     const std::string& session_name,
                                                     const AccountDiscovery& d) {
    std::vector<AssumeOutcome> out(arns.size());
    std::vector<std::string> todo;
    std::vector<std::size_t> todo_index;
    for (std::size_t i = 0; i < arns.size(); ++i) {
      if (auto it = held.find(arns[i]); it != held.end()) {
        out[i].provider = it->second;
      } else {
        todo.push_back(arns[i]);
        todo_index.push_back(i);
      }
    }
    AssumeSettings s{.sts = d.sts_,
                     .source = base,
                     .session_name = session_name,
                     .external_id = config.external_id,
                     .region = region,
                     .max_in_flight = d.options_.max_concurrent_assumptions,
                     .refresh = d.options_.refresh};
    std::vector<AssumeOutcome> done = co_await AssumeRoles(todo, s);
    for (std::size_t k = 0; k < done.size(); ++k) out[todo_index[k]] = std::move(done[k]);
    co_return out;
  }
};

AccountDiscovery::AccountDiscovery(aws::AwsClient& client, aws::StsApiPtr sts,
                                   net::HttpTransportPtr transport, DiscoveryOptions options)
    : client_(client),
      sts_(std::move(sts)),
      transport_(std::move(transport)),
      options_(std::move(options)) {}

asio::awaitable<Result<DiscoveryResult>> AccountDiscovery::Discover(
    const IntegrationConfig& config) {
  Run run{.config = config};
  run.result.partition = ResolvePartition(config);
  if (aws::endpoints::FindPartition(run.result.partition) == nullptr) {
    co_return Status::InvalidArgument("unsupported AWS partition '" + run.result.partition +
                                      "' (aws, aws-cn or aws-us-gov)");
  }
  run.region = ControlPlaneRegion(config, run.result.partition);

  const char* token_file = std::getenv("AWS_WEB_IDENTITY_TOKEN_FILE");
  run.result.credential_source = SelectCredentialSource(config, token_file ? token_file : "");
  const CredentialSourceChoice& choice = run.result.credential_source;
  if (choice.fallback && !options_.base_identity) {
    LOG_INFO("no credential provider applies; using the default AWS credential chain");
  }
  run.base = options_.base_identity;
  if (!run.base) {
    BaseIdentityDeps deps{.sts = sts_, .transport = transport_, .refresh = options_.refresh};
    Result<aws::CredentialsProviderPtr> base = MakeBaseIdentity(config, choice, run.region, deps);
    if (!base.ok()) co_return base.status();
    run.base = std::move(*base);
  }
  // Every strategy needs the base identity; failing here names it rather than each account.
  Result<aws::Credentials> probe = co_await run.base->Get();
  if (!probe.ok()) {
    co_return probe.status().WithContext("base AWS identity (" + run.base->Describe() + ")");
  }
  if (choice.source == CredentialSource::kWebIdentity && !options_.base_identity) {
    run.held[WebIdentityRole(config)] = run.base;
  }

  Status st;
  if (!config.account_role_arn.empty()) {
    st = co_await Organizations(run);
  } else if (!config.account_role_arns.empty()) {
    st = co_await MultiAccount(run);
  } else {
    st = co_await SingleAccount(run);
  }
  if (!st.ok()) co_return st;
  LOG_INFO("account discovery: {} ({} credentials), {} account(s), {} failed",
           DiscoveryModeName(run.result.mode), CredentialSourceName(choice.source),
           run.result.accounts.size(), run.result.failures.size());
  co_return std::move(run.result);
}

asio::awaitable<Status> AccountDiscovery::SingleAccount(Run& run) {
  run.result.mode = DiscoveryMode::kSingleAccount;
  // Arguments are named, never temporaries: GCC 12 mishandles temporaries that live across a
  // co_await (double destruction), here and in every coroutine call of this folder.
  const aws::CallTarget target{run.base, run.region, ""};
  json::object no_params;
  Result<json::value> who =
      co_await client_.Call(target, "sts", "GetCallerIdentity", std::move(no_params));
  std::string_view account;
  if (who.ok() && who->is_object()) account = core::FindString(who->get_object(), "Account");
  if (!who.ok() || account.empty()) {
    Status cause = who.ok() ? Status::ParseError("GetCallerIdentity returned no Account")
                            : who.status();
    co_return cause.WithContext("single account is not accessible");
  }
  run.result.accounts.push_back(AccountSession{
      .info = {.id = std::string(account), .name = DefaultName(account)},
      .credentials = run.base,
      .partition = run.result.partition});
  co_return Status::Ok();
}

asio::awaitable<Status> AccountDiscovery::MultiAccount(Run& run) {
  run.result.mode = DiscoveryMode::kMultiAccount;
  std::vector<std::string> arns;
  std::vector<std::string> ids;
  for (const std::string& arn : run.config.account_role_arns) {
    if (std::find(arns.begin(), arns.end(), arn) != arns.end()) continue;  // upstream: a set
    Result<Arn> parsed = ParseArn(arn);
    if (!parsed.ok() || parsed->account.empty()) {
      Status bad = parsed.ok() ? Status::InvalidArgument("'" + arn + "' names no account")
                               : parsed.status();
      LOG_WARN("accountRoleArns: {}", bad.message());
      run.result.failures.push_back({"", arn, bad});
      continue;
    }
    arns.push_back(arn);
    ids.push_back(parsed->account);
  }
  std::vector<AssumeOutcome> outcomes = co_await run.Assume(arns, kRoleSession, *this);
  for (std::size_t i = 0; i < arns.size(); ++i) {
    if (!outcomes[i].status.ok()) {
      LOG_WARN("cannot assume {} (account {}): {}", arns[i], ids[i],
               outcomes[i].status.message());
      run.result.failures.push_back({ids[i], arns[i], outcomes[i].status});
      continue;
    }
    run.result.accounts.push_back(
        AccountSession{.info = {.id = ids[i], .name = DefaultName(ids[i])},
                       .credentials = std::move(outcomes[i].provider),
                       .partition = run.result.partition});
  }
  if (run.result.accounts.empty()) {
    std::string first = run.result.failures.empty()
                            ? std::string("none given")
                            : run.result.failures.front().status.message();
    co_return Status::PermissionDenied("none of the " +
                                       std::to_string(run.config.account_role_arns.size()) +
                                       " accountRoleArns could be assumed (first error: " +
                                       first + ")");
  }
  co_return Status::Ok();
}

asio::awaitable<Status> AccountDiscovery::Organizations(Run& run) {
  const std::string& role_arn = run.config.account_role_arn;
  Result<Arn> parsed = ParseArn(role_arn);
  if (!parsed.ok()) co_return parsed.status().WithContext("accountRoleArn");
  if (parsed->service != "iam" || parsed->account.empty() ||
      std::find(std::begin(kOrgPartitions), std::end(kOrgPartitions), parsed->partition) ==
          std::end(kOrgPartitions)) {
    co_return Status::InvalidArgument("accountRoleArn '" + role_arn +
                                      "' must be an IAM role ARN in aws, aws-cn or aws-us-gov");
  }

  const std::vector<std::string> org_role{role_arn};
  std::vector<AssumeOutcome> org = co_await run.Assume(org_role, kOrgSession, *this);
  if (!org[0].status.ok()) {
    co_return org[0].status.WithContext("cannot assume the Organizations role " + role_arn);
  }
  aws::CredentialsProviderPtr org_session = org[0].provider;
  run.held[role_arn] = org_session;

  const aws::CallTarget org_target{org_session, run.region, parsed->account};
  Result<std::vector<json::object>> listed =
      co_await ListActiveOrganizationAccounts(client_, org_target, run.config.ou_ids);
  if (!listed.ok() && IsOrganizationsUnavailable(listed.status())) {
    LOG_WARN("Organizations is not available to {} ({}); falling back to single account {}",
             role_arn, listed.status().remote_code(), parsed->account);
    run.result.mode = DiscoveryMode::kOrganizationsFallback;
    run.result.accounts.push_back(AccountSession{
        .info = {.id = parsed->account, .name = DefaultName(parsed->account)},
        .credentials = org_session,
        .partition = run.result.partition});
    co_return Status::Ok();
  }
  if (!listed.ok()) co_return listed.status().WithContext("Organizations health check failed");
  run.result.mode = DiscoveryMode::kOrganizations;
  if (listed->empty()) {
    co_return Status::NotFound("Organizations health check failed: no ACTIVE accounts found" +
                               std::string(run.config.ou_ids.empty() ? "" : " under the ouId"));
  }

  std::vector<std::string> member_arns;
  for (const json::object& account : *listed) {
    member_arns.push_back("arn:" + run.result.partition + ":iam::" +
                          std::string(core::FindString(account, "Id")) + ":" + parsed->resource);
  }
  std::vector<AssumeOutcome> members =
      co_await run.Assume(member_arns, kMemberSession, *this);
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::string id(core::FindString((*listed)[i], "Id"));
    if (!members[i].status.ok()) {
      LOG_DEBUG("cannot assume {}: {}", member_arns[i], members[i].status.message());
      run.result.failures.push_back({id, member_arns[i], members[i].status});
      continue;
    }
    std::string_view name = core::FindString((*listed)[i], "Name");
    run.result.accounts.push_back(AccountSession{
        .info = {.id = id,
                 .name = name.empty() ? DefaultName(id) : std::string(name),
                 .organization_fields = std::move((*listed)[i])},
        .credentials = std::move(members[i].provider),
        .partition = run.result.partition});
  }
  if (!run.result.failures.empty()) {
    LOG_WARN("cannot assume the member role in {} of {} accounts (first: {}: {})",
             run.result.failures.size(), members.size(), run.result.failures.front().role_arn,
             run.result.failures.front().status.message());
  }
  if (run.result.accounts.empty()) {
    co_return Status::PermissionDenied(
        "Organizations health check failed: the member role could be assumed in none of the " +
        std::to_string(members.size()) + " accounts");
  }
  co_return Status::Ok();
}

}  // namespace catalog::accounts
