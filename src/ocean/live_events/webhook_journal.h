// WebhookJournal: the webhook's durable intake. An accepted event is appended to an append-only
// file and synced (write + fdatasync) before the webhook answers, so a process killed after the
// answer (SIGKILL, a crash, a power cut) still applies it: the next start replays every event not
// yet marked applied, in the order they were accepted.
//
// File format: records one after another, each
//   [type: 1 byte 'E' | 'A'] [payload length: u32 LE] [CRC-32 of type + payload: u32 LE] [payload]
// 'E' (event): u64 LE sequence number, then the webhook's body as received.
// 'A' (applied): u64 LE sequence number of an event whose change is in the sink. Marks are
// written without a sync: a mark lost in a crash replays its event, which is harmless.
// A torn or corrupt record (a crash in the middle of a write) ends the journal: Open logs it,
// ignores it and everything after it, and cuts the file there.
//
// Bounds: the bodies of unapplied events may take at most `max_bytes` (Append answers
// kUnavailable beyond: the webhook answers 503 and EventBridge retries). Compaction: when
// the file is larger than `compact_bytes` and more than twice what its unapplied events need, it
// is rewritten with only those (temporary file, fsync, rename, fsync of the directory); also
// once at Open.
//
// Group commit: AppendGroup writes several events with one write and one sync (journal_writer.h
// runs it on its own thread, so the webhook's event loop never waits for the disk).
//
// Thread-safety: not thread-safe; one thread at a time (JournalWriter's writer thread in `sail`).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ocean::live_events {

struct WebhookJournalOptions {
  std::string path;
  std::size_t max_bytes = 64u << 20;      // unapplied event bodies
  std::size_t compact_bytes = 4u << 20;   // file size from which compaction is considered
  // The durability call after an append (default ::fdatasync); tests inject failures. Returns
  // 0 or -1 with errno set.
  std::function<int(int fd)> sync;
};

class WebhookJournal {
 public:
  struct Entry {
    std::uint64_t seq = 0;
    std::string body;
  };

  // Opens (creating the file and its directory) and reads the journal; `unapplied` receives the
  // events not marked applied, oldest first. An unreadable or unwritable file is an error naming
  // the path.
  static core::Result<std::unique_ptr<WebhookJournal>> Open(WebhookJournalOptions options,
                                                            std::vector<Entry>* unapplied);
  ~WebhookJournal();
  WebhookJournal(const WebhookJournal&) = delete;
  WebhookJournal& operator=(const WebhookJournal&) = delete;

  // Appends one event and syncs it; its sequence number. kUnavailable when full (the message
  // says so) or when the write fails (the event is then not accepted).
  core::Result<std::uint64_t> Append(std::string_view body);
  // Appends `bodies` with ONE write and ONE sync; one result per body, in order. A body that
  // does not fit is refused alone (kUnavailable, "journal is full"); when the write or the sync
  // fails, every body of the group fails with that error and the group is cut off the file
  // again (none of them is claimed durable, none is replayed).
  std::vector<core::Result<std::uint64_t>> AppendGroup(std::span<const std::string_view> bodies);
  // The event's change is in the sink (or it was given up): it will not be replayed. Unknown or
  // repeated sequence numbers are ignored.
  void MarkApplied(std::uint64_t seq);

  std::size_t unapplied() const { return pending_.size(); }
  std::size_t unapplied_bytes() const { return pending_bytes_; }
  std::size_t file_bytes() const { return file_bytes_; }
  const std::string& path() const { return options_.path; }

 private:
  explicit WebhookJournal(WebhookJournalOptions options) : options_(std::move(options)) {}
  core::Status Rewrite();  // compaction: only the unapplied events
  core::Status WriteRecord(char type, std::string_view payload, bool sync);
  core::Status Sync();

  WebhookJournalOptions options_;
  int fd_ = -1;
  std::uint64_t next_seq_ = 1;
  std::map<std::uint64_t, std::string> pending_;
  std::size_t pending_bytes_ = 0;
  std::size_t file_bytes_ = 0;
};

// The record encoding, for tests that build journals by hand.
std::string EncodeJournalRecord(char type, std::string_view payload);

}  // namespace ocean::live_events
