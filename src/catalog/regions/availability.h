// Per-kind regional availability: some services do not exist in every region, and calling them
// there fails with a connection error rather than an empty answer. A kind may therefore declare
// the regions it is supported in; the resync intersects the account's allowed regions with it.
//
// An empty supported list means "everywhere" (the kind declares no restriction), so regions newer
// than this data are never dropped for unrestricted kinds.
//
// Thread-safety: immutable static data and pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace catalog::regions {

// Where AWS::MemoryDB::User is listed (upstream `MEMORYDB_SUPPORTED_REGIONS`, plus aws-cn).
extern const std::span<const std::string_view> kMemoryDbRegions;
// Where the SES kinds are listed (upstream `SES_SUPPORTED_REGIONS`, plus two newer regions).
extern const std::span<const std::string_view> kSesRegions;

// The regions of `regions` that appear in `supported`, in the order of `regions`; all of
// `regions` when `supported` is empty.
std::vector<std::string> FilterSupported(std::span<const std::string> regions,
                                         std::span<const std::string_view> supported);

}  // namespace catalog::regions
