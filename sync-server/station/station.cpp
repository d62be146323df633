#include "station.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/codec.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/records.h"
#include "langnghe/model/units.h"
#include "langnghe/sync/record_check.h"

namespace langnghe::server {

namespace {
constexpr const char* station_schema = R"sql(
    CREATE TABLE IF NOT EXISTS devices(
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        label TEXT NOT NULL,
        unit TEXT NOT NULL,
        role TEXT NOT NULL,
        status TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        enrolled_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS enroll_codes(
        code_hash TEXT PRIMARY KEY,
        unit TEXT NOT NULL,
        role TEXT NOT NULL,
        device_id TEXT,
        expires_at INTEGER NOT NULL,
        used_at INTEGER);
)sql";

std::string hex(const unsigned char* bytes, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 15]);
    }
    return out;
}

std::string sha256_hex(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw Error(ErrorCode::internal, "SHA-256 failed");
    return hex(digest, length);
}

std::string random_token() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw Error(ErrorCode::internal, "no secure random source");
    return "lnt_" + hex(bytes, sizeof bytes);
}

// Twelve Crockford characters (60 bits), read out as XXXX-XXXX-XXXX.
std::string random_code() {
    std::string id = new_record_id("c").substr(2, 12);
    return id.substr(0, 4) + "-" + id.substr(4, 4) + "-" + id.substr(8, 4);
}

std::string normalised_code(std::string_view code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.push_back(u == 'O' ? '0' : (u == 'I' || u == 'L') ? '1' : u);
    }
    return out;
}

Device read_device(sql::Statement& st) {
    return {st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
            st.column_text(5), st.column_int(6),  st.column_int(7)};
}
constexpr const char* device_columns = "id, site, label, unit, role, status, enrolled_at, last_seen";

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

void require_role(const std::string& role) {
    if (!is_role(role))
        throw_invalid("role", "role: '" + role + "' is not officer, unit_head or supervisor",
                      "role: '" + role + "' không phải officer, unit_head hoặc supervisor");
}
}  // namespace

std::string Station::database_path(const std::string& data_dir) { return data_dir + "/station.db"; }

Station::Station(std::unique_ptr<Store> store) : m_store(std::move(store)) {
    Store::Scope scope(*m_store);
    m_store->db().exec(station_schema);
    scope.commit();
}

std::unique_ptr<Station> Station::init(const std::string& data_dir) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) throw Error(ErrorCode::io, "cannot create " + data_dir + ": " + ec.message(), "data");
    return std::unique_ptr<Station>(new Station(Store::open(database_path(data_dir))));
}

std::unique_ptr<Station> Station::open(const std::string& data_dir, StoreOptions options) {
    if (!std::filesystem::exists(database_path(data_dir)))
        throw Error(ErrorCode::not_found, "no station data in " + data_dir + " (run `langnghe-server init --data " +
                                              data_dir + "` first)",
                    "data");
    return std::unique_ptr<Station>(new Station(Store::open_existing(database_path(data_dir), std::move(options))));
}

IssuedCode Station::issue_code(const std::string& unit, const std::string& role, std::int64_t valid_for_ms) {
    require_role(role);
    if (valid_for_ms <= 0) throw_invalid("expires", "expires: must be a positive duration", "expires: phải là khoảng thời gian dương");
    Store::Scope scope(*m_store);
    require_unit(*m_store, unit);
    IssuedCode issued{random_code(), unit, role, {}, now_ms() + valid_for_ms};
    auto st = m_store->db().prepare("INSERT INTO enroll_codes(code_hash, unit, role, expires_at) VALUES(?,?,?,?)");
    st.bind(1, sha256_hex(normalised_code(issued.code))).bind(2, unit).bind(3, role).bind(4, issued.expires_at);
    st.run();
    scope.commit();
    return issued;
}

std::vector<Device> Station::devices() {
    auto st = m_store->db().prepare(std::string("SELECT ") + device_columns + " FROM devices ORDER BY enrolled_at, id");
    std::vector<Device> out;
    while (st.step()) out.push_back(read_device(st));
    return out;
}

Device Station::device(const std::string& id) {
    auto st = m_store->db().prepare(std::string("SELECT ") + device_columns + " FROM devices WHERE id=?");
    st.bind(1, id);
    if (!st.step())
        throw Error(ErrorCode::not_found, "no device " + id + " (see `langnghe-server device list`)", "id")
            .vi("không có thiết bị " + id + " (xem `langnghe-server device list`)");
    return read_device(st);
}

