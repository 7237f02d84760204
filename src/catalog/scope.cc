#include "catalog/scope.h"

namespace catalog {

std::string_view ScopeStateName(ScopeState state) {
  switch (state) {
    case ScopeState::kComplete: return "complete";
    case ScopeState::kSkipped: return "skipped";
    case ScopeState::kFailed: return "failed";
  }
  return "unknown";
}

ScopeState StateForListingError(const core::Status& error) {
  return error.code() == core::StatusCode::kPermissionDenied ? ScopeState::kSkipped
                                                             : ScopeState::kFailed;
}

}  // namespace catalog
