#pragma once
// The station: the server's data directory (one SQLite file, the same store and merge as a
// device, plus the enrolled devices and their one-time codes) and the protocol operations on it.
// HTTP-free, so the admin commands, the HTTP layer and tests all call the same code.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/storage/store.h"
#include "langnghe/sync/sync_protocol.h"

namespace langnghe::server {

struct Device {
    std::string id, site, label, unit, role, status;  // status: active | revoked
    std::int64_t enrolled_at = 0, last_seen = 0;
};

struct IssuedCode {
    std::string code;  // shown once; only its hash is stored
    std::string unit, role, device_id;
    std::int64_t expires_at = 0;
};

class Station {
public:
    // `init` creates the directory and its database; everything else opens an existing one.
    static std::unique_ptr<Station> init(const std::string& data_dir);
    static std::unique_ptr<Station> open(const std::string& data_dir, StoreOptions options = {});
    static std::string database_path(const std::string& data_dir);

    Store& store() { return *m_store; }
    std::int64_t now_ms() { return m_store->clock().physical_ms(); }

    // Admin.
    IssuedCode issue_code(const std::string& unit, const std::string& role, std::int64_t valid_for_ms);
    std::vector<Device> devices();
    Device device(const std::string& id);
    void revoke(const std::string& device_id);
    // Revokes the device's token and issues a one-time code that re-enrolls the same device (same
    // site, unit and role) with a new token.
    IssuedCode rotate(const std::string& device_id, std::int64_t valid_for_ms);
    // The device's scope becomes another unit's subtree; it learns so on its next pull.
    void move(const std::string& device_id, const std::string& unit);

    // Protocol. Each runs in one transaction; a failure leaves the data as it was.
    EnrollResponse enroll(const EnrollRequest& request);
    // Throws unauthorized for a missing, unknown or revoked token.
    Device authenticate(std::string_view bearer_token);
    PushResponse push(const Device& device, const PushRequest& request);
    PullAnswer pull(const Device& device, const PullRequest& request);

    // The public receipt lookup: only the status and dates of the feedback with this receipt code,
    // never its text or anything about the resident. not_found for deleted or unknown codes.
    struct Receipt {
        std::string code, status, received_on, updated_on;
    };
    Receipt receipt(const std::string& code);

    // Requests are served by a thread pool; the store is one connection, used by one at a time.
    std::mutex& mutex() { return m_mutex; }

private:
    explicit Station(std::unique_ptr<Store> store);
    void touch(const std::string& device_id);
    std::vector<std::string> scope_units(const std::string& unit);

    std::unique_ptr<Store> m_store;
    std::mutex m_mutex;
};

}  // namespace langnghe::server
