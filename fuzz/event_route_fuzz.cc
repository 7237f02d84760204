// fuzz-layers: catalog aws core
// Fuzzes live-event routing (catalog/events/event_router.h), the first code a webhook or SQS
// payload from outside reaches after JSON parsing: envelope checks, eventSource:eventName lookup
// over the built-in kinds' mappings, identifier paths with list fan-out, id templates, filters,
// and the delete stub.
// Properties checked: Route() never crashes; an ignored outcome has no targets and a reason, a
// routed one has targets each naming a known kind, a non-empty id, account and region; every
// delete target has a stub of that kind.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "catalog/events/event_router.h"
#include "core/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  static const catalog::events::EventRouter router = catalog::events::EventRouter::FromKindTable();
  boost::system::error_code ec;
  json::value envelope =
      json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
  if (ec) return 0;
  core::Result<catalog::events::RouteResult> r = router.Route(envelope);
  if (!r.ok()) {
    if (r.status().message().empty()) std::abort();
    return 0;
  }
  if (r->ignored.has_value()) {
    if (!r->targets.empty() || r->reason.empty()) std::abort();
    return 0;
  }
  if (r->targets.empty()) std::abort();
  for (const catalog::events::EventTarget& t : r->targets) {
    if (router.Kind(t.kind) == nullptr || t.id.empty() || t.account.empty() || t.region.empty()) {
      std::abort();
    }
    if (t.action == catalog::events::EventAction::kDelete) {
      core::Result<json::value> stub = router.DeleteStub(t);
      if (!stub.ok() || stub->at("Type").as_string() != t.kind) std::abort();
    }
  }
  return 0;
}
