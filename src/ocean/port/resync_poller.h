// ResyncRequestPoller: the decision of Ocean's POLLING event listener (ocean-core §2.1).
//
// Every `interval` seconds the listener asks Port for the integration's resync request
// (GET /v1/integration/{id}/resync-request -> request.updatedAt) and resyncs iff that updatedAt
// parses as ISO 8601 and is newer than the watermark, or when there is no watermark yet (which
// is what produces the first resync after startup). After a triggered resync the watermark is
// the request's updatedAt. A request that is null, has no updatedAt or an unparsable one never
// triggers. Fetch errors are returned; the caller logs them and skips the iteration.
//
// Thread-safety: none; one poller per listener loop, used on its event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/timestamp.h"

namespace ocean::port {

class PortClient;

class ResyncRequestPoller {
 public:
  explicit ResyncRequestPoller(PortClient& client) : client_(client) {}

  // True when a resync request updated at `updated_at` must trigger a resync (see above).
  bool IsNew(std::string_view updated_at) const;

  // Fetches the resync request; returns its updatedAt when it is new (and advances the watermark
  // to it: the caller is expected to resync), nullopt when there is nothing to do.
  boost::asio::awaitable<core::Result<std::optional<std::string>>> Poll();

  const std::optional<core::Timestamp>& watermark() const { return watermark_; }

 private:
  PortClient& client_;
  std::optional<core::Timestamp> watermark_;
};

}  // namespace ocean::port
