#include "langnghe/sync/sync_client.h"

#include "langnghe/model/redaction.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/restamp.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/model/records.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/set_aside.h"
#include "langnghe/sync/http_client.h"
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
constexpr const char* key_registry_digest = "sync.registry_digest";
constexpr const char* key_enroll_proof = "sync.enroll_proof";
constexpr const char* key_enroll_label = "sync.enroll_label";
constexpr const char* key_card_station = "sync.card_station";
// Links go to the station in pushes of about this much JSON, well inside its request limit.
constexpr std::size_t link_push_bytes = 4 * 1024 * 1024;
// The greatest stamp of this site the station may hold (heads or contexts): what was pushed and
// acknowledged, or pulled back. Clock correction never re-stamps at or below it.
constexpr const char* key_sent_stamp = "sync.sent_stamp";

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
    throw error_from_body(body);
}

bool transient(long status) { return status == 429 || status >= 500; }

// A database from before the sent stamp was kept: every stamp of this site the station could have
// accepted (up to its bound ahead of `true_now_ms`) counts as sent.
Stamp sent_stamp(Store& store, std::int64_t true_now_ms) {
    if (auto saved = store.meta(key_sent_stamp)) return std::stoull(*saved);
    Stamp bound = stamp_from_ms(true_now_ms + store.options().max_clock_lead_ms), out = 0;
    for_each_state(store, [&](const RecordState& r) {
        for (const auto& [name, field] : r.fields) {
            for (const auto& head : field.heads)
                if (head.dot.site == store.site_id() && head.dot.stamp <= bound) out = std::max(out, head.dot.stamp);
            if (auto it = field.context.find(store.site_id()); it != field.context.end() && it->second <= bound)
                out = std::max(out, it->second);
        }
    });
    return out;
}

// Inside the transaction that records a push acknowledged or a pull applied: `latest_own` is the
// greatest stamp of this site in what was acknowledged or pulled.
void raise_sent_stamp(Store& store, Stamp latest_own, std::int64_t true_now_ms) {
    Stamp sent = sent_stamp(store, true_now_ms), before = sent;
    sent = std::max(sent, latest_own);
    if (sent != before || !store.meta(key_sent_stamp)) store.set_meta(key_sent_stamp, std::to_string(sent));
}

// A push body from stored states as they are: the device neither decodes nor encodes what it sends.
std::string push_body(const std::string& site, const std::vector<StoredState>& records) {
    std::string states = "[";
    for (const auto& r : records) {
        if (states.size() > 1) states += ',';
        states += r.state;
    }
    states += ']';
    return encode_push_request(site, states);
}

// The enrollment a sync runs under: there must be one, not revoked.
Enrollment required_enrollment(Store& store) {
    auto e = enrollment(store);
    if (!e) throw Error(ErrorCode::invalid_state, "this device is not enrolled (run `langnghe enroll` first)")
            .vi("thiết bị chưa ghi danh (chạy `langnghe enroll` trước)");
    if (e->server.empty())
        throw Error(ErrorCode::invalid_state,
                    "this device was enrolled by file: it exchanges change files with the station (to sync over the "
                    "network, enroll with the code of `langnghe-server device rotate`)")
            .vi("thiết bị được ghi danh bằng tệp: nó trao đổi tệp thay đổi với trạm (để đồng bộ qua mạng, ghi danh "
                "bằng mã của `langnghe-server device rotate`)");
    if (e->revoked) throw Error(ErrorCode::unauthorized, "this device was revoked by the station")
            .vi("thiết bị đã bị trạm thu hồi quyền đồng bộ");
    return *e;
}

class Session {
public:
    Session(Store& store, Transport& transport, const SyncOptions& options, SyncSummary& summary)
        : m_store(store), m_transport(transport), m_options(options), m_summary(summary) {
        m_enrollment = required_enrollment(store);
        m_token = store.meta(key_token).value_or("");
        m_registry_digest = store.meta(key_registry_digest).value_or("");
    }

    // POSTs with retries of transient failures: the final answer, 200 or not. It touches no store,
    // so the pull worker thread may call it while this thread applies a batch.
    HttpResponse send(const std::string& path, std::string body) {
        HttpRequest request{"POST", path, std::move(body), m_token};
        int delay = m_options.first_backoff_ms;
        for (int attempt = 1;; ++attempt) {
            try {
                HttpResponse r = m_transport.send(request);
                if (r.status == 200 || !transient(r.status) || attempt >= m_options.max_attempts) return r;
            } catch (const Error& e) {
                if (e.code() != ErrorCode::network || attempt >= m_options.max_attempts) throw;
            }
            back_off(delay);
        }
    }

