// The station's own rules, called directly on an in-process Station (the code behind the HTTP
// endpoints): enrollment codes, tokens, revocation and rotation, moves and receipts.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "support/station_transport.h"
#include "support/temp_dir.h"

using namespace langnghe;
using langnghe::test::InProcessStation;
using langnghe::test::ManualClock;

namespace {
// Runs `call` and returns the Error it throws, failing the test when it throws none.
Error refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no error was thrown");
    throw std::logic_error("unreachable");
}

struct Desk {
    ManualClock clock;
    InProcessStation in_process{clock.source()};
    server::Station& station = in_process.station();

    EnrollResponse enroll(const std::string& code, const std::string& site) {
        return station.enroll({code, site, "Thượng úy Nguyễn Văn An"});
    }
};
}  // namespace

TEST_CASE_METHOD(Desk, "an enrollment code enrolls one device, once, before it expires", "[station]") {
    EnrollResponse first = enroll(in_process.issue_code("00004"), "site-a");
    CHECK(first.unit == "00004");
    CHECK(first.role == "officer");
    CHECK(station.device(first.device_id).site == "site-a");

    std::string code = in_process.issue_code("00004");
    enroll(code, "site-b");
    Error used = refusal([&] { enroll(code, "site-c"); });
    CHECK(used.code() == ErrorCode::forbidden);
    CHECK(used.field() == "code");
    CHECK(used.message(Lang::vi) != used.what());  // said in Vietnamese too

    CHECK(refusal([&] { enroll("ABCD-EFGH-JKMN", "site-d"); }).code() == ErrorCode::unauthorized);

    std::string short_lived = station.issue_code("00004", "officer", 60'000).code;
    clock.advance(60'001);
    CHECK(refusal([&] { enroll(short_lived, "site-e"); }).code() == ErrorCode::forbidden);

    // A site already enrolled is not enrolled twice, even with a good code.
    CHECK(refusal([&] { enroll(in_process.issue_code("00004"), "site-a"); }).code() == ErrorCode::already_exists);
    CHECK(refusal([&] { station.enroll({in_process.issue_code("00004"), "not a site!", ""}); }).field() == "site");

    CHECK(station.devices().size() == 2);  // only the two good enrollments
}

TEST_CASE_METHOD(Desk, "a token works until the device is revoked, rotation re-enrolls the same device", "[station]") {
    EnrollResponse enrolled = enroll(in_process.issue_code("00004"), "site-a");
    CHECK(station.authenticate(enrolled.token).id == enrolled.device_id);
    CHECK(refusal([&] { station.authenticate(""); }).code() == ErrorCode::unauthorized);
    CHECK(refusal([&] { station.authenticate("lnt_not-a-token"); }).code() == ErrorCode::unauthorized);

    station.revoke(enrolled.device_id);
    CHECK(station.device(enrolled.device_id).status == "revoked");
    CHECK(refusal([&] { station.authenticate(enrolled.token); }).code() == ErrorCode::unauthorized);

    server::IssuedCode rotation = station.rotate(enrolled.device_id, 60'000);
    CHECK(rotation.device_id == enrolled.device_id);
    // The code belongs to that device: another phone cannot take it over.
    CHECK(refusal([&] { enroll(rotation.code, "site-b"); }).code() == ErrorCode::forbidden);
    EnrollResponse again = enroll(rotation.code, "site-a");
    CHECK(again.device_id == enrolled.device_id);
    CHECK(again.token != enrolled.token);
    CHECK(station.authenticate(again.token).id == enrolled.device_id);
    CHECK(refusal([&] { station.authenticate(enrolled.token); }).code() == ErrorCode::unauthorized);
    CHECK(station.devices().size() == 1);
}

TEST_CASE_METHOD(Desk, "a moved device learns its new scope on its next pull", "[station]") {
    EnrollResponse enrolled = enroll(in_process.issue_code("00004"), "site-a");
    CHECK(station.pull(station.device(enrolled.device_id), {}).unit == "00004");

    station.move(enrolled.device_id, "00007");
    server::Device moved = station.device(enrolled.device_id);
    CHECK(moved.unit == "00007");
    CHECK(station.pull(moved, {}).unit == "00007");

    CHECK(refusal([&] { station.move(enrolled.device_id, "99999"); }).field() == "unit");
    CHECK(station.device(enrolled.device_id).unit == "00007");
}

TEST_CASE_METHOD(Desk, "a receipt lookup refuses what is not a receipt code and finds no unknown one", "[station]") {
    CHECK(refusal([&] { station.receipt("ZZZZ-ZZZZ"); }).code() == ErrorCode::invalid_input);
    CHECK(refusal([&] { station.receipt("ZZZZZ-ZZZZZ"); }).code() == ErrorCode::not_found);
}

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

TEST_CASE_METHOD(Desk, "a supervisor's own writes are refused at the station, the writes it relays are taken", "[station]") {
    test::TempDir dir;
    StoreOptions on_station_time;
    on_station_time.clock = clock.source();
    auto officer_device = Store::open(dir.file("officer.db"), on_station_time);
    auto supervisor_device = Store::open(dir.file("supervisor.db"), on_station_time);
    for (Store* d : {officer_device.get(), supervisor_device.get()}) import_units(*d, Actor{"An"}, InProcessStation::unit_csv());
    EnrollResponse enrolled = enroll(in_process.issue_code("00004", "supervisor"), supervisor_device->site_id());
    server::Device supervisor = station.device(enrolled.device_id);
    REQUIRE(supervisor.role == "supervisor");

    // A modified client that calls itself an officer writes a record; the station judges the
    // device's enrolled role, not what the client claims.
    FeedbackInput input{.unit = "00004", .kind = "request", .category = "traffic", .text = "Cấp tỉnh sửa lời người dân"};
    RecordState own = make_feedback(*supervisor_device, Actor{"Dũng", "officer"}, input, supervisor_device->next_dot());
    RecordState relayed = make_feedback(*officer_device, Actor{"An", "officer"}, input, officer_device->next_dot());
    auto seq = in_process.records().current_seq();
    Error refused = refusal([&] { station.push(supervisor, {supervisor.site, {relayed, own}}); });
    CHECK(refused.code() == ErrorCode::forbidden);
    CHECK(refused.details() == std::vector<std::string>{own.id});
    CHECK(refused.message(Lang::vi).find("chỉ xem") != std::string::npos);
    CHECK(in_process.records().current_seq() == seq);  // the whole batch, relayed record included

    // An officer's write that the supervisor's device carries (from a change file) is not its own.
    PushResponse taken = station.push(supervisor, {supervisor.site, {relayed}});
    CHECK(taken.changed == 1);
    CHECK(in_process.records().load(relayed.id) == relayed);
}
