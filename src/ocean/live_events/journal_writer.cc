// See journal_writer.h.
#include "ocean/live_events/journal_writer.h"

#include <string_view>

namespace ocean::live_events {

using core::Result;
using core::Status;

JournalWriter::JournalWriter(std::unique_ptr<WebhookJournal> journal)
    : journal_(std::move(journal)), path_(journal_->path()) {
  thread_ = std::thread([this] { Loop(); });
}

JournalWriter::~JournalWriter() { Stop(); }

void JournalWriter::Append(std::string body, Done done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      appends_.push_back(Request{std::move(body), std::move(done)});
      ++queued_;
      cv_.notify_one();
      return;
    }
  }
  done(Status::Unavailable("the live-event journal " + path_ + " is closed (shutting down)"));
}

void JournalWriter::MarkApplied(std::uint64_t seq) {
  std::lock_guard lock(mu_);
  if (finished_) return;  // after Stop(): the event is replayed at the next start (harmless)
  marks_.push_back(seq);
  ++queued_;
  cv_.notify_one();
}

void JournalWriter::Flush() {
  std::unique_lock lock(mu_);
  const std::uint64_t target = queued_;
  idle_cv_.wait(lock, [&] { return written_ >= target || finished_; });
}

void JournalWriter::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::size_t JournalWriter::unapplied() const {
  std::lock_guard lock(io_mu_);
  return journal_->unapplied();
}

std::uint64_t JournalWriter::groups() const {
  std::lock_guard lock(io_mu_);
  return groups_;
}

std::uint64_t JournalWriter::appended() const {
  std::lock_guard lock(io_mu_);
  return appended_;
}

void JournalWriter::Loop() {
  for (;;) {
    std::deque<Request> appends;
    std::vector<std::uint64_t> marks;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !appends_.empty() || !marks_.empty(); });
      if (appends_.empty() && marks_.empty()) {  // stopping, and everything written
        finished_ = true;
        idle_cv_.notify_all();
        return;
      }
      appends.swap(appends_);
      marks.swap(marks_);
    }
    std::vector<Result<std::uint64_t>> results;
    {
      std::lock_guard io(io_mu_);
      for (std::uint64_t seq : marks) journal_->MarkApplied(seq);
      if (!appends.empty()) {
        std::vector<std::string_view> bodies;
        bodies.reserve(appends.size());
        for (const Request& r : appends) bodies.emplace_back(r.body);
        results = journal_->AppendGroup(bodies);
        ++groups_;
        appended_ += appends.size();
      }
    }
    for (std::size_t i = 0; i < appends.size(); ++i) {
      if (appends[i].done) appends[i].done(std::move(results[i]));
    }
    {
      std::lock_guard lock(mu_);
      written_ += appends.size() + marks.size();
    }
    idle_cv_.notify_all();
  }
}

}  // namespace ocean::live_events
