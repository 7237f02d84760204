// ProgressDisplay: a resync's live progress and its closing summary.
//
// On a terminal (stderr is a TTY) it redraws one line per resource config — scopes done
// (complete/skipped/failed), resources listed, entities, errors — at most ten times a second.
// Off a terminal it logs one line per finished kind instead. PrintSummary() writes the final
// table (or, with json=true, the report as one JSON document) to `out`.
//
// Thread-safety: an observer called on the resync's event loop only.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "ocean/resync/resync_observer.h"

namespace app {

class ProgressDisplay final : public ocean::ResyncObserver {
 public:
  // live=false: never redraw (plain logs only).
  explicit ProgressDisplay(bool live);

  void OnResyncStarted(const ocean::ResyncReport& report) override;
  void OnKindStarted(const ocean::KindReport& kind) override;
  void OnKindProgress(const ocean::KindReport& kind) override;
  void OnKindFinished(const ocean::KindReport& kind) override;
  void OnResyncFinished(const ocean::ResyncReport& report) override;

  static void PrintSummary(const ocean::ResyncReport& report, std::FILE* out);

 private:
  void Update(const ocean::KindReport& kind);
  void Redraw(bool force);

  bool live_;
  std::vector<ocean::KindReport> rows_;  // by resource index (scopes not copied)
  std::chrono::steady_clock::time_point last_draw_{};
  int drawn_lines_ = 0;
};

// One row of counts for a kind: "complete/skipped/failed" scope counts.
std::string ScopeCounts(const ocean::KindReport& kind);

}  // namespace app
