#pragma once
// The station: the protocol's operations and rules (enrollment, tokens, scope, push, pull,
// receipts) over a StationStore (station_store.h) that keeps the devices, codes and records.
// HTTP-free, so the admin commands, the HTTP layer and tests all call the same code.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/storage/store.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/sync_protocol.h"
#include "station_store.h"

namespace langnghe::server {

struct IssuedCode {
    std::string code;  // shown once; only its hash is stored
    std::string unit, role, device_id;
    std::int64_t expires_at = 0;
};

struct FileImport {
    std::string device_id;  // the device that signed the file
    bool enrolled = false;  // the file's enrollment proof enrolled it
    std::size_t received = 0, changed = 0, units_skipped = 0;
};

class Station {
public:
    // The embedded store in a data directory: `init` creates the directory and its database;
    // everything else opens an existing one.
    static std::unique_ptr<Station> init(const std::string& data_dir);
    static std::unique_ptr<Station> open(const std::string& data_dir, StoreOptions options = {});
    static std::string database_path(const std::string& data_dir);
    // The station in PostgreSQL (docs/postgres.md): `init_database` creates its tables and identity
    // when the database has none; `open_database` requires them.
    static std::unique_ptr<Station> init_database(const std::string& url);
    static std::unique_ptr<Station> open_database(const std::string& url);
    explicit Station(std::unique_ptr<StationStore> data);

    StationStore& data() { return *m_data; }
    std::int64_t now_ms() { return m_data->now_ms(); }

    // Admin.
    IssuedCode issue_code(const std::string& unit, const std::string& role, std::int64_t valid_for_ms);
    std::vector<Device> devices();
    Device device(const std::string& id);
    void revoke(const std::string& device_id);
    // Revokes the device's token and issues a one-time code that re-enrolls the same device (same
    // site and unit) with a new token, in the role given (its role so far when empty).
    IssuedCode rotate(const std::string& device_id, std::int64_t valid_for_ms, const std::string& role = {});
    // The device's scope becomes another unit's subtree; it learns so on its next pull.
    void move(const std::string& device_id, const std::string& unit);
    // A supervisor's device may write field records of its scope as an officer does, or no longer;
    // the station judges its writes so from now on, and the device learns so at its next pull.
    void grant_writes(const std::string& device_id, bool granted);
    // What a device's writes are judged as: its role, or officer for a supervisor granted writes.
    static std::string acting_role(const Device& device);

    // Protocol. Each runs in one transaction; a failure leaves the data as it was.
    EnrollResponse enroll(const EnrollRequest& request);
    // Throws unauthorized for a missing, unknown or revoked token.
    Device authenticate(std::string_view bearer_token);
    // `client` is the langnghe version the request named (client_version), "" when it named none. A
    // push refused for records it names counts them on the device, for the dashboard's device list.
    PushResponse push(const Device& device, const PushRequest& request, const std::string& client = {});
    PullAnswer pull(const Device& device, const PullRequest& request, const std::string& client = {});

    // The public receipt lookup: only the status and dates of the feedback with this receipt code,
    // never its text or anything about the resident. not_found for deleted or unknown codes.
    using Receipt = ReceiptStatus;
    Receipt receipt(const std::string& code);

    // Change files brought by hand (docs/custody.md, "Enrollment by file"). A file is judged as a
    // push of the device that signed it; the file of a device enrolled by card that the station does
    // not know yet enrolls it, with the unused code its proof matches. All or nothing; throws
    // forbidden naming the file, link or records at fault.
    FileImport import_changes(const ChangeFile& file);
    // What a first pull of a device of `unit` would receive, and the registry, signed by the station.
    ChangeFile export_changes(const std::string& unit);

    // The keys devices and this station sign custody links with, by site (custody.h).
    std::vector<RegisteredKey> registry();
    // Re-checks the custody log and every stored value against it, offline.
    CustodyReport verify();

    // Requests are served by a thread pool; the embedded store is one connection, used by one at a time.
    std::mutex& mutex() { return m_mutex; }

private:
    // The role of the device enrolled with each site: a push's writes are judged by their writers'.
    SiteRoles enrolled_roles();

    std::unique_ptr<StationStore> m_data;
    std::mutex m_mutex;
};

}  // namespace langnghe::server
