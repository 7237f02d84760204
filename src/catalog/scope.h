// The outcome of one scope — one (kind, account, region) — of a resync.
//
// complete: every resource of the scope was listed (enrichment errors, if any, are counted);
// skipped:  the scope is not accessible (access denied, region not opted in, credentials not
//           valid there): nothing to export, not an error of ours;
// failed:   the listing broke off; what was emitted is partial.
// Deleting stale entities is only safe for kinds whose scopes are all complete or skipped.
//
// Thread-safety: a plain value.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace catalog {

enum class ScopeState { kComplete, kSkipped, kFailed };

std::string_view ScopeStateName(ScopeState state);

struct ScopeOutcome {
  std::string kind;
  std::string account_id;
  std::string region;  // "" for account-level kinds
  ScopeState state = ScopeState::kComplete;
  core::Status error;  // why skipped or failed; OK when complete
  long resources = 0;
  long enrichment_errors = 0;
};

// skipped for access-denied kinds of errors (PermissionDenied: AccessDenied, OptInRequired,
// UnrecognizedClientException, AuthFailure, ...), failed for everything else.
ScopeState StateForListingError(const core::Status& error);

}  // namespace catalog
