#include "langnghe/storage/store.h"

#include <openssl/rand.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/merge/restamp.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/redaction.h"
#include "langnghe/storage/schema.h"
#include "projection_fields.h"
#include "store_access.h"

namespace langnghe {

namespace {
std::string random_site_id() {
    unsigned char bytes[8];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw Error(ErrorCode::internal, "no secure random source");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 15]);
    }
    return out;
}
}  // namespace

std::unique_ptr<Store> Store::open(const std::string& path, StoreOptions options) {
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec) throw Error(ErrorCode::io, "cannot create directory " + parent.string() + ": " + ec.message());
    }
    return std::unique_ptr<Store>(new Store(std::make_unique<sql::Database>(path, true), std::move(options)));
}

std::unique_ptr<Store> Store::open_existing(const std::string& path, StoreOptions options) {
    if (!std::filesystem::exists(path))
        throw Error(ErrorCode::not_found, "database " + path + " does not exist (run `langnghe init` first)", "db");
    return std::unique_ptr<Store>(new Store(std::make_unique<sql::Database>(path, false), std::move(options)));
}

Store::Store(std::unique_ptr<sql::Database> db, StoreOptions options)
    : m_db(std::move(db)), m_options(std::move(options)), m_clock(m_options.clock) {
    if (m_options.commit_allowed) m_db->set_commit_hook(m_options.commit_allowed);
    migrate();
    auto site = meta("site_id");
    if (!site) {
        sql::Transaction tx(*m_db);
        site = random_site_id();
        set_meta("site_id", *site);
        tx.commit();
    }
    m_site = *site;
    m_keeps_custody = m_db->user_version() >= static_cast<int>(SchemaVersion::custody);
    if (m_keeps_custody && !meta("custody_private_key")) {
        // Made with the file (or when an older file first opens here): the key every own link is signed with.
        KeyPair keys = generate_key_pair();
        sql::Transaction tx(*m_db);
        set_meta("custody_private_key", keys.private_key);
        set_meta("custody_public_key", keys.public_key);
        tx.commit();
    }
    m_clock_offset_ms = std::stoll(meta("clock_offset_ms").value_or("0"));
    m_clock = HybridClock(clock_source(), static_cast<Stamp>(std::stoull(meta("clock").value_or("0"))));
    m_seq = std::stoull(meta("seq").value_or("0"));
    m_data_version = data_version();
    // A test's store held at an earlier schema writes without the stamps, as that version did.
    m_keeps_stamps = m_db->user_version() >= static_cast<int>(SchemaVersion::record_stamps);
    m_insert = std::make_unique<sql::Statement>(
        *m_db, m_keeps_stamps ? "INSERT INTO records(id, type, unit, seq, doc, state, conflicts, max_stamp, own_stamp) "
                                "VALUES(?,?,?,?,?,?,?,?,?)"
                              : "INSERT INTO records(id, type, unit, seq, doc, state, conflicts) VALUES(?,?,?,?,?,?,?)");
    m_update = std::make_unique<sql::Statement>(
        *m_db, m_keeps_stamps ? "UPDATE records SET seq=?, doc=?, state=?, conflicts=?, max_stamp=?, own_stamp=? WHERE id=?"
                              : "UPDATE records SET seq=?, doc=?, state=?, conflicts=? WHERE id=?");
    m_select = std::make_unique<sql::Statement>(*m_db, "SELECT state FROM records WHERE id=?");
}

Store::~Store() = default;

void Store::migrate() {
    int version = m_db->user_version();
    if (version > static_cast<int>(SchemaVersion::current))
        throw Error(ErrorCode::incompatible, "database " + m_db->path() + " has schema version " +
                                                 std::to_string(version) + ", newer than this program (" +
                                                 std::to_string(static_cast<int>(SchemaVersion::current)) + ")");
    for (const auto& step : schema_steps()) {
        if (static_cast<int>(step.version) <= version) continue;
        if (step.version > m_options.migrate_to) break;
        sql::Transaction tx(*m_db);
        m_db->exec(step.sql);
        m_db->set_user_version(static_cast<int>(step.version));
        tx.commit();
    }
}

Store::Scope::Scope(Store& store) : m_store(store) {
    if (m_store.m_scope_depth == 0) {
        m_tx = std::make_unique<sql::Transaction>(*m_store.m_db);
        m_store.m_live_units.clear();
        m_store.catch_up_with_other_writers();
        m_before.emplace(Counters{m_store.m_clock, m_store.m_clock_offset_ms, m_store.m_seq});
    }
    ++m_store.m_scope_depth;  // only once BEGIN succeeded: a failed constructor runs no destructor
}

