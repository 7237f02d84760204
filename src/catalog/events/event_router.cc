#include "catalog/events/event_router.h"

#include <algorithm>
#include <set>

#include "aws/endpoints/partitions.h"
#include "catalog/definition/event_template.h"
#include "catalog/kind_table.h"

namespace catalog::events {
namespace {

using core::Status;
using definition::EventMappingDef;
using definition::KindDef;

// EventBridge's detail-types for CloudTrail records: API calls, and service events such as
// Organizations' CreateAccountResult.
constexpr std::string_view kCloudTrailDetailType = "AWS API Call via CloudTrail";
constexpr std::string_view kCloudTrailServiceEventType = "AWS Service Event via CloudTrail";

// A non-empty string member of `o`, or "".
std::string_view EnvelopeString(const json::object* o, std::string_view key) {
  if (!o) return {};
  const json::value* v = o->if_contains(key);
  if (!v || !v->is_string()) return {};
  return v->get_string();
}

// The envelope's facts common to every target.
struct EnvelopeFacts {
  const json::value* detail = nullptr;
  std::string source, name, account, region, event_id;
  std::optional<core::Timestamp> time;
  bool has_error_code = false;
  std::string error_code;
};

core::Result<EnvelopeFacts> ReadEnvelope(const json::value& envelope) {
  const json::object* o = envelope.if_object();
  if (!o) return Status::InvalidArgument("not an EventBridge event: the payload is not a JSON object");
  if (const json::value* dt = o->if_contains("detail-type")) {
    if (!dt->is_string() || (dt->get_string() != kCloudTrailDetailType &&
                             dt->get_string() != kCloudTrailServiceEventType)) {
      return Status::InvalidArgument(
          "not a CloudTrail API call event: detail-type is " + json::serialize(*dt) +
          ", expected \"" + std::string(kCloudTrailDetailType) + "\" (or \"" +
          std::string(kCloudTrailServiceEventType) + "\")");
    }
  }
  EnvelopeFacts f;
  f.detail = o->if_contains("detail");
  if (!f.detail) {
    return Status::InvalidArgument(
        "not an EventBridge \"AWS API Call via CloudTrail\" event: it has no `detail`");
  }
  const json::object* d = f.detail->if_object();
  if (!d) return Status::InvalidArgument("not a CloudTrail API call event: `detail` is not an object");
  f.name = std::string(EnvelopeString(d, "eventName"));
  if (f.name.empty()) {
    return Status::InvalidArgument("not a CloudTrail API call event: `detail.eventName` is missing");
  }
  if (const json::value* src = d->if_contains("eventSource"); src && !src->is_string()) {
    return Status::InvalidArgument("not a CloudTrail API call event: `detail.eventSource` is not a string");
  }
  f.source = std::string(EnvelopeString(d, "eventSource"));
  f.account = std::string(EnvelopeString(o, "account"));
  if (f.account.empty()) f.account = std::string(EnvelopeString(d, "recipientAccountId"));
  if (f.account.empty()) {
    return Status::InvalidArgument(
        "CloudTrail event without an account: neither `account` nor `detail.recipientAccountId`");
  }
  f.region = std::string(EnvelopeString(o, "region"));
  if (f.region.empty()) f.region = std::string(EnvelopeString(d, "awsRegion"));
  if (f.region.empty()) {
    return Status::InvalidArgument(
        "CloudTrail event without a region: neither `region` nor `detail.awsRegion`");
  }
  std::string_view time = EnvelopeString(o, "time");
  if (time.empty()) time = EnvelopeString(d, "eventTime");
  if (!time.empty()) {
    core::Result<core::Timestamp> t = core::ParseIso8601(time);
    if (t.ok()) f.time = *t;
  }
  f.event_id = std::string(EnvelopeString(d, "eventID"));
  if (const json::value* ec = d->if_contains("errorCode"); ec && !ec->is_null()) {
    f.has_error_code = true;
    f.error_code = ec->is_string() ? std::string(ec->get_string()) : json::serialize(*ec);
  }
  return f;
}

bool Accepts(const definition::EventIdentifierDef& idef, std::string_view v) {
  if (v.empty()) return false;
  if (!idef.prefixes.empty() &&
      std::none_of(idef.prefixes.begin(), idef.prefixes.end(),
                   [&](const std::string& p) { return v.starts_with(p); })) {
    return false;
  }
  return idef.contains.empty() ||
         std::any_of(idef.contains.begin(), idef.contains.end(),
                     [&](const std::string& c) { return v.find(c) != std::string_view::npos; });
}

bool WhenHolds(const definition::EventIdentifierDef& idef, const json::value& detail) {
  if (idef.when.empty()) return true;
  // A present object or list counts too, not only a string.
  const json::value* v = &detail;
  std::string_view rest = idef.when;
  while (v && !rest.empty()) {
    std::size_t dot = rest.find('.');
    std::string_view member = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    if (member.ends_with("[]")) member.remove_suffix(2);
    const json::object* o = v->if_object();
    v = o ? o->if_contains(member) : nullptr;
  }
  return v && !v->is_null();
}

}  // namespace

std::string_view EventActionName(EventAction a) {
  return a == EventAction::kDelete ? "delete" : "upsert";
}

std::string_view IgnoreReasonName(IgnoreReason r) {
  switch (r) {
    case IgnoreReason::kErrorCode: return "error_code";
    case IgnoreReason::kUnmapped: return "unmapped";
    case IgnoreReason::kNoIdentifier: return "no_identifier";
  }
  return "unknown";
}

std::string EventTarget::ResourceKey() const {
  return kind + "|" + account + "|" + region + "|" + id;
}

EventRouter::EventRouter(std::vector<const KindDef*> kinds) : kinds_(std::move(kinds)) {
  for (const KindDef* k : kinds_) {
    for (const EventMappingDef& m : k->events) {
      for (const std::string& name : m.names) {
        by_event_[m.source + ":" + name].push_back(Route_{k, &m});
        std::vector<std::string>& sources = sources_by_name_[name];
        if (std::find(sources.begin(), sources.end(), m.source) == sources.end()) {
          sources.push_back(m.source);
        }
      }
    }
  }
}

EventRouter EventRouter::FromKindTable() {
  std::vector<const KindDef*> defs;
  for (const KindSpec* spec : AllKinds()) {
    if (const KindDef* d = FindKindDefinition(spec->name)) defs.push_back(d);
  }
  return EventRouter(std::move(defs));
}

core::Result<RouteResult> EventRouter::Route(const json::value& envelope) const {
  core::Result<EnvelopeFacts> facts = ReadEnvelope(envelope);
  if (!facts.ok()) return facts.status();
  const EnvelopeFacts& f = *facts;
  RouteResult out;
  std::string event = (f.source.empty() ? "?" : f.source) + ":" + f.name;
  if (f.has_error_code) {
    out.ignored = IgnoreReason::kErrorCode;
    out.reason = event + " failed with " + f.error_code + ": nothing changed";
    return out;
  }
  std::string source = f.source;
  if (source.empty()) {
    // Upstream's fallback: eventName alone, when it is not ambiguous.
    auto it = sources_by_name_.find(f.name);
    if (it != sources_by_name_.end() && it->second.size() == 1) source = it->second.front();
  }
  auto routes = by_event_.find(source + ":" + f.name);
  if (routes == by_event_.end()) {
    out.ignored = IgnoreReason::kUnmapped;
    out.reason = f.source.empty() && sources_by_name_.contains(f.name)
                     ? "event " + f.name + " without eventSource is mapped for several sources"
                     : "no kind maps event " + event;
    return out;
  }
  std::string_view partition = aws::endpoints::PartitionForRegion(f.region).id;
  std::set<std::string> seen;  // kind + id
  std::string tried;
  for (const Route_& r : routes->second) {
    // The first identifier that finds an accepted value names the resources (the others are
    // fallbacks: another spelling, another place).
    for (const definition::EventIdentifierDef& idef : r.mapping->identifiers) {
      if (!WhenHolds(idef, *f.detail)) continue;
      std::vector<std::string> values;
      definition::CollectEventPath(*f.detail, idef.path, values);
      if (!tried.empty()) tried += ", ";
      tried += r.kind->name + " " + idef.path;
      std::erase_if(values, [&](const std::string& v) { return !Accepts(idef, v); });
      if (values.empty()) continue;
      for (const std::string& v : values) {
        std::string id = idef.id_template.empty()
                             ? v
                             : definition::RenderEventString(
                                   idef.id_template,
                                   {.id = v, .partition = partition, .region = f.region,
                                    .account = f.account, .detail = f.detail});
        if (id.empty()) continue;  // a template that renders nothing names no resource
        if (idef.by_name) id = std::string(definition::kByNamePrefix) + id;
        if (!seen.insert(r.kind->name + "\n" + id).second) continue;
        EventTarget t;
        t.kind = r.kind->name;
        t.id = std::move(id);
        t.action = r.mapping->action;
        t.account = f.account;
        t.region = f.region;
        t.event_time = f.time;
        t.event_source = source;
        t.event_name = f.name;
        t.event_id = f.event_id;
        out.targets.push_back(std::move(t));
      }
      break;
    }
  }
  if (out.targets.empty()) {
    out.ignored = IgnoreReason::kNoIdentifier;
    out.reason = "event " + event + " names no resource (looked for " + tried + ")";
  }
  return out;
}

const KindDef* EventRouter::Kind(std::string_view name) const {
  for (const KindDef* k : kinds_) {
    if (k->name == name) return k;
  }
  return nullptr;
}

std::vector<const KindDef*> EventRouter::KindsWithEvents() const {
  std::vector<const KindDef*> out;
  for (const KindDef* k : kinds_) {
    if (!k->events.empty()) out.push_back(k);
  }
  return out;
}

core::Result<json::value> EventRouter::DeleteStub(const EventTarget& target) const {
  const KindDef* k = Kind(target.kind);
  if (!k) return Status::InvalidArgument("unknown kind " + target.kind);
  return BuildDeleteStub(*k, target);
}

json::value BuildDeleteStub(const KindDef& def, const EventTarget& target) {
  definition::EventTemplateVars vars{
      .id = target.id,
      .partition = aws::endpoints::PartitionForRegion(target.region).id,
      .region = target.region,
      .account = target.account};
  json::object stub;
  stub["Type"] = def.name;
  json::object props;
  // A target named by name (get.byName) has no id to build identity properties from: the stub
  // has none, so a name whose fetch finds nothing deletes nothing.
  const bool by_name = def.get && def.get->by_name && target.id.starts_with(definition::kByNamePrefix);
  for (const auto& kv : by_name ? json::object() : def.delete_stub) {
    props[kv.key()] = definition::RenderEventTemplate(kv.value(), vars);
  }
  stub["Properties"] = std::move(props);
  if (def.extra_context != definition::ExtraContextMode::kNone) {
    json::object extra;
    extra["AccountId"] = target.account;
    if (def.extra_context == definition::ExtraContextMode::kAccountRegion) {
      extra["Region"] = target.region;
    }
    stub["__ExtraContext"] = std::move(extra);
  }
  return stub;
}

}  // namespace catalog::events
