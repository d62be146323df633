// The sync client through an injected transport to a station in this process (support/
// station_transport.h): the real client and the real station endpoints, with the faults a network
// has put between them. A connection cut at byte N of a request or an answer, slow answers,
// replayed requests, requests overtaken by later ones and answers given to the wrong request:
// after each, the next sync converges, nothing is lost and nothing is applied twice.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <functional>
#include <map>
#include <optional>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/storage/set_aside.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/store.h"
#include "langnghe/sync/sync_client.h"
#include "langnghe/storage/custody.h"
#include "langnghe/sync/sync_protocol.h"
#include "support/station_transport.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
constexpr int station_records = 12, device_records = 20;

Error cut(const char* where) { return Error(ErrorCode::network, std::string("connection cut in the ") + where); }

// A transport in front of the station's, which sees every exchange and may spoil it.
class Between : public Transport {
public:
    explicit Between(Transport& station) : m_station(station) {}
    std::uint64_t bytes_sent() const override { return m_station.bytes_sent(); }
    std::uint64_t bytes_received() const override { return m_station.bytes_received(); }

protected:
    HttpResponse forward(const HttpRequest& request) { return m_station.send(request); }

private:
    Transport& m_station;
};

// Counts the bytes of the exchanges (path and body of a request, body of an answer, in order) and
// cuts the connection once, at byte `at` of that stream: inside a request, the station never sees
// it; inside an answer, the station has done what was asked and the device never hears so.
class CutAt final : public Between {
public:
    CutAt(Transport& station, std::uint64_t at) : Between(station), m_at(at) {}
    HttpResponse send(const HttpRequest& request) override {
        std::uint64_t asked = request.path.size() + request.body.size();
        if (!m_cut && m_position + asked > m_at) {
            m_cut = true;
            throw cut("request");
        }
        m_position += asked;
        HttpResponse answer = forward(request);
        if (!m_cut && m_position + answer.body.size() > m_at) {
            m_cut = true;
            throw cut("answer");
        }
        m_position += answer.body.size();
        return answer;
    }
    std::uint64_t position() const { return m_position; }
    bool was_cut() const { return m_cut; }

private:
    std::uint64_t m_at, m_position = 0;
    bool m_cut = false;
};

// Every exchange takes `delay_ms`: the clocks move by half of it before the station reads the
// request and by the other half before the answer is back.
class Slow final : public Between {
public:
    Slow(Transport& station, std::int64_t delay_ms, std::vector<ManualClock> clocks)
        : Between(station), m_delay(delay_ms), m_clocks(std::move(clocks)) {}
    HttpResponse send(const HttpRequest& request) override {
        pass(m_delay / 2);
        HttpResponse answer = forward(request);
        pass(m_delay - m_delay / 2);
        return answer;
    }

private:
    void pass(std::int64_t ms) {
        for (auto& c : m_clocks) c.advance(ms);
    }
    std::int64_t m_delay;
    std::vector<ManualClock> m_clocks;
};

// Exchange `which` (counted from 0) is spoilt in one of these ways.
enum class Spoil {
    replayed,   // the station gets the request twice (a proxy retried it); the device, the second answer
    overtaken,  // the request is held up: the device times out, the station gets it after the next request
    stale,      // the station gets the request, the device an earlier answer to the same path
};

class Spoilt final : public Between {
public:
    Spoilt(Transport& station, Spoil how, int which) : Between(station), m_how(how), m_which(which) {}
    HttpResponse send(const HttpRequest& request) override {
        int index = m_exchanges++;
        if (index == m_which && m_how == Spoil::overtaken) {
            m_held = request;
            throw Error(ErrorCode::network, "timed out");
        }
        HttpResponse answer = forward(request);
        if (m_held) {
            forward(*m_held);  // its answer goes nowhere: the device gave up on it
            m_held.reset();
        }
        std::optional<HttpResponse> earlier;
        if (auto it = m_last.find(request.path); it != m_last.end()) earlier = it->second;
        m_last[request.path] = answer;
        if (index != m_which) return answer;
        if (m_how == Spoil::replayed) return forward(request);
        if (m_how == Spoil::stale && earlier) return *earlier;
        return answer;
    }
    int exchanges() const { return m_exchanges; }

private:
    Spoil m_how;
    int m_which, m_exchanges = 0;
    std::optional<HttpRequest> m_held;
    std::map<std::string, HttpResponse> m_last;
};

// Remembers every exchange.
class Recording final : public Between {
public:
    using Between::Between;
    HttpResponse send(const HttpRequest& request) override {
        HttpResponse answer = forward(request);
        exchanges.push_back({request, answer});
        return answer;
    }
    std::vector<HttpRequest> requests(const std::string& path) const {
        std::vector<HttpRequest> out;
        for (const auto& [request, answer] : exchanges)
            if (request.path == path) out.push_back(request);
        return out;
    }
    std::vector<std::pair<HttpRequest, HttpResponse>> exchanges;
};

