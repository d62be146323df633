// Change files at the station: importing a device's file as its push (enrolling a device enrolled
// by card on its first file), and exporting what a device of a unit would pull, signed.
#include <algorithm>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/model/records.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/sync/enrollment_card.h"
#include "station.h"
#include "station_rules.h"

namespace langnghe::server {

namespace {
[[noreturn]] void refuse_file(const std::string& en, const std::string& vi) {
    throw Error(ErrorCode::forbidden, "change file refused: " + en, "file").vi("tệp thay đổi bị từ chối: " + vi);
}

std::optional<Device> device_of_site(std::vector<Device> devices, const std::string& site) {
    // A site enrolled again after a revocation is its newest enrollment.
    std::optional<Device> found;
    for (auto& d : devices)
        if (d.site == site && (!found || d.enrolled_at >= found->enrolled_at)) found = std::move(d);
    return found;
}

std::string key_for_own_site(const ChangeFile& file) {
    for (const auto& key : file.keys)
        if (key.site == file.site && is_hex(key.public_key, 32)) return key.public_key;
    refuse_file("it carries an enrollment proof but no key for its own site " + file.site,
                "tệp có bằng chứng ghi danh nhưng không có khóa của chính site " + file.site);
}
}  // namespace

FileImport Station::import_changes(const ChangeFile& file) {
    if (!is_site_id(file.site)) refuse_file("'" + file.site + "' is not a site id", "'" + file.site + "' không phải mã site");
    std::optional<Device> signer = device_of_site(m_data->devices(), file.site);
    if (signer && signer->status != "active")
        refuse_file("it is signed by device " + signer->id + ", which is revoked",
                    "tệp được ký bởi thiết bị " + signer->id + ", đã bị thu hồi");
    std::optional<std::string> code_hash;
    std::optional<EnrollCode> code;
    if (!signer) {
        if (!file.enroll)
            refuse_file("it is signed by site " + file.site + ", which no device of this station is enrolled with",
                        "tệp được ký bởi site " + file.site + ", không thiết bị nào của trạm được ghi danh với site này");
        std::string key = key_for_own_site(file);
        for (auto& [hash, live] : m_data->live_codes(now_ms()))
            if (secrets_equal(enroll_proof(hash, file.site, key), file.enroll->proof)) {
                code_hash = hash;
                code = live;
                break;
            }
        if (!code)
            refuse_file("its enrollment proof matches no unused, unexpired code of this station",
                        "bằng chứng ghi danh của tệp không khớp mã nào còn hiệu lực và chưa dùng của trạm");
        if (!code->device_id.empty() && device(code->device_id).site != file.site)
            refuse_file("its code re-enrolls device " + code->device_id + ", not site " + file.site,
                        "mã của tệp dùng để ghi danh lại thiết bị " + code->device_id + ", không phải site " + file.site);
        signer = Device{code->device_id.empty() ? new_record_id("dv") : code->device_id,
                        file.site, clean_label(file.enroll->label), code->unit, code->role, "active", now_ms(), 0, key,
                        false, {}, 0};
    }
    std::string signed_text = file.read_from_text ? file.signed_text : change_file_signed_text(file);
    if (signed_text.empty() || !signature_valid(signer->public_key, signed_text, file.signature))
    {
        std::string who = code ? "site " + file.site : "device " + signer->id;
        refuse_file("it is altered or not signed by " + who, "tệp đã bị sửa hoặc không được " + who + " ký");
    }

    // Judged as the signer's push: the station's units are its own, so the copies a device holds stay out.
    std::vector<RecordState> records;
    FileImport result{signer->id, code.has_value(), 0, 0, 0};
    for (const auto& record : file.records) {
        if (record.type == "unit") ++result.units_skipped;
        else records.push_back(record);
    }
    auto keys = registry();
    if (code) {
        keys.push_back({signer->site, signer->public_key, "active"});
        std::sort(keys.begin(), keys.end(), [](const RegisteredKey& a, const RegisteredKey& b) { return a.site < b.site; });
    }
    SiteRoles roles = [known = enrolled_roles(), site = signer->site, role = acting_role(*signer)](const std::string& s) {
        return s == site ? std::optional<std::string>(role) : known(s);
    };
    auto units = m_data->unit_subtree(signer->unit);
    bool redacted = false;
    m_data->transaction([&] {
        auto new_links = m_data->check_push(records, file.links, WriterScope{{units.begin(), units.end()}, true, roles},
                                            key_lookup(keys));
        if (code) {
            auto still = m_data->find_code(*code_hash);
            if (!still || still->used)
                refuse_file("its enrollment code was used meanwhile", "mã ghi danh của tệp vừa được dùng");
            if (code->device_id.empty())
                m_data->add_device(*signer, sha256_hex(random_token()));
            else
                m_data->reactivate_device(signer->id, sha256_hex(random_token()), signer->label, signer->role,
                                          signer->public_key);
            m_data->use_code(*code_hash, now_ms());
        }
        ApplyResult applied = m_data->apply(records, new_links, signer->site);
        m_data->touch_device(signer->id, now_ms(), {});
        result.received = applied.received;
        result.changed = applied.changed;
        redacted = applied.redacted > 0;
    });
    if (redacted) m_data->scrub_redacted();
    return result;
}

ChangeFile Station::export_changes(const std::string& unit) {
    m_data->require_unit(unit);
    auto units = m_data->unit_subtree(unit);
    std::set<std::string> visible_units(units.begin(), units.end());
    for (const auto& code : m_data->unit_path(unit)) visible_units.insert(code);
    ChangeFile file;
    file.site = m_data->station_key().site;
    file.created_at = format_iso8601_ms(now_ms());
    for (;;) {
        StateBatch batch = m_data->changes_since(file.last_seq, max_pull_batch, units, {visible_units.begin(), visible_units.end()}, {});
        for (auto& record : decode_records(batch.records_json)) file.records.push_back(std::move(record));
        file.last_seq = batch.last_seq;
        if (!batch.more) break;
    }
    file.keys = registry();
    file.signature = m_data->sign(change_file_signed_text(file));
    return file;
}

}  // namespace langnghe::server
