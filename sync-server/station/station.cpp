#include "station.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/codec.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/records.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/set_aside.h"
#include "langnghe/sync/record_check.h"
#include "langnghe/sync/enrollment_card.h"
#include "pg_station_store.h"
#include "sqlite_station_store.h"
#include "station_rules.h"

namespace langnghe::server {

std::string random_token() { return "lnt_" + random_hex(32); }

KeyOf key_lookup(std::vector<RegisteredKey> keys) {
    return [keys = std::move(keys)](const std::string& site) -> std::optional<RegisteredKey> {
        auto it = std::lower_bound(keys.begin(), keys.end(), site,
                                   [](const RegisteredKey& k, const std::string& s) { return k.site < s; });
        if (it == keys.end() || it->site != site) return std::nullopt;
        return *it;
    };
}

// The label is the officer's name as the device sends it, shown in `device list`: cut to 200
// characters (never inside one, which would leave invalid UTF-8 behind) and refused when it holds
// what a terminal would act on.
std::string clean_label(std::string_view label) {
    std::string text = truncate_chars(to_nfc(label, "label"), 200);
    if (has_control_characters(text))
        throw_invalid("label", "label: must not hold control characters or escape sequences",
                      "label: không được chứa ký tự điều khiển hoặc chuỗi thoát");
    return text;
}

namespace {
// Twelve Crockford characters (60 bits), read out as XXXX-XXXX-XXXX.
std::string random_code() {
    std::string id = new_record_id("c").substr(2, 12);
    return id.substr(0, 4) + "-" + id.substr(4, 4) + "-" + id.substr(8, 4);
}

void require_role(const std::string& role) {
    if (!is_role(role))
        throw_invalid("role", "role: '" + role + "' is not officer, unit_head or supervisor",
                      "role: '" + role + "' không phải officer, unit_head hoặc supervisor");
}
}  // namespace

std::string Station::database_path(const std::string& data_dir) { return data_dir + "/station.db"; }

Station::Station(std::unique_ptr<StationStore> data) : m_data(std::move(data)) {}

std::unique_ptr<Station> Station::init(const std::string& data_dir) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) throw Error(ErrorCode::io, "cannot create " + data_dir + ": " + ec.message(), "data");
    return std::make_unique<Station>(std::make_unique<SqliteStationStore>(Store::open(database_path(data_dir))));
}

std::unique_ptr<Station> Station::open(const std::string& data_dir, StoreOptions options) {
    if (!std::filesystem::exists(database_path(data_dir)))
        throw Error(ErrorCode::not_found, "no station data in " + data_dir + " (run `langnghe-server init --data " +
                                              data_dir + "` first)",
                    "data");
    return std::make_unique<Station>(
        std::make_unique<SqliteStationStore>(Store::open_existing(database_path(data_dir), std::move(options))));
}

std::unique_ptr<Station> Station::init_database(const std::string& url) {
    return std::make_unique<Station>(PgStationStore::init(url));
}

std::unique_ptr<Station> Station::open_database(const std::string& url) {
    return std::make_unique<Station>(PgStationStore::open(url));
}

IssuedCode Station::issue_code(const std::string& unit, const std::string& role, std::int64_t valid_for_ms) {
    require_role(role);
    if (valid_for_ms <= 0) throw_invalid("expires", "expires: must be a positive duration", "expires: phải là khoảng thời gian dương");
    IssuedCode issued;
    m_data->transaction([&] {
        m_data->require_unit(unit);
        issued = {random_code(), unit, role, {}, now_ms() + valid_for_ms};
        m_data->add_code(enroll_code_hash(issued.code), {unit, role, {}, issued.expires_at, false});
    });
    return issued;
}

std::vector<Device> Station::devices() { return m_data->devices(); }

Device Station::device(const std::string& id) {
    auto found = m_data->find_device(id);
    if (!found)
        throw Error(ErrorCode::not_found, "no device " + id + " (see `langnghe-server device list`)", "id")
            .vi("không có thiết bị " + id + " (xem `langnghe-server device list`)");
    return *found;
}

void Station::revoke(const std::string& device_id) {
    m_data->transaction([&] {
        device(device_id);
        m_data->revoke_device(device_id);
    });
}

IssuedCode Station::rotate(const std::string& device_id, std::int64_t valid_for_ms, const std::string& role) {
    if (!role.empty() && !is_role(role))
        throw_invalid("role", "role: '" + role + "' is not officer, unit_head or supervisor",
                      "role: '" + role + "' không phải officer, unit_head hoặc supervisor");
    IssuedCode issued;
    m_data->transaction([&] {
        Device d = device(device_id);
        revoke(device_id);
        std::string new_role = role.empty() ? d.role : role;
        issued = {random_code(), d.unit, new_role, d.id, now_ms() + valid_for_ms};
        m_data->add_code(enroll_code_hash(issued.code), {d.unit, new_role, d.id, issued.expires_at, false});
    });
    return issued;
}

