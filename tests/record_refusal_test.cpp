// Forged, cross-ward and misshapen records sent to a station (an in-process Station, the code behind
// /v1/push) and carried in a change file imported by the real `langnghe`: each is refused naming the
// record, nothing is stored, and the honest devices keep syncing.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <limits>
#include <tuple>

#include "langnghe/base/error.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/codec/codec.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/note.h"
#include "langnghe/model/records.h"
#include "langnghe/model/units.h"
#include "langnghe/sync/http_client.h"
#include "langnghe/sync/sync_protocol.h"
#include "sqlite_station_store.h"
#include "station.h"
#include "support/cli_device.h"
#include "support/signed_links.h"
#include "support/station.h"
#include "support/temp_dir.h"

using namespace langnghe;
using nlohmann::json;

namespace {
// The embedded station is a replica too: its records, read as a device's.
Store& records_of(server::Station& station) { return dynamic_cast<server::SqliteStationStore&>(station.data()).records(); }
const char* const unit_csv =
    "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n00007,Phường Ngọc Hà,ward,01\n";

// A device: its own store, enrolled at the station for a unit, pushing and pulling in process.
struct Device {
    std::unique_ptr<Store> store;
    server::Device enrolled;
    Actor actor{"Cán bộ"};
    std::uint64_t pushed = 0, pulled = 0;

    std::vector<RecordState> unpushed() {
        std::vector<RecordState> out;
        for (auto& r : store->export_since(pushed, 100000).records)
            if (r.type != "unit") out.push_back(std::move(r));
        return out;
    }
};

struct Ward {
    test::TempDir dir;
    std::unique_ptr<server::Station> station;

    Ward() {
        server::Station::init(dir.file("station"));
        station = server::Station::open(dir.file("station"));
        station->data().import_units(Actor{"admin"}, unit_csv);
    }

    Device device(const std::string& name, const std::string& unit) {
        Device d;
        d.store = Store::open(dir.file(name + ".db"));
        import_units(*d.store, d.actor, unit_csv);
        auto code = station->issue_code(unit, "officer", 60'000);
        auto enrolled = station->enroll({code.code, d.store->site_id(), name, own_public_key(*d.store)});
        d.enrolled = station->device(enrolled.device_id);
        return d;
    }

    void push(Device& d) { push(d, d.unpushed()); }
    void push(Device& d, const std::vector<RecordState>& records) {
        std::uint64_t seq = d.store->current_seq();
        station->push(d.enrolled, {d.store->site_id(), records, custody_links(*d.store)});
        d.pushed = seq;
    }
    void pull(Device& d) {
        auto answer = station->pull(d.enrolled, {d.pulled, 1000});
        d.store->apply(decode_records(answer.records_json));
        d.pulled = answer.cursor;
    }

    // The push must be refused with `code` naming exactly `ids`, and store nothing.
    Error refused(Device& d, const std::vector<RecordState>& records, ErrorCode code, const std::vector<std::string>& ids) {
        std::string before = station->data().canonical_dump();
        std::uint64_t seq = station->data().newest_cursor();
        try {
            station->push(d.enrolled, {d.store->site_id(), records, custody_links(*d.store)});
        } catch (const Error& e) {
            INFO(e.what());
            CHECK(e.code() == code);
            CHECK(e.details() == ids);
            CHECK(station->data().canonical_dump() == before);
            CHECK(station->data().newest_cursor() == seq);
            return e;
        }
        FAIL_CHECK("the push was accepted");  // and go on: what follows shows the damage
        return Error(ErrorCode::internal, "accepted");
    }
};

std::string add(Device& d, const std::string& unit, const std::string& text) {
    FeedbackInput in{.unit = unit, .kind = "criticism", .category = "traffic", .text = text, .resident_phone = "0912345678"};
    return add_feedback(*d.store, d.actor, in);
}

Stamp now_stamp() { return stamp_from_ms(system_clock_source()()); }

// What an attacker sends: the victim's record with `fields` replaced by its own value and a
// context claiming to have seen every write the victim will ever make.
RecordState forged_over(RecordState record, const std::string& victim_site, const std::string& forger_site,
                        const std::vector<std::string>& fields) {
    for (const auto& name : fields) {
        FieldState& f = record.fields[name];
        f.heads = {Head{Dot{now_stamp(), forger_site}, "\"Nội dung giả\""}};
        f.context = {{victim_site, std::numeric_limits<Stamp>::max()}, {forger_site, now_stamp()}};
    }
    return record;
}

RecordState status_event(Device& writer, const std::string& unit, const std::string& target) {
    Dot dot = writer.store->next_dot();
    RecordState se{new_record_id("se"), "status_event", unit, {}};
    for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"target", json_string(target)}, {"from", "\"new\""}, {"to", "\"resolved\""}, {"by", "\"Kẻ giả mạo\""},
             {"at", "\"2026-11-23T12:33\""}, {"stamp", std::to_string(dot.stamp)}})
        se.fields[name] = overwrite({}, dot, value);
    return se;
}
}  // namespace

