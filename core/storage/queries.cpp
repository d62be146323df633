#include "langnghe/storage/queries.h"

#include <algorithm>

#include "langnghe/base/error.h"
#include "store_access.h"

namespace langnghe {

using storage_internal::Access;

namespace {
constexpr const char* record_columns = "id, type, unit, doc, conflicts";

StoredRecord read_row(const sql::Statement& st) {
    return {st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_int(4)};
}

std::vector<StoredRecord> read_rows(sql::Statement& st) {
    std::vector<StoredRecord> out;
    while (st.step()) out.push_back(read_row(st));
    return out;
}

// A path goes into the SQL text (so SQLite can use the indexes on json_extract(doc, '$.…')):
// only the shapes the model uses.
std::string checked_path(std::string_view path) {
    bool ok = path.size() > 2 && path.substr(0, 2) == "$." &&
              std::all_of(path.begin() + 2, path.end(), [](char c) {
                  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
              });
    if (!ok) throw Error(ErrorCode::internal, "not a plain JSON path: " + std::string(path));
    return std::string(path);
}

std::string value_at(const FieldTest& test) {
    std::string value = "json_extract(doc, '" + checked_path(test.path) + "')";
    if (test.prefix) value = "substr(" + value + ", 1, " + std::to_string(test.prefix) + ")";
    return value;
}

// One SQL condition for `test`, its values appended to `binds`.
std::string condition(const FieldTest& test, std::vector<std::string>& binds) {
    using Op = FieldTest::Op;
    if (test.op != Op::one_of && test.values.size() != 1)
        throw Error(ErrorCode::internal, "a field test on " + test.path + " takes one value");
    auto compare = [&](const char* op) {
        binds.push_back(test.values[0]);
        return value_at(test) + " " + op + " ?";
    };
    switch (test.op) {
        case Op::equals: return compare("=");
        case Op::less: return compare("<");
        case Op::at_most: return compare("<=");
        case Op::at_least: return compare(">=");
        case Op::one_of:
            binds.push_back(storage_internal::json_text_array(test.values));
            return value_at(test) + " IN (SELECT value FROM json_each(?))";
        case Op::contains:
            binds.push_back(test.values[0]);
            return "EXISTS (SELECT 1 FROM json_each(doc, '" + checked_path(test.path) + "') WHERE value = ?)";
    }
    throw Error(ErrorCode::internal, "unknown field test");
}
}  // namespace

std::optional<StoredRecord> find_record(Store& store, const std::string& id) {
    auto& st = Access::cached(store, "SELECT id, type, unit, doc, conflicts FROM records WHERE id=?");
    sql::ResetGuard reset(st);
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_row(st);
}

namespace {
// SELECT `columns` of the records `filter` keeps, in its order; `binds` gets the values to bind.
std::string filtered_select(const std::string& columns, const RecordFilter& filter, std::vector<std::string>& binds) {
    binds = {filter.type};
    std::string sql = "SELECT " + columns + " FROM records WHERE type = ?";
    if (filter.units) {
        sql += " AND unit IN (SELECT value FROM json_each(?))";
        binds.push_back(storage_internal::json_text_array(*filter.units));
    }
    for (const auto& test : filter.tests) sql += " AND " + condition(test, binds);
    for (const auto& path : filter.not_true) sql += " AND json_extract(doc, '" + checked_path(path) + "') IS NOT 1";
    sql += filter.order_path.empty() ? std::string(" ORDER BY unit, id")
                                     : " ORDER BY json_extract(doc, '" + checked_path(filter.order_path) + "'), id";
    if (filter.limit) sql += " LIMIT " + std::to_string(filter.limit);
    return sql;
}

sql::Statement prepared(Store& store, const std::string& sql, const std::vector<std::string>& binds) {
    auto st = Access::db(store).prepare(sql);
    for (std::size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i + 1), binds[i]);
    return st;
}
}  // namespace

std::vector<StoredRecord> find_records(Store& store, const RecordFilter& filter) {
    std::vector<std::string> binds;
    auto st = prepared(store, filtered_select(record_columns, filter, binds), binds);
    return read_rows(st);
}

