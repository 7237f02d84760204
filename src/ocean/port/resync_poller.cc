#include "ocean/port/resync_poller.h"

#include "core/log.h"
#include "ocean/port/port_client.h"

namespace ocean::port {

namespace asio = boost::asio;

bool ResyncRequestPoller::IsNew(std::string_view updated_at) const {
  core::Result<core::Timestamp> t = core::ParseIso8601(updated_at);
  if (!t.ok()) return false;
  return !watermark_ || t->micros > watermark_->micros;
}

asio::awaitable<core::Result<std::optional<std::string>>> ResyncRequestPoller::Poll() {
  using Out = std::optional<std::string>;
  core::Result<Out> fetched = co_await client_.ResyncRequestUpdatedAt();
  if (!fetched.ok()) co_return fetched.status();
  if (!*fetched) co_return Out();
  const std::string& updated_at = **fetched;
  if (!IsNew(updated_at)) {
    if (!core::ParseIso8601(updated_at).ok()) {
      LOG_WARN("Port's resync request has an unreadable updatedAt '{}': ignored", updated_at);
    }
    co_return Out();
  }
  watermark_ = *core::ParseIso8601(updated_at);
  co_return Out(updated_at);
}

}  // namespace ocean::port
