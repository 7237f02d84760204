// The SQLite catalog's schema migrations: a version-1 file (entities WITHOUT ROWID, as written by
// earlier releases) opens, is migrated to the current version and keeps its rows, runs and
// reconciliation state; new files get 8 KB pages.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "fakes/temp_dir.h"
#include "ocean/sinks/sqlite_schema.h"
#include "ocean/sinks/sqlite_sink.h"
#include "sink_test_util.h"

namespace ocean {
namespace {

using namespace sink_test;

// Schema version 1 as releases up to session 7 created it (the first migration).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE entities (
  blueprint TEXT NOT NULL, identifier TEXT NOT NULL, integration TEXT NOT NULL,
  kind TEXT NOT NULL, resource_index INTEGER NOT NULL, title TEXT, entity_json TEXT NOT NULL,
  properties_json TEXT, relations_json TEXT, raw_json TEXT, first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, resync_id TEXT NOT NULL, PRIMARY KEY (blueprint, identifier)
) WITHOUT ROWID;
CREATE INDEX entities_by_integration ON entities (integration, resync_id);
CREATE TABLE runs (
  resync_id TEXT PRIMARY KEY, integration TEXT NOT NULL, trigger TEXT NOT NULL,
  started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, message TEXT NOT NULL DEFAULT '',
  owned INTEGER, stale INTEGER, protected_stale INTEGER, deleted INTEGER, reconcile_reason TEXT,
  report_json TEXT
);
CREATE INDEX runs_by_start ON runs (started_at);
CREATE TABLE scopes (
  resync_id TEXT NOT NULL REFERENCES runs (resync_id) ON DELETE CASCADE, kind TEXT NOT NULL,
  resource_index INTEGER NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL,
  state TEXT NOT NULL, error TEXT, resources INTEGER NOT NULL, enrichment_errors INTEGER NOT NULL
);
CREATE INDEX scopes_by_run ON scopes (resync_id);
INSERT INTO entities VALUES ('bucket', 'old', 'my-aws', 'AWS::S3::Bucket', 0, 'Old',
  '{"identifier":"old","blueprint":"bucket","properties":{"size":1}}', '{"size":1}', NULL,
  '{"Name":"old"}', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'r0');
INSERT INTO entities VALUES ('bucket', 'kept', 'my-aws', 'AWS::S3::Bucket', 0, 'Kept',
  '{"identifier":"kept","blueprint":"bucket"}', NULL, NULL, NULL,
  '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'r0');
INSERT INTO runs (resync_id, integration, trigger, started_at, finished_at, status)
  VALUES ('r0', 'my-aws', 'once', '2024-01-01T00:00:00.000Z', '2024-01-01T00:01:00.000Z',
          'completed');
PRAGMA application_id = 1329807703;
PRAGMA user_version = 1;
)sql";

long Pragma(const std::string& path, const char* pragma) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, (std::string("PRAGMA ") + pragma).c_str(), -1, &st, nullptr),
            SQLITE_OK);
  long v = sqlite3_step(st) == SQLITE_ROW ? static_cast<long>(sqlite3_column_int64(st, 0)) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

TEST(SqliteSchema, AVersion1FileIsMigratedAndKeepsItsRows) {
  static_assert(sqlite::kApplicationId == 1329807703);
  testing_fakes::TempDir dir;
  const std::string path = dir.path() + "/old.db";
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, kVersion1, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_close(db);
  }
  ASSERT_EQ(Pragma(path, "page_size"), 4096);  // SQLite's default, kept by the migration

  auto sink = SqliteSink::Open(path, SqliteSinkOptions{"my-aws"});
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  EXPECT_EQ(Pragma(path, "user_version"), sqlite::kSchemaVersion);
  EXPECT_EQ((*sink)->Count().value(), 2);
  auto old = (*sink)->Get({"bucket", "old"}).value();
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->title, "Old");
  EXPECT_EQ(old->entity.at("properties").at("size"), 1);
  EXPECT_EQ(old->raw.at("Name"), "old");
  EXPECT_EQ(old->first_seen_at, "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(old->resync_id, "r0");
  EXPECT_EQ((*sink)->LastRuns(5).value().at(0).status, "completed");

  // The migrated table upserts by key (keeping first_seen_at) and reconciles as before.
  ResyncStart r1 = Start("r1", 1704164645);  // 2024-01-02: after the rows above
  ASSERT_TRUE((*sink)->BeginResyncSync(r1).ok());
  ResourceConfig buckets = Resource(0, "AWS::S3::Bucket", "bucket");
  Batch b(buckets, "bucket", {"kept", "new"});
  ASSERT_EQ((*sink)->UpsertGroupedSync(b.batch).upserted.size(), 2u);
  auto owned = (*sink)->ListOwnedSync(r1);
  ASSERT_TRUE(owned.ok()) << owned.status().ToString();
  // Both existed before r1 (kept was rewritten by it, first seen earlier: the denominator).
  EXPECT_EQ(*owned, (std::vector<EntityKey>{{"bucket", "kept"}, {"bucket", "old"}}));
  EXPECT_EQ((*sink)->Count().value(), 3);
  EXPECT_EQ((*sink)->Get({"bucket", "kept"}).value()->first_seen_at, "2024-01-01T00:00:00.000Z");
  EXPECT_EQ((*sink)->DeleteSync({{"bucket", "old"}}).deleted, 1);
  EXPECT_TRUE((*sink)->EndResyncSync(r1, RunRecord{}).ok());
  sink->reset();

  auto again = SqliteSink::Open(path, SqliteSinkOptions{"my-aws"});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->Count().value(), 2);
}

TEST(SqliteSchema, ANewFileHas8KbPagesAndTheCurrentVersion) {
  testing_fakes::TempDir dir;
  const std::string path = dir.path() + "/new.db";
  { ASSERT_TRUE(SqliteSink::Open(path, SqliteSinkOptions{"my-aws"}).ok()); }
  EXPECT_EQ(Pragma(path, "page_size"), 8192);
  EXPECT_EQ(Pragma(path, "user_version"), sqlite::kSchemaVersion);
  EXPECT_EQ(Pragma(path, "application_id"), sqlite::kApplicationId);
}

}  // namespace
}  // namespace ocean
