// Thin RAII layer over the SQLite C API for the embedded catalog: a connection (Db), a prepared
// statement (Statement) and a transaction guard (Transaction). Every error is a core::Status
// naming the database file, the operation and SQLite's own message:
//   "SQLite catalog /var/lib/ocean/catalog.db: upsert entity: database is locked"
//
// Thread-safety: none. A Db and its statements are used from one thread at a time (the
// connection is opened in SQLite's multi-thread mode, without per-connection mutexes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ocean::sqlite {

class Db {
 public:
  // Opens (creating if missing) `path` read-write. The parent directory must exist. A file that
  // is not a SQLite database is only detected by the first statement (see sqlite_schema.h).
  static core::Result<Db> Open(const std::string& path);

  // Runs one or more statements without parameters.
  core::Status Exec(std::string_view sql, std::string_view what);

  // A Status for the connection's last error: "<prefix>: <what>: <sqlite message>".
  core::Status LastError(std::string_view what) const;
  core::Status ErrorFromCode(int code, std::string_view what) const;

  long Changes() const;  // rows changed by the last INSERT/UPDATE/DELETE
  // False after SQLite rolled an explicit transaction back on its own (e.g. disk full).
  bool InTransaction() const;
  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
};

class Statement {
 public:
  static core::Result<Statement> Prepare(Db& db, std::string_view sql, std::string_view what);

  // 1-based parameter indices. Values are copied. A failed bind is reported by the next Step().
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& BindNull(int index);
  // Not copied: `text` must stay valid and unchanged until the statement is stepped and reset
  // (Run, or Step then Reset). For large values written once (an entity's JSON).
  Statement& BindStatic(int index, std::string_view text);

  // Advances: true when a row is available, false when done.
  core::Result<bool> Step();
  // Steps to completion (for statements returning no rows) and resets.
  core::Status Run();
  // Resets the statement and clears its bindings, ready for reuse.
  void Reset();

  // 0-based column accessors for the current row.
  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  Statement(Db* db, sqlite3_stmt* stmt, std::string what)
      : db_(db), stmt_(stmt), what_(std::move(what)) {}
  void NoteBind(int rc);

  Db* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  std::string what_;
  int bind_error_ = 0;
};

// BEGIN IMMEDIATE on construction (check status()), ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const core::Status& status() const { return begun_; }
  core::Status Commit();

 private:
  Db& db_;
  core::Status begun_;
  bool open_ = false;
};

}  // namespace ocean::sqlite
