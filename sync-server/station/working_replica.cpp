#include "working_replica.h"

#include <cstdlib>
#include <filesystem>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"

namespace langnghe::server {

namespace {
constexpr const char* link_columns = "site, n, prev, signed_at, first_stamp, last_stamp, entries, signature, hash, acknowledged";

std::string make_temp_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "langnghe-replica-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw Error(ErrorCode::io, "cannot create a temporary directory for the working replica");
    return pattern;
}

LinkRow read_link(sql::Statement& st) {
    return {st.column_text(0), st.column_int(1), st.column_text(2), st.column_int(3), st.column_int(4),
            st.column_int(5), st.column_text(6), st.column_text(7), st.column_text(8), st.column_int(9)};
}
}  // namespace

StationIdentity WorkingReplica::new_identity() {
    auto dir = make_temp_dir();
    StationIdentity identity;
    {
        auto store = Store::open(dir + "/identity.db");
        identity = {store->site_id(), store->meta("custody_private_key").value_or(""),
                    store->meta("custody_public_key").value_or("")};
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return identity;
}

WorkingReplica::WorkingReplica(const StationIdentity& identity) : m_dir(make_temp_dir()) {
    auto path = m_dir + "/replica.db";
    {
        auto store = Store::open(path);
        store->set_meta("site_id", identity.site);
        store->set_meta("custody_private_key", identity.private_key);
        store->set_meta("custody_public_key", identity.public_key);
    }
    auto store = Store::open_existing(path);
    // Derived from PostgreSQL and rebuilt from it: nothing here needs to survive a crash, and only
    // this connection opens the file. A rollback journal in memory still rolls a refused write back
    // (pg_write_conflicts.h); unlike the WAL, a commit writes each page once, where it belongs.
    store->db().exec("PRAGMA synchronous=OFF");
    store->db().exec("PRAGMA journal_mode=MEMORY");
    m_station = std::make_unique<SqliteStationStore>(std::move(store));
    auto& db = this->store().db();
    // Not INSERT OR IGNORE in the triggers: a trigger takes the conflict policy of the statement
    // that fires it, and taking up a link already listed (an upsert) would then fail.
    db.exec(R"sql(
        CREATE TEMP TABLE changed_links(site TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(site, n));
        CREATE TEMP TRIGGER link_added AFTER INSERT ON main.custody_links
            BEGIN INSERT INTO changed_links SELECT new.site, new.n WHERE NOT EXISTS
                (SELECT 1 FROM changed_links WHERE site = new.site AND n = new.n); END;
        CREATE TEMP TRIGGER link_changed AFTER UPDATE ON main.custody_links
            BEGIN INSERT INTO changed_links SELECT new.site, new.n WHERE NOT EXISTS
                (SELECT 1 FROM changed_links WHERE site = new.site AND n = new.n); END;
    )sql");
}

WorkingReplica::~WorkingReplica() {
    m_station.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
}

void WorkingReplica::take_up(const std::vector<std::string>& states, const std::vector<LinkRow>& links) {
    Store& replica = store();
    Store::Scope scope(replica);
    auto st = replica.db().prepare(std::string("INSERT INTO custody_links(") + link_columns +
                                   ") VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(site, n) DO UPDATE SET "
                                   "entries = excluded.entries, acknowledged = excluded.acknowledged");
    for (const auto& link : links) {
        st.reset();
        st.bind(1, link.site).bind(2, link.n).bind(3, link.prev).bind(4, link.signed_at).bind(5, link.first_stamp);
        st.bind(6, link.last_stamp).bind(7, link.entries).bind(8, link.signature).bind(9, link.hash).bind(10, link.acknowledged);
        st.run();
    }
    replica.adopt_stored(states);
    states_taken_up += states.size();
    replica.m_custody_tip.reset();
    scope.commit();
    m_station->forget_cached_links();  // nonces another server erased
}

std::vector<RecordRow> WorkingReplica::records_changed_after(std::uint64_t seq) {
    auto st = store().db().prepare("SELECT id, type, unit, state FROM records WHERE seq > ? ORDER BY seq");
    st.bind(1, seq);
    std::vector<RecordRow> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
    return out;
}

std::vector<LinkRow> WorkingReplica::changed_links() {
    auto st = store().db().prepare(std::string("SELECT ") + link_columns +
                                   " FROM custody_links WHERE (site, n) IN (SELECT site, n FROM temp.changed_links) ORDER BY site, n");
    std::vector<LinkRow> out;
    while (st.step()) out.push_back(read_link(st));
    return out;
}

void WorkingReplica::clear_changed_links() { store().db().exec("DELETE FROM temp.changed_links"); }

}  // namespace langnghe::server
