#include "langnghe/sync_client.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "langnghe/codec.h"
#include "langnghe/error.h"
#include "langnghe/http_client.h"
#include "langnghe/record_schema.h"
#include "langnghe/records.h"
#include "langnghe/units.h"
#include "pull_ahead.h"

namespace langnghe {

namespace {
constexpr const char* key_server = "sync.server";
constexpr const char* key_token = "sync.token";
constexpr const char* key_device = "sync.device_id";
constexpr const char* key_unit = "sync.unit";
constexpr const char* key_role = "sync.role";
constexpr const char* key_cacert = "sync.cacert";
constexpr const char* key_revoked = "sync.revoked";
constexpr const char* key_push_seq = "sync.push_seq";
constexpr const char* key_pull_cursor = "sync.pull_cursor";
constexpr const char* key_last_sync = "sync.last_ok_ms";

std::uint64_t meta_number(Store& store, const char* key) { return std::stoull(store.meta(key).value_or("0")); }

void save_meta(Store& store, std::initializer_list<std::pair<const char*, std::string>> values) {
    Store::Scope scope(store);
    for (const auto& [key, value] : values) store.set_meta(key, value);
    scope.commit();
}

std::int64_t steady_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// The station's error body turned back into the core error it was made from.
[[noreturn]] void raise(const HttpResponse& response) {
    ErrorBody body;
    try {
        body = decode_error_body(response.body);
    } catch (const Error&) {
        throw Error(ErrorCode::network, "the server answered HTTP " + std::to_string(response.status) + " without an error body");
    }
    throw Error(error_code_from_name(body.error), "server: " + body.message, body.field, body.details);
}

bool transient(long status) { return status == 429 || status >= 500; }

class Session {
public:
    Session(Store& store, const SyncOptions& options, SyncSummary& summary)
        : m_store(store), m_options(options), m_summary(summary) {
        auto e = enrollment(store);
        if (!e) throw Error(ErrorCode::invalid_state, "this device is not enrolled (run `langnghe enroll` first)")
                .vi("thiết bị chưa ghi danh (chạy `langnghe enroll` trước)");
        if (e->revoked) throw Error(ErrorCode::unauthorized, "this device was revoked by the station")
                .vi("thiết bị đã bị trạm thu hồi quyền đồng bộ");
        m_enrollment = *e;
        m_token = store.meta(key_token).value_or("");
        m_http = std::make_unique<HttpClient>(e->server, e->cacert);
    }

    const HttpClient& http() const { return *m_http; }

    // POSTs with retries of transient failures; a 4xx is final and raised as the core error.
    HttpResponse post(const std::string& path, const std::string& body) {
        HttpResponse r = send(path, body);
        if (r.status != 200) refused(r);
        return r;
    }

    // The same without raising: the final answer, 200 or not. It touches no store, so the pull
    // worker thread may call it while this thread applies a batch.
    HttpResponse send(const std::string& path, const std::string& body) {
        int delay = m_options.first_backoff_ms;
        for (int attempt = 1;; ++attempt) {
            try {
                HttpResponse r = m_http->post_json(path, body, m_token);
                if (r.status == 200 || !transient(r.status) || attempt >= m_options.max_attempts) return r;
            } catch (const Error& e) {
                if (e.code() != ErrorCode::network || attempt >= m_options.max_attempts) throw;
            }
            ++m_retries;
            if (m_options.sleep) m_options.sleep(delay);
            else std::this_thread::sleep_for(std::chrono::milliseconds(delay));
            delay = std::min(delay * 2, 10000);
        }
    }

    [[noreturn]] void refused(const HttpResponse& r) {
        if (r.status == 401) on_revoked();
        raise(r);
    }