    [[noreturn]] void refused(const HttpResponse& r) {
        if (r.status == 401) on_revoked();
        raise(r);
    }

    // The station's clock from a health check, retried like every request. The device's wall time
    // is read at the middle of the round trip, so the estimate is off by at most half the round
    // trip: an answer slower than max_clock_round_trip_ms (queued, congested) says too little and is
    // discarded, and the check asked again. No useful answer: no estimate, no correction this time.
    void measure_clock() {
        int delay = m_options.first_backoff_ms;
        for (int attempt = 1; attempt <= m_options.max_attempts; ++attempt) {
            if (attempt > 1) back_off(delay);
            std::int64_t sent_wall = m_store.options().clock(), started = round_trip_clock();
            HttpResponse r;
            try {
                r = m_transport.send({"GET", "/v1/health", {}, {}});
            } catch (const Error& e) {
                if (e.code() != ErrorCode::network || attempt >= m_options.max_attempts) throw;
                continue;
            }
            std::int64_t round_trip = round_trip_clock() - started;
            if (r.status == 200 && r.server_time != 0 && round_trip <= m_options.max_clock_round_trip_ms)
                return on_station_time(r.server_time - (sent_wall + round_trip / 2), r.server_time);
            if (r.status != 200 && !transient(r.status)) return;  // a station without the check
        }
    }

    void on_station_time(std::int64_t offset, std::int64_t server_time) {
        m_summary.clock_measured = true;
        m_summary.clock_offset_ms = offset;
        bool far = std::llabs(offset) > clock_skew_tolerance_ms;
        if (far || m_store.clock_offset_ms() != 0)
            m_summary.restamped = correct_clock(m_store, far ? offset : 0, server_time);
    }

    // Set-aside records whose reason can have gone away are offered again, then everything changed
    // since the push cursor except the set-aside records not changed since.
    void push() {
        push_links();
        auto started = steady_ms();
        std::vector<std::string> due = set_aside_due(m_store);
        for (std::size_t i = 0; i < due.size(); i += m_options.push_batch) {
            std::vector<StoredState> records;
            for (std::size_t j = i; j < std::min(due.size(), i + m_options.push_batch); ++j)
                if (auto r = m_store.load_stored(due[j])) records.push_back(std::move(*r));
            push_records(std::move(records), std::nullopt);
        }
        for (;;) {
            std::uint64_t from = meta_number(m_store, key_push_seq);
            std::set<std::string, std::less<>> aside = set_aside_unchanged(m_store);
            StoredBatch batch = m_store.export_stored_since(from, m_options.push_batch, [&](std::string_view id, std::string_view type) {
                return type != "unit" && !aside.contains(id);
            });
            if (batch.records.empty()) {
                if (batch.last_seq != from) save_meta(m_store, {{key_push_seq, std::to_string(batch.last_seq)}});
                return;
            }
            with_later_references(batch, aside);
            push_records(std::move(batch.records), batch.last_seq);
            report("push", m_summary.pushed, started);
        }
    }

    // A record pushed in a batch by its latest change can name one changed later still (a forum
    // marked reported after its feedback was written), which would come in a later batch: the
    // station would refuse the batch as naming a record it never received. Such records go with
    // their referrers, and what they name in turn; pushing them again later is an idempotent join.
    void with_later_references(StoredBatch& batch, const std::set<std::string, std::less<>>& aside) {
        std::set<std::string, std::less<>> in_batch;
        for (const auto& r : batch.records) in_batch.insert(r.id);
        for (std::size_t i = 0; i < batch.records.size(); ++i) {
            RecordState record = decode_record(batch.records[i].state);
            for (const auto& ref : record_references(record)) {
                if (in_batch.contains(ref.target_id) || aside.contains(ref.target_id)) continue;
                in_batch.insert(ref.target_id);
                if (auto later = m_store.load_stored_changed_after(ref.target_id, batch.last_seq); later && later->type != "unit")
                    batch.records.push_back(std::move(*later));
            }
        }
    }