// The records that are not units, as canonical text by id: what devices and station must agree on.
std::map<std::string, std::string> records_of(Store& store) {
    std::map<std::string, std::string> out;
    for (const auto& r : store.export_since(0, static_cast<std::size_t>(-1)).records)
        if (r.type != "unit") out[r.id] = encode_record(r);
    return out;
}

// A station holding another device's records and a device with its own not yet pushed.
struct World {
    ManualClock station_clock, device_clock, steady;
    InProcessStation station{station_clock.source()};
    StationTransport wire{station};
    TempDir dir;
    std::unique_ptr<Store> other = device("other"), field = device("field");
    std::uint64_t station_seq = 0, field_seq = 0;  // before the field device syncs

    World() {
        write(*other, station_records, "Đèn đường hỏng");
        sync_device(*other, wire, options());
        write(*field, device_records, "Rác thải ven kênh");
        station_seq = station.records().current_seq();
        field_seq = field->current_seq();
    }

    std::unique_ptr<Store> device(const std::string& name) {
        StoreOptions o;
        o.clock = device_clock.source();
        auto d = Store::open(dir.file(name + ".db"), o);
        import_units(*d, Actor{name}, InProcessStation::unit_csv());
        enroll_device(*d, wire, "http://station.invalid", station.issue_code("00004"), "", name);
        return d;
    }

    static void write(Store& store, int count, const std::string& text) {
        for (int i = 0; i < count; ++i)
            add_feedback(store, Actor{"Cán bộ"},
                         FeedbackInput{.unit = "00004", .kind = "request", .category = "traffic",
                                       .text = text + " " + std::to_string(i)});
    }

    SyncOptions options(int attempts = 6) const {
        SyncOptions o;
        o.push_batch = 6;
        o.pull_batch = 5;
        o.max_attempts = attempts;
        o.sleep = [](int) {};
        o.steady_ms = [s = steady] { return s.now(); };
        return o;
    }

    // After a clean sync of both devices all three hold the same records, and each record reached
    // the station and the field device once: a replayed batch changes nothing (joins are
    // idempotent), so the change sequences moved by exactly the records that were news.
    void check_converged(std::optional<std::uint64_t> field_seq_moved) {
        sync_device(*field, wire, options());
        sync_device(*other, wire, options());
        auto at_station = records_of(station.records());
        CHECK(at_station.size() == station_records + device_records);
        CHECK(records_of(*field) == at_station);
        CHECK(records_of(*other) == at_station);
        CHECK(station.records().current_seq() - station_seq == device_records);
        if (field_seq_moved) CHECK(field->current_seq() - field_seq == *field_seq_moved);
        CHECK(sync_status(*field).unpushed == 0);
        CHECK(sync_status(*field).refused == 0);
    }
};

// How far the field device's change sequence moves in a sync without faults, and the bytes and
// exchanges of that sync.
struct Clean {
    std::uint64_t field_seq_moved = 0, bytes = 0;
    int exchanges = 0;
};

Clean clean_run() {
    World w;
    CutAt counting(w.wire, static_cast<std::uint64_t>(-1));
    Recording recording(counting);
    sync_device(*w.field, recording, w.options());
    Clean c{w.field->current_seq() - w.field_seq, counting.position(), static_cast<int>(recording.exchanges.size())};
    w.check_converged(c.field_seq_moved);
    return c;
}
}  // namespace

