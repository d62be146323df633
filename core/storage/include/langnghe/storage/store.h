#pragma once
// A replica: one SQLite file holding records with their merge state, the replica's site id and
// hybrid clock, and a local change sequence that says what changed since any point.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "langnghe/merge/hlc.h"
#include "langnghe/merge/merge.h"
#include "langnghe/storage/sqlite.h"

namespace langnghe {

class SigningKey;

namespace storage_internal {
struct Access;
}
namespace server {
class SqliteStationStore;
class WorkingReplica;
}

enum class SchemaVersion : int {
    none = 0,
    records_and_meta = 1,  // records with merge state, key/value meta
    search_index = 2,      // FTS5 over folded text, filled lazily
    sync_state = 3,        // push/pull cursors, refused changes
    unit_tree = 4,         // units found by parent, for scopes and roll-ups
    set_aside = 5,         // refused records keep the station's error code and are retried
    record_stamps = 6,     // each record's latest stamps, so a push sends stored text undecoded
    revisions = 7,         // revisions and redactions are read by the record they belong to
    custody = 8,           // the signed chains of custody and the keys that sign them (custody.h)
    projections = 9,       // report fields of feedback and status events as indexed columns (projections.h)
    signed_later = 10,     // a device's own link may be stored unsigned until it leaves (custody_log.cpp)
    unsealed_writes = 11,  // a device's own writes may wait in meta to be sealed several commits to a link
    current = unsealed_writes,
};

struct StoreOptions {
    ClockSource clock = system_clock_source();
    // Tests open databases at an earlier schema to check that migrations run forward.
    SchemaVersion migrate_to = SchemaVersion::current;
    // A received stamp further ahead than this of the local wall clock is not followed by the
    // local clock, so one device with a wrong clock cannot drag every other device along.
    std::int64_t max_clock_lead_ms = 10 * 60 * 1000;
    // Received stamps move the local clock at most this far ahead of the local wall clock, so this
    // replica's own later writes stay within the station's bound whatever it received (causality
    // does not need more: a write's context names what it overwrote, whatever the stamps).
    std::int64_t max_observe_lead_ms = 2 * 60 * 1000;
    // Tests make a COMMIT fail: consulted as each transaction commits; false turns the COMMIT into a
    // rollback, as a full disk or a lost lock would.
    std::function<bool()> commit_allowed;
};

struct ApplyResult {
    std::size_t received = 0;
    std::size_t changed = 0;  // records whose state changed
    Stamp max_stamp = 0;
    std::size_t redacted = 0;  // new redactions, and records their rule rewrote (redaction.h): compact the files
    // Records this apply changed into exactly the state received: their sender holds them as stored.
    std::vector<std::string> as_sent;
};

struct ChangeBatch {
    std::vector<RecordState> records;
    std::uint64_t last_seq = 0;  // resume point: pass to the next export
    bool more = false;
};

// A ChangeBatch as stored text: a JSON array of canonical record states (codec.h), never decoded.
struct StateBatch {
    std::string records_json = "[]";
    std::uint64_t last_seq = 0;
    bool more = false;
};

// One record as stored: its canonical state text (codec.h), never decoded, and the stamps a sync
// client needs to know of it.
struct StoredState {
    std::string id, type, state;
    Stamp max_stamp = 0;      // the latest stamp of any site (merge.h max_stamp)
    Stamp own_max_stamp = 0;  // the latest stamp of this replica's site (restamp.h max_stamp_of)
};

struct StoredBatch {
    std::vector<StoredState> records;
    std::uint64_t last_seq = 0;  // resume point: pass to the next export
    bool more = false;
};

// The last link of a site's chain of custody (custody.h).
struct LinkTip {
    std::uint64_t n = 0;
    std::string hash;
};

// A field and its value's JSON text, as written: viewed, not copied, while an entry is hashed.
using FieldValueView = std::pair<std::string_view, std::string_view>;

// The own writes of an open scope, as the link its commit seals will hold them (custody.h): each
// entry hashed and encoded once, when its values are written, so the commit signs without reading
// or copying any value again. At most max_link_entries (custody.h) each.
struct PendingCustodyLink {
    std::string entries;   // "[entry,entry,…" as encode_entries writes them, without the closing ']'
    std::string digested;  // the bytes of these entries that CustodyLink::body() digests
    Stamp first_stamp = 0, last_stamp = 0;
    std::size_t count = 0;
};

class Store {
public:
    // Creates the file (and its site id) when missing.
    static std::unique_ptr<Store> open(const std::string& path, StoreOptions options = {});
    // Fails with not_found when the file does not exist.
    static std::unique_ptr<Store> open_existing(const std::string& path, StoreOptions options = {});
    ~Store();