void Station::move(const std::string& device_id, const std::string& unit) {
    m_data->transaction([&] {
        device(device_id);
        m_data->require_unit(unit);
        m_data->move_device(device_id, unit);
    });
}

EnrollResponse Station::enroll(const EnrollRequest& request) {
    if (!is_site_id(request.site)) throw_invalid("site", "site: '" + request.site + "' is not a site id");
    std::string label = clean_label(request.label);
    std::string code_hash = enroll_code_hash(request.code);
    EnrollResponse response;
    m_data->transaction([&] {
        auto code = m_data->find_code(code_hash);
        if (!code) throw Error(ErrorCode::unauthorized, "unknown enrollment code", "code").vi("mã ghi danh không đúng");
        if (code->used)
            throw Error(ErrorCode::forbidden, "this enrollment code was already used; ask the station for a new one", "code")
                .vi("mã ghi danh này đã được dùng; xin trạm cấp mã mới");
        if (code->expires_at < now_ms())
            throw Error(ErrorCode::forbidden, "this enrollment code has expired; ask the station for a new one", "code")
                .vi("mã ghi danh này đã hết hạn; xin trạm cấp mã mới");

        response = {code->device_id, random_token(), code->unit, code->role, now_ms()};
        if (!code->device_id.empty()) {
            Device d = device(code->device_id);
            if (d.site != request.site)
                throw Error(ErrorCode::forbidden, "this code re-enrolls device " + d.id + ", not this one", "site");
            m_data->reactivate_device(d.id, sha256_hex(response.token), label.empty() ? d.label : label, code->role,
                                      request.public_key);
        } else {
            if (auto taken = m_data->active_device_of_site(request.site))
                throw Error(ErrorCode::already_exists, "a device with site " + request.site + " is already enrolled (" +
                                                           *taken + ")", "site");
            response.device_id = new_record_id("dv");
            m_data->add_device({response.device_id, request.site, label, code->unit, code->role, "active", now_ms(), 0,
                                request.public_key, false, {}, 0},
                               sha256_hex(response.token));
        }
        m_data->use_code(code_hash, now_ms());
    });
    return response;
}

Device Station::authenticate(std::string_view bearer_token) {
    if (bearer_token.empty())
        throw Error(ErrorCode::unauthorized, "no device token (send Authorization: Bearer <token>; enroll first)");
    auto d = m_data->device_by_token_hash(sha256_hex(bearer_token));
    if (!d)
        throw Error(ErrorCode::unauthorized, "unknown or revoked device token")
            .vi("mã xác thực thiết bị không đúng hoặc đã bị thu hồi");
    if (d->status != "active")
        throw Error(ErrorCode::unauthorized, "device " + d->id + " is revoked").vi("thiết bị " + d->id + " đã bị thu hồi quyền");
    return *d;
}

SiteRoles Station::enrolled_roles() {
    // Read once per push, when a record first asks. A site enrolled again after a revocation is
    // judged by its newest enrollment.
    auto roles = std::make_shared<std::optional<std::map<std::string, std::string>>>();
    return [this, roles](const std::string& site) -> std::optional<std::string> {
        if (!*roles) {
            auto& by_site = roles->emplace();
            auto devices = m_data->devices();
            std::stable_sort(devices.begin(), devices.end(),
                             [](const Device& a, const Device& b) { return a.enrolled_at < b.enrolled_at; });
            for (const auto& d : devices) by_site[d.site] = acting_role(d);
        }
        auto found = (*roles)->find(site);
        if (found == (*roles)->end()) return std::nullopt;
        return found->second;
    };
}