Store::Scope::~Scope() noexcept {
    --m_store.m_scope_depth;
    if (!m_tx || m_committed) return;
    m_tx.reset();  // rolls back; never throws
    // Moves only: nothing here allocates, prepares or reads, so nothing can throw while unwinding.
    m_store.m_clock = std::move(m_before->clock);
    m_store.m_clock_offset_ms = m_before->clock_offset_ms;
    m_store.m_seq = m_before->seq;
    m_store.m_custody_pending.clear();  // read again from meta as it was before the scope
    m_store.m_unsealed_loaded = false;
    m_store.m_custody_changed = false;
    m_store.m_live_units.clear();
    m_store.m_custody_tip.reset();  // a seal that ran before the COMMIT failed is gone with it
}

void Store::Scope::commit() {
    if (!m_tx) {
        m_committed = true;  // the outermost scope commits
        return;
    }
    m_store.keep_or_seal_custody();
    m_store.persist_clock();
    m_tx->commit();
    m_committed = true;  // only now: a COMMIT that failed leaves the destructor to roll back
}

void Store::catch_up_with_other_writers() {
    auto version = data_version();
    if (version == m_data_version) return;
    m_data_version = version;
    m_seq = std::max(m_seq, static_cast<std::uint64_t>(std::stoull(meta("seq").value_or("0"))));
    auto clock = static_cast<Stamp>(std::stoull(meta("clock").value_or("0")));
    if (clock > m_clock.last()) m_clock = HybridClock(clock_source(), clock);
    m_custody_tip.reset();
    m_custody_pending.clear();  // another connection may have added to the unsealed writes, or sealed them
    m_unsealed_loaded = false;
}

void Store::persist_clock() {
    set_meta("clock", std::to_string(m_clock.last()));
    set_meta("clock_offset_ms", std::to_string(m_clock_offset_ms));
    set_meta("seq", std::to_string(m_seq));
}

Dot Store::next_dot() { return Dot{m_clock.now(), m_site}; }

sql::Statement& Store::cached_statement(std::string_view sql) {
    auto it = m_cached.find(sql);
    if (it == m_cached.end()) it = m_cached.emplace(std::string(sql), std::make_unique<sql::Statement>(*m_db, sql)).first;
    return *it->second;
}

std::optional<RecordState> Store::load(const std::string& id) {
    sql::ResetGuard reset(*m_select);  // also when decoding throws
    m_select->bind(1, id);
    std::optional<RecordState> out;
    if (m_select->step()) out = read_stored(m_select->column_view(0));
    return out;
}

RecordState Store::read_stored(std::string_view state_text) const {
    try {
        return decode_record(state_text);
    } catch (const Error& e) {
        throw Error(ErrorCode::storage, "database " + m_db->path() + " is damaged: a stored record cannot be read (" +
                                            e.what() + "); restore it from a backup")
            .vi("cơ sở dữ liệu " + m_db->path() + " bị hỏng: không đọc được một bản ghi đã lưu; hãy khôi phục từ bản sao lưu");
    }
}

bool Store::exists(const std::string& id) {
    m_select->bind(1, id);
    bool found = m_select->step();
    m_select->reset();
    return found;
}

void Store::save_record(const RecordState& record, bool is_new) { save_encoded(record, is_new, encode_record(record)); }

void Store::save_encoded(const RecordState& record, bool is_new, std::string_view state) {
    if (m_scope_depth == 0) throw Error(ErrorCode::internal, "write outside a Store::Scope");
    if (record.type == "unit") m_live_units.clear();
    std::size_t conflict_count = 0;
    for (const auto& [name, field] : record.fields) conflict_count += conflicting_values(record.type, name, field).size();
    std::string doc = winning_document(record);
    // Stamps are unsigned and may use the top bit; the column keeps their bits.
    auto latest = static_cast<std::int64_t>(max_stamp(record));
    auto own_latest = static_cast<std::int64_t>(max_stamp_of(record, m_site));
    ++m_seq;
    if (is_new) {
        m_insert->bind(1, record.id).bind(2, record.type).bind(3, record.unit).bind(4, m_seq).bind(5, doc);
        m_insert->bind(6, state).bind(7, static_cast<std::int64_t>(conflict_count));
        if (m_keeps_stamps) m_insert->bind(8, latest).bind(9, own_latest);
        m_insert->run();
    } else {
        m_update->bind(1, m_seq).bind(2, doc).bind(3, state).bind(4, static_cast<std::int64_t>(conflict_count));
        if (m_keeps_stamps) m_update->bind(5, latest).bind(6, own_latest).bind(7, record.id);
        else m_update->bind(5, record.id);
        m_update->run();
    }
}