    const std::string& site_id() const { return m_site; }
    const std::string& path() const { return m_db->path(); }
    int schema_version() { return m_db->user_version(); }
    HybridClock& clock() { return m_clock; }
    const StoreOptions& options() const { return m_options; }

    // Writes made inside one Scope commit together; the outermost scope commits. Without commit(),
    // or when the COMMIT fails, the scope rolls back the database and the clock and change sequence
    // it advanced, so the next write issues them again.
    class Scope {
    public:
        explicit Scope(Store& store);
        ~Scope() noexcept;
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
        void commit();

    private:
        // What the outermost scope found when it began, put back when it does not commit.
        struct Counters {
            HybridClock clock;
            std::int64_t clock_offset_ms;
            std::uint64_t seq;
        };
        Store& m_store;
        std::unique_ptr<sql::Transaction> m_tx;
        std::optional<Counters> m_before;
        bool m_committed = false;
    };

    // A fresh stamp for a local write; the clock is persisted with the write's transaction.
    Dot next_dot();
    // Writes fields of a record on this replica. Creates the record when it does not exist.
    // Values are JSON texts. Must run inside a Scope.
    void write(const std::string& id, const std::string& type, const std::string& unit,
               const std::vector<std::pair<std::string, std::string>>& values, const Dot& dot);
    // Creates a record known not to exist (skips the read): the fast path for new records.
    void insert_new(RecordState record);

    // Sync bookkeeping only (sync_client.h): replaces a record's whole state (re-stamping a local
    // write) or removes a record from this replica (a device that lost the scope to hold it). Neither
    // is a change other replicas see. Must run inside a Scope.
    void replace(const RecordState& record);
    void forget(const std::string& id);
    // Runs the local clock `offset_ms` off the device's wall clock (the station's estimate of the
    // error), never issuing a stamp at or below `floor`. Persisted with the next commit.
    void set_clock_offset(std::int64_t offset_ms, Stamp floor);
    std::int64_t clock_offset_ms() const { return m_clock_offset_ms; }

    std::optional<RecordState> load(const std::string& id);
    // A record state read back from this database. Stored text that does not decode means the file
    // was damaged outside this program: a storage error naming the record, never invalid_input
    // (which would blame the user's input and exit as a usage error).
    RecordState read_stored(std::string_view state_text) const;
    bool exists(const std::string& id);

    // Joins received states, all or nothing. The local clock advances past them (bounded by
    // max_observe_lead_ms).
    ApplyResult apply(const std::vector<RecordState>& records);
    // Takes stored states as they are, in place of the records held here, all or nothing: for a
    // copy whose every state the given ones succeed (a PostgreSQL station's working replica, which
    // only ever holds what the database held before). The states already carry every join and
    // redaction, so neither is done again; the clock advances past them as in apply.
    void adopt_stored(const std::vector<std::string>& states);
    // Records changed after `since_seq`, in change order, at most `limit`.
    ChangeBatch export_since(std::uint64_t since_seq, std::size_t limit,
                             const std::function<bool(const RecordState&)>& include = {});
    // The same as stored text, for a push: `include` sees each record's id and type.
    StoredBatch export_stored_since(std::uint64_t since_seq, std::size_t limit,
                                    const std::function<bool(std::string_view id, std::string_view type)>& include);
    std::optional<StoredState> load_stored(const std::string& id);
    // The record, if its latest change is after local sequence `seq`.
    std::optional<StoredState> load_stored_changed_after(const std::string& id, std::uint64_t seq);
    std::uint64_t current_seq();
    // Changes when another connection (another process) commits to this file: what a cache of what
    // the file holds checks before it answers.
    std::int64_t data_version();

    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);
    // This replica's private key (custody.h), parsed once while the stored key stays the same.
    const SigningKey& signing_key();
    // Seals the own writes a device kept unsealed into links, in a transaction of its own or the
    // open scope's: before links are read to leave the device or their nonces are erased.
    void seal_unsealed_custody();

