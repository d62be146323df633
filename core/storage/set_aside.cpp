#include "langnghe/storage/set_aside.h"

#include "langnghe/base/error.h"
#include "store_access.h"

namespace langnghe {

using storage_internal::Access;

bool sets_aside(ErrorCode code) {
    return code == ErrorCode::forbidden || code == ErrorCode::clock_skew || code == ErrorCode::invalid_input;
}

std::vector<SetAside> list_set_aside(Store& store) {
    std::vector<SetAside> out;
    auto st = Access::db(store).prepare("SELECT id, code, reason, at_ms FROM refused ORDER BY id");
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int(3)});
    return out;
}

std::set<std::string, std::less<>> set_aside_unchanged(Store& store) {
    std::set<std::string, std::less<>> out;
    auto st = Access::db(store).prepare(
        "SELECT refused.id FROM refused LEFT JOIN records ON records.id = refused.id "
        "WHERE records.seq IS NULL OR records.seq <= refused.seq OR refused.seq = 0");
    while (st.step()) out.insert(st.column_text(0));
    return out;
}

std::vector<std::string> set_aside_due(Store& store) {
    std::vector<std::string> out;
    auto st = Access::db(store).prepare(
        "SELECT refused.id FROM refused JOIN records ON records.id = refused.id WHERE refused.retry = 1 ORDER BY records.seq");
    while (st.step()) out.push_back(st.column_text(0));
    return out;
}

void set_aside(Store& store, const std::vector<std::string>& ids, ErrorCode code, const std::string& reason) {
    Store::Scope scope(store);
    auto st = Access::db(store).prepare(
        "INSERT OR REPLACE INTO refused(id, reason, at_ms, code, seq, retry) "
        "VALUES(?1, ?2, ?3, ?4, coalesce((SELECT seq FROM records WHERE id = ?1), 0), ?5)");
    for (const auto& id : ids) {
        st.bind(1, id).bind(2, reason).bind(3, store.options().clock()).bind(4, std::string(error_code_name(code)));
        st.bind(5, static_cast<std::int64_t>(code == ErrorCode::clock_skew));
        st.run();
        st.reset();
    }
    scope.commit();
}

void clear_set_aside(Store& store, const std::vector<std::string>& ids) {
    Store::Scope scope(store);
    auto st = Access::db(store).prepare("DELETE FROM refused WHERE id = ?");
    for (const auto& id : ids) {
        st.bind(1, id);
        st.run();
        st.reset();
    }
    scope.commit();
}

void retry_all_set_aside(Store& store) { Access::db(store).exec("UPDATE refused SET retry = 1"); }

std::size_t count_unpushed(Store& store, std::uint64_t pushed_seq) {
    auto st = Access::db(store).prepare(
        "SELECT count(*) FROM records WHERE seq > ? AND type != 'unit' AND id NOT IN (SELECT id FROM refused)");
    st.bind(1, pushed_seq);
    return st.step() ? static_cast<std::size_t>(st.column_int(0)) : 0;
}

std::vector<HeldRecord> acknowledged_records(Store& store, std::uint64_t pushed_seq) {
    auto st = Access::db(store).prepare(
        "SELECT id, unit, type = 'unit' FROM records WHERE (seq <= ? OR type = 'unit') AND id NOT IN (SELECT id FROM refused)");
    st.bind(1, pushed_seq);
    std::vector<HeldRecord> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_int(2) != 0});
    return out;
}

Advice set_aside_advice(const std::string& code) {
    if (code == "clock_skew")
        return {"it carries a time stamp far ahead of the station's clock (written on a device whose clock was wrong); "
                "it stays here and is offered again at every sync: set that device's clock right and sync it",
                "bản ghi mang dấu thời gian vượt xa đồng hồ của trạm (ghi trên thiết bị có đồng hồ sai); "
                "bản ghi được giữ trên máy và gửi lại mỗi lần đồng bộ: chỉnh đúng đồng hồ thiết bị đó rồi đồng bộ"};
    if (code == "forbidden")
        return {"it belongs to a unit outside this device's scope; it stays here and is offered again when the "
                "station changes this device's unit, or ask the station to take it by change file",
                "bản ghi thuộc đơn vị ngoài phạm vi của thiết bị; bản ghi được giữ trên máy và gửi lại khi trạm đổi "
                "đơn vị của thiết bị, hoặc đề nghị trạm nhận bằng tệp thay đổi"};
    return {"the station found it malformed; it stays here and is offered again after it is edited on this device; "
            "report it to the station's administrator",
            "trạm thấy bản ghi không hợp lệ; bản ghi được giữ trên máy và gửi lại sau khi được sửa trên thiết bị này; "
            "báo cho quản trị viên của trạm"};
}

}  // namespace langnghe