    void measure_clock() {
        std::int64_t sent = m_store.options().clock();
        HttpResponse r = m_http->get("/v1/health");
        std::int64_t received = m_store.options().clock();
        if (r.status != 200 || r.server_time == 0) return;
        std::int64_t offset = r.server_time - (sent + received) / 2;
        m_summary.clock_offset_ms = offset;
        bool corrected = m_store.clock_offset_ms() != 0;
        if (std::llabs(offset) > clock_skew_tolerance_ms || corrected)
            m_summary.restamped = correct_clock(m_store, std::llabs(offset) > clock_skew_tolerance_ms ? offset : 0,
                                                r.server_time);
    }

    void push() {
        auto started = steady_ms();
        for (;;) {
            std::uint64_t from = meta_number(m_store, key_push_seq);
            std::set<std::string> refused = refused_ids();
            ChangeBatch batch = m_store.export_since(from, m_options.push_batch, [&](const RecordState& r) {
                return r.type != "unit" && !refused.contains(r.id);
            });
            if (batch.records.empty()) {
                if (batch.last_seq != from) save_meta(m_store, {{key_push_seq, std::to_string(batch.last_seq)}});
                return;
            }
            PushResponse acknowledged;
            try {
                acknowledged = decode_push_response(post("/v1/push", encode(PushRequest{m_store.site_id(), batch.records})).body);
            } catch (const Error& e) {
                if (e.code() != ErrorCode::forbidden || e.details().empty()) throw;
                keep_refused(e.details(), e.what());
                continue;
            }
            Store::Scope scope(m_store);
            m_store.set_meta(key_push_seq, std::to_string(batch.last_seq));
            if (meta_number(m_store, key_pull_cursor) == acknowledged.cursor_before)
                m_store.set_meta(key_pull_cursor, std::to_string(acknowledged.cursor_after));
            scope.commit();
            m_summary.pushed += batch.records.size();
            report("push", m_summary.pushed, started);
        }
    }

    void pull() {
        auto started = steady_ms();
        for (bool scope_changed = true; scope_changed;) {
            scope_changed = false;
            PullAhead ahead([this](std::uint64_t cursor) { return fetch_pull(cursor); },
                            meta_number(m_store, key_pull_cursor));
            for (bool more = true; more;) {
                PulledBatch batch = ahead.next();
                if (batch.answer.status != 200) refused(batch.answer);
                PullResponse& response = batch.response;
                if (response.unit != m_enrollment.unit || response.role != m_enrollment.role) {
                    change_scope(response.unit, response.role);
                    scope_changed = true;
                    break;
                }
                for (const auto& record : response.records) check_record_shape(record);
                Store::Scope scope(m_store);
                // Pulled states are not this device's news: when nothing was waiting to be pushed, they
                // are not pushed back.
                bool nothing_unpushed = meta_number(m_store, key_push_seq) == m_store.current_seq();
                ApplyResult applied = m_store.apply(response.records);
                if (nothing_unpushed) m_store.set_meta(key_push_seq, std::to_string(m_store.current_seq()));
                m_store.set_meta(key_pull_cursor, std::to_string(response.cursor));
                scope.commit();
                m_summary.pulled += applied.received;
                m_summary.changed += applied.changed;
                report("pull", m_summary.pulled, started);
                more = response.more;
                ahead.recycle(std::move(batch));
            }
        }
    }

    // Runs on the pull worker thread: network and decoding, no store.
    PulledBatch fetch_pull(std::uint64_t cursor) {
        PulledBatch batch;
        batch.answer = send("/v1/pull", encode(PullRequest{cursor, m_options.pull_batch}));
        if (batch.answer.status != 200) return batch;
        batch.response = decode_pull_response(batch.answer.body);
        batch.answer.body.clear();
        return batch;
    }

    void finish() {
        m_summary.retries = m_retries;
        save_meta(m_store, {{key_last_sync, std::to_string(m_store.options().clock())}});
        m_summary.unit = m_enrollment.unit;
        m_summary.role = m_enrollment.role;
    }

private:
    std::set<std::string> refused_ids() {
        std::set<std::string> out;
        auto st = m_store.db().prepare("SELECT id FROM refused");
        while (st.step()) out.insert(st.column_text(0));
        return out;
    }