    // The signed links the station has not acknowledged go first, in pushes of their own, so every
    // record pushed after them is covered by links the station holds. Links it refuses (a relayed
    // chain of a device revoked since) are set aside with the rest of their chain, so a sync never
    // stops on them; the records they cover are then refused and set aside as any other.
    void push_links() {
        for (;;) {
            auto links = unacknowledged_links(m_store, link_push_bytes);
            if (links.empty()) return;
            HttpResponse r = send("/v1/push", encode_push_request(m_store.site_id(), "[]", links));
            auto refused_links = refused_links_of(r, links);
            if (r.status != 200 && refused_links.empty()) refused(r);
            Store::Scope scope(m_store);
            if (r.status == 200) {
                acknowledge_links(m_store, links);
            } else {
                for (const auto& [name, link] : refused_links) {
                    refuse_links(m_store, link->site, link->n);
                    m_summary.refused.push_back(name);
                }
            }
            scope.commit();
        }
    }

    // The links of `sent` a 403 names ("site#n"); none for any other answer. A name of no link sent
    // is not taken: setting nothing aside, the same links would be pushed again without end.
    std::map<std::string, const CustodyLink*> refused_links_of(const HttpResponse& r, const std::vector<CustodyLink>& sent) {
        if (r.status != 403) return {};
        ErrorBody body;
        try {
            body = decode_error_body(r.body);
        } catch (const Error&) {
            return {};
        }
        if (body.field != "links") return {};
        std::set<std::string> named(body.details.begin(), body.details.end());
        std::map<std::string, const CustodyLink*> out;
        for (const auto& link : sent)
            if (auto name = link.site + "#" + std::to_string(link.n); named.contains(name)) out.emplace(name, &link);
        return out;
    }

    // Pushes `records` until the station takes what is left: records a refusal names are set aside
    // and the rest sent again. With `last_seq`, the push cursor moves with the acknowledgement.
    void push_records(std::vector<StoredState> records, std::optional<std::uint64_t> last_seq) {
        while (!records.empty()) {
            HttpResponse r = send("/v1/push", push_body(m_store.site_id(), records));
            if (r.status != 200) {
                set_aside_named(r, records);
                continue;
            }
            PushResponse acknowledged = decode_push_response(r.body);
            Store::Scope scope(m_store);
            if (last_seq) m_store.set_meta(key_push_seq, std::to_string(*last_seq));
            if (meta_number(m_store, key_pull_cursor) == acknowledged.cursor_before)
                m_store.set_meta(key_pull_cursor, std::to_string(acknowledged.cursor_after));
            Stamp latest_own = 0;
            for (const auto& record : records) latest_own = std::max(latest_own, record.own_max_stamp);
            raise_sent_stamp(m_store, latest_own, station_now());
            std::vector<std::string> taken;
            for (const auto& a : list_set_aside(m_store))
                if (std::any_of(records.begin(), records.end(), [&](const StoredState& x) { return x.id == a.id; }))
                    taken.push_back(a.id);
            clear_set_aside(m_store, taken);
            scope.commit();
            m_summary.pushed += records.size();
            return;
        }
        if (last_seq) save_meta(m_store, {{key_push_seq, std::to_string(*last_seq)}});
    }

    // A refusal that names records of the batch (any record-level code) sets them aside and takes
    // them out of `records`; any other refusal ends the sync. A clock_skew refusal without names
    // (an older station) names the records stamped beyond the station's time + the tolerance.
    void set_aside_named(const HttpResponse& r, std::vector<StoredState>& records) {
        ErrorBody body;
        try {
            body = decode_error_body(r.body);
        } catch (const Error&) {
            refused(r);
        }
        ErrorCode code = error_code_from_name(body.error);
        if (r.status == 401 || !sets_aside(code)) refused(r);
        std::set<std::string> in_batch, named;
        for (const auto& record : records) in_batch.insert(record.id);
        for (const auto& id : body.details)
            if (in_batch.contains(id)) named.insert(id);
        if (named.empty() && code == ErrorCode::clock_skew) {
            Stamp limit = stamp_from_ms((r.server_time ? r.server_time : station_now()) + clock_skew_tolerance_ms);
            for (const auto& record : records)
                if (record.max_stamp > limit) named.insert(record.id);
        }
        if (named.empty()) refused(r);
        std::vector<std::string> ids(named.begin(), named.end());
        set_aside(m_store, ids, code, "server: " + body.message);
        for (const auto& id : ids) m_summary.refused.push_back(id);
        std::erase_if(records, [&](const StoredState& x) { return named.contains(x.id); });
    }

