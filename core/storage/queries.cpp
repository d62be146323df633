#include "langnghe/storage/queries.h"

#include <algorithm>
#include <span>
#include <string_view>

#include "langnghe/base/error.h"
#include "langnghe/storage/projections.h"
#include "projection_fields.h"
#include "store_access.h"

namespace langnghe {

using storage_internal::Access;

namespace {
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

}  // namespace

std::optional<StoredRecord> find_record(Store& store, const std::string& id) {
    auto& st = Access::cached(store, "SELECT id, type, unit, doc, conflicts FROM records WHERE id=?");
    sql::ResetGuard reset(st);
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_row(st);
}

namespace {
using storage_internal::ProjectedField;
using storage_internal::Projection;

std::optional<std::string_view> column_in(std::span<const ProjectedField> fields, std::string_view path) {
    for (const auto& field : fields)
        if (field.path == path) return field.column;
    return std::nullopt;
}

// Where a filtered select reads: the documents in `records` (r), or the projection of the filter's
// type (p) when it keeps every field the select tests, sorts on or reads, joined to `records` only
// for whole records.
class Source {
public:
    Source(Store& store, const RecordFilter& filter, const std::vector<FieldRead>& reads, bool whole_records)
        : m_projection(projection_for(filter, reads)), m_whole_records(whole_records) {
        if (m_projection && !refresh_projections(store)) m_projection = nullptr;
    }

    bool projected() const { return m_projection != nullptr; }
    std::string from() const {
        if (!m_projection) return "records r";
        std::string table = std::string(m_projection->table) + " p";
        return m_whole_records ? table + " JOIN records r ON r.id = p.id" : table;
    }
    // The record's own columns (id, unit), from the projection when it is read alone.
    std::string key(std::string_view column) const {
        return (m_projection && !m_whole_records ? "p." : "r.") + std::string(column);
    }
    // Sorting and filtering by id or unit: from the projection whenever there is one, for its indexes.
    std::string filter_key(std::string_view column) const {
        return (m_projection ? "p." : "r.") + std::string(column);
    }
    std::string value(std::string_view path) const {
        if (m_projection) return "p." + std::string(*column_in(m_projection->values, path));
        return storage_internal::document_value_sql("r.doc", checked_path(path));
    }
    std::string presence(std::string_view path) const {
        if (m_projection) return "p." + std::string(*column_in(m_projection->presences, path));
        return storage_internal::document_presence_sql("r.doc", checked_path(path));
    }
    std::string read(const FieldRead& field) const { return field.presence ? presence(field.path) : value(field.path); }

private:
    static const Projection* projection_for(const RecordFilter& filter, const std::vector<FieldRead>& reads) {
        for (const auto& projection : storage_internal::projections) {
            if (projection.type != filter.type) continue;
            auto keeps = [&](std::string_view path) { return column_in(projection.values, path).has_value(); };
            bool all_kept =
                std::all_of(filter.tests.begin(), filter.tests.end(),
                            [&](const FieldTest& t) { return t.op != FieldTest::Op::contains && keeps(t.path); }) &&
                std::all_of(filter.not_true.begin(), filter.not_true.end(), keeps) &&
                (filter.order_path.empty() || keeps(filter.order_path)) &&
                std::all_of(reads.begin(), reads.end(), [&](const FieldRead& r) {
                    return column_in(r.presence ? projection.presences : projection.values, r.path).has_value();
                });
            return all_kept ? &projection : nullptr;
        }
        return nullptr;
    }

