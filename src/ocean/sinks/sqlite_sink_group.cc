// SqliteSink's group commit (sqlite_sink.h): a resync's upserts share one transaction,
// committed by size or age and before anything that needs the catalog whole (ListOwned, Delete,
// EndResync, live writes, Flush). Why: one commit per batch of <= 100 entities rewrote the same
// B-tree pages into the WAL on every commit and triggered a WAL checkpoint every few hundred
// batches (~15 % of a resync's CPU, issue 13.2).
//
// Correctness: a batch is reported upserted before its group commits. If the group is lost
// (COMMIT fails, or SQLite rolls the transaction back on its own), group_failure_ records it and
// the resync cannot delete anything nor end as completed (sqlite_sink.cc). Nothing of a lost
// group is ever in the file (SQLite's atomicity), so the previous catalog stays valid.
#include "core/log.h"
#include "ocean/sinks/sqlite_sink.h"

namespace ocean {

using core::Status;

void SqliteSink::LoseGroup(const Status& why, long reported) {
  const long lost = reported;
  group_.reset();  // ROLLBACK if SQLite has not already
  group_entities_ = 0;
  if (lost == 0 || !group_failure_.ok()) return;
  group_failure_ =
      Status(why.code(), std::to_string(lost) +
                             " entities reported upserted by this resync were not committed to "
                             "the catalog (nothing is deleted): " +
                             why.message());
  LOG_ERROR("{}", group_failure_.message());
}

Status SqliteSink::CommitGroup(long reported) {
  if (!group_) return Status::Ok();
  Status s = group_->Commit();
  if (!s.ok()) {
    LoseGroup(s, reported);
    return s;
  }
  group_.reset();
  group_entities_ = 0;
  return Status::Ok();
}

Status SqliteSink::CommitGroupSync() {
  (void)CommitGroup(group_entities_);
  return group_failure_;
}

UpsertOutcome SqliteSink::UpsertGroupedSync(const UpsertBatch& batch) {
  UpsertOutcome out;
  if (batch.entities.empty()) return out;
  if (!group_failure_.ok()) {  // the resync already failed; do not pretend to write more
    FailAll(batch, group_failure_, out);
    return out;
  }
  if (!group_) {
    group_.emplace(db_);
    if (!group_->status().ok()) {  // e.g. another process holds the write lock past 5 s
      Status s = group_->status();
      group_.reset();
      FailAll(batch, s, out);
      return out;
    }
    group_began_ = std::chrono::steady_clock::now();
  }
  if (Status s = WriteRows(batch, out); !s.ok()) {
    LoseGroup(s, group_entities_);  // the earlier batches of the group went with it
    FailAll(batch, s, out);
    return out;
  }
  // Entities that failed alone (a row refused) are not in the group; the others are.
  group_entities_ += static_cast<long>(out.upserted.size());
  if (group_entities_ >= options_.group_commit_entities ||
      std::chrono::steady_clock::now() - group_began_ >= options_.group_commit_interval) {
    // This batch is reported failed if the commit fails; the earlier ones (if any) are lost
    // with it and fail the resync.
    const long before = group_entities_ - static_cast<long>(out.upserted.size());
    if (Status s = CommitGroup(before); !s.ok()) FailAll(batch, s, out);
  }
  return out;
}

}  // namespace ocean
