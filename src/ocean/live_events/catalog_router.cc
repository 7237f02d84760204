// See catalog_router.h: catalog::events::EventRouter (the kinds' `events:` mappings, built-in
// and user-defined) adapted to ocean::live_events::EventRouter; delete targets carry the kind's
// delete stub.
#include "ocean/live_events/catalog_router.h"

#include "catalog/events/event_router.h"

namespace ocean::live_events {

namespace {

class CatalogEventRouter final : public EventRouter {
 public:
  CatalogEventRouter() : router_(catalog::events::EventRouter::FromKindTable()) {}

  RouteResult Route(const json::value& envelope) const override {
    core::Result<catalog::events::RouteResult> routed = router_.Route(envelope);
    if (!routed.ok()) return RouteResult::Error(routed.status().message());
    if (routed->ignored) {
      return RouteResult::Ignored(std::string(catalog::events::IgnoreReasonName(*routed->ignored)));
    }
    RouteResult out;
    out.type = RouteResult::Type::kTargets;
    const auto now = std::chrono::system_clock::now();
    for (const catalog::events::EventTarget& t : routed->targets) {
      EventTarget target;
      target.kind = t.kind;
      target.id = t.id;
      target.action = t.action == catalog::events::EventAction::kDelete ? EventAction::kDelete
                                                                         : EventAction::kUpsert;
      target.account = t.account;
      target.region = t.region;
      target.event_time = t.event_time ? std::chrono::system_clock::time_point(
                                             std::chrono::microseconds(t.event_time->micros))
                                       : now;
      // Upserts too: an upsert whose fetch finds nothing becomes a delete.
      core::Result<json::value> stub = router_.DeleteStub(t);
      if (stub.ok()) target.delete_stub = std::move(*stub);
      out.targets.push_back(std::move(target));
    }
    return out;
  }

 private:
  catalog::events::EventRouter router_;
};

}  // namespace

std::unique_ptr<EventRouter> MakeCatalogRouter() { return std::make_unique<CatalogEventRouter>(); }

}  // namespace ocean::live_events