    const Projection* m_projection;
    bool m_whole_records;
};

std::string value_at(const Source& source, const FieldTest& test) {
    std::string value = source.value(test.path);
    if (test.prefix) value = "substr(" + value + ", 1, " + std::to_string(test.prefix) + ")";
    return value;
}

// One SQL condition for `test`, its values appended to `binds`.
std::string condition(const Source& source, const FieldTest& test, std::vector<std::string>& binds) {
    using Op = FieldTest::Op;
    if (test.op != Op::one_of && test.values.size() != 1)
        throw Error(ErrorCode::internal, "a field test on " + test.path + " takes one value");
    auto compare = [&](const char* op) {
        binds.push_back(test.values[0]);
        return value_at(source, test) + " " + op + " ?";
    };
    switch (test.op) {
        case Op::equals: return compare("=");
        case Op::less: return compare("<");
        case Op::at_most: return compare("<=");
        case Op::at_least: return compare(">=");
        case Op::one_of:
            binds.push_back(storage_internal::json_text_array(test.values));
            return value_at(source, test) + " IN (SELECT value FROM json_each(?))";
        case Op::contains:
            binds.push_back(test.values[0]);
            return "EXISTS (SELECT 1 FROM json_each(r.doc, '" + checked_path(test.path) + "') WHERE value = ?)";
    }
    throw Error(ErrorCode::internal, "unknown field test");
}

// SELECT `columns` of the records `filter` keeps, in its order; `binds` gets the values to bind.
std::string filtered_select(const Source& source, const std::string& columns, const RecordFilter& filter,
                            std::vector<std::string>& binds) {
    binds.clear();
    std::string sql = "SELECT " + columns + " FROM " + source.from() + " WHERE ";
    if (source.projected()) {
        sql += "1";  // the projection holds records of its type alone
    } else {
        sql += "r.type = ?";
        binds.push_back(filter.type);
    }
    if (filter.units) {
        sql += " AND " + source.filter_key("unit") + " IN (SELECT value FROM json_each(?))";
        binds.push_back(storage_internal::json_text_array(*filter.units));
    }
    for (const auto& test : filter.tests) sql += " AND " + condition(source, test, binds);
    for (const auto& path : filter.not_true) sql += " AND " + source.value(path) + " IS NOT 1";
    sql += " ORDER BY " + (filter.order_path.empty() ? source.filter_key("unit") : source.value(filter.order_path)) +
           ", " + source.filter_key("id");
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
    Source source(store, filter, {}, true);
    std::vector<std::string> binds;
    auto st = prepared(store, filtered_select(source, "r.id, r.type, r.unit, r.doc, r.conflicts", filter, binds), binds);
    return read_rows(st);
}

void visit_record_fields(Store& store, const RecordFilter& filter, const std::vector<FieldRead>& reads,
                         const FieldsVisitor& visit) {
    Source source(store, filter, reads, false);
    std::string columns = source.key("id") + ", " + source.key("unit");
    for (const auto& field : reads) columns += ", " + source.read(field);
    std::vector<std::string> binds;
    auto st = prepared(store, filtered_select(source, columns, filter, binds), binds);
    std::vector<std::string_view> row(reads.size() + 2);
    while (st.step()) {
        for (std::size_t c = 0; c < row.size(); ++c) row[c] = st.column_view(static_cast<int>(c));  // NULL: ""
        visit(row);
    }
}

std::vector<std::vector<std::string>> find_record_fields(Store& store, const RecordFilter& filter,
                                                         const std::vector<FieldRead>& reads) {
    std::vector<std::vector<std::string>> rows;
    visit_record_fields(store, filter, reads,
                        [&](std::span<const std::string_view> row) { rows.emplace_back(row.begin(), row.end()); });
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

namespace {
// `sub`: the codes of unit ?1 and of every unit below it.
constexpr const char* unit_subtree_cte = R"sql(
    WITH RECURSIVE sub(code) AS (
        SELECT ?1
        UNION
        SELECT json_extract(r.doc, '$.code') FROM records r JOIN sub ON json_extract(r.doc, '$.parent') = sub.code
        WHERE r.type = 'unit')
)sql";
}  // namespace

std::vector<std::string> unit_subtree(Store& store, const std::string& code) {
    auto& st = Access::cached(store, std::string(unit_subtree_cte) + "SELECT code FROM sub ORDER BY code");
    sql::ResetGuard reset(st);
    st.bind(1, code);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.column_text(0));
    return out;
}

std::vector<UnitNames> live_units_under(Store& store, const std::string& code, const std::string& kind) {
    auto& st = Access::cached(store, std::string(unit_subtree_cte) + R"sql(
        SELECT json_extract(r.doc, '$.code'), coalesce(json_extract(r.doc, '$.name'), ''),
               coalesce(json_extract(r.doc, '$.name_en'), ''), coalesce(json_extract(r.doc, '$.parent'), '')
        FROM sub JOIN records r ON r.id = 'un-' || sub.code
        WHERE r.type = 'unit' AND json_extract(r.doc, '$.kind') = ?2 AND json_extract(r.doc, '$.deleted') IS NOT 1
        ORDER BY 1)sql");
    sql::ResetGuard reset(st);
    st.bind(1, code).bind(2, kind);
    std::vector<UnitNames> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
    return out;
}

bool is_live_unit(Store& store, const std::string& code) {
    auto* known = Access::live_units(store);
    if (known)
        if (auto it = known->find(code); it != known->end()) return it->second;
    auto& st = Access::cached(store, "SELECT json_extract(doc, '$.deleted') IS 1 FROM records WHERE id=? AND type='unit'");
    sql::ResetGuard reset(st);
    st.bind(1, "un-" + code);
    bool live = st.step() && st.column_int(0) == 0;
    if (known) known->emplace(code, live);
    return live;
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
