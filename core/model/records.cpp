#include "langnghe/model/records.h"

#include <openssl/rand.h>

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/codec/document.h"

namespace langnghe {

std::string new_record_id(std::string_view prefix) {
    static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford: no I, L, O, U
    unsigned char bytes[10];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw Error(ErrorCode::internal, "no secure random source");
    std::string out(prefix);
    out.push_back('-');
    std::uint64_t acc = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(alphabet[(acc >> bits) & 31]);
        }
    }
    return out;
}

std::optional<StoredRecord> find_record(Store& store, const std::string& id) {
    auto& st = store.cached_statement("SELECT id, type, unit, doc, conflicts FROM records WHERE id=?");
    sql::ResetGuard reset(st);
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return StoredRecord{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_int(4)};
}

StoredRecord require_record(Store& store, const std::string& id, std::string_view type) {
    auto r = find_record(store, id);
    if (!r || (!type.empty() && r->type != type))
        throw Error(ErrorCode::not_found, "no " + std::string(type.empty() ? "record" : type) + " with id " + id, "id")
            .vi("không có bản ghi " + std::string(type) + " nào mã " + id);
    return *r;
}

void delete_record(Store& store, const Actor&, const std::string& id) {
    Store::Scope scope(store);
    auto r = require_record(store, id, "");
    if (r.type != "feedback" && r.type != "forum" && r.type != "action" && r.type != "unit")
        throw Error(ErrorCode::invalid_state, "a " + r.type + " is never deleted (" + id + ")")
            .vi("không thể xóa bản ghi loại " + r.type + " (" + id + ")");
    if (DocumentReader(r.doc).flag("deleted"))
        throw Error(ErrorCode::invalid_state, r.type + " " + id + " is already deleted")
            .vi("bản ghi " + id + " đã bị xóa rồi");
    store.write(r.id, r.type, r.unit, {{"deleted", json_bool(true)}}, store.next_dot());
    scope.commit();
}

void restore_record(Store& store, const Actor&, const std::string& id) {
    Store::Scope scope(store);
    auto r = require_record(store, id, "");
    if (!DocumentReader(r.doc).flag("deleted"))
        throw Error(ErrorCode::invalid_state, r.type + " " + id + " is not deleted")
            .vi("bản ghi " + id + " chưa bị xóa");
    store.write(r.id, r.type, r.unit, {{"deleted", json_bool(false)}}, store.next_dot());
    scope.commit();
}

std::vector<std::string> unit_subtree(Store& store, const std::string& code) {
    auto st = store.db().prepare(R"sql(
        WITH RECURSIVE sub(code) AS (
            SELECT ?1
            UNION
            SELECT json_extract(r.doc, '$.code') FROM records r JOIN sub ON json_extract(r.doc, '$.parent') = sub.code
            WHERE r.type = 'unit')
        SELECT code FROM sub ORDER BY code)sql");
    st.bind(1, code);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.column_text(0));
    return out;
}

std::string json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}
std::string json_bool(bool b) { return b ? "true" : "false"; }
std::string json_int(std::int64_t v) { return std::to_string(v); }

RecordQuery::RecordQuery(std::string_view type) : m_binds{std::string(type)} {
    m_sql = "SELECT id, type, unit, doc, conflicts FROM records WHERE type = ?";
}

RecordQuery& RecordQuery::in_subtree(Store& store, const std::optional<std::string>& unit) {
    if (unit) where("unit IN (SELECT value FROM json_each(?))", nlohmann::json(unit_subtree(store, *unit)).dump());
    return *this;
}

RecordQuery& RecordQuery::equals(std::string_view path, const std::optional<std::string>& value) {
    return where("json_extract(doc, '" + std::string(path) + "') = ?", value);
}

RecordQuery& RecordQuery::where(std::string_view clause, const std::optional<std::string>& value) {
    if (!value) return *this;
    m_sql += " AND ";
    m_sql += clause;
    m_binds.push_back(*value);
    return *this;
}

RecordQuery& RecordQuery::without(std::string_view path, bool keep) {
    if (!keep) m_sql += " AND json_extract(doc, '" + std::string(path) + "') IS NOT 1";
    return *this;
}

std::vector<StoredRecord> RecordQuery::run(Store& store, std::string_view order_path, std::size_t limit) const {
    std::string sql = m_sql + " ORDER BY json_extract(doc, '" + std::string(order_path) + "'), id";
    if (limit) sql += " LIMIT " + std::to_string(limit);
    auto st = store.db().prepare(sql);
    for (std::size_t i = 0; i < m_binds.size(); ++i) st.bind(static_cast<int>(i + 1), m_binds[i]);
    std::vector<StoredRecord> out;
    while (st.step())
        out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_int(4)});
    return out;
}

}  // namespace langnghe
