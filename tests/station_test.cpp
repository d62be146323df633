// The station's own rules, called directly on an in-process Station (the code behind the HTTP
// endpoints): enrollment codes, tokens, revocation and rotation, moves and receipts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>

#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/vocab.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/sqlite.h"
#include "sqlite_station_store.h"
#include "support/refusal.h"
#include "support/station_transport.h"
#include "support/temp_dir.h"

using namespace langnghe;
using langnghe::test::refusal;
using langnghe::test::InProcessStation;
using langnghe::test::ManualClock;

namespace {
struct Desk {
    ManualClock clock;
    InProcessStation in_process{clock.source()};
    server::Station& station = in_process.station();

    EnrollResponse enroll(const std::string& code, const std::string& site) {
        return station.enroll({code, site, "Thượng úy Nguyễn Văn An", generate_key_pair().public_key});
    }
    EnrollResponse enroll(const std::string& code, Store& device) {
        return station.enroll({code, device.site_id(), "Thượng úy Nguyễn Văn An", own_public_key(device)});
    }
};

// The signed links of every device named, as a device pushing or relaying their writes sends them.
std::vector<CustodyLink> links_of(std::initializer_list<Store*> devices) {
    std::vector<CustodyLink> out;
    for (Store* d : devices)
        for (auto& link : custody_links(*d)) out.push_back(std::move(link));
    return out;
}
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
    CHECK(refusal([&] { station.enroll({in_process.issue_code("00004"), "not a site!", "", generate_key_pair().public_key}); }).field() == "site");

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

