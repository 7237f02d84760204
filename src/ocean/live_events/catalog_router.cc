// See catalog_router.h. Placeholder until the catalog's event routing lands: every envelope is
// refused with a message saying so.
#include "ocean/live_events/catalog_router.h"

namespace ocean::live_events {

namespace {

class UnavailableRouter final : public EventRouter {
 public:
  RouteResult Route(const json::value&) const override {
    return RouteResult::Error("this build has no kind event mappings");
  }
};

}  // namespace

std::unique_ptr<EventRouter> MakeCatalogRouter() { return std::make_unique<UnavailableRouter>(); }

}  // namespace ocean::live_events
