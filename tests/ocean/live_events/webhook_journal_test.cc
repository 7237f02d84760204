// WebhookJournal: what is appended and not marked applied is replayed in order after a reopen;
// a torn last record (a crash mid-write) is ignored and cut off; compaction keeps only the
// unapplied events; the size bound refuses appends.
#include "ocean/live_events/webhook_journal.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ocean::live_events {
namespace {

namespace fs = std::filesystem;

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("journal-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "state" / "webhook.journal").string();  // the directory is created
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<WebhookJournal> Open(std::vector<WebhookJournal::Entry>* out,
                                       WebhookJournalOptions o = {}) {
    o.path = path_;
    auto j = WebhookJournal::Open(o, out);
    EXPECT_TRUE(j.ok()) << j.status().ToString();
    return j.ok() ? std::move(*j) : nullptr;
  }
  std::string FileBytes() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path dir_;
  std::string path_;
};

// Captures what is logged while alive.
class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)) {
    spdlog::default_logger()->sinks().push_back(sink_);
  }
  ~LogCapture() {
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

std::vector<std::string> Bodies(const std::vector<WebhookJournal::Entry>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(e.body);
  return out;
}

TEST_F(JournalTest, ReplaysUnappliedEventsInOrderAfterReopen) {
  {
    auto j = Open(nullptr);
    ASSERT_NE(j, nullptr);
    auto a = j->Append(R"({"n":1})");
    auto b = j->Append(R"({"n":2})");
    auto c = j->Append(R"({"n":3})");
    auto d = j->Append(R"({"n":4})");
    ASSERT_TRUE(a.ok() && b.ok() && c.ok() && d.ok());
    EXPECT_LT(*a, *b);
    j->MarkApplied(*b);  // applied out of order: 1, 3, 4 remain
    j->MarkApplied(*b);  // twice: ignored
    EXPECT_EQ(j->unapplied(), 3u);
  }  // "killed": nothing else written
  std::vector<WebhookJournal::Entry> replay;
  auto j = Open(&replay);
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(Bodies(replay), (std::vector<std::string>{R"({"n":1})", R"({"n":3})", R"({"n":4})"}));
  // New events get sequence numbers after the replayed ones, and marks of replayed ones stick.
  auto e = j->Append(R"({"n":5})");
  ASSERT_TRUE(e.ok());
  EXPECT_GT(*e, replay.back().seq);
  j->MarkApplied(replay.front().seq);
  j.reset();
  std::vector<WebhookJournal::Entry> again;
  ASSERT_NE(Open(&again), nullptr);
  EXPECT_EQ(Bodies(again), (std::vector<std::string>{R"({"n":3})", R"({"n":4})", R"({"n":5})"}));
}

TEST_F(JournalTest, TornLastRecordIsIgnoredAndCutOff) {
  {
    auto j = Open(nullptr);
    ASSERT_TRUE(j->Append("first").ok());
    ASSERT_TRUE(j->Append("second").ok());
  }
  const std::string whole = FileBytes();
  // A crash in the middle of the third record's write: header and part of its payload.
  std::string third = EncodeJournalRecord('E', std::string(8, '\3') + "third-event-body");
  {
    std::ofstream out(path_, std::ios::binary | std::ios::app);
    out << third.substr(0, third.size() - 5);
  }
  std::vector<WebhookJournal::Entry> replay;
  LogCapture capture;
  auto j = Open(&replay);
  std::string log = capture.str();
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(Bodies(replay), (std::vector<std::string>{"first", "second"}));
  EXPECT_NE(log.find("cut short"), std::string::npos) << log;
  EXPECT_NE(log.find(path_), std::string::npos) << log;
  EXPECT_EQ(FileBytes(), whole);  // the torn tail is gone: the next append follows a whole record
  ASSERT_TRUE(j->Append("fourth").ok());
  j.reset();
  std::vector<WebhookJournal::Entry> again;
  ASSERT_NE(Open(&again), nullptr);
  EXPECT_EQ(Bodies(again), (std::vector<std::string>{"first", "second", "fourth"}));
}

TEST_F(JournalTest, CorruptRecordEndsTheJournal) {
  {
    auto j = Open(nullptr);
    ASSERT_TRUE(j->Append("good").ok());
    ASSERT_TRUE(j->Append("flipped").ok());
    ASSERT_TRUE(j->Append("after").ok());
  }
  std::string bytes = FileBytes();
  const std::size_t at = bytes.find("flipped");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'F';  // the checksum no longer matches
  {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  std::vector<WebhookJournal::Entry> replay;
  LogCapture capture;
  ASSERT_NE(Open(&replay), nullptr);
  std::string log = capture.str();
  EXPECT_EQ(Bodies(replay), (std::vector<std::string>{"good"}));
  EXPECT_NE(log.find("checksum"), std::string::npos) << log;
}

TEST_F(JournalTest, CompactionKeepsOnlyUnappliedEvents) {
  WebhookJournalOptions o;
  o.compact_bytes = 4096;
  auto j = Open(nullptr, o);
  ASSERT_NE(j, nullptr);
  const std::string body(200, 'x');
  std::uint64_t keep = 0;
  std::size_t largest = 0;
  for (int i = 0; i < 200; ++i) {
    auto s = j->Append(body + std::to_string(i));
    ASSERT_TRUE(s.ok());
    if (i == 7) {
      keep = *s;  // never applied
    } else {
      j->MarkApplied(*s);
    }
    largest = std::max(largest, j->file_bytes());
  }
  // Without compaction 200 events of ~200 bytes would be ~45 KB.
  EXPECT_LE(largest, 2 * o.compact_bytes + 1024);
  EXPECT_LE(fs::file_size(path_), 2 * o.compact_bytes + 1024);
  EXPECT_EQ(j->unapplied(), 1u);
  j.reset();
  std::vector<WebhookJournal::Entry> replay;
  ASSERT_NE(Open(&replay, o), nullptr);
  ASSERT_EQ(replay.size(), 1u);
  EXPECT_EQ(replay[0].seq, keep);
  EXPECT_EQ(replay[0].body, body + "7");
  // Reopening rewrote the file with only that event.
  EXPECT_LT(fs::file_size(path_), 400u);
}

TEST_F(JournalTest, FullJournalRefusesWithAClearMessageUntilEventsAreApplied) {
  WebhookJournalOptions o;
  o.max_bytes = 100;
  auto j = Open(nullptr, o);
  ASSERT_NE(j, nullptr);
  auto a = j->Append(std::string(60, 'a'));
  ASSERT_TRUE(a.ok());
  auto b = j->Append(std::string(60, 'b'));
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("journal is full"), std::string::npos)
      << b.status().message();
  j->MarkApplied(*a);
  EXPECT_TRUE(j->Append(std::string(60, 'c')).ok());
}

TEST_F(JournalTest, UnwritableLocationIsAnErrorNamingThePath) {
  fs::create_directories(dir_);
  {
    std::ofstream blocker(dir_ / "state");  // a file where the directory should be
  }
  WebhookJournalOptions o;
  o.path = path_;
  auto j = WebhookJournal::Open(o, nullptr);
  ASSERT_FALSE(j.ok());
  EXPECT_NE(j.status().message().find((dir_ / "state").string()), std::string::npos)
      << j.status().message();
}

// Group commit: one write and one sync for the whole group; a body beyond the bound is refused
// alone; what was accepted is replayed after a reopen, in order.
TEST_F(JournalTest, AGroupIsOneSyncAndABodyBeyondTheBoundIsRefusedAlone) {
  int syncs = 0;
  WebhookJournalOptions o;
  o.max_bytes = 150;
  o.sync = [&syncs](int fd) {
    ++syncs;
    return ::fdatasync(fd);
  };
  {
    auto j = Open(nullptr, o);
    ASSERT_NE(j, nullptr);
    const std::string a(60, 'a'), b(60, 'b'), c(60, 'c');
    std::vector<std::string_view> group = {a, b, c};
    std::vector<core::Result<std::uint64_t>> r = j->AppendGroup(group);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_TRUE(r[0].ok());
    EXPECT_TRUE(r[1].ok());
    ASSERT_FALSE(r[2].ok());
    EXPECT_NE(r[2].status().message().find("journal is full"), std::string::npos);
    EXPECT_EQ(syncs, 1);
    EXPECT_EQ(j->unapplied(), 2u);
  }
  std::vector<WebhookJournal::Entry> replay;
  o.sync = nullptr;
  auto j = Open(&replay, o);
  EXPECT_EQ(Bodies(replay),
            (std::vector<std::string>{std::string(60, 'a'), std::string(60, 'b')}));
}

}  // namespace
}  // namespace ocean::live_events
