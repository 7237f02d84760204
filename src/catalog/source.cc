// See source.h.
#include "catalog/source.h"

#include "catalog/inspector.h"
#include "catalog/scope_exporter.h"
#include "core/log.h"

namespace catalog {

namespace asio = boost::asio;
using core::Result;

SourceRun::SourceRun(aws::AwsClient& client, accounts::DiscoveryResult found,
                     IdentityIndex* identities)
    : client_(client), found_(std::move(found)), regions_(client), identities_(identities) {}

asio::awaitable<KindResyncResult> SourceRun::StreamKind(const KindSpec& kind,
                                                        const KindResyncOptions& options,
                                                        EmitFn emit) {
  KindResyncOptions slotted = options;
  if (!slotted.scope_slots) slotted.scope_slots = &scope_slots_;
  if (!identities_ || !identities_->Rule(kind.name)) {
    co_return co_await ResyncKind(kind, client_, regions_, found_.accounts, slotted,
                                  std::move(emit));
  }
  // A kind with deleteIdentity: remember what is listed; a complete scope forgets the rest.
  IdentityIndex* index = identities_;
  const std::uint64_t generation = index->BeginListing(kind.name);
  KindResyncOptions wrapped = slotted;
  wrapped.on_scope = [index, generation, outer = slotted.on_scope](const ScopeOutcome& scope) {
    if (scope.state == ScopeState::kComplete) {
      index->EndScope(scope.kind, scope.account_id, scope.region, generation);
    }
    if (outer) outer(scope);
  };
  EmitFn remembering = [index, generation, name = kind.name,
                        emit = std::move(emit)](std::vector<json::value> batch) {
    index->Remember(name, batch, generation);
    return emit(std::move(batch));
  };
  co_return co_await ResyncKind(kind, client_, regions_, found_.accounts, wrapped,
                                std::move(remembering));
}

Source::Source(aws::AwsClient& client, aws::StsApiPtr sts, net::HttpTransportPtr transport)
    : client_(client), sts_(std::move(sts)), transport_(std::move(transport)) {}

asio::awaitable<Result<std::unique_ptr<SourceRun>>> Source::Discover(
    const IntegrationConfig& config) {
  accounts::AccountDiscovery discovery(client_, sts_, transport_);
  Result<accounts::DiscoveryResult> found = co_await discovery.Discover(config);
  if (!found.ok()) co_return found.status();
  co_return std::make_unique<SourceRun>(client_, std::move(*found),
                                       remember_listed_ ? &identities_ : nullptr);
}

asio::awaitable<Result<std::optional<json::value>>> Source::FetchOne(
    const KindSpec& kind, const AccountSession& account, const std::string& region,
    std::string_view id, std::span<const std::string> include_actions, long* enrichment_errors) {
  aws::CallTarget target{account.credentials, region, account.info.id};
  ListContext lctx{client_, std::move(target), account};
  json::object extra = BaseExtraContext(kind, account, region);
  Result<std::optional<Resource>> got = co_await kind.get_one(lctx, id, extra);
  if (!got.ok()) co_return got.status();
  if (!*got) co_return std::optional<json::value>();
  std::vector<std::string> unknown;
  std::vector<const ActionSpec*> actions = SelectActions(kind, include_actions, &unknown);
  long errors = 0;
  std::vector<std::string> absent;  // an action's `absentOn` answer: the resource is gone
  ActionContext actx{client_, lctx.target, account, &errors, &absent};
  std::vector<Resource> batch;
  batch.push_back(std::move(**got));
  std::vector<json::value> enriched = co_await Inspect(kind, actx, std::move(batch), actions);
  if (enrichment_errors) *enrichment_errors += errors;
  // A get that makes no call (an SQS queue URL) cannot tell a deleted resource; its actions'
  // answers can, and an entity without their parts would be wrong: the resource is absent.
  if (!absent.empty()) {
    LOG_INFO("{} {}: the resource no longer exists (an action's answer says so)", kind.name, id);
    co_return std::optional<json::value>();
  }
  if (enriched.empty()) co_return std::optional<json::value>();
  identities_.Remember(kind.name, std::span<const json::value>(&enriched.front(), 1));
  co_return std::optional<json::value>(std::move(enriched.front()));
}

}  // namespace catalog
