// ResyncObserver: live notifications from a running resync, for progress displays and metrics.
//
// Calls arrive on the resync's event loop, in order per kind; the KindReport passed is the
// kind's report so far (counts grow, scopes are appended as they end). Observers must not block.
//
// Thread-safety: called from the event loop's thread only.
#pragma once

#include "ocean/resync/resync_report.h"

namespace ocean {

class ResyncObserver {
 public:
  virtual ~ResyncObserver() = default;
  virtual void OnResyncStarted(const ResyncReport& report) {}
  virtual void OnKindStarted(const KindReport& kind) {}
  virtual void OnKindProgress(const KindReport& kind) {}  // after a batch or a scope
  virtual void OnKindFinished(const KindReport& kind) {}
  virtual void OnResyncFinished(const ResyncReport& report) {}
};

}  // namespace ocean
