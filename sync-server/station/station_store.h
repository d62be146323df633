#pragma once
// What the station keeps, behind one interface (docs/station-store.md): the enrolled devices and
// their token hashes, the one-time enrollment codes, and the records devices push and pull. The
// embedded SQLite store (sqlite_station_store.h) is the default; a PostgreSQL store serving many
// stateless servers implements the same promises. Station (station.h) holds the protocol's rules
// and calls only this, so both stores behave the same.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "langnghe/merge/merge.h"
#include "langnghe/model/records.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/store.h"
#include "langnghe/sync/custody_check.h"
#include "langnghe/sync/record_check.h"
#include "rate_store.h"

namespace langnghe::server {

struct Device {
    std::string id, site, label, unit, role, status;  // status: active | revoked
    std::int64_t enrolled_at = 0, last_seen = 0;
    std::string public_key;  // the key its custody links are signed with (custody.h), hex
    bool writes_granted = false;  // a supervisor the station lets write field records as an officer does
    std::string client;           // the langnghe version it last synced with, as its request named it; "" unknown
    std::int64_t refused_last = 0;  // records the station refused in its latest push (the device sets them aside)
};

// A one-time enrollment code as stored: only its hash is kept.
struct EnrollCode {
    std::string unit, role;
    std::string device_id;  // set when the code re-enrolls that device (`device rotate`)
    std::int64_t expires_at = 0;
    bool used = false;
};

// The public face of one feedback (its receipt code): never its text or anything about the resident.
struct ReceiptStatus {
    std::string code, status, received_on, updated_on;  // dates as YYYY-MM-DD
};

class StationStore {
public:
    virtual ~StationStore() = default;

    // Runs `work`; every call it makes on this store commits together, or none does when it throws.
    // A transaction begun inside `work` joins this one. A store may run `work` again after a
    // serialization failure, so `work` has no effect outside this store beyond what it returns.
    virtual void transaction(const std::function<void()>& work) = 0;
    // The station's wall clock, milliseconds since the Unix epoch.
    virtual std::int64_t now_ms() = 0;

    // Devices, ordered by enrollment time, then id.
    virtual std::vector<Device> devices() = 0;
    virtual std::optional<Device> find_device(const std::string& id) = 0;
    // The device holding this token (active or not); a revoked device holds none.
    virtual std::optional<Device> device_by_token_hash(const std::string& token_hash) = 0;
    // The id of the active device enrolled with this site id, if any: a site enrolls once.
    virtual std::optional<std::string> active_device_of_site(const std::string& site) = 0;
    virtual void add_device(const Device& device, const std::string& token_hash) = 0;
    // Active again with a new token (a rotated device enrolling with its code), the role its code
    // gives and the key it holds now.
    virtual void reactivate_device(const std::string& id, const std::string& token_hash, const std::string& label,
                                   const std::string& role, const std::string& public_key) = 0;
    // Revoked, and its token forgotten: the token authenticates nothing from now on. Revoked or
    // moved, the device purges what it held, so nothing is taken as held by it any more (apply).
    virtual void revoke_device(const std::string& id) = 0;
    virtual void move_device(const std::string& id, const std::string& unit) = 0;
    virtual void grant_writes(const std::string& id, bool granted) = 0;
    // Marks the device seen; a non-empty `client` replaces the version it last synced with.
    virtual void touch_device(const std::string& id, std::int64_t at_ms, const std::string& client) = 0;
    virtual void note_refused(const std::string& id, std::int64_t records) = 0;

    // Enrollment codes, by the hash of their normalised text. A hash is added once.
    virtual void add_code(const std::string& code_hash, const EnrollCode& code) = 0;
    virtual std::optional<EnrollCode> find_code(const std::string& code_hash) = 0;
    virtual void use_code(const std::string& code_hash, std::int64_t at_ms) = 0;
    // Codes not used and not expired at `now_ms`, with their hashes: what a file's enrollment proof
    // is tried against.
    virtual std::vector<std::pair<std::string, EnrollCode>> live_codes(std::int64_t now_ms) = 0;

    // Units (the records of type unit), for scopes.
    // Throws invalid_input naming the unit when the station holds no live unit of that code.
    virtual void require_unit(const std::string& code) = 0;
    // The unit and every unit below it.
    virtual std::vector<std::string> unit_subtree(const std::string& code) = 0;
    // The codes from the root of the tree down to `code`.
    virtual std::vector<std::string> unit_path(const std::string& code) = 0;

    // The station's own signing key, in the registry beside the devices'.
    virtual RegisteredKey station_key() = 0;
    // `message` signed with the station's key (custody_crypto.h), hex.
    virtual std::string sign(std::string_view message) = 0;

    // Records. A push is checked whole before anything is joined: its links against the custody
    // log and `key_of` (custody_check.h), then its records (record_check.h), each write of them
    // covered by a signed link. Returns the links the log lacks. The caller then applies records
    // and links inside a transaction, so a push is all or nothing.
    virtual std::vector<CustodyLink> check_push(const std::vector<RecordState>& records, const std::vector<CustodyLink>& links,
                                                const WriterScope& scope, const KeyOf& key_of) = 0;
    // `sender_site`: the device whose push or file it is; a record the join leaves exactly as that
    // device sent it is not sent back to it (changes_since), since it holds it already.
    virtual ApplyResult apply(const std::vector<RecordState>& records, const std::vector<CustodyLink>& new_links,
                              const std::string& sender_site) = 0;
    // Every chain of the custody log and every stored value against it (`langnghe-server verify`).
    virtual CustodyReport verify_custody(const KeyOf& key_of) = 0;
    // After an apply that redacted values (ApplyResult::redacted), outside the transaction: the
    // values leave the station's files too.
    virtual void scrub_redacted() = 0;
    // The newest change's cursor, as committed by any server: what a device that pulled everything holds.
    virtual std::uint64_t newest_cursor() = 0;
    // Changes after `cursor`, in change order, at most `limit`: records of `units` (not unit
    // records) and the unit records of `unit_records`, as stored text, without those whose latest
    // change `for_site` sent itself (apply). A change committed after this answer's last_seq is
    // never skipped by the next pull from last_seq, and none is sent twice.
    virtual StateBatch changes_since(std::uint64_t cursor, std::size_t limit, const std::vector<std::string>& units,
                                     const std::vector<std::string>& unit_records, const std::string& for_site) = 0;
    // The feedback with this receipt code (already normalised), unless unknown or deleted.
    virtual std::optional<ReceiptStatus> receipt(const std::string& code) = 0;

    // Administration.
    virtual UnitImportResult import_units(const Actor& actor, std::string_view file_text,
                                          const UnitImportOptions& options = {}) = 0;
    virtual std::vector<Unit> list_units(const std::optional<std::string>& root) = 0;
    // Byte-identical to a device's dump of the same records (Store::canonical_dump).
    virtual std::string canonical_dump() = 0;

    // Rate-limit buckets shared by every server of this station, on a connection of their own (the
    // HTTP threads take them without the station's lock); none when the store serves one server.
    virtual std::shared_ptr<RateStore> shared_rate_store() { return nullptr; }
};

}  // namespace langnghe::server