    void keep_refused(const std::vector<std::string>& ids, const std::string& reason) {
        Store::Scope scope(m_store);
        auto st = m_store.db().prepare("INSERT OR REPLACE INTO refused(id, reason, at_ms) VALUES(?,?,?)");
        for (const auto& id : ids) {
            st.bind(1, id).bind(2, reason).bind(3, m_store.options().clock());
            st.run();
            st.reset();
            m_summary.refused.push_back(id);
        }
        scope.commit();
    }

    // Drops what this device may no longer hold: records whose latest state the station has
    // acknowledged and whose unit is outside `keep`. Unacknowledged records stay, whatever their unit.
    void purge(const std::set<std::string>& keep, const std::set<std::string>& keep_unit_records) {
        Store::Scope scope(m_store);
        auto st = m_store.db().prepare(
            "SELECT id, unit, type = 'unit' FROM records WHERE (seq <= ? OR type = 'unit') AND id NOT IN (SELECT id FROM refused)");
        st.bind(1, meta_number(m_store, key_push_seq));
        std::vector<std::string> gone;
        while (st.step())
            if (!(st.column_int(2) ? keep_unit_records : keep).contains(st.column_text(1))) gone.push_back(st.column_text(0));
        for (const auto& id : gone) m_store.forget(id);
        scope.commit();
        m_summary.purged += gone.size();
    }

    void change_scope(const std::string& unit, const std::string& role) {
        auto units = unit_subtree(m_store, unit);
        std::set<std::string> keep(units.begin(), units.end()), keep_units = keep;
        for (const auto& u : unit_path(m_store, unit)) keep_units.insert(u.code);
        purge(keep, keep_units);
        Store::Scope scope(m_store);
        m_store.db().exec("DELETE FROM refused");
        m_store.set_meta(key_unit, unit);
        m_store.set_meta(key_role, role);
        m_store.set_meta(key_pull_cursor, "0");  // the new scope's records are all news
        scope.commit();
        m_enrollment.unit = unit;
        m_enrollment.role = role;
        m_summary.scope_changed = true;
    }

    void on_revoked() {
        save_meta(m_store, {{key_revoked, "1"}});
        purge({}, {});
    }

    void report(const char* phase, std::size_t records, std::int64_t started) {
        if (!m_options.progress) return;
        double seconds = static_cast<double>(std::max<std::int64_t>(1, steady_ms() - started)) / 1000.0;
        m_options.progress({phase, records, static_cast<double>(records) / seconds});
    }

