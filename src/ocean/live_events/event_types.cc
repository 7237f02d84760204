// See event_types.h.
#include "ocean/live_events/event_types.h"

namespace ocean::live_events {

std::string_view EventActionName(EventAction a) {
  return a == EventAction::kUpsert ? "upsert" : "delete";
}

std::string EventTarget::Key() const {
  std::string k;
  k.reserve(kind.size() + account.size() + region.size() + id.size() + 3);
  k.append(kind).push_back('\x1f');
  k.append(account).push_back('\x1f');
  k.append(region).push_back('\x1f');
  k.append(id);
  return k;
}

RouteResult RouteResult::Error(std::string why) {
  RouteResult r;
  r.type = Type::kError;
  r.reason = std::move(why);
  return r;
}

RouteResult RouteResult::Ignored(std::string reason) {
  RouteResult r;
  r.type = Type::kIgnored;
  r.reason = std::move(reason);
  return r;
}

}  // namespace ocean::live_events