std::vector<std::vector<std::string>> find_record_fields(Store& store, const RecordFilter& filter,
                                                         const std::vector<std::string>& paths) {
    std::string columns = "id, unit";
    for (const auto& path : paths) columns += ", json_extract(doc, '" + checked_path(path) + "')";
    std::vector<std::string> binds;
    auto st = prepared(store, filtered_select(columns, filter, binds), binds);
    std::vector<std::vector<std::string>> rows;
    while (st.step()) {
        std::vector<std::string> row;
        row.reserve(paths.size() + 2);
        for (int c = 0; c < static_cast<int>(paths.size()) + 2; ++c) row.push_back(st.column_is_null(c) ? std::string() : st.column_text(c));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<StoredRecord> find_by_id_prefix(Store& store, const std::string& type, const std::string& prefix) {
    auto st = Access::db(store).prepare(
        "SELECT id, type, unit, doc, conflicts FROM records WHERE id >= ?1 AND id < ?1 || '~' AND type = ?2");
    st.bind(1, prefix).bind(2, type);
    return read_rows(st);
}

std::vector<StoredRecord> find_by_target(Store& store, const std::string& type, const std::string& target_id) {
    // The literal type lets SQLite use the partial index of its kind (schema.cpp).
    std::string sql;
    if (type == "note")
        sql = "SELECT id, type, unit, doc, conflicts FROM records WHERE type='note' AND json_extract(doc, '$.target') = ? "
              "ORDER BY json_extract(doc, '$.stamp'), id";
    else if (type == "status_event")
        sql = "SELECT id, type, unit, doc, conflicts FROM records WHERE type='status_event' AND json_extract(doc, '$.target') = ? "
              "ORDER BY json_extract(doc, '$.stamp'), id";
    else if (type == "redaction")
        sql = "SELECT id, type, unit, doc, conflicts FROM records WHERE type='redaction' AND json_extract(doc, '$.target') = ? "
              "ORDER BY json_extract(doc, '$.stamp'), id";
    else if (type == "revision")
        sql = "SELECT id, type, unit, doc, conflicts FROM records WHERE type='revision' AND json_extract(doc, '$.target') = ? "
              "ORDER BY json_extract(doc, '$.stamp'), id";
    else
        throw Error(ErrorCode::internal, "records of type " + type + " have no target");
    auto st = Access::db(store).prepare(sql);
    st.bind(1, target_id);
    return read_rows(st);
}

std::vector<std::string> unit_subtree(Store& store, const std::string& code) {
    auto st = Access::db(store).prepare(R"sql(
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

bool is_live_unit(Store& store, const std::string& code) {
    auto& st = Access::cached(store, "SELECT json_extract(doc, '$.deleted') IS 1 FROM records WHERE id=? AND type='unit'");
    sql::ResetGuard reset(st);
    st.bind(1, "un-" + code);
    return st.step() && st.column_int(0) == 0;
}

std::vector<std::string> unit_codes(Store& store) {
    auto st = Access::db(store).prepare("SELECT unit FROM records WHERE type = 'unit'");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.column_text(0));
    return out;
}

std::vector<RecordKey> find_keys(Store& store, const std::vector<std::string>& ids) {
    std::vector<RecordKey> out;
    if (ids.empty()) return out;
    auto& st = Access::cached(store, "SELECT id, type, unit FROM records WHERE id IN (SELECT value FROM json_each(?))");
    sql::ResetGuard reset(st);
    st.bind(1, storage_internal::json_text_array(ids));
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2)});
    return out;
}

void for_each_state(Store& store, const std::function<void(const RecordState&)>& visit) {
    auto st = Access::db(store).prepare("SELECT state FROM records");
    while (st.step()) visit(store.read_stored(st.column_view(0)));
}

std::vector<RecordState> records_in_conflict(Store& store) {
    auto st = Access::db(store).prepare("SELECT state FROM records WHERE conflicts > 0 ORDER BY id");
    std::vector<RecordState> out;
    while (st.step()) out.push_back(store.read_stored(st.column_view(0)));
    return out;
}

std::vector<TypeCount> count_records(Store& store) {
    auto st = Access::db(store).prepare(
        "SELECT type, json_extract(doc, '$.deleted') IS 1, count(*), coalesce(sum(conflicts), 0) "
        "FROM records GROUP BY 1, 2");
    std::vector<TypeCount> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_int(1) != 0, st.column_int(2), st.column_int(3)});
    return out;
}

std::map<std::string, std::int64_t> count_records_by_unit(Store& store) {
    auto st = Access::db(store).prepare("SELECT unit, count(*) FROM records WHERE type <> 'unit' GROUP BY unit");
    std::map<std::string, std::int64_t> out;
    while (st.step()) out.emplace(st.column_text(0), st.column_int(1));
    return out;
}

}  // namespace langnghe