void Store::write(const std::string& id, const std::string& type, const std::string& unit,
                  const std::vector<std::pair<std::string, std::string>>& values, const Dot& dot) {
    auto existing = load(id);
    RecordState record = existing ? std::move(*existing) : RecordState{id, type, unit, {}};
    if (existing && (record.type != type || record.unit != unit))
        throw Error(ErrorCode::internal, "record " + id + " is a " + record.type + " of unit " + record.unit);
    // The new value must be later than every write of this site the record claims, or its own
    // context would cover it and the next join would drop it (and with it the field's last value).
    Dot stamped = dot;
    for (const auto& [name, value] : values)
        if (auto it = record.fields.find(name); it != record.fields.end())
            if (auto own = it->second.context.find(dot.site); own != it->second.context.end() && own->second >= stamped.stamp) {
                if (own->second == std::numeric_limits<Stamp>::max())
                    throw Error(ErrorCode::invalid_state, "record " + id + " claims a write of this device that it never made");
                m_clock.observe(own->second);
                stamped = next_dot();
            }
    for (const auto& [name, value] : values) {
        auto it = record.fields.find(name);
        record.fields[name] = overwrite(it == record.fields.end() ? FieldState{} : it->second, stamped, value);
    }
    save_record(record, !existing);
    if (m_keeps_custody) {
        m_own_heads.clear();
        for (const auto& [name, value] : values) m_own_heads.push_back({stamped.stamp, {name, value}});
        note_own_heads_buffered(id);
    }
}

void Store::insert_new(RecordState record) {
    save_record(record, true);
    note_own_heads(record, nullptr);
}

void Store::note_own_heads(const RecordState& record, const RecordState* before) {
    if (!m_keeps_custody) return;
    auto held_before = [&](const std::string& field, const Dot& dot) {
        if (!before) return false;
        auto it = before->fields.find(field);
        if (it == before->fields.end()) return false;
        return std::any_of(it->second.heads.begin(), it->second.heads.end(), [&](const Head& h) { return h.dot == dot; });
    };
    m_own_heads.clear();
    for (const auto& [name, field] : record.fields)
        for (const auto& head : field.heads)
            if (head.dot.site == m_site && !held_before(name, head.dot))
                m_own_heads.push_back({head.dot.stamp, {name, head.value}});
    note_own_heads_buffered(record.id);
}

void Store::note_own_heads_buffered(std::string_view record) {
    // One entry per stamp, in stamp order, its values sorted by field.
    std::sort(m_own_heads.begin(), m_own_heads.end());
    for (auto group = m_own_heads.begin(); group != m_own_heads.end();) {
        auto next = std::find_if(group, m_own_heads.end(), [&](const auto& h) { return h.first != group->first; });
        m_own_values.clear();
        for (auto it = group; it != next; ++it) m_own_values.push_back(it->second);
        note_own_write(record, group->first, m_own_values);
        group = next;
    }
}

ApplyResult Store::apply(const std::vector<RecordState>& records) {
    ApplyResult result;
    Scope scope(*this);
    std::set<std::string> redactable;  // records a redaction among these may touch (redaction.h)
    for (const auto& incoming : records) {
        ++result.received;
        collect_redaction_targets(incoming, redactable);
        result.max_stamp = std::max(result.max_stamp, max_stamp(incoming));
        auto existing = load(incoming.id);
        if (!existing) {
            save_record(incoming, true);
            ++result.changed;
            result.as_sent.push_back(incoming.id);
            // The join may already have dropped the values it covers; the files still hold them.
            if (incoming.type == "redaction") ++result.redacted;
            continue;
        }
        if (join_into(*existing, incoming)) {
            save_record(*existing, false);
            ++result.changed;
            if (*existing == incoming) result.as_sent.push_back(incoming.id);
        }
    }
    result.redacted += enforce_redactions(*this, redactable);
    observe_received(result.max_stamp);
    scope.commit();
    return result;
}

void Store::adopt_stored(const std::vector<std::string>& states) {
    Scope scope(*this);
    Stamp latest = 0;
    for (const auto& text : states) {
        RecordState record = read_stored(text);
        latest = std::max(latest, max_stamp(record));
        save_encoded(record, !exists(record.id), text);
    }
    observe_received(latest);
    scope.commit();
}

void Store::observe_received(Stamp latest) {
    auto limit = stamp_from_ms(m_clock.physical_ms() + m_options.max_observe_lead_ms);
    m_clock.observe(std::min(latest, limit));
}

