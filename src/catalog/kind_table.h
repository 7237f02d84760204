// The kind table: every resource kind ocean-aws exports. kind_table.cc is the only list.
//
// Thread-safety: immutable.
#pragma once

#include <span>
#include <string_view>

#include "catalog/kind.h"

namespace catalog {

std::span<const KindSpec* const> AllKinds();
// nullptr when unknown.
const KindSpec* FindKind(std::string_view name);

}  // namespace catalog
