// The page size ocean-aws asks for on every pageable call.
//
// AWS bills a page, not an item, against its throttling buckets (EC2 even draws unpaginated
// describes from a smaller bucket), so we always send the operation's limit key with the
// largest value the API accepts: the model's `max` when it has one, else the documented maximum
// from a small table, else a conservative 100 (inside every documented range we know of).
//
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string_view>

#include "aws/model/service_model.h"

namespace aws::pagination {

// Returns the page size for `op`, or nullopt when the operation has no limit key.
std::optional<long> DefaultPageSize(const model::ServiceModel& service, const model::Operation& op);

}  // namespace aws::pagination