TEST_CASE("the sync client pages pulls, batches pushes and follows the cursor", "[sync]") {
    World w;
    Recording r(w.wire);
    std::string stored_states;
    StoredBatch stored = w.field->export_stored_since(0, static_cast<std::size_t>(-1),
                                                      [](std::string_view, std::string_view type) { return type != "unit"; });
    for (const auto& record : stored.records) stored_states += (stored_states.empty() ? "" : ",") + record.state;
    SyncSummary s = sync_device(*w.field, r, w.options());

    auto pushes = r.requests("/v1/push");
    REQUIRE(pushes.size() == 5);  // the device's signed links first, then 20 records in batches of 6
    PushRequest links_first = decode_push_request(pushes.front().body);
    CHECK(links_first.records.empty());
    CHECK(links_first.links == custody_links(*w.field, w.field->site_id()));
    pushes.erase(pushes.begin());
    std::vector<std::size_t> sizes;
    for (const auto& p : pushes) sizes.push_back(decode_push_request(p.body).records.size());
    CHECK(sizes == std::vector<std::size_t>{6, 6, 6, 2});
    CHECK(s.pushed == device_records);
    // The device sends its stored states as they are, byte for byte, in change order.
    std::string sent_states;
    for (const auto& p : pushes) {
        auto start = p.body.find("\"records\":[") + 11, end = p.body.rfind(']');
        sent_states += (sent_states.empty() ? "" : ",") + p.body.substr(start, end - start);
    }
    CHECK(sent_states == stored_states);

    // Each pull starts where the previous answer's cursor said; the last says there is no more.
    std::optional<std::uint64_t> expected;
    bool more = true;
    for (const auto& [request, answer] : r.exchanges) {
        if (request.path != "/v1/pull") continue;
        REQUIRE(more);
        PullRequest asked = decode_pull_request(request.body);
        CHECK(asked.limit == 5);
        if (expected) CHECK(asked.cursor == *expected);
        PullResponse got = decode_pull_response(answer.body);
        CHECK(got.records.size() <= 5);
        expected = got.cursor;
        more = got.more;
    }
    CHECK_FALSE(more);
    CHECK(r.requests("/v1/pull").size() >= 3);  // at least the other device's 12 records, 5 at a time
    CHECK(records_of(*w.field) == records_of(w.station.records()));

    // Nothing new: one health check, no push, one pull that says so.
    Recording quiet(w.wire);
    SyncSummary again = sync_device(*w.field, quiet, w.options());
    CHECK(again.pushed == 0);
    CHECK(quiet.requests("/v1/push").empty());
    CHECK(quiet.requests("/v1/pull").size() == 1);
    CHECK(quiet.requests("/v1/health").size() == 1);
}

TEST_CASE("the sync client measures the station's clock across the round trip", "[sync]") {
    World w;
    w.device_clock.advance(-5 * 60 * 1000);  // five minutes behind the station
    SECTION("answers in time: the offset is exact whatever the delay") {
        Slow slow(w.wire, 1500, {w.station_clock, w.device_clock, w.steady});
        SyncSummary s = sync_device(*w.field, slow, w.options());
        CHECK(s.clock_measured);
        CHECK(s.clock_offset_ms == 5 * 60 * 1000);
        CHECK(w.field->clock_offset_ms() == 5 * 60 * 1000);
    }
    SECTION("answers too slow to tell the time: no estimate, and the sync goes on") {
        Slow slow(w.wire, 4500, {w.station_clock, w.device_clock, w.steady});
        SyncSummary s = sync_device(*w.field, slow, w.options(3));
        CHECK_FALSE(s.clock_measured);
        CHECK(s.retries >= 2);  // the health check was asked again
        CHECK(s.pushed == device_records);
    }
    w.check_converged(std::nullopt);  // re-stamping moved the field device's sequence on its own
}

TEST_CASE("a revoked device is told so by the station and stops", "[sync]") {
    World w;
    {
        std::lock_guard lock(w.station.station().mutex());
        w.station.station().revoke(enrollment(*w.field)->device_id);
    }
    try {
        sync_device(*w.field, w.wire, w.options());
        FAIL("the sync went on");
    } catch (const Error& e) {
        // The station's error as it was made there: its code, and its message in both languages.
        CHECK(e.code() == ErrorCode::unauthorized);
        CHECK(std::string(e.what()).find("revoked") != std::string::npos);
        CHECK(e.message(Lang::vi).find("thu hồi") != std::string::npos);
        CHECK(std::string(e.what()).rfind("server:", 0) == std::string::npos);
    }
    CHECK(enrollment(*w.field)->revoked);
}

TEST_CASE("an error body carries the code, both messages, the field and the details", "[sync]") {
    Error made = Error(ErrorCode::forbidden, "outside the scope", "records", {"fb-1", "fb-2"}).vi("ngoài phạm vi");
    Error got = error_from_body(decode_error_body(encode(error_body(made))));
    CHECK(got.code() == ErrorCode::forbidden);
    CHECK(std::string(got.what()) == "outside the scope");
    CHECK(got.message(Lang::vi) == "ngoài phạm vi");
    CHECK(got.field() == "records");
    CHECK(got.details() == std::vector<std::string>{"fb-1", "fb-2"});
    // A station from before the Vietnamese message: the English one is shown in both languages.
    Error older = error_from_body(decode_error_body(R"({"error":"forbidden","message":"outside the scope"})"));
    CHECK(older.message(Lang::vi) == "outside the scope");
    CHECK(older.code() == ErrorCode::forbidden);
}

