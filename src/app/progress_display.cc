#include "app/progress_display.h"

#include <fmt/format.h>

#include "core/log.h"

namespace app {

namespace {

// Item-level problems: mapping failures, rejected upserts, failed enrichment calls, and a
// kind-level error. Failed scopes show in the scope column.
long Errors(const ocean::KindReport& k) {
  return k.failed_items + k.upsert_failed + k.enrichment_errors + (k.error.ok() ? 0 : 1);
}

std::string Row(const ocean::KindReport& k, const std::string& state) {
  return fmt::format("{:<3} {:<28} {:>17} {:>10} {:>9} {:>7}  {}", k.index, k.kind, ScopeCounts(k),
                     k.raw, k.entities, Errors(k), state);
}

std::string Header() {
  return fmt::format("{:<3} {:<28} {:>17} {:>10} {:>9} {:>7}  {}", "#", "kind",
                     "scopes ok/skip/fail", "resources", "entities", "errors", "state");
}

}  // namespace

std::string ScopeCounts(const ocean::KindReport& kind) {
  return fmt::format("{}/{}/{}", kind.scopes_complete, kind.scopes_skipped, kind.scopes_failed);
}

ProgressDisplay::ProgressDisplay(bool live) : live_(live) {}

void ProgressDisplay::OnResyncStarted(const ocean::ResyncReport&) {
  rows_.clear();
  drawn_lines_ = 0;
}

void ProgressDisplay::Update(const ocean::KindReport& kind) {
  if (kind.index < 0) return;
  std::size_t i = static_cast<std::size_t>(kind.index);
  if (rows_.size() <= i) rows_.resize(i + 1);
  // Only the counts: copying the scope list on every event is quadratic in scopes (17,000 per
  // regional kind at 1,000 accounts x 17 regions).
  ocean::KindReport& row = rows_[i];
  row.index = kind.index;
  row.kind = kind.kind;
  row.raw = kind.raw;
  row.entities = kind.entities;
  row.failed_items = kind.failed_items;
  row.upsert_failed = kind.upsert_failed;
  row.enrichment_errors = kind.enrichment_errors;
  row.error = kind.error;
  row.scopes_complete = kind.scopes_complete;
  row.scopes_skipped = kind.scopes_skipped;
  row.scopes_failed = kind.scopes_failed;
}

void ProgressDisplay::OnKindStarted(const ocean::KindReport& kind) {
  Update(kind);
  Redraw(true);
}

void ProgressDisplay::OnKindProgress(const ocean::KindReport& kind) {
  Update(kind);
  Redraw(false);
}

void ProgressDisplay::OnKindFinished(const ocean::KindReport& kind) {
  Update(kind);
  if (live_) {
    Redraw(true);
    return;
  }
  LOG_INFO("kind {} ({}): scopes {} (ok/skipped/failed), {} resources, {} entities, {} errors{}",
           kind.kind, kind.index, ScopeCounts(kind), kind.raw, kind.entities, Errors(kind),
           kind.error.ok() ? "" : ": " + kind.error.message());
}

void ProgressDisplay::OnResyncFinished(const ocean::ResyncReport&) {
  if (live_) Redraw(true);
}

void ProgressDisplay::Redraw(bool force) {
  if (!live_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  std::string out;
  if (drawn_lines_ > 0) out += fmt::format("\x1b[{}A", drawn_lines_);  // back to the top
  out += "\x1b[2K" + Header() + "\n";
  int lines = 1;
  for (const ocean::KindReport& k : rows_) {
    if (k.kind.empty()) continue;
    out += "\x1b[2K" + Row(k, "") + "\n";
    ++lines;
  }
  drawn_lines_ = lines;
  std::fputs(out.c_str(), stderr);
  std::fflush(stderr);
}

void ProgressDisplay::PrintSummary(const ocean::ResyncReport& report, std::FILE* out) {
  std::string s = "\n" + Header() + "\n";
  for (const ocean::KindReport& k : report.kinds) {
    std::string state = k.complete() ? "complete" : "incomplete";
    if (!k.error.ok()) state += ": " + k.error.message();
    s += Row(k, state) + "\n";
  }
  const ocean::ReconcileReport& r = report.reconcile;
  s += "\nreconciliation: ";
  if (r.ran) {
    s += fmt::format("{} owned, {} stale, {} deleted", r.owned, r.stale, r.deleted.deleted);
    if (r.deleted.failed) s += fmt::format(", {} failed to delete", r.deleted.failed);
    if (r.protected_stale) s += fmt::format(", {} kept (incomplete kinds)", r.protected_stale);
    if (r.deleted.kept_as_relation_targets) {
      s += fmt::format(", {} kept as relation targets", r.deleted.kept_as_relation_targets);
    }
  } else {
    s += "nothing deleted";
    if (!r.skipped_reason.empty()) s += " (" + r.skipped_reason + ")";
  }
  double seconds =
      std::chrono::duration<double>(report.finished_at - report.started_at).count();
  s += fmt::format("\nresync {}: {} in {:.1f}s", report.resync_id,
                   ocean::ResyncStatusName(report.status), seconds);
  if (!report.message.empty()) s += " (" + report.message + ")";
  s += "\n";
  std::fputs(s.c_str(), out);
  std::fflush(out);
}

}  // namespace app