TEST_CASE_METHOD(Ward, "a forged context is refused, the officer's record stays, and the officer keeps syncing", "[sync]") {
    Device victim = device("victim", "00004"), forger = device("forger", "00004");
    std::string id = add(victim, "00004", "Đèn đường ngõ 12 hỏng");
    push(victim);
    pull(forger);

    RecordState forged = forged_over(*forger.store->load(id), victim.store->site_id(), forger.store->site_id(),
                                     {"text", "resident_phone"});
    Error e = refused(forger, {forged}, ErrorCode::clock_skew, {id});
    CHECK_THAT(e.what(), Catch::Contains(id));
    Feedback kept = get_feedback(records_of(*station), id);
    CHECK(kept.text == "Đèn đường ngõ 12 hỏng");
    CHECK(kept.resident_phone == "0912345678");

    // The victim pulls, edits the record, and pushes: every later sync still works.
    pull(victim);
    update_feedback(*victim.store, victim.actor, id, {.text = "Đèn đường ngõ 12 hỏng từ tuần trước"});
    CHECK_NOTHROW(push(victim));
    CHECK(get_feedback(records_of(*station), id).text == "Đèn đường ngõ 12 hỏng từ tuần trước");
    update_feedback(*victim.store, victim.actor, id, {.text = "Đã sửa xong"});
    CHECK_NOTHROW(push(victim));
    CHECK(get_feedback(records_of(*station), id).text == "Đã sửa xong");
}

TEST_CASE_METHOD(Ward, "a status event or note tagged with the writer's ward cannot reach another ward's feedback", "[sync]") {
    Device ward_a = device("a", "00004"), ward_b = device("b", "00007");
    std::string theirs = add(ward_b, "00007", "Karaoke ồn sau 23 giờ");
    push(ward_b);

    RecordState se = status_event(ward_a, "00004", theirs);
    CHECK_THAT(refused(ward_a, {se}, ErrorCode::forbidden, {se.id}).what(), Catch::Contains(theirs));
    // The note: written against the writer's own feedback, then pointed at the other ward's.
    std::string mine = add(ward_a, "00004", "Ổ gà trước số 5");
    RecordState note = *ward_a.store->load(add_note(*ward_a.store, ward_a.actor, mine, "Đã báo"));
    note.fields["target"] = overwrite(note.fields["target"], ward_a.store->next_dot(), json_string(theirs));
    RecordState own_feedback = *ward_a.store->load(mine);
    // In one batch with a good record: the batch is refused whole, naming both bad records.
    refused(ward_a, {own_feedback, se, note}, ErrorCode::forbidden, {se.id, note.id});
    CHECK(status_history(records_of(*station), theirs).size() == 0);

    // Ward B's own history is untouched and it still syncs.
    resolve_feedback(*ward_b.store, ward_b.actor, theirs);
    CHECK_NOTHROW(push(ward_b));
    CHECK(get_feedback(records_of(*station), theirs).status == "resolved");
}

TEST_CASE_METHOD(Ward, "misshapen records are refused at push, all of them named", "[sync]") {
    Device d = device("d", "00004");
    RecordState good = *d.store->load(add(d, "00004", "Rác thải ở chợ"));
    std::vector<RecordState> bad;
    for (std::string id : {std::string("fb-AAAA\0AAAAAAAAAAA", 19), std::string("fb-AAAAAAAA\nAAAAAAA"),
                           std::string("fb-<img src=x>AAAAA"), std::string("fb-../../../AAAAAAA")}) {
        RecordState r = good;
        r.id = id;
        bad.push_back(r);
    }
    RecordState empty = *d.store->load(add(d, "00004", "Trống"));
    empty.fields.clear();  // "f":{}
    bad.push_back(empty);
    RecordState wrong_type = *d.store->load(add(d, "00004", "Sai kiểu"));
    wrong_type.fields["anonymous"] = overwrite(wrong_type.fields["anonymous"], d.store->next_dot(), "\"no\"");
    bad.push_back(wrong_type);

    std::vector<std::string> ids;
    for (const auto& r : bad) ids.push_back(r.id);
    std::vector<RecordState> batch{good};
    batch.insert(batch.end(), bad.begin(), bad.end());
    Error e = refused(d, batch, ErrorCode::invalid_input, ids);
    CHECK_THAT(e.what(), Catch::Contains("6 record(s)"));
    // The good record alone goes through.
    CHECK_NOTHROW(station->push(d.enrolled, {d.store->site_id(), {good}, custody_links(*d.store)}));
}

namespace {
// Two unenrolled devices exchanging change files through the real binary; `tamper` alters the file.
struct FileExchange {
    test::TempDir dir;
    test::CliDevice a{dir, "a", "Nguyễn Văn An"};
    test::CliDevice b{dir, "b", "Trần Thị Bình"};

    FileExchange() {
        a.init();
        b.init();
        a.import_units(dir);
        std::string file = dir.file("units.json");
        a.ok({"changes", "export", file});
        b.ok({"changes", "import", file});
    }

    std::string add(const std::string& unit, const std::string& text) {
        std::string id = a.ok({"feedback", "add", "--unit", unit, "--kind", "criticism", "--category", "traffic", "--text",
                               text, "--resident-phone", "0912345678"});
        id.pop_back();
        return id;
    }

