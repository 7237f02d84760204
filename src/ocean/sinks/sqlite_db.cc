#include "ocean/sinks/sqlite_db.h"

#include <sqlite3.h>

namespace ocean::sqlite {

using core::Result;
using core::Status;
using core::StatusCode;

namespace {

StatusCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StatusCode::kUnavailable;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
      return StatusCode::kParseError;
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return StatusCode::kPermissionDenied;
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
      return StatusCode::kInvalidArgument;
    default:
      return StatusCode::kInternal;
  }
}

std::string Prefix(const std::string& path) { return "SQLite catalog " + path; }

}  // namespace

void Db::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Result<Db> Db::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  Db db(raw, path);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) {
    std::string why = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return Status(CodeFor(rc), "cannot open " + Prefix(path) + ": " + why +
                                   " (does the directory exist and is it writable?)");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

Status Db::Exec(std::string_view sql, std::string_view what) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status(CodeFor(rc), Prefix(path_) + ": " + std::string(what) + ": " + message);
}

Status Db::LastError(std::string_view what) const {
  return Status(CodeFor(sqlite3_extended_errcode(db_.get())),
                Prefix(path_) + ": " + std::string(what) + ": " + sqlite3_errmsg(db_.get()));
}

Status Db::ErrorFromCode(int code, std::string_view what) const {
  // The connection's message describes the last failing call; fall back to the generic text
  // when it belongs to another code (e.g. a failed bind reported later).
  std::string message = (sqlite3_errcode(db_.get()) & 0xff) == (code & 0xff)
                            ? sqlite3_errmsg(db_.get())
                            : sqlite3_errstr(code);
  return Status(CodeFor(code), Prefix(path_) + ": " + std::string(what) + ": " + message);
}

long Db::Changes() const { return static_cast<long>(sqlite3_changes(db_.get())); }

bool Db::InTransaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Result<Statement> Statement::Prepare(Db& db, std::string_view sql, std::string_view what) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return db.ErrorFromCode(rc, std::string("prepare ") + std::string(what));
  }
  return Statement(&db, stmt, std::string(what));
}

void Statement::NoteBind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

Statement& Statement::Bind(int index, std::string_view text) {
  NoteBind(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8));
  return *this;
}

Statement& Statement::BindStatic(int index, std::string_view text) {
  NoteBind(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_STATIC,
                               SQLITE_UTF8));
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_.get(), index, value));
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_.get(), index, value));
  return *this;
}

Statement& Statement::BindNull(int index) {
  NoteBind(sqlite3_bind_null(stmt_.get(), index));
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_error_ != 0) {
    int rc = bind_error_;
    bind_error_ = 0;
    return db_->ErrorFromCode(rc, what_ + " (binding a parameter)");
  }
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status error = db_->ErrorFromCode(rc, what_);
  sqlite3_reset(stmt_.get());
  return error;
}

Status Statement::Run() {
  Result<bool> r = Step();
  while (r.ok() && *r) r = Step();
  Reset();
  return r.ok() ? Status::Ok() : r.status();
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_error_ = 0;
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_.get(), column); }

std::string Statement::Text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_.get(), column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

Transaction::Transaction(Db& db) : db_(db) {
  begun_ = db_.Exec("BEGIN IMMEDIATE", "begin transaction");
  open_ = begun_.ok();
}

Transaction::~Transaction() {
  if (open_) (void)db_.Exec("ROLLBACK", "roll back transaction");
}

Status Transaction::Commit() {
  if (!open_) return begun_.ok() ? Status::Internal("transaction already ended") : begun_;
  Status s = db_.Exec("COMMIT", "commit transaction");
  open_ = !s.ok();  // a failed COMMIT leaves the transaction open: the destructor rolls back
  return s;
}

}  // namespace ocean::sqlite