    // A rotation may change the role the device enrolled in: the station judges its writes by it.
    server::IssuedCode promotion = station.rotate(enrolled.device_id, 60'000, "unit_head");
    CHECK(promotion.role == "unit_head");
    EnrollResponse promoted = enroll(promotion.code, "site-a");
    CHECK(promoted.role == "unit_head");
    CHECK(station.device(enrolled.device_id).role == "unit_head");
    CHECK(station.pull(station.device(enrolled.device_id), {}).role == "unit_head");
    CHECK(refusal([&] { station.rotate(enrolled.device_id, 60'000, "admin"); }).field() == "role");
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
    EnrollResponse enrolled = enroll(in_process.issue_code("00004", "supervisor"), *supervisor_device);
    enroll(in_process.issue_code("00004", "officer"), *officer_device);
    server::Device supervisor = station.device(enrolled.device_id);
    REQUIRE(supervisor.role == "supervisor");

    // A modified client that calls itself an officer writes a record; the station judges the
    // device's enrolled role, not what the client claims.
    FeedbackInput input{.unit = "00004", .kind = "request", .category = "traffic", .text = "Cấp tỉnh sửa lời người dân"};
    RecordState own = make_feedback(*supervisor_device, Actor{"Dũng", "officer"}, input, supervisor_device->next_dot());
    RecordState relayed = make_feedback(*officer_device, Actor{"An", "officer"}, input, officer_device->next_dot());
    {
        Store::Scope written(*officer_device);  // the officer's device holds it, signed, as it sends it on
        officer_device->insert_new(relayed);
        written.commit();
    }
    auto seq = in_process.records().current_seq();
    Error refused = refusal([&] { station.push(supervisor, {supervisor.site, {relayed, own}, links_of({officer_device.get(), supervisor_device.get()})}); });
    CHECK(refused.code() == ErrorCode::forbidden);
    CHECK(refused.details() == std::vector<std::string>{own.id});
    CHECK(refused.message(Lang::vi).find("chỉ xem") != std::string::npos);
    CHECK(in_process.records().current_seq() == seq);  // the whole batch, relayed record included

    // An officer's write that the supervisor's device carries (from a change file) is not its own.
    PushResponse taken = station.push(supervisor, {supervisor.site, {relayed}, links_of({officer_device.get()})});
    CHECK(taken.changed == 1);
    CHECK(in_process.records().load(relayed.id) == relayed);
}

namespace {
// Two enrolled devices of ward 00004, an officer's and its unit head's, that push what they wrote
// since a point, as the sync client would.
struct Ward : Desk {
    test::TempDir dir;
    std::unique_ptr<Store> officer_device, head_device;
    server::Device officer, head;
    Actor forging{"Thượng úy An", "unit_head"};  // a modified client claiming its head's role
    Actor head_actor{"Thiếu tá Cường", "unit_head"};

    Ward() {
        StoreOptions on_station_time;
        on_station_time.clock = clock.source();
        officer_device = Store::open(dir.file("officer.db"), on_station_time);
        head_device = Store::open(dir.file("head.db"), on_station_time);
        for (Store* d : {officer_device.get(), head_device.get()}) import_units(*d, Actor{"An"}, InProcessStation::unit_csv());
        officer = station.device(enroll(in_process.issue_code("00004", "officer"), *officer_device).device_id);
        head = station.device(enroll(in_process.issue_code("00004", "unit_head"), *head_device).device_id);
    }

    FeedbackInput input{.unit = "00004", .kind = "request", .category = "traffic", .text = "Đèn đường hỏng"};

    // The officer records feedback and a ballot, its own work, and pushes them: their ids.
    std::pair<std::string, std::string> officers_feedback_and_ballot() {
        std::string fb = add_feedback(*officer_device, Actor{"An"}, input);
        BallotInput ballot_input{.unit = "00004", .date = "2026-11-15"};
        for (const auto& c : ballot_criteria()) ballot_input.scores[std::string(c.code)] = 4;
        std::string ballot = add_ballot(*officer_device, Actor{"An"}, ballot_input);
        REQUIRE(station.push(officer, {officer.site, written_since(*officer_device, 0), links_of({officer_device.get(), head_device.get()})}).changed == 2);
        return {fb, ballot};
    }

    static std::vector<RecordState> written_since(Store& device, std::uint64_t seq) {
        return device.export_since(seq, 1000, [](const RecordState& r) { return r.type != "unit"; }).records;
    }
    std::vector<std::string> ids_of(const std::vector<RecordState>& records) {
        std::vector<std::string> ids;
        for (const auto& r : records) ids.push_back(r.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    // Pushes `records` as `device`, requires the refusal the role matrix gives, naming `refused`,
    // with nothing taken.
    void require_refused(const server::Device& device, const std::vector<RecordState>& records,
                         std::vector<std::string> refused) {
        auto seq = in_process.records().current_seq();
        Error e = refusal([&] { station.push(device, {device.site, records, links_of({officer_device.get(), head_device.get()})}); });
        CHECK(e.code() == ErrorCode::forbidden);
        std::vector<std::string> named = e.details();
        std::sort(named.begin(), named.end());
        std::sort(refused.begin(), refused.end());
        CHECK(named == refused);
        CHECK(e.message(Lang::vi).find("trưởng đơn vị") != std::string::npos);
        CHECK(in_process.records().current_seq() == seq);  // the batch whole
    }
};
}  // namespace

TEST_CASE_METHOD(Ward, "an officer's forged delete, void and action writes are refused at the station by name", "[station]") {
    auto [fb, ballot] = officers_feedback_and_ballot();

    SECTION("a delete of feedback the station holds, and its history entry") {
        auto seq = officer_device->current_seq();
        delete_record(*officer_device, forging, fb, "ghi trùng");
        auto forged = written_since(*officer_device, seq);
        REQUIRE(forged.size() == 2);  // the feedback and its status event
        require_refused(officer, forged, ids_of(forged));
    }
    SECTION("feedback created deleted") {
        auto seq = officer_device->current_seq();
        std::string hidden = add_feedback(*officer_device, Actor{"An"}, input);
        delete_record(*officer_device, forging, hidden, "ghi trùng");
        auto forged = written_since(*officer_device, seq);
        require_refused(officer, forged, ids_of(forged));
    }
    SECTION("a ballot voided") {
        auto seq = officer_device->current_seq();
        void_ballot(*officer_device, forging, ballot, "nhầm");
        require_refused(officer, written_since(*officer_device, seq), {ballot});
    }
    SECTION("an action, created and moved on") {
        auto seq = officer_device->current_seq();
        std::string action =
            add_action(*officer_device, forging, {.unit = "00004", .description = "Phân luồng", .owner = "An", .due = "2026-12-01"});
        set_action_status(*officer_device, forging, action, "done", "Đã phân luồng");
        auto forged = written_since(*officer_device, seq);
        REQUIRE(forged.size() == 3);  // the action, its status event and the revision of its result
        require_refused(officer, forged, ids_of(forged));
    }
    SECTION("relayed by the unit head's device, judged by the officer's role that wrote it") {
        auto seq = officer_device->current_seq();
        delete_record(*officer_device, forging, fb, "ghi trùng");
        auto forged = written_since(*officer_device, seq);
        head_device->apply(written_since(*officer_device, 0));  // read from a change file, say
        require_refused(head, forged, ids_of(forged));
    }
    SECTION("what an officer may do goes through: an edit of feedback the station holds") {
        auto seq = officer_device->current_seq();
        update_feedback(*officer_device, Actor{"An"}, fb, {.text = "Đèn đường hỏng ở ngõ 12"});
        CHECK(station.push(officer, {officer.site, written_since(*officer_device, seq), links_of({officer_device.get(), head_device.get()})}).changed == 2);  // and its revision
    }
}

TEST_CASE_METHOD(Ward, "a unit head's deletes, voids and actions are taken at the station, also relayed by an officer", "[station]") {
    auto [fb, ballot] = officers_feedback_and_ballot();
    head_device->apply(written_since(*officer_device, 0));

    auto seq = head_device->current_seq();
    delete_record(*head_device, head_actor, fb, "ghi trùng");
    restore_record(*head_device, head_actor, fb, "không trùng");
    void_ballot(*head_device, head_actor, ballot, "nhầm");
    std::string action =
        add_action(*head_device, head_actor, {.unit = "00004", .description = "Phân luồng", .owner = "An", .due = "2026-12-01"});
    set_action_status(*head_device, head_actor, action, "in_progress");
    auto heads_work = written_since(*head_device, seq);
    SECTION("pushed by the head's own device") {
        CHECK(station.push(head, {head.site, heads_work, links_of({officer_device.get(), head_device.get()})}).changed == heads_work.size());
    }
    SECTION("relayed by the officer's device") {
        officer_device->apply(heads_work);
        CHECK(station.push(officer, {officer.site, heads_work, links_of({officer_device.get(), head_device.get()})}).changed == heads_work.size());
    }
    CHECK(in_process.records().load(fb) == head_device->load(fb));
    CHECK(in_process.records().load(action) == head_device->load(action));
}

TEST_CASE_METHOD(Desk, "a supervisor writes field records only while the station grants it, and learns so on its pull",
                 "[station]") {
    test::TempDir dir;
    StoreOptions on_station_time;
    on_station_time.clock = clock.source();
    auto supervisor_device = Store::open(dir.file("supervisor.db"), on_station_time);
    import_units(*supervisor_device, Actor{"Dũng"}, InProcessStation::unit_csv());
    server::Device supervisor = station.device(enroll(in_process.issue_code("01", "supervisor"), *supervisor_device).device_id);
    FeedbackInput input{.unit = "00004", .kind = "request", .category = "traffic", .text = "Cấp tỉnh ghi nhận"};
    auto write = [&] {
        RecordState r = make_feedback(*supervisor_device, Actor{"Dũng", "officer"}, input, supervisor_device->next_dot());
        Store::Scope scope(*supervisor_device);
        supervisor_device->insert_new(r);
        scope.commit();
        return r;
    };
    auto push = [&](const RecordState& r) {
        return station.push(station.device(supervisor.id), {supervisor.site, {r}, custody_links(*supervisor_device)});
    };

    CHECK(station.pull(supervisor, {}).acting_role == "supervisor");
    CHECK(refusal([&] { push(write()); }).code() == ErrorCode::forbidden);

    station.grant_writes(supervisor.id, true);
    CHECK(station.device(supervisor.id).writes_granted);
    CHECK(station.pull(station.device(supervisor.id), {}).acting_role == "officer");
    CHECK(station.pull(station.device(supervisor.id), {}).role == "supervisor");
    RecordState granted = write();
    CHECK(push(granted).changed == 1);
    CHECK(in_process.records().load(granted.id) == granted);

    station.grant_writes(supervisor.id, false);
    CHECK(station.pull(station.device(supervisor.id), {}).acting_role == "supervisor");
    CHECK(refusal([&] { push(write()); }).code() == ErrorCode::forbidden);

    // Officers and unit heads write without a grant: there is nothing to grant them.
    EnrollResponse officer = enroll(in_process.issue_code("00004", "officer"), "site-o");
    CHECK(refusal([&] { station.grant_writes(officer.device_id, true); }).field() == "device");
}

TEST_CASE_METHOD(Desk, "the station reads its database file through a memory map, not a page copy at a time", "[station]") {
    // A province's dashboard page reads every document of its period: copied out of the kernel a
    // page at a time, that was nearly half of its time (docs/benchmarks.md).
    auto* embedded = dynamic_cast<server::SqliteStationStore*>(&station.data());
    REQUIRE(embedded != nullptr);
    auto mapped = embedded->database().prepare("PRAGMA mmap_size");
    REQUIRE(mapped.step());
    CHECK(mapped.column_int(0) >= std::int64_t{1} << 30);
}
