#pragma once
// The embedded station store: one SQLite file holding the same record store as a device (Store)
// and the station's own tables (devices, enroll_codes). Zero setup; one connection, so the server
// serialises requests on it (Station::mutex).
#include <memory>
#include <string>

#include "link_cache.h"
#include "station_store.h"

namespace langnghe::server {

class SqliteStationStore final : public StationStore {
public:
    // Creates the station's tables when missing.
    explicit SqliteStationStore(std::unique_ptr<Store> store);

    // The record store itself: the embedded station is also a replica (tests read it directly).
    Store& records() { return *m_store; }
    // Its SQLite file, station tables included: read row by row when the station moves to
    // PostgreSQL (pg_migration.h).
    sql::Database& database() { return m_store->db(); }

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

    // The parsed links kept across requests are read again from the log (another writer changed it).
    void forget_cached_links() { m_links.clear(); }

private:
    // The device's records are no longer taken as held by it (record_echo).
    void forget_held(const std::string& device_id);

    std::unique_ptr<Store> m_store;
    LinkCache m_links{256};  // about one sync of 100,000 records at 500 entries a link
};

}  // namespace langnghe::server
