#include "archive/index.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace shiryo::archive {
namespace {

struct DbClose {
  void operator()(sqlite3* p) const { sqlite3_close(p); }
};
struct StmtFinalize {
  void operator()(sqlite3_stmt* p) const { sqlite3_finalize(p); }
};
using DbPtr = std::unique_ptr<sqlite3, DbClose>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// The index's version (PRAGMA user_version): another number is another layout.
constexpr int kVersion = 1;

constexpr const char* kSchema =
    "CREATE TABLE packets ("
    " file TEXT PRIMARY KEY,"
    " sha256 TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " held TEXT NOT NULL,"
    " fiscal_year INTEGER,"
    " signers TEXT NOT NULL,"     // one line per signature
    " levels TEXT NOT NULL,"      // one line per signature
    " timestamps TEXT NOT NULL,"  // one line per time-stamp
    " source_sha256 TEXT NOT NULL);"
    "PRAGMA user_version = 1;";  // kVersion

constexpr const char* kColumns = "file, sha256, title, held, fiscal_year, signers, levels, timestamps, source_sha256";

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw std::runtime_error(std::string("archive index: ") + text);
  }
}

StmtPtr prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) fail(db, "archive index");
  return StmtPtr(stmt);
}

std::string text_column(sqlite3_stmt* stmt, int i) {
  const auto* t = sqlite3_column_text(stmt, i);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))) : "";
}

void bind_text(sqlite3_stmt* stmt, int i, const std::string& text) {
  sqlite3_bind_text(stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void insert_rows(sqlite3* db, const std::vector<Entry>& entries) {
  const StmtPtr stmt = prepare(db, std::string("INSERT OR REPLACE INTO packets (") + kColumns +
                                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Entry& e : entries) {
    sqlite3_reset(stmt.get());
    bind_text(stmt.get(), 1, e.file);
    bind_text(stmt.get(), 2, e.sha256);
    bind_text(stmt.get(), 3, e.title);
    bind_text(stmt.get(), 4, e.held);
    if (e.fiscal_year) {
      sqlite3_bind_int(stmt.get(), 5, *e.fiscal_year);
    } else {
      sqlite3_bind_null(stmt.get(), 5);
    }
    bind_text(stmt.get(), 6, joined(e.signers));
    bind_text(stmt.get(), 7, joined(e.levels));
    bind_text(stmt.get(), 8, joined(e.timestamps));
    bind_text(stmt.get(), 9, e.source_sha256);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) fail(db, "archive index: adding " + e.file);
  }
}

// Runs `change` in one transaction, rolled back when it throws.
template <class Change>
void in_transaction(sqlite3* db, Change change) {
  exec(db, "BEGIN IMMEDIATE");
  try {
    change();
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

// Why the database at `db` is not an index of this version; empty when it is.
std::string damage(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &raw, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  StmtPtr check(raw);
  if (sqlite3_step(check.get()) != SQLITE_ROW) return sqlite3_errmsg(db);
  if (const std::string result = text_column(check.get(), 0); result != "ok") return result;
  raw = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &raw, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  StmtPtr version(raw);
  if (sqlite3_step(version.get()) != SQLITE_ROW || sqlite3_column_int(version.get(), 0) != kVersion) {
    return "not an index of version " + std::to_string(kVersion);
  }
  raw = nullptr;
  if (sqlite3_prepare_v2(db, (std::string("SELECT ") + kColumns + " FROM packets").c_str(), -1, &raw, nullptr) !=
      SQLITE_OK) {
    return sqlite3_errmsg(db);
  }
  sqlite3_finalize(raw);
  return "";
}

}  // namespace

struct Index::Handle {
  DbPtr db;
};

Index::Index(std::string path) : path_(std::move(path)) {}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;
Index::~Index() = default;

Index Index::open(const std::string& dir, State& state, std::string& detail) {
  Index index((std::filesystem::path(dir) / kIndexFile).string());
  std::error_code ec;
  if (!std::filesystem::exists(index.path_, ec)) {
    state = State::missing;
    return index;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(index.path_.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) fail(db.get(), "cannot open " + index.path_);
  sqlite3_busy_timeout(db.get(), 5000);
  detail = damage(db.get());
  if (!detail.empty()) {
    state = State::damaged;
    return index;
  }
  state = State::ok;
  index.db_ = std::make_unique<Handle>(Handle{std::move(db)});
  return index;
}

std::vector<Entry> Index::entries() const {
  std::vector<Entry> out;
  if (!db_) return out;
  const StmtPtr stmt = prepare(db_->db.get(), std::string("SELECT ") + kColumns + " FROM packets ORDER BY file");
  int rc = 0;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    Entry e;
    e.file = text_column(stmt.get(), 0);
    e.sha256 = text_column(stmt.get(), 1);
    e.title = text_column(stmt.get(), 2);
    e.held = text_column(stmt.get(), 3);
    if (sqlite3_column_type(stmt.get(), 4) == SQLITE_INTEGER) e.fiscal_year = sqlite3_column_int(stmt.get(), 4);
    e.signers = split(text_column(stmt.get(), 5));
    e.levels = split(text_column(stmt.get(), 6));
    e.timestamps = split(text_column(stmt.get(), 7));
    e.source_sha256 = text_column(stmt.get(), 8);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) fail(db_->db.get(), "archive index");
  return out;
}

void Index::insert(const std::vector<Entry>& entries) {
  if (!db_) {
    // No index yet: the first one holds just these.
    replace_all(entries);
    return;
  }
  in_transaction(db_->db.get(), [&] { insert_rows(db_->db.get(), entries); });
}

void Index::replace_all(const std::vector<Entry>& entries) {
  std::string temporary = path_ + ".XXXXXX";
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) throw std::runtime_error("cannot write beside " + path_);
  ::close(fd);  // an empty file is an empty database
  {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(temporary.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    DbPtr db(raw);
    try {
      if (rc != SQLITE_OK) fail(db.get(), "cannot create " + temporary);
      exec(db.get(), kSchema);
      in_transaction(db.get(), [&] { insert_rows(db.get(), entries); });
    } catch (...) {
      db.reset();
      std::remove(temporary.c_str());
      throw;
    }
  }
  db_.reset();
  std::remove((path_ + "-journal").c_str());
  if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot replace " + path_);
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) fail(db.get(), "cannot open " + path_);
  sqlite3_busy_timeout(db.get(), 5000);
  db_ = std::make_unique<Handle>(Handle{std::move(db)});
}

}  // namespace shiryo::archive