void Station::revoke(const std::string& device_id) {
    Store::Scope scope(*m_store);
    device(device_id);
    auto st = m_store->db().prepare("UPDATE devices SET status='revoked', token_hash=NULL WHERE id=?");
    st.bind(1, device_id);
    st.run();
    scope.commit();
}

IssuedCode Station::rotate(const std::string& device_id, std::int64_t valid_for_ms) {
    Store::Scope scope(*m_store);
    Device d = device(device_id);
    revoke(device_id);
    IssuedCode issued{random_code(), d.unit, d.role, d.id, now_ms() + valid_for_ms};
    auto st = m_store->db().prepare(
        "INSERT INTO enroll_codes(code_hash, unit, role, device_id, expires_at) VALUES(?,?,?,?,?)");
    st.bind(1, sha256_hex(normalised_code(issued.code))).bind(2, d.unit).bind(3, d.role).bind(4, d.id);
    st.bind(5, issued.expires_at);
    st.run();
    scope.commit();
    return issued;
}

void Station::move(const std::string& device_id, const std::string& unit) {
    Store::Scope scope(*m_store);
    device(device_id);
    require_unit(*m_store, unit);
    auto st = m_store->db().prepare("UPDATE devices SET unit=? WHERE id=?");
    st.bind(1, unit).bind(2, device_id);
    st.run();
    scope.commit();
}

EnrollResponse Station::enroll(const EnrollRequest& request) {
    if (!is_site_id(request.site)) throw_invalid("site", "site: '" + request.site + "' is not a site id");
    std::string label = clean_label(request.label);
    Store::Scope scope(*m_store);
    auto find = m_store->db().prepare("SELECT unit, role, device_id, expires_at, used_at FROM enroll_codes WHERE code_hash=?");
    find.bind(1, sha256_hex(normalised_code(request.code)));
    if (!find.step()) throw Error(ErrorCode::unauthorized, "unknown enrollment code", "code").vi("mã ghi danh không đúng");
    std::string unit = find.column_text(0), role = find.column_text(1), device_id = find.column_text(2);
    std::int64_t expires_at = find.column_int(3);
    bool used = !find.column_is_null(4);
    find.reset();
    if (used) throw Error(ErrorCode::forbidden, "this enrollment code was already used; ask the station for a new one", "code")
                  .vi("mã ghi danh này đã được dùng; xin trạm cấp mã mới");
    if (expires_at < now_ms()) throw Error(ErrorCode::forbidden, "this enrollment code has expired; ask the station for a new one", "code")
                  .vi("mã ghi danh này đã hết hạn; xin trạm cấp mã mới");

    EnrollResponse response{device_id, random_token(), unit, role, now_ms()};
    if (!device_id.empty()) {
        Device d = device(device_id);
        if (d.site != request.site)
            throw Error(ErrorCode::forbidden, "this code re-enrolls device " + d.id + ", not this one", "site");
        auto st = m_store->db().prepare("UPDATE devices SET status='active', token_hash=?, label=? WHERE id=?");
        st.bind(1, sha256_hex(response.token)).bind(2, label.empty() ? d.label : label).bind(3, d.id);
        st.run();
    } else {
        auto taken = m_store->db().prepare("SELECT id FROM devices WHERE site=? AND status='active'");
        taken.bind(1, request.site);
        if (taken.step())
            throw Error(ErrorCode::already_exists, "a device with site " + request.site + " is already enrolled (" +
                                                       taken.column_text(0) + ")", "site");
        response.device_id = new_record_id("dv");
        auto st = m_store->db().prepare(
            "INSERT INTO devices(id, site, label, unit, role, status, token_hash, enrolled_at) VALUES(?,?,?,?,?,'active',?,?)");
        st.bind(1, response.device_id).bind(2, request.site).bind(3, label).bind(4, unit).bind(5, role);
        st.bind(6, sha256_hex(response.token)).bind(7, now_ms());
        st.run();
    }
    auto use = m_store->db().prepare("UPDATE enroll_codes SET used_at=? WHERE code_hash=?");
    use.bind(1, now_ms()).bind(2, sha256_hex(normalised_code(request.code)));
    use.run();
    scope.commit();
    return response;
}