TEST_CASE("an error body from a hostile sender reaches the officer without control characters or excess", "[sync]") {
    std::string huge(100'000, 'x');
    std::string details = "[";
    for (int i = 0; i < 20'000; ++i) details += std::string(i ? "," : "") + "\"fb-" + std::to_string(i) + "\"";
    details += "]";
    std::string body = R"({"error":"forbidden\u001b[2J","message":"outside\u001b[31m the scope\u202e","message_vi":"ngoài \u001b]0;title\u0007phạm vi\u2066","field":"rec\nords","details":)" +
                       details + R"(,"extra":")" + huge + R"("})";
    Error got = error_from_body(decode_error_body(body));
    CHECK(got.code() == ErrorCode::internal);  // a code no station sends is not taken for one
    CHECK(std::string(got.what()) == "outside?[31m the scope?");
    CHECK(got.message(Lang::vi) == "ngoài ?]0;title?phạm vi?");
    CHECK(got.field() == "rec?ords");
    CHECK(got.details().size() == 10'000);
    CHECK(got.details().front() == "fb-0");

    std::string long_message = R"({"error":"forbidden","message":")" + huge + R"(","message_vi":")" + huge + R"("})";
    Error cut = error_from_body(decode_error_body(long_message));
    CHECK(cut.code() == ErrorCode::forbidden);
    CHECK(std::string(cut.what()) == std::string(2000, 'x') + "…");
    CHECK(cut.message(Lang::vi) == std::string(2000, 'x') + "…");
    // Vietnamese text passes as it is.
    Error plain = error_from_body(decode_error_body(R"({"error":"forbidden","message":"x","message_vi":"Ngoài phạm vi của đơn vị"})"));
    CHECK(plain.message(Lang::vi) == "Ngoài phạm vi của đơn vị");
}

TEST_CASE("a connection cut at any byte of a sync loses nothing and applies nothing twice", "[sync]") {
    Clean clean = clean_run();
    REQUIRE(clean.bytes > 1000);
    std::vector<std::uint64_t> at{0, 1, 40, clean.bytes - 1};
    for (int k = 1; k < 14; ++k) at.push_back(clean.bytes * static_cast<std::uint64_t>(k) / 14);
    for (std::uint64_t n : at) {
        for (int attempts : {1, 3}) {
            INFO("cut at byte " << n << " of " << clean.bytes << ", " << attempts << " attempt(s) per request");
            World w;
            CutAt faulty(w.wire, n);
            bool failed = false;
            try {
                sync_device(*w.field, faulty, w.options(attempts));
            } catch (const Error& e) {
                CHECK(e.code() == ErrorCode::network);
                failed = true;
            }
            CHECK(faulty.was_cut());
            CHECK(failed == (attempts == 1));  // one retry gets past a single cut
            w.check_converged(clean.field_seq_moved);
        }
    }
}

TEST_CASE("slow answers, replayed and overtaken requests, and answers to the wrong request", "[sync]") {
    Clean clean = clean_run();
    REQUIRE(clean.exchanges > 8);
    SECTION("slow") {
        World w;
        Slow slow(w.wire, 2500, {w.station_clock, w.device_clock, w.steady});
        SyncSummary s = sync_device(*w.field, slow, w.options());
        CHECK(s.clock_measured);
        CHECK(s.clock_offset_ms == 0);
        w.check_converged(clean.field_seq_moved);
    }
    for (Spoil how : {Spoil::replayed, Spoil::overtaken, Spoil::stale}) {
        for (int which = 0; which < clean.exchanges; ++which) {
            INFO("exchange " << which << " of " << clean.exchanges << " spoilt: " << static_cast<int>(how));
            World w;
            Spoilt spoilt(w.wire, how, which);
            CHECK_NOTHROW(sync_device(*w.field, spoilt, w.options()));
            w.check_converged(clean.field_seq_moved);
        }
    }
}

TEST_CASE("a record changed after the records that name it goes with them, so no batch names one the station lacks",
          "[sync]") {
    World w;
    // A forum and its feedback, then the forum changed last: by change order it would be pushed after them.
    Actor an{"Cán bộ"};
    std::string forum = add_forum(*w.field, an, {.unit = "00004", .title = "Hội nghị quý IV", .date = "2026-11-15"});
    std::vector<std::string> said;
    for (int i = 0; i < 4; ++i)
        said.push_back(add_feedback(*w.field, an, {.unit = "00004", .forum = forum, .kind = "request", .category = "traffic",
                                                   .text = "Ý kiến tại hội nghị " + std::to_string(i)}));
    set_forum_status(*w.field, an, forum, "held");
    SyncOptions one_at_a_time = w.options();
    one_at_a_time.push_batch = 1;
    SyncSummary s = sync_device(*w.field, w.wire, one_at_a_time);
    CHECK(s.refused.empty());
    CHECK(list_set_aside(*w.field).empty());
    for (const auto& id : said) CHECK(w.station.records().load(id) == w.field->load(id));
    CHECK(w.station.records().load(forum) == w.field->load(forum));
}