PushResponse Station::push(const Device& device, const PushRequest& request, const std::string& client) {
    if (request.site != device.site)
        throw Error(ErrorCode::forbidden, "the push claims site " + request.site + " but device " + device.id +
                                              " is site " + device.site, "site");
    auto units = m_data->unit_subtree(device.unit);
    KeyOf key_of = key_lookup(registry());
    PushResponse response;
    bool redacted = false;
    // The check and the join in one transaction: on a store many servers share, nothing another
    // server joins can come between them.
    try {
        m_data->transaction([&] {
            auto new_links = m_data->check_push(request.records, request.links,
                                                WriterScope{{units.begin(), units.end()}, true, enrolled_roles()}, key_of);
            std::uint64_t before = m_data->newest_cursor();
            ApplyResult applied = m_data->apply(request.records, new_links, device.site);
            m_data->touch_device(device.id, now_ms(), client);
            if (device.refused_last != 0) m_data->note_refused(device.id, 0);
            response = {applied.received, applied.changed, now_ms(), before, m_data->newest_cursor()};
            redacted = applied.redacted > 0;
        });
    } catch (const Error& e) {
        // The refusal names the records the device sets aside; nothing of the batch was kept.
        if (sets_aside(e.code()) && !e.details().empty())
            m_data->transaction([&] {
                m_data->touch_device(device.id, now_ms(), client);
                m_data->note_refused(device.id, static_cast<std::int64_t>(e.details().size()));
            });
        throw;
    }
    if (redacted) m_data->scrub_redacted();
    return response;
}

PullAnswer Station::pull(const Device& device, const PullRequest& request, const std::string& client) {
    // A cursor this station never handed out: answering "nothing new" would leave the device
    // believing it is up to date with a station that lost (or never had) what it claims.
    std::uint64_t newest = m_data->newest_cursor();
    if (request.cursor > newest)
        throw Error(ErrorCode::invalid_input, "cursor " + std::to_string(request.cursor) + " is past this station's newest change (" +
                                                  std::to_string(newest) + "); if the station was restored from a backup, run `langnghe sync --full`",
                    "cursor")
            .vi("con trỏ " + std::to_string(request.cursor) + " vượt quá thay đổi mới nhất của trạm (" + std::to_string(newest) +
                "); nếu trạm vừa được khôi phục từ bản sao lưu, chạy `langnghe sync --full`");
    auto units = m_data->unit_subtree(device.unit);
    std::set<std::string> scope(units.begin(), units.end());
    std::set<std::string> visible_units = scope;
    for (const auto& code : m_data->unit_path(device.unit)) visible_units.insert(code);
    StateBatch batch = m_data->changes_since(request.cursor, std::min(request.limit, max_pull_batch),
                                             {scope.begin(), scope.end()}, {visible_units.begin(), visible_units.end()}, device.site);
    m_data->transaction([&] { m_data->touch_device(device.id, now_ms(), client); });
    PullAnswer answer{std::move(batch.records_json), batch.last_seq, batch.more, device.unit, device.role, acting_role(device),
                      now_ms(), {}, {}, false};
    auto keys = registry();
    answer.registry_digest = registry_digest(keys);
    if (answer.registry_digest != request.registry) {
        answer.registry = std::move(keys);
        answer.registry_sent = true;
    }
    return answer;
}

std::string Station::acting_role(const Device& device) {
    return device.role == "supervisor" && device.writes_granted ? "officer" : device.role;
}

void Station::grant_writes(const std::string& device_id, bool granted) {
    m_data->transaction([&] {
        Device d = device(device_id);
        if (d.role != "supervisor")
            throw_invalid("device", "device " + d.id + " is a " + d.role + "'s, which writes field records without a grant",
                          "thiết bị " + d.id + " có vai trò " + d.role + ", vốn được ghi hồ sơ địa bàn không cần cấp quyền");
        m_data->grant_writes(device_id, granted);
    });
}

std::vector<RegisteredKey> Station::registry() {
    // A site enrolled again after a revocation signs with its newest enrollment's key.
    auto devices = m_data->devices();
    std::stable_sort(devices.begin(), devices.end(), [](const Device& a, const Device& b) { return a.enrolled_at < b.enrolled_at; });
    std::map<std::string, RegisteredKey> by_site;
    for (const auto& d : devices)
        if (!d.public_key.empty()) by_site[d.site] = {d.site, d.public_key, d.status};
    auto own = m_data->station_key();
    by_site[own.site] = own;
    std::vector<RegisteredKey> out;
    for (auto& [site, key] : by_site) out.push_back(std::move(key));
    return out;
}

CustodyReport Station::verify() { return m_data->verify_custody(key_lookup(registry())); }

Station::Receipt Station::receipt(const std::string& code) {
    std::string normalised = normalised_enroll_code(code);
    bool well_formed = normalised.size() == 10 &&
                       normalised.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos;
    if (!well_formed) throw_invalid("code", "code: '" + code + "' is not a receipt code (XXXXX-XXXXX)",
                                    "code: '" + code + "' không phải mã biên nhận (XXXXX-XXXXX)");
    auto found = m_data->receipt(normalised);
    if (!found) throw Error(ErrorCode::not_found, "no feedback with this receipt code", "code");
    return *found;
}

}  // namespace langnghe::server
