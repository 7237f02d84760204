#include "catalog/accounts/role_assumer.h"

#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/concurrency.h"

namespace catalog::accounts {

namespace asio = boost::asio;

asio::awaitable<std::vector<AssumeOutcome>> AssumeRoles(const std::vector<std::string>& role_arns,
                                                        const AssumeSettings& settings) {
  std::vector<AssumeOutcome> outcomes(role_arns.size());
  // Named, not a temporary: GCC 12 mishandles temporaries that live across a co_await.
  const std::function<asio::awaitable<void>(std::size_t)> assume_one =
      [&](std::size_t i) -> asio::awaitable<void> {
        // Suspend once before any work. co_spawn dispatches (runs inline) on the io_context's
        // own thread, so with a source that answers without suspending (a held or cached
        // session, a fake) every worker could finish before ForEachBounded arms its completion
        // wait, and the cancel that should wake it would be lost.
        co_await asio::post(asio::use_awaitable);
        aws::AssumeRoleOptions o;
        o.role_arn = role_arns[i];
        o.session_name = settings.session_name;
        o.external_id = settings.external_id;
        o.region = settings.region;
        o.source = settings.source;
        aws::CredentialsProviderPtr provider =
            aws::MakeAssumeRoleProvider(settings.sts, std::move(o), settings.refresh);
        // ForEachBounded's contract: no exceptions out of fn. The engine reports failures as
        // values; anything thrown is a bug, kept as this role's error.
        try {
          core::Result<aws::Credentials> first = co_await provider->Get();
          if (first.ok()) {
            outcomes[i].provider = std::move(provider);
          } else {
            outcomes[i].status = first.status();
          }
        } catch (const std::exception& e) {
          outcomes[i].status = core::Status::Internal(std::string("assuming role: ") + e.what());
        }
      };
  co_await core::ForEachBounded(role_arns.size(), settings.max_in_flight, assume_one);
  co_return outcomes;
}

}  // namespace catalog::accounts