    // One JSON document of every record's winning values and conflicts, sorted, byte-identical on
    // converged replicas.
    std::string canonical_dump();

private:
    // SQL stays in the storage layer: its own files (store_access.h), the embedded station store,
    // whose tables live in the same file (sync-server/station/sqlite_station_store.cpp), and the
    // PostgreSQL station's working replica, which copies rows in and out (working_replica.cpp).
    friend struct storage_internal::Access;
    friend class server::SqliteStationStore;
    friend class server::WorkingReplica;
    sql::Database& db() { return *m_db; }
    // A statement prepared once for the life of the store, for queries that run on every write.
    // Not reentrant: the caller resets it before returning (sql::ResetGuard).
    sql::Statement& cached_statement(std::string_view sql);

    Store(std::unique_ptr<sql::Database> db, StoreOptions options);
    void migrate();
    void save_record(const RecordState& record, bool is_new);
    // `state` is encode_record(record), already at hand.
    void save_encoded(const RecordState& record, bool is_new, std::string_view state);
    // Advances the clock past the latest stamp received, bounded by max_observe_lead_ms.
    void observe_received(Stamp latest);
    // A row of (id, type, state, max_stamp, own_stamp) starting at column `first`.
    StoredState stored_state(const sql::Statement& row, int first) const;
    void persist_clock();
    // Inside a write transaction: takes up the counters another connection (an admin command beside
    // the running server) committed since this one last looked, so no seq or link is given twice.
    void catch_up_with_other_writers();
    ClockSource clock_source() const;
    // Own writes of the open scope, sealed into signed links as it commits (custody_log.cpp).
    void note_own_heads(const RecordState& record, const RecordState* before);
    // Notes the own heads gathered in m_own_heads: an entry per stamp.
    void note_own_heads_buffered(std::string_view record);
    // `values` sorted by field: one entry, hashed now (custody_log.cpp).
    void note_own_write(std::string_view record, Stamp stamp, std::span<const FieldValueView> values);
    void seal_custody();
    // At commit: seals the pending entries into links, or keeps them unsealed in meta when this
    // replica seals in batches and they still fit (custody_log.cpp).
    void keep_or_seal_custody();
    // Reads the unsealed own writes kept in meta into m_custody_pending, once after each change.
    void load_unsealed_custody();
    bool seals_at_commit() const;

    std::unique_ptr<sql::Database> m_db;
    StoreOptions m_options;
    std::string m_site;
    HybridClock m_clock;
    std::int64_t m_clock_offset_ms = 0;
    bool m_keeps_stamps = true;  // the records table has the record_stamps columns
    bool m_keeps_custody = true;  // the file has the custody tables
    // Own writes not sealed yet: the open scope's, and on a device those of earlier commits kept
    // in meta (m_unsealed_loaded says they were read from there since the last change).
    std::vector<PendingCustodyLink> m_custody_pending;
    bool m_unsealed_loaded = false;
    bool m_unsealed_stored = false;  // meta holds unsealed writes
    bool m_custody_changed = false;  // m_custody_pending changed in the open scope
    std::vector<PendingCustodyLink> m_custody_spare;  // sealed links' buffers, kept for the next ones
    // Buffers of note_own_heads, kept to spare allocations on every write.
    std::vector<std::pair<Stamp, FieldValueView>> m_own_heads;
    std::vector<FieldValueView> m_own_values;
    std::string m_nonces;  // random hex drawn many nonces at a time; the unused rest starts at m_nonces_used
    std::size_t m_nonces_used = 0;
    std::optional<LinkTip> m_custody_tip;  // this site's last link, read at the first seal
    // A device signs its links when they are read to leave it (docs/custody.md, "Signing when links
    // leave the device"); a station signs at commit, because its stores copy link rows as stored.
    bool m_signs_at_commit = false;
    std::unique_ptr<SigningKey> m_signing_key;
    int m_scope_depth = 0;
    // is_live_unit's answers inside the open scope (queries.cpp): a bulk write checks each record's
    // unit, and the lookup was a fifth of inserting one. Forgotten when a unit is written, when the
    // outermost scope begins (another connection may have written) and when it rolls back.
    std::map<std::string, bool, std::less<>> m_live_units;
    std::uint64_t m_seq = 0;
    std::int64_t m_data_version = 0;  // SQLite's count of other connections' commits, as last seen
    std::unique_ptr<sql::Statement> m_insert;
    std::unique_ptr<sql::Statement> m_update;
    std::unique_ptr<sql::Statement> m_select;
    std::map<std::string, std::unique_ptr<sql::Statement>, std::less<>> m_cached;
};

}  // namespace langnghe
