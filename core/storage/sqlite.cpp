#include "langnghe/storage/sqlite.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "langnghe/base/error.h"

namespace langnghe::sql {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    int primary = (db ? sqlite3_extended_errcode(db) : rc) & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        std::string path = db && sqlite3_db_filename(db, "main") ? sqlite3_db_filename(db, "main") : "";
        throw Error(ErrorCode::storage, "database " + path + " is damaged (" + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) +
                                            "); restore it from a backup")
            .vi("cơ sở dữ liệu " + path + " bị hỏng; hãy khôi phục từ bản sao lưu");
    }
    std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) +
                      " (sqlite code " + std::to_string(db ? sqlite3_extended_errcode(db) : rc) + ")";
    throw Error(ErrorCode::storage, msg);
}
}  // namespace

namespace {
// A database holds residents' names and phones and the device token: readable by its owner only.
// SQLite gives the WAL and shared-memory files the database file's mode, so making the file first,
// 0600, covers all three; a file from before this rule is narrowed when opened.
void make_private(const std::string& path, bool create) {
    bool created = false;
    int fd = create ? ::open(path.c_str(), O_RDWR | O_CLOEXEC | O_CREAT | O_EXCL, 0600) : -1;
    if (fd >= 0) created = true;
    else fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return;  // sqlite3_open_v2 reports it
        throw Error(ErrorCode::io, "cannot open database " + path + ": " + std::strerror(errno), "db");
    }
    struct stat st {};
    bool empty = ::fstat(fd, &st) == 0 && st.st_size == 0;
    if ((st.st_mode & 077) != 0) ::fchmod(fd, 0600);
    ::close(fd);
    // A 0-byte file found, not made here, is not a new database: a failed copy or a full disk cut it
    // short, and treating it as new would hide that everything in it is gone.
    if (empty && !created)
        throw Error(ErrorCode::storage, "database " + path + " is an empty file (0 bytes), not a langnghe database: "
                                        "restore it from a backup, or remove it and run `langnghe init`", "db")
            .vi("cơ sở dữ liệu " + path + " là tệp rỗng (0 byte), không phải dữ liệu langnghe: "
                "khôi phục từ bản sao lưu, hoặc xoá tệp rồi chạy `langnghe init`");
}
}  // namespace

Database::Database(const std::string& path, bool create) : m_path(path) {
    if (path != ":memory:" && !path.empty()) make_private(path, create);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "cannot open database " + path + ": " + sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error(rc == SQLITE_CANTOPEN ? ErrorCode::not_found : ErrorCode::storage, msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 10000);
    try {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
        // A redacted value must not survive in freed pages or cells (storage/redaction.h).
        exec("PRAGMA secure_delete=ON");
    } catch (...) {
        // A damaged file fails here; the destructor will not run for a half-made object.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw;
    }
}

Database::~Database() { sqlite3_close_v2(m_db); }

void Database::exec(std::string_view sql) {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) fail(m_db, rc, "SQL failed");
        throw Error(ErrorCode::storage, "SQL failed: " + msg + " (sqlite code " + std::to_string(rc) + ")");
    }
}

Statement Database::prepare(std::string_view sql) { return Statement(*this, sql); }
std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

int Database::user_version() {
    auto st = prepare("PRAGMA user_version");
    st.step();
    return static_cast<int>(st.column_int(0));
}

void Database::set_user_version(int version) { exec("PRAGMA user_version=" + std::to_string(version)); }

void Database::set_commit_hook(std::function<bool()> allowed) {
    m_commit_allowed = std::move(allowed);
    if (!m_commit_allowed) {
        sqlite3_commit_hook(m_db, nullptr, nullptr);
        return;
    }
    // SQLite rolls back when the hook returns non-zero; an exception must not cross SQLite's C frames.
    sqlite3_commit_hook(
        m_db,
        [](void* self) {
            try {
                return static_cast<Database*>(self)->m_commit_allowed() ? 0 : 1;
            } catch (...) {
                return 1;
            }
        },
        this);
}

Statement::Statement(Database& db, std::string_view sql) : m_db(&db) {
    int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &m_stmt, nullptr);
    if (rc != SQLITE_OK) fail(db.handle(), rc, "prepare `" + std::string(sql.substr(0, 60)) + "`");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db) { other.m_stmt = nullptr; }

Statement& Statement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) fail(m_db->handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK) fail(m_db->handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_db->handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) fail(m_db->handle(), rc, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(m_stmt);  // leave the statement reusable after the error
    fail(m_db->handle(), rc, "step");
}

void Statement::run() {
    step();
    reset();
}


void Statement::reset() noexcept {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(m_stmt, index); }
double Statement::column_double(int index) const { return sqlite3_column_double(m_stmt, index); }

std::string Statement::column_text(int index) const { return std::string(column_view(index)); }

std::string_view Statement::column_view(int index) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, index));
    if (!p) return {};
    return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)));
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(m_stmt, index) == SQLITE_NULL; }

Transaction::Transaction(Database& db, bool immediate) : m_db(db) {
    m_db.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() noexcept {
    if (m_done) return;
    try {
        m_db.exec("ROLLBACK");
    } catch (...) {
        // A failed rollback leaves SQLite to roll back when the connection closes.
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace langnghe::sql