    Store& m_store;
    const SyncOptions& m_options;
    SyncSummary& m_summary;
    Enrollment m_enrollment;
    std::string m_token;
    std::unique_ptr<HttpClient> m_http;
    std::atomic<std::size_t> m_retries = 0;  // counted by the pull worker too
};
}  // namespace

Enrollment enroll_device(Store& store, const std::string& server_url, const std::string& code, const std::string& cacert,
                         const std::string& label) {
    HttpClient http(server_url, cacert);
    HttpResponse r = http.post_json("/v1/enroll", encode(EnrollRequest{code, store.site_id(), label}));
    if (r.status != 200) raise(r);
    EnrollResponse response = decode_enroll_response(r.body);
    Enrollment e{server_url, response.device_id, response.unit, response.role, cacert, false};
    Store::Scope scope(store);
    bool same_station = store.meta(key_server).value_or("") == server_url;
    store.set_meta(key_server, server_url);
    store.set_meta(key_token, response.token);
    store.set_meta(key_device, response.device_id);
    store.set_meta(key_unit, response.unit);
    store.set_meta(key_role, response.role);
    store.set_meta("role", response.role);  // the acting role of this device from now on
    store.set_meta(key_cacert, cacert);
    store.set_meta(key_revoked, "0");
    if (!same_station) {
        // Everything here is news to a new station; a re-enrollment (token rotation) keeps its place.
        store.set_meta(key_push_seq, "0");
        store.set_meta(key_pull_cursor, "0");
    }
    scope.commit();
    return e;
}

std::optional<Enrollment> enrollment(Store& store) {
    auto server = store.meta(key_server);
    if (!server) return std::nullopt;
    return Enrollment{*server, store.meta(key_device).value_or(""), store.meta(key_unit).value_or(""),
                      store.meta(key_role).value_or(""), store.meta(key_cacert).value_or(""),
                      store.meta(key_revoked).value_or("0") == "1"};
}

SyncSummary sync_device(Store& store, const SyncOptions& options) {
    SyncSummary summary;
    auto started = steady_ms();
    Session session(store, options, summary);
    if (options.full) save_meta(store, {{key_push_seq, "0"}, {key_pull_cursor, "0"}});
    session.measure_clock();
    session.push();
    session.pull();
    session.finish();
    summary.bytes_sent = session.http().bytes_sent();
    summary.bytes_received = session.http().bytes_received();
    summary.duration_ms = steady_ms() - started;
    return summary;
}

SyncStatus sync_status(Store& store) {
    SyncStatus status;
    status.enrollment = enrollment(store);
    auto st = store.db().prepare("SELECT count(*) FROM records WHERE seq > ? AND type != 'unit' AND id NOT IN (SELECT id FROM refused)");
    st.bind(1, meta_number(store, key_push_seq));
    if (st.step()) status.unpushed = static_cast<std::size_t>(st.column_int(0));
    auto refused = store.db().prepare("SELECT count(*) FROM refused");
    if (refused.step()) status.refused = static_cast<std::size_t>(refused.column_int(0));
    status.last_sync_ms = static_cast<std::int64_t>(meta_number(store, key_last_sync));
    status.clock_offset_ms = store.clock_offset_ms();
    return status;
}

std::size_t correct_clock(Store& store, std::int64_t offset_ms, std::int64_t true_now_ms) {
    Store::Scope scope(store);
    const std::string& own = store.site_id();
    Stamp limit = stamp_from_ms(true_now_ms + clock_skew_tolerance_ms);
    Stamp next = stamp_from_ms(true_now_ms);
    std::size_t restamped = 0;
    ChangeBatch unpushed = store.export_since(meta_number(store, key_push_seq), static_cast<std::size_t>(-1));
    for (auto& record : unpushed.records) {
        bool changed = false;
        for (auto& [name, field] : record.fields) {
            bool far = false;
            for (auto& head : field.heads)
                if (head.dot.site == own && head.dot.stamp > limit) {
                    head.dot.stamp = ++next;
                    far = true;
                    ++restamped;
                }
            if (!far) continue;
            std::sort(field.heads.begin(), field.heads.end(), [](const Head& a, const Head& b) { return a.dot < b.dot; });
            Stamp own_seen = 0;
            for (const auto& head : field.heads)
                if (head.dot.site == own) own_seen = std::max(own_seen, head.dot.stamp);
            field.context[own] = own_seen;
            changed = true;
        }
        if (changed) store.replace(record);
    }
    // Stamps that already left this device (acknowledged pushes) stay below every later stamp.
    Stamp floor = next;
    auto st = store.db().prepare("SELECT state FROM records WHERE seq <= ?");
    st.bind(1, meta_number(store, key_push_seq));
    while (st.step()) {
        RecordState r = decode_record(st.column_view(0));
        for (const auto& [name, field] : r.fields)
            if (auto it = field.context.find(own); it != field.context.end()) floor = std::max(floor, it->second);
    }
    store.set_clock_offset(offset_ms, floor);
    scope.commit();
    return restamped;
}

}  // namespace langnghe