Device Station::authenticate(std::string_view bearer_token) {
    if (bearer_token.empty())
        throw Error(ErrorCode::unauthorized, "no device token (send Authorization: Bearer <token>; enroll first)");
    auto st = m_store->db().prepare(std::string("SELECT ") + device_columns + " FROM devices WHERE token_hash=?");
    st.bind(1, sha256_hex(bearer_token));
    if (!st.step()) throw Error(ErrorCode::unauthorized, "unknown or revoked device token")
                             .vi("mã xác thực thiết bị không đúng hoặc đã bị thu hồi");
    Device d = read_device(st);
    if (d.status != "active") throw Error(ErrorCode::unauthorized, "device " + d.id + " is revoked").vi("thiết bị " + d.id + " đã bị thu hồi quyền");
    return d;
}

void Station::touch(const std::string& device_id) {
    auto& st = m_store->cached_statement("UPDATE devices SET last_seen=? WHERE id=?");
    sql::ResetGuard reset(st);
    st.bind(1, now_ms()).bind(2, device_id);
    st.run();
}

std::vector<std::string> Station::scope_units(const std::string& unit) { return unit_subtree(*m_store, unit); }

PushResponse Station::push(const Device& device, const PushRequest& request) {
    if (request.site != device.site)
        throw Error(ErrorCode::forbidden, "the push claims site " + request.site + " but device " + device.id +
                                              " is site " + device.site, "site");
    auto units = scope_units(device.unit);
    WriterScope scope{{units.begin(), units.end()}, true};
    check_received(*m_store, request.records, receiver_of(*m_store), scope);
    Store::Scope scope_tx(*m_store);
    std::uint64_t before = m_store->current_seq();
    ApplyResult applied = m_store->apply(request.records);
    touch(device.id);
    scope_tx.commit();
    return {applied.received, applied.changed, now_ms(), before, m_store->current_seq()};
}

PullAnswer Station::pull(const Device& device, const PullRequest& request) {
    // A cursor this station never handed out: answering "nothing new" would leave the device
    // believing it is up to date with a station that lost (or never had) what it claims.
    // The stored sequence, not this process's copy: an admin command may have written since.
    std::uint64_t newest = std::max<std::uint64_t>(m_store->current_seq(), std::stoull(m_store->meta("seq").value_or("0")));
    if (request.cursor > newest)
        throw Error(ErrorCode::invalid_input, "cursor " + std::to_string(request.cursor) + " is past this station's newest change (" +
                                                  std::to_string(newest) + "); if the station was restored from a backup, run `langnghe sync --full`",
                    "cursor")
            .vi("con trỏ " + std::to_string(request.cursor) + " vượt quá thay đổi mới nhất của trạm (" + std::to_string(newest) +
                "); nếu trạm vừa được khôi phục từ bản sao lưu, chạy `langnghe sync --full`");
    auto units = scope_units(device.unit);
    std::set<std::string> scope(units.begin(), units.end());
    std::set<std::string> visible_units = scope;
    for (const auto& u : unit_path(*m_store, device.unit)) visible_units.insert(u.code);
    StateBatch batch = m_store->export_scope_since(request.cursor, std::min(request.limit, max_pull_batch),
                                                   nlohmann::json(scope).dump(), nlohmann::json(visible_units).dump());
    Store::Scope scope_tx(*m_store);
    touch(device.id);
    scope_tx.commit();
    return {std::move(batch.records_json), batch.last_seq, batch.more, device.unit, device.role, now_ms()};
}

Station::Receipt Station::receipt(const std::string& code) {
    std::string normalised = normalised_code(code);
    bool well_formed = normalised.size() == 10 &&
                       normalised.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos;
    if (!well_formed) throw_invalid("code", "code: '" + code + "' is not a receipt code (XXXXX-XXXXX)",
                                    "code: '" + code + "' không phải mã biên nhận (XXXXX-XXXXX)");
    Feedback f;
    try {
        f = get_feedback(*m_store, normalised);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::invalid_input) throw Error(ErrorCode::not_found, "no feedback with this receipt code", "code");
        throw;
    }
    if (f.deleted) throw Error(ErrorCode::not_found, "no feedback with this receipt code", "code");
    std::string updated = f.received_at.substr(0, 10);
    for (const auto& event : status_history(*m_store, f.id)) updated = std::max(updated, event.at.substr(0, 10));
    return {f.code, f.status, f.received_at.substr(0, 10), updated};
}

}  // namespace langnghe::server
