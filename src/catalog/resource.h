// A resource as it moves through a kind's pipeline, and the envelope it leaves in.
//
// Resource.id is the resource's identity within its (account, region, kind) scope — an ARN, a
// URL or an id — and is how action results are merged: never by list position, so a failed
// enrichment can never shift data onto another resource.
//
// The envelope is upstream's: {"Type": kind, "Properties": {...}, "__ExtraContext": {...}}, with
// __ExtraContext absent when empty.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"

namespace catalog {

struct Resource {
  std::string id;
  json::object properties;     // what the listing itself contributes (may be empty)
  json::object extra_context;  // AccountId, Region and kind-specific extras
  // Where the listing found the resource, for the kind's own actions only (never emitted):
  // "parent" (the parent listing's item) and "item" (the listed item), when the kind uses them.
  json::object origin;
};

json::value MakeEnvelope(std::string_view kind, json::object properties, json::object extra);

}  // namespace catalog
