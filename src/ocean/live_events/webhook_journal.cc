// See webhook_journal.h.
#include "ocean/live_events/webhook_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/log.h"
#include "ocean/live_events/journal_file.h"

namespace ocean::live_events {

using core::Result;
using core::Status;

using journal_file::Crc;
using journal_file::Errno;
using journal_file::GetLE;
using journal_file::kHeader;
using journal_file::PutU64;
using journal_file::ReadAll;
using journal_file::SyncDirectoryOf;
using journal_file::WriteAll;

Result<std::unique_ptr<WebhookJournal>> WebhookJournal::Open(WebhookJournalOptions options,
                                                             std::vector<Entry>* unapplied) {
  std::unique_ptr<WebhookJournal> j(new WebhookJournal(std::move(options)));
  const std::string& path = j->options_.path;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::InvalidArgument("cannot create the live-event journal's directory " +
                                   dir.string() + ": " + ec.message());
  }
  Result<std::string> data = ReadAll(path);
  if (!data.ok()) return data.status();
  std::string_view rest = *data;
  std::size_t offset = 0;
  std::uint64_t max_seq = 0;
  while (!rest.empty()) {
    std::string why;
    if (rest.size() < kHeader) {
      why = "a record header cut short";
    } else {
      const char type = rest[0];
      const std::size_t len = static_cast<std::size_t>(GetLE(rest.substr(1), 4));
      const std::uint32_t crc = static_cast<std::uint32_t>(GetLE(rest.substr(5), 4));
      if (type != 'E' && type != 'A') {
        why = "an unknown record type";
      } else if (len > rest.size() - kHeader) {
        why = "a record cut short (" + std::to_string(rest.size() - kHeader) + " of " +
              std::to_string(len) + " bytes)";
      } else if (len < 8) {
        why = "a record too short for its sequence number";
      } else if (Crc(type, rest.substr(kHeader, len)) != crc) {
        why = "a record whose checksum does not match";
      } else {
        std::string_view payload = rest.substr(kHeader, len);
        std::uint64_t seq = GetLE(payload, 8);
        if (type == 'E') {
          std::string body(payload.substr(8));
          j->pending_bytes_ += body.size();
          j->pending_[seq] = std::move(body);
          if (seq > max_seq) max_seq = seq;
        } else if (auto it = j->pending_.find(seq); it != j->pending_.end()) {
          j->pending_bytes_ -= it->second.size();
          j->pending_.erase(it);
        }
        rest.remove_prefix(kHeader + len);
        offset += kHeader + len;
        continue;
      }
    }
    LOG_WARN("live-event journal {}: {} at byte {} (a write cut off by a crash); it and the "
             "{} byte(s) after it are ignored",
             path, why, offset, rest.size());
    break;
  }
  j->next_seq_ = max_seq + 1;
  // Rewrite with only the unapplied events: drops the torn tail and the applied ones.
  Status st = j->Rewrite();
  if (!st.ok()) return st;
  if (unapplied) {
    for (const auto& [seq, body] : j->pending_) unapplied->push_back(Entry{seq, body});
  }
  if (!j->pending_.empty()) {
    LOG_INFO("live-event journal {}: {} event(s) accepted but not applied before the last stop; "
             "applying them now",
             path, j->pending_.size());
  }
  return j;
}

WebhookJournal::~WebhookJournal() {
  if (fd_ >= 0) ::close(fd_);
}

Status WebhookJournal::Sync() {
  const int rc = options_.sync ? options_.sync(fd_) : ::fdatasync(fd_);
  if (rc != 0) {
    return Status::Unavailable(Errno("cannot sync the live-event journal", options_.path));
  }
  return Status::Ok();
}

Status WebhookJournal::WriteRecord(char type, std::string_view payload, bool sync) {
  std::string rec = EncodeJournalRecord(type, payload);
  Status st = WriteAll(fd_, rec, options_.path);
  if (!st.ok()) return st;
  file_bytes_ += rec.size();
  return sync ? Sync() : Status::Ok();
}