ChangeBatch Store::export_since(std::uint64_t since_seq, std::size_t limit,
                                const std::function<bool(const RecordState&)>& include) {
    ChangeBatch batch;
    batch.last_seq = since_seq;
    auto st = m_db->prepare("SELECT seq, state FROM records WHERE seq > ? ORDER BY seq");
    st.bind(1, since_seq);
    while (st.step()) {
        if (batch.records.size() >= limit) {
            batch.more = true;
            break;
        }
        auto record = read_stored(st.column_view(1));
        batch.last_seq = static_cast<std::uint64_t>(st.column_int(0));
        if (!include || include(record)) batch.records.push_back(std::move(record));
    }
    return batch;
}

StoredState Store::stored_state(const sql::Statement& row, int first) const {
    StoredState out{std::string(row.column_view(first)), std::string(row.column_view(first + 1)),
                    std::string(row.column_view(first + 2))};
    if (row.column_is_null(first + 3) || row.column_is_null(first + 4)) {  // written before record_stamps
        RecordState record = read_stored(out.state);
        out.max_stamp = max_stamp(record);
        out.own_max_stamp = max_stamp_of(record, m_site);
    } else {
        out.max_stamp = static_cast<Stamp>(row.column_int(first + 3));
        out.own_max_stamp = static_cast<Stamp>(row.column_int(first + 4));
    }
    return out;
}

StoredBatch Store::export_stored_since(std::uint64_t since_seq, std::size_t limit,
                                       const std::function<bool(std::string_view id, std::string_view type)>& include) {
    StoredBatch batch;
    batch.last_seq = since_seq;
    auto st = m_db->prepare("SELECT seq, id, type, state, max_stamp, own_stamp FROM records WHERE seq > ? ORDER BY seq");
    st.bind(1, since_seq);
    while (st.step()) {
        if (batch.records.size() >= limit) {
            batch.more = true;
            break;
        }
        batch.last_seq = static_cast<std::uint64_t>(st.column_int(0));
        if (include(st.column_view(1), st.column_view(2))) batch.records.push_back(stored_state(st, 1));
    }
    return batch;
}

std::optional<StoredState> Store::load_stored(const std::string& id) {
    auto& st = cached_statement("SELECT id, type, state, max_stamp, own_stamp FROM records WHERE id=?");
    sql::ResetGuard reset(st);
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return stored_state(st, 0);
}

std::optional<StoredState> Store::load_stored_changed_after(const std::string& id, std::uint64_t seq) {
    auto& st = cached_statement("SELECT id, type, state, max_stamp, own_stamp FROM records WHERE id=? AND seq>?");
    sql::ResetGuard reset(st);
    st.bind(1, id).bind(2, static_cast<std::int64_t>(seq));
    if (!st.step()) return std::nullopt;
    return stored_state(st, 0);
}

std::uint64_t Store::current_seq() { return m_seq; }

std::int64_t Store::data_version() {
    auto& query = cached_statement("PRAGMA data_version");
    sql::ResetGuard reset(query);
    query.step();
    return query.column_int(0);
}

std::optional<std::string> Store::meta(const std::string& key) {
    auto& st = cached_statement("SELECT value FROM meta WHERE key=?");
    sql::ResetGuard reset(st);
    st.bind(1, key);
    if (st.step()) return st.column_text(0);
    return std::nullopt;
}

void Store::set_meta(const std::string& key, const std::string& value) {
    auto& st = cached_statement("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    sql::ResetGuard reset(st);
    st.bind(1, key).bind(2, value);
    st.run();
}

}  // namespace langnghe

namespace langnghe {

ClockSource Store::clock_source() const {
    if (m_clock_offset_ms == 0) return m_options.clock;
    return [source = m_options.clock, offset = m_clock_offset_ms] { return source() + offset; };
}

void Store::set_clock_offset(std::int64_t offset_ms, Stamp floor) {
    m_clock_offset_ms = offset_ms;
    m_clock = HybridClock(clock_source(), floor);
}

void Store::replace(const RecordState& record) {
    // A re-stamped local write is a new own write; a redacted value keeps its dot and is none.
    auto before = load(record.id);
    save_record(record, false);
    note_own_heads(record, before ? &*before : nullptr);
}

void Store::forget(const std::string& id) {
    if (m_scope_depth == 0) throw Error(ErrorCode::internal, "forget outside a Store::Scope");
    auto& st = cached_statement("DELETE FROM records WHERE id=?");
    sql::ResetGuard reset(st);
    st.bind(1, id);
    st.run();
    storage_internal::forget_projected(*this, id);
}

}  // namespace langnghe

