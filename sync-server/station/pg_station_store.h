#pragma once
// The station on PostgreSQL (docs/postgres.md): every server process holds no state of its own
// beyond a working replica it can rebuild, so any number of them can serve one province behind a
// load balancer. Writers of records run the embedded station's code on their working replica without
// waiting for each other, then take one station-wide lock only to check that no other writer
// committed a change they depend on, and to write back what changed with new positions of the
// change counter; pulls read PostgreSQL directly.
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "pg_connection.h"
#include "pg_push_reads.h"
#include "prepared_replica.h"
#include "station_store.h"
#include "working_replica.h"

namespace langnghe::server {

class PgStationStore final : public StationStore {
public:
    // Creates the station's tables and identity when the database has none; keeps them otherwise.
    static std::unique_ptr<PgStationStore> init(const std::string& url);
    // Fails with not_found when the database holds no station.
    static std::unique_ptr<PgStationStore> open(const std::string& url);
    ~PgStationStore() override;

    pg::Connection& connection() { return m_db; }

    void transaction(const std::function<void()>& work) override;
    std::int64_t now_ms() override;

    std::vector<Device> devices() override;
    std::optional<Device> find_device(const std::string& id) override;
    std::optional<Device> device_by_token_hash(const std::string& token_hash) override;
    std::optional<std::string> active_device_of_site(const std::string& site) override;
    void add_device(const Device& device, const std::string& token_hash) override;
    void reactivate_device(const std::string& id, const std::string& token_hash, const std::string& label,
                           const std::string& role, const std::string& public_key) override;
    void revoke_device(const std::string& id) override;
    void move_device(const std::string& id, const std::string& unit) override;
    void grant_writes(const std::string& id, bool granted) override;
    void touch_device(const std::string& id, std::int64_t at_ms, const std::string& client) override;
    void note_refused(const std::string& id, std::int64_t records) override;

    void add_code(const std::string& code_hash, const EnrollCode& code) override;
    std::optional<EnrollCode> find_code(const std::string& code_hash) override;
    void use_code(const std::string& code_hash, std::int64_t at_ms) override;
    std::vector<std::pair<std::string, EnrollCode>> live_codes(std::int64_t now_ms) override;

    void require_unit(const std::string& code) override;
    std::vector<std::string> unit_subtree(const std::string& code) override;
    std::vector<std::string> unit_path(const std::string& code) override;

    RegisteredKey station_key() override;
    std::string sign(std::string_view message) override;
    std::vector<CustodyLink> check_push(const std::vector<RecordState>& records, const std::vector<CustodyLink>& links,
                                        const WriterScope& scope, const KeyOf& key_of) override;
    ApplyResult apply(const std::vector<RecordState>& records, const std::vector<CustodyLink>& new_links,
                      const std::string& sender_site) override;
    CustodyReport verify_custody(const KeyOf& key_of) override;
    void scrub_redacted() override;
    std::uint64_t newest_cursor() override;
    StateBatch changes_since(std::uint64_t cursor, std::size_t limit, const std::vector<std::string>& units,
                             const std::vector<std::string>& unit_records, const std::string& for_site) override;
    std::optional<ReceiptStatus> receipt(const std::string& code) override;

    UnitImportResult import_units(const Actor& actor, std::string_view file_text,
                                  const UnitImportOptions& options = {}) override;
    std::vector<Unit> list_units(const std::optional<std::string>& root) override;
    std::string canonical_dump() override;
    std::shared_ptr<RateStore> shared_rate_store() override;

    // Every record as committed, for reading (the dashboard's pages): the working replica, made when
    // first needed and caught up. Not inside a transaction.
    Store& records_to_read() { return current().records(); }

    // Whether this store has loaded the whole station (a write has, a unit question has not).
    bool holds_whole_station() const { return m_replica != nullptr; }
    // How many record states the working replica has adopted from PostgreSQL since it was made.
    std::uint64_t records_taken_up() const { return m_replica ? m_replica->states_taken_up : 0; }

    // Starts making the working replica in the background (a server does as it starts), so the
    // first request that needs it waits only for what is left, or catches up what came since.
    void prepare_replica(PreparedReplica::Ready ready);

private:
    PgStationStore(const std::string& url, StationIdentity identity);

