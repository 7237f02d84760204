// The EventRouter of the product: the kind table's event mappings (catalog/events) behind the
// ocean::live_events::EventRouter interface.
//
// Thread-safety: the router is immutable; Route may be called from any thread.
#pragma once

#include <memory>

#include "ocean/live_events/event_types.h"

namespace ocean::live_events {

std::unique_ptr<EventRouter> MakeCatalogRouter();

}  // namespace ocean::live_events