Result<std::uint64_t> WebhookJournal::Append(std::string_view body) {
  std::vector<Result<std::uint64_t>> one = AppendGroup(std::span<const std::string_view>(&body, 1));
  return std::move(one.front());
}

std::vector<Result<std::uint64_t>> WebhookJournal::AppendGroup(
    std::span<const std::string_view> bodies) {
  std::vector<Result<std::uint64_t>> out;
  out.reserve(bodies.size());
  std::string records;
  std::size_t group_bytes = 0;  // bodies of this group accepted so far
  for (std::string_view body : bodies) {
    if (pending_bytes_ + group_bytes + body.size() > options_.max_bytes) {
      out.emplace_back(Status::Unavailable(
          "the live-event journal is full (" + std::to_string(pending_bytes_ + group_bytes) +
          " bytes of events not yet applied, at most " + std::to_string(options_.max_bytes) +
          ")"));
      continue;
    }
    const std::uint64_t seq = next_seq_++;
    std::string payload;
    payload.reserve(8 + body.size());
    PutU64(payload, seq);
    payload.append(body);
    records += EncodeJournalRecord('E', payload);
    group_bytes += body.size();
    out.emplace_back(seq);
  }
  if (records.empty()) return out;
  const std::size_t before = file_bytes_;
  Status st = WriteAll(fd_, records, options_.path);
  if (st.ok()) {
    file_bytes_ += records.size();
    st = Sync();
  }
  if (!st.ok()) {
    // Nothing of the group is durable: cut it off, so that no later append follows a half
    // record and a restart does not replay events whose sender was told to retry.
    if (::ftruncate(fd_, static_cast<off_t>(before)) == 0) {
      file_bytes_ = before;
    } else {
      LOG_WARN("live-event journal {}: cannot cut off a failed append ({}); its events may be "
               "applied again after a restart",
               options_.path, std::strerror(errno));
    }
    for (Result<std::uint64_t>& r : out) {
      if (r.ok()) r = st;
    }
    return out;
  }
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    if (!out[i].ok()) continue;
    pending_[*out[i]] = std::string(bodies[i]);
    pending_bytes_ += bodies[i].size();
  }
  return out;
}

void WebhookJournal::MarkApplied(std::uint64_t seq) {
  auto it = pending_.find(seq);
  if (it == pending_.end()) return;
  pending_bytes_ -= it->second.size();
  pending_.erase(it);
  std::string payload;
  PutU64(payload, seq);
  Status st = WriteRecord('A', payload, /*sync=*/false);
  if (!st.ok()) {
    LOG_WARN("{} (the event may be applied again after a restart)", st.message());
  }
  const std::size_t needed = pending_bytes_ + pending_.size() * (kHeader + 8);
  if (file_bytes_ > options_.compact_bytes && file_bytes_ > 2 * needed) {
    Status c = Rewrite();
    if (!c.ok()) LOG_WARN("live-event journal compaction failed: {}", c.message());
  }
}

Status WebhookJournal::Rewrite() {
  const std::string tmp = options_.path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::InvalidArgument(Errno("cannot write the live-event journal", tmp));
  std::size_t bytes = 0;
  for (const auto& [seq, body] : pending_) {
    std::string payload;
    PutU64(payload, seq);
    payload.append(body);
    std::string rec = EncodeJournalRecord('E', payload);
    Status st = WriteAll(fd, rec, tmp);
    if (!st.ok()) {
      ::close(fd);
      return st;
    }
    bytes += rec.size();
  }
  if (::fsync(fd) != 0) {
    Status st = Status::Unavailable(Errno("cannot sync the live-event journal", tmp));
    ::close(fd);
    return st;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), options_.path.c_str()) != 0) {
    return Status::InvalidArgument(Errno("cannot replace the live-event journal", options_.path));
  }
  SyncDirectoryOf(options_.path);
  int nfd = ::open(options_.path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (nfd < 0) {
    return Status::InvalidArgument(Errno("cannot open the live-event journal", options_.path));
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = nfd;
  file_bytes_ = bytes;
  return Status::Ok();
}

}  // namespace ocean::live_events