    std::int64_t round_trip_clock() const { return m_options.steady_ms ? m_options.steady_ms() : steady_ms(); }

    // The station's time by the last estimate (the device's own when there is none).
    std::int64_t station_now() const { return m_store.options().clock() + m_summary.clock_offset_ms; }

    void back_off(int& delay) {
        ++m_retries;
        if (m_options.sleep) m_options.sleep(delay);
        else std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        delay = std::min(delay * 2, 10000);
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
                // The station may grant a supervisor writes, or take them back: the device acts so from now on.
                if (!response.acting_role.empty() && m_store.meta("role") != response.acting_role)
                    m_store.set_meta("role", response.acting_role);
                if (response.registry_sent) {
                    for (const auto& key : response.registry) register_key(m_store, key);
                    m_store.set_meta(key_registry_digest, response.registry_digest);
                }
                // Pulled states are not this device's news: when nothing was waiting to be pushed, they
                // are not pushed back.
                bool nothing_unpushed = meta_number(m_store, key_push_seq) == m_store.current_seq();
                ApplyResult applied = m_store.apply(response.records);
                Stamp latest_own = 0;
                for (const auto& record : response.records)
                    latest_own = std::max(latest_own, max_stamp_of(record, m_store.site_id()));
                raise_sent_stamp(m_store, latest_own, station_now());
                if (nothing_unpushed) m_store.set_meta(key_push_seq, std::to_string(m_store.current_seq()));
                m_store.set_meta(key_pull_cursor, std::to_string(response.cursor));
                scope.commit();
                m_summary.pulled += applied.received;
                m_summary.changed += applied.changed;
                m_redacted += applied.redacted;
                report("pull", m_summary.pulled, started);
                more = response.more;
                ahead.recycle(std::move(batch));
            }
        }
        if (m_redacted) scrub_redacted_values(m_store);
    }

    // Runs on the pull worker thread: network and decoding, no store.
    PulledBatch fetch_pull(std::uint64_t cursor) {
        PulledBatch batch;
        batch.answer = send("/v1/pull", encode(PullRequest{cursor, m_options.pull_batch, m_registry_digest}));
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
    // Drops what this device may no longer hold: records whose latest state the station has
    // acknowledged and whose unit is outside `keep`. Unacknowledged records stay, whatever their unit.
    void purge(const std::set<std::string>& keep, const std::set<std::string>& keep_unit_records) {
        Store::Scope scope(m_store);
        std::vector<std::string> gone;
        for (const auto& held : acknowledged_records(m_store, meta_number(m_store, key_push_seq)))
            if (!(held.is_unit ? keep_unit_records : keep).contains(held.unit)) gone.push_back(held.id);
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
        retry_all_set_aside(m_store);
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
    Transport& m_transport;
    const SyncOptions& m_options;
    SyncSummary& m_summary;
    Enrollment m_enrollment;
    std::string m_token;
    std::string m_registry_digest;  // as the sync began: the pull worker reads it, nothing writes it
    std::atomic<std::size_t> m_retries = 0;  // counted by the pull worker too
    std::size_t m_redacted = 0;              // records the pulled redactions rewrote
};
}  // namespace

Enrollment enroll_device(Store& store, const std::string& server_url, const std::string& code, const std::string& cacert,
                         const std::string& label) {
    HttpClient http(server_url, cacert);
    return enroll_device(store, http, server_url, code, cacert, label);
}

Enrollment enroll_device(Store& store, Transport& transport, const std::string& server_url, const std::string& code,
                         const std::string& cacert, const std::string& label) {
    HttpResponse r = transport.send({"POST", "/v1/enroll", encode(EnrollRequest{code, store.site_id(), label, own_public_key(store)}), {}});
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
    store.set_meta(key_enroll_proof, "");  // the station knows this device's key now
    if (!store.meta(key_push_seq)) store.set_meta(key_sent_stamp, "0");  // nothing of this device left it yet
    if (!same_station) {
        // Everything here is news to a new station; a re-enrollment (token rotation) keeps its place.
        store.set_meta(key_push_seq, "0");
        store.set_meta(key_pull_cursor, "0");
    }
    scope.commit();
    return e;
}

