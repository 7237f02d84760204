// JournalWriter: the webhook journal (webhook_journal.h) on a writer thread of its own, so that
// the durable write of an accepted event never blocks the HTTP server's event loop.
//
// Group commit: Append() queues a body and returns at once; the writer thread takes EVERY body
// queued so far, writes them with one write() and one fdatasync (WebhookJournal::AppendGroup),
// and only then completes each one — with its sequence number, or with the error (a full
// journal, a failed write or sync: kUnavailable) when it is not durable. While one group syncs,
// the next one gathers, so N concurrent events cost about one sync per disk round trip instead
// of N. MarkApplied() queues a mark; marks are written (unsynced, as before) by the writer thread
// ahead of its next group. Completions run on the writer thread; AsyncAppend() resumes the
// awaiting coroutine on its own executor (the webhook answers 200 only after that).
//
// Stop() (also the destructor) writes what is queued, completes every append and joins; later
// appends fail at once with kUnavailable ("shutting down").
//
// Thread-safety: every public member may be called from any thread. The journal itself is
// touched by the writer thread only (and by the accessors, under the same lock).
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "ocean/live_events/webhook_journal.h"

namespace ocean::live_events {

class JournalWriter {
 public:
  using Done = std::function<void(core::Result<std::uint64_t>)>;

  explicit JournalWriter(std::unique_ptr<WebhookJournal> journal);
  ~JournalWriter();  // Stop()
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Queues `body`; `done` runs once on the writer thread after the body's group is synced (or
  // failed). Never blocks on the disk.
  void Append(std::string body, Done done);
  // Queues the "applied" mark of `seq` (written ahead of the next group, without a sync).
  void MarkApplied(std::uint64_t seq);
  // Waits until everything queued before the call is written (tests; shutdown).
  void Flush();
  void Stop();

  const std::string& path() const { return path_; }
  // The journal's state and the writer's counters (they wait for a group being written).
  std::size_t unapplied() const;
  std::uint64_t groups() const;    // AppendGroup calls (one sync each)
  std::uint64_t appended() const;  // bodies given to AppendGroup

 private:
  struct Request {
    std::string body;
    Done done;
  };
  void Loop();

  std::unique_ptr<WebhookJournal> journal_;
  const std::string path_;
  mutable std::mutex mu_;  // the queues and flags below
  std::condition_variable cv_, idle_cv_;
  std::deque<Request> appends_;
  std::vector<std::uint64_t> marks_;
  bool stopping_ = false;
  bool finished_ = false;      // the writer thread has written everything and ended
  std::uint64_t queued_ = 0;   // requests (appends + marks) queued so far
  std::uint64_t written_ = 0;  // requests written (their group done), in queue order
  mutable std::mutex io_mu_;  // the journal and the counters below
  std::uint64_t groups_ = 0;
  std::uint64_t appended_ = 0;
  std::thread thread_;
};

// Appends `body` on `writer` and completes `token` (e.g. boost::asio::use_awaitable) with the
// Result<seq> on the token's associated executor.
template <typename Token>
auto AsyncAppend(JournalWriter& writer, std::string body, Token&& token) {
  return boost::asio::async_initiate<Token, void(core::Result<std::uint64_t>)>(
      [&writer](auto handler, std::string body) {
        auto executor = boost::asio::get_associated_executor(handler);
        using Handler = decltype(handler);
        auto shared = std::make_shared<Handler>(std::move(handler));
        auto work = std::make_shared<decltype(boost::asio::make_work_guard(executor))>(
            boost::asio::make_work_guard(executor));
        writer.Append(std::move(body), [shared, work, executor](core::Result<std::uint64_t> r) {
          boost::asio::post(executor, [shared, work, r = std::move(r)]() mutable {
            (*shared)(std::move(r));
            work->reset();
          });
        });
      },
      token, std::move(body));
}

}  // namespace ocean::live_events