    // The replica, made when first needed and caught up with everything committed; inside a
    // transaction that took the write lock, as it stands in that transaction.
    SqliteStationStore& current();
    // What the unit tree questions are answered from: the transaction's replica inside a locked
    // transaction, else a replica of the unit records alone, so an admin command or a pull on a
    // big station does not load every record to find a unit.
    SqliteStationStore& units();
    // Inside a transaction: catches the replica up and opens its scope for the transaction's writes.
    // With the reads of a push, only the units, redactions, links and those rows are caught up.
    SqliteStationStore& locked(std::optional<PushReads> reads = std::nullopt);
    // m_replica, the prepared one if there is one, else empty; catch_up() brings it up to date.
    void make_replica();
    void catch_up();
    // The change counter, with the replica made again if the counter went back below it.
    std::int64_t current_counter();
    // Writes the replica's changes since the last flush back with new positions, under the write
    // lock taken at the first flush; throws WriteConflict if another writer committed, since the
    // replica was caught up, a change these rows depend on.
    void flush();
    // After the transaction's work: flushes, seals and commits the replica's scope, flushes again.
    void finish_locked();
    // A push's write that wrote a record its catch-up did not read is refused when another writer
    // changed that record since the replica's pos; it runs again with the whole catch-up.
    void refuse_unread(const std::vector<RecordRow>& records);
    void abandon_locked(bool replica_committed);
    // After the commit: the other writers' rows committed before the lock was taken go into the
    // replica, which then holds everything up to this transaction's last position.
    void take_up_others();
    void run_once(const std::function<void()>& work);

    std::string m_url;
    pg::Connection m_db;
    StationIdentity m_identity;
    std::unique_ptr<WorkingReplica> m_replica;
    std::unique_ptr<WorkingReplica> m_unit_replica;  // units(): unit records up to its pos
    std::unique_ptr<PreparedReplica> m_prepared;     // until taken by make_replica()
    int m_depth = 0;
    bool m_writing = false;               // locked() opened the replica's scope
    bool m_lock_held = false;             // flush() took the station-wide write lock
    std::optional<Store::Scope> m_scope;  // the replica's side of the writing transaction
    std::uint64_t m_mark = 0;             // the replica's seq when last flushed
    std::int64_t m_read_at = 0;           // the counter the replica was caught up to for this write
    std::int64_t m_others_to = 0;         // the counter when the write lock was taken
    std::int64_t m_written_to = 0;        // the last position this transaction wrote
    std::map<std::string, std::string> m_echo;  // record → the site that holds it as stored
    bool m_targeted = false;              // this write's catch-up read only what its push reads
    bool m_whole_next = false;            // the next write catches up the whole station
    std::set<std::string> m_read_ids;     // the rows a targeted catch-up read
};

// The schema version this build writes and understands.
inline constexpr int pg_schema_version = 1;

// What the store and the move of an embedded station (pg_migration.h) share, so both write the
// same tables the same way.

// Creates the station's tables where missing, with no meta rows, inside the caller's transaction;
// holds the schema lock until it ends, so a server running `init` meanwhile waits for it.
void create_station_tables(pg::Connection& db);
// The change counter: every change at or below it has committed (write-backs are serialised).
std::int64_t station_counter(pg::Connection& db);
// Takes up into `replica` the links and records PostgreSQL holds above the replica's position and
// up to `counter`, as a server builds its replica; the replica is then at `counter`. False, the
// replica left part-made, when `stop` was set between two batches.
bool take_up_from(pg::Connection& db, WorkingReplica& replica, std::int64_t counter,
                  const std::atomic<bool>* stop = nullptr);
// The custody links committed at positions in (after, up_to], in their order.
std::vector<LinkRow> links_committed(pg::Connection& db, std::int64_t after, std::int64_t up_to);
// Writes links and records at the given positions (one per row), replacing rows of the same key.
void write_links(pg::Connection& db, const std::vector<LinkRow>& links, const std::vector<std::int64_t>& positions);
void write_records(pg::Connection& db, const std::vector<RecordRow>& records, const std::vector<std::int64_t>& positions,
                   const std::vector<std::string>& echo_sites);

}  // namespace langnghe::server