Enrollment enroll_by_card(Store& store, const EnrollmentCard& card, const std::string& label) {
    if (auto e = enrollment(store); e && !e->revoked)
        throw Error(ErrorCode::invalid_state, "this device is enrolled already" +
                                                  (e->server.empty() ? std::string(" (by file)") : " at " + e->server))
            .vi("thiết bị đã ghi danh" + (e->server.empty() ? std::string(" (bằng tệp)") : " tại " + e->server));
    if (card.station_site == store.site_id())
        throw_invalid("card", "card: it names this device as the station", "thẻ ghi danh: thẻ ghi chính thiết bị này là trạm");
    Store::Scope scope(store);
    store.set_meta(key_server, "");
    store.set_meta(key_token, "");
    store.set_meta(key_device, "");
    store.set_meta(key_unit, card.unit);
    store.set_meta(key_role, card.role);
    store.set_meta("role", card.role);  // the acting role of this device from now on
    store.set_meta(key_cacert, "");
    store.set_meta(key_revoked, "0");
    store.set_meta(key_enroll_proof, enroll_proof(enroll_code_hash(card.code), store.site_id(), own_public_key(store)));
    store.set_meta(key_enroll_label, label);
    store.set_meta(key_card_station, card.station_site);
    register_key(store, {card.station_site, card.station_key, "active"});
    scope.commit();
    return {"", "", card.unit, card.role, "", false};
}

std::optional<EnrollClaim> enroll_claim(Store& store) {
    auto proof = store.meta(key_enroll_proof);
    if (!proof || proof->empty()) return std::nullopt;
    return EnrollClaim{*proof, store.meta(key_enroll_label).value_or("")};
}

std::optional<std::string> card_station(Store& store) {
    auto site = store.meta(key_card_station);
    if (!site || site->empty()) return std::nullopt;
    return site;
}

std::optional<Enrollment> enrollment(Store& store) {
    auto server = store.meta(key_server);
    if (!server) return std::nullopt;
    return Enrollment{*server, store.meta(key_device).value_or(""), store.meta(key_unit).value_or(""),
                      store.meta(key_role).value_or(""), store.meta(key_cacert).value_or(""),
                      store.meta(key_revoked).value_or("0") == "1"};
}

SyncSummary sync_device(Store& store, const SyncOptions& options) {
    Enrollment e = required_enrollment(store);
    HttpClient http(e.server, e.cacert);
    return sync_device(store, http, options);
}

SyncSummary sync_device(Store& store, Transport& transport, const SyncOptions& options) {
    SyncSummary summary;
    auto started = steady_ms();
    Session session(store, transport, options, summary);
    if (options.full) {
        // A station restored from a backup may have lost links too: they are all offered again.
        Store::Scope scope(store);
        store.set_meta(key_push_seq, "0");
        store.set_meta(key_pull_cursor, "0");
        offer_links_again(store);
        scope.commit();
    }
    session.measure_clock();
    session.push();
    session.pull();
    session.finish();
    summary.bytes_sent = transport.bytes_sent();
    summary.bytes_received = transport.bytes_received();
    summary.duration_ms = steady_ms() - started;
    return summary;
}

SyncStatus sync_status(Store& store) {
    SyncStatus status;
    status.enrollment = enrollment(store);
    status.unpushed = count_unpushed(store, meta_number(store, key_push_seq));
    status.set_aside = list_set_aside(store);
    status.refused = status.set_aside.size();
    status.last_sync_ms = static_cast<std::int64_t>(meta_number(store, key_last_sync));
    status.clock_offset_ms = store.clock_offset_ms();
    return status;
}

std::size_t correct_clock(Store& store, std::int64_t offset_ms, std::int64_t true_now_ms) {
    Store::Scope scope(store);
    Stamp sent = sent_stamp(store, true_now_ms);
    store.set_meta(key_sent_stamp, std::to_string(sent));
    std::size_t values = correct_clock(store, offset_ms, true_now_ms, sent).values;
    scope.commit();
    return values;
}

Restamped correct_clock(Store& store, std::int64_t offset_ms, std::int64_t true_now_ms, Stamp sent) {
    Store::Scope scope(store);
    ChangeBatch all = store.export_since(0, static_cast<std::size_t>(-1));
    Restamped restamped = restamp_unsent(all.records, store.site_id(), sent, true_now_ms, clock_skew_tolerance_ms);
    for (const auto& record : restamped.changed) store.replace(record);
    store.set_clock_offset(offset_ms, restamped.clock_floor);
    scope.commit();
    return restamped;
}

}  // namespace langnghe
