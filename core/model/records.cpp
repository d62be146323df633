#include "langnghe/model/records.h"

#include <openssl/rand.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <span>

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/codec.h"
#include "langnghe/codec/document.h"
#include "langnghe/model/feedback.h"

namespace langnghe {

namespace {
// Ids draw from a pool that RAND_bytes refills a few kilobytes at a time: a bulk write makes one id
// per record, and one RAND_bytes call costs far more than ten bytes of its output. A forked child
// refills its own pool, so parent and child never hand out the same bytes.
void random_id_bytes(std::span<unsigned char> out) {
    thread_local std::array<unsigned char, 4000> pool;
    thread_local std::size_t used = pool.size();
    thread_local pid_t owner = 0;
    if (used + out.size() > pool.size() || owner != getpid()) {
        if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1)
            throw Error(ErrorCode::internal, "no secure random source");
        used = 0;
        owner = getpid();
    }
    std::memcpy(out.data(), pool.data() + used, out.size());
    used += out.size();
}
}  // namespace

std::string new_record_id(std::string_view prefix) {
    static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford: no I, L, O, U
    unsigned char bytes[10];
    random_id_bytes(bytes);
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

StoredRecord require_record(Store& store, const std::string& id, std::string_view type) {
    auto r = find_record(store, id);
    if (!r || (!type.empty() && r->type != type))
        throw Error(ErrorCode::not_found, "no " + std::string(type.empty() ? "record" : type) + " with id " + id, "id")
            .vi("không có bản ghi " + std::string(type) + " nào mã " + id);
    return *r;
}

void require_same_unit(const RecordNoun& noun, const std::string& unit, const std::optional<std::string>& asked) {
    if (asked && *asked != unit)
        throw_invalid("unit", std::string("unit: a ") + noun.en + " stays in the unit it was recorded in; delete it and record it again",
                      std::string("unit: ") + noun.vi + " thuộc đơn vị đã ghi nhận; muốn đổi thì xóa và ghi lại");
}

void require_not_deleted(const RecordNoun& noun, const std::string& id, bool deleted) {
    if (deleted)
        throw Error(ErrorCode::invalid_state, std::string(noun.en) + " " + id + " is deleted; restore it first")
            .vi(std::string(noun.vi) + " " + id + " đã bị xóa; hãy khôi phục trước");
}

void require_some_change(const std::vector<std::pair<std::string, std::string>>& values) {
    if (values.empty())
        throw_invalid("fields", "nothing to update: give at least one field option",
                      "không có gì để sửa: hãy đưa ít nhất một tùy chọn");
}

namespace {
// Deleting and restoring are the same change of the tombstone, each kept in the history with why.
void set_deleted(Store& store, const Actor& actor, const std::string& id, const std::string& reason, bool deleted) {
    require_may(actor, Act::delete_restore);
    std::string why = clean_text(reason, "reason", max_short_text);
    Store::Scope scope(store);
    auto r = require_record(store, id, "");
    if (r.type != "feedback" && r.type != "forum" && r.type != "action")
        throw Error(ErrorCode::invalid_state, "a " + r.type + " is never deleted (" + id + ")")
            .vi("không thể xóa bản ghi loại " + r.type + " (" + id + ")");
    if (r.type == "action") require_may(actor, Act::manage_action);
    DocumentReader doc(r.doc);
    if (deleted && doc.flag("deleted"))
        throw Error(ErrorCode::invalid_state, r.type + " " + id + " is already deleted").vi("bản ghi " + id + " đã bị xóa rồi");
    if (!deleted && !doc.flag("deleted"))
        throw Error(ErrorCode::invalid_state, r.type + " " + id + " is not deleted").vi("bản ghi " + id + " chưa bị xóa");
    Dot dot = store.next_dot();
    store.write(r.id, r.type, r.unit, {{"deleted", json_bool(deleted)}}, dot);
    record_status_event(store, actor, r.id, r.unit, doc.text("status"), deleted ? "deleted" : "restored", why, dot);
    scope.commit();
}
}  // namespace

void delete_record(Store& store, const Actor& actor, const std::string& id, const std::string& reason) {
    set_deleted(store, actor, id, reason, true);
}

void restore_record(Store& store, const Actor& actor, const std::string& id, const std::string& reason) {
    set_deleted(store, actor, id, reason, false);
}

std::string json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}
std::string json_bool(bool b) { return b ? "true" : "false"; }
std::string json_int(std::int64_t v) { return std::to_string(v); }

RecordQuery::RecordQuery(std::string_view type) { m_filter.type = type; }

RecordQuery& RecordQuery::in_subtree(Store& store, const std::optional<std::string>& unit) {
    if (unit) m_filter.units = unit_subtree(store, *unit);
    return *this;
}

RecordQuery& RecordQuery::equals(std::string_view path, const std::optional<std::string>& value) {
    return compare(path, FieldTest::Op::equals, value);
}

RecordQuery& RecordQuery::compare(std::string_view path, FieldTest::Op op, const std::optional<std::string>& value,
                                  std::size_t prefix) {
    if (value) m_filter.tests.push_back({std::string(path), op, {*value}, prefix});
    return *this;
}

RecordQuery& RecordQuery::dated_between(std::string_view path, const std::optional<std::string>& from,
                                        const std::optional<std::string>& to) {
    constexpr std::size_t date_length = 10;
    if (from) compare(path, FieldTest::Op::at_least, parse_date(*from, "from_date"), date_length);
    if (to) compare(path, FieldTest::Op::at_most, parse_date(*to, "to_date"), date_length);
    return *this;
}

RecordQuery& RecordQuery::one_of(std::string_view path, std::vector<std::string> values) {
    m_filter.tests.push_back({std::string(path), FieldTest::Op::one_of, std::move(values), 0});
    return *this;
}

RecordQuery& RecordQuery::contains(std::string_view path, const std::optional<std::string>& value) {
    return compare(path, FieldTest::Op::contains, value);
}

RecordQuery& RecordQuery::without(std::string_view path, bool keep) {
    if (!keep) m_filter.not_true.emplace_back(path);
    return *this;
}

std::vector<StoredRecord> RecordQuery::run(Store& store, std::string_view order_path, std::size_t limit) const {
    RecordFilter filter = m_filter;
    filter.order_path = order_path;
    filter.limit = limit;
    return find_records(store, filter);
}

std::vector<std::vector<std::string>> RecordQuery::fields(Store& store, std::string_view order_path,
                                                          const std::vector<FieldRead>& reads) const {
    RecordFilter filter = m_filter;
    filter.order_path = order_path;
    return find_record_fields(store, filter, reads);
}

void RecordQuery::visit_fields(Store& store, std::string_view order_path, const std::vector<FieldRead>& reads,
                               const FieldsVisitor& visit) const {
    RecordFilter filter = m_filter;
    filter.order_path = order_path;
    visit_record_fields(store, filter, reads, visit);
}

}  // namespace langnghe