    json exported() {
        std::string file = dir.file("all.json");
        a.ok({"changes", "export", file});
        return json::parse(dir.read("all.json"));
    }

    // B imports `changes` and must refuse it naming `id`, holding what it held before.
    void refused(json changes, const std::string& needle) {
        changes["count"] = changes["records"].size();
        dir.write("tampered.json", changes.dump());
        std::string before = b.dump();
        test::ProcessResult r = b.run({"changes", "import", dir.file("tampered.json")});
        INFO(r.describe());
        CHECK(r.exit_code != 0);
        CHECK_THAT(r.err, Catch::Contains(needle));
        CHECK(b.dump() == before);
    }
};

json& record_of(json& changes, const std::string& id) {
    for (auto& r : changes["records"])
        if (r["id"] == id) return r;
    FAIL("no record " << id);
    throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE_METHOD(FileExchange, "a change file with a forged, cross-ward or misshapen record imports nothing", "[cli]") {
    std::string f = add("00004", "Đèn đường hỏng"), other = add("00007", "Karaoke ồn");
    a.ok({"feedback", "acknowledge", f});
    a.ok({"note", "add", f, "--text", "Đã báo điện lực"});
    json changes = exported();

    SECTION("a context claiming every future write of the importer") {
        json& r = record_of(changes, f);
        r["f"]["text"] = {{"c", {{"0b0b0b0b0b0b0b0b", 1}, {"00aa00aa00aa00aa", std::numeric_limits<std::uint64_t>::max()}}},
                          {"h", json::array({json::array({1, "0b0b0b0b0b0b0b0b", "Nội dung giả"})})}};
        refused(changes, f);
    }
    SECTION("a status event and a note of ward 00004 pointed at ward 00007's feedback") {
        for (auto& r : changes["records"])
            if (r["type"] == "status_event" || r["type"] == "note") {
                auto& target = r["f"]["target"];
                target[2] = other;
                refused(changes, r["id"].get<std::string>());
            }
    }
    SECTION("ids with NUL, newline, markup or ../") {
        for (std::string id : {std::string("fb-AAAA\0AAAAAAAAAAA", 19), std::string("fb-AAAAAAAA\nAAAAAAA"),
                               std::string("fb-<b>AAAAAAAAAA</b>"), std::string("fb-../../../AAAAAAA")}) {
            json copy = changes;
            record_of(copy, f)["id"] = id;
            // An id holding NUL is refused by the decoder before it is known as an id; it names the NUL.
            refused(copy, id.find('\0') != std::string::npos ? std::string("NUL") : id.substr(0, 7));
        }
    }
    SECTION("a feedback with \"f\":{} and one with a value of the wrong type") {
        json empty = changes;
        record_of(empty, f)["f"] = json::object();
        refused(empty, f);
        json wrong = changes;
        record_of(wrong, other)["f"]["anonymous"][2] = "no";
        refused(wrong, other);
    }
}

TEST_CASE("over HTTP, a forged context is 422 and an id with markup 400, each naming the record", "[e2e][sync]") {
    test::TestStation station;
    station.start();
    HttpClient http(station.url());
    const std::string site = "00aa11bb22cc33dd";
    test::SignedChain chain(site);
    auto enrolled = http.post_json("/v1/enroll", json{{"code", station.issue_code("00004", "officer")}, {"site", site},
                                                      {"label", "An"}, {"public_key", chain.public_key()}}.dump());
    REQUIRE(enrolled.status == 200);
    std::string token = json::parse(enrolled.body)["token"];

    Stamp t = now_stamp();
    RecordState r{new_record_id("fb"), "feedback", "00004", {}};
    for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"text", "\"Đèn hỏng\""}, {"channel", "\"patrol\""}, {"kind", "\"request\""}, {"category", "\"traffic\""},
             {"received_at", "\"2026-11-23T12:33\""}, {"anonymous", "true"}, {"recorded_by", "\"An\""},
             {"status", "[0,\"new\"]"}, {"deleted", "false"}})
        r.fields[name] = overwrite({}, Dot{t, site}, value);
    RecordState forged = r;
    forged.fields["text"].context["0a0a0a0a0a0a0a0a"] = std::numeric_limits<Stamp>::max();
    RecordState markup = r;
    markup.id = "fb-<script>AAAAAAA";

    std::string before = station.dump();
    for (auto [record, status, error] : {std::tuple{forged, 422, "clock_skew"}, std::tuple{markup, 400, "invalid_input"}}) {
        HttpResponse answer = http.post_json("/v1/push", encode(PushRequest{site, {record}}), token);
        INFO(answer.status << " " << answer.body);
        CHECK(answer.status == status);
        json body = json::parse(answer.body);
        CHECK(body["error"] == error);
        CHECK(body["details"] == json::array({record.id}));
    }
    CHECK(station.dump() == before);
    CHECK(http.post_json("/v1/push", encode(PushRequest{site, {r}, {chain.link({r})}}), token).status == 200);
}
