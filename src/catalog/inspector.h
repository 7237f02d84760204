// Inspect: runs a batch's selected actions concurrently and merges their results per resource
// by identity (Resource.id), never by position. On a key collision the later action wins
// (defaults first, then options, as upstream). A failing action costs only its own
// enrichment: it is logged, counted, and every resource is still emitted with the rest.
// An action naming earlier selected actions in ActionSpec::after runs in a later stage, on the
// batch with those actions' results merged (ActionStages); the others run at once.
//
// Thread-safety: a coroutine on the resync's event loop.
#pragma once

#include <span>
#include <vector>

#include "catalog/kind.h"

namespace catalog {

// The stage of each action: 0, or one more than the latest earlier action it runs after.
std::vector<std::size_t> ActionStages(std::span<const ActionSpec* const> actions);

boost::asio::awaitable<std::vector<json::value>> Inspect(const KindSpec& kind, ActionContext& ctx,
                                                         std::vector<Resource> batch,
                                                         std::span<const ActionSpec* const> actions);

}  // namespace catalog
