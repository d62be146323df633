// Custody on receipt (issue 12, docs/custody.md): the station merges only writes that registered
// devices signed, in unbroken chains; a change file altered in one byte, signed by a key the
// importer does not hold, with a broken chain or with writes its signer did not sign is refused
// whole, and nothing is written.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <functional>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/sqlite.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/custody_check.h"
#include "sqlite_station_store.h"
#include "support/refusal.h"
#include "support/replica.h"
#include "support/station_transport.h"

using namespace langnghe;
using langnghe::test::refusal;
using langnghe::test::InProcessStation;
using langnghe::test::ManualClock;

namespace {
FeedbackInput lamp{.unit = "00004", .kind = "request", .category = "traffic", .text = "Đèn đường hỏng"};

// A ward's devices enrolled with an in-process station, on its clock.
struct Ward {
    ManualClock clock;
    InProcessStation in_process{clock.source()};
    server::Station& station = in_process.station();
    test::TempDir dir;

    std::unique_ptr<Store> device(const std::string& name) {
        StoreOptions on_station_time;
        on_station_time.clock = clock.source();
        auto store = Store::open(dir.file(name + ".db"), on_station_time);
        import_units(*store, Actor{"An"}, InProcessStation::unit_csv());
        return store;
    }
    server::Device enroll(Store& store, const std::string& role = "officer") {
        auto code = in_process.issue_code("00004", role);
        return station.device(station.enroll({code, store.site_id(), "Thượng úy An", own_public_key(store)}).device_id);
    }
    static std::vector<RecordState> written(Store& store) {
        return store.export_since(0, 1000, [](const RecordState& r) { return r.type != "unit"; }).records;
    }
    // Pushes and requires a refusal naming `named` (in details) that leaves the station as it was.
    Error refused_push(const server::Device& by, const PushRequest& request) {
        auto seq = in_process.records().current_seq();
        auto links = custody_links(in_process.records());
        Error e = refusal([&] { station.push(by, request); });
        CHECK(e.code() == ErrorCode::forbidden);
        CHECK(in_process.records().current_seq() == seq);
        CHECK(custody_links(in_process.records()) == links);
        return e;
    }
};
}  // namespace

TEST_CASE_METHOD(Ward, "the station merges only what registered devices signed, in unbroken chains", "[custody][station]") {
    auto an = device("an");
    server::Device an_device = enroll(*an);
    std::string fb = add_feedback(*an, Actor{"An"}, lamp);
    auto records = written(*an);
    auto links = custody_links(*an, an->site_id());

    SECTION("signed writes are taken, and the log and every stored value verify") {
        station.push(an_device, {an->site_id(), records, links});
        CHECK(in_process.records().load(fb) == an->load(fb));
        auto report = station.verify();
        CHECK_FALSE(report.fault);
        CHECK(report.links >= links.size());

        SECTION("a byte of the station's log changed is found and named") {
            sql::Database raw(in_process.records().path(), false);
            raw.exec("DROP TRIGGER custody_links_are_fixed; UPDATE custody_links SET signature = "
                     "CASE substr(signature, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END || substr(signature, 2) "
                     "WHERE site = '" + an->site_id() + "' AND n = 1");
            CHECK_THAT(station.verify().fault.value_or(""), Catch::Contains(an->site_id() + "#1"));
        }
    }
    SECTION("a value changed after it was signed") {
        for (auto& r : records)
            if (r.id == fb) r.fields["text"].heads[0].value = "\"Đèn đường vẫn tốt\"";
        Error e = refused_push(an_device, {an->site_id(), records, links});
        CHECK(e.details() == std::vector<std::string>{fb});
        CHECK_THAT(e.what(), Catch::Contains("differ from what that site signed"));
    }
    SECTION("writes sent without the links that cover them") {
        Error e = refused_push(an_device, {an->site_id(), records, {}});
        CHECK(std::find(e.details().begin(), e.details().end(), fb) != e.details().end());
        CHECK_THAT(e.message(Lang::vi), Catch::Contains("ký"));
    }
    SECTION("a chain with a link left out") {
        std::vector<CustodyLink> gap(links.begin() + 1, links.end());
        Error e = refused_push(an_device, {an->site_id(), {}, gap});
        CHECK(e.field() == "links");
        CHECK(e.details() == std::vector<std::string>{an->site_id() + "#2"});
        CHECK_THAT(e.what(), Catch::Contains("breaks the chain"));
    }
    SECTION("links signed by a device that never enrolled, relayed by one that did") {
        auto stranger = device("stranger");
        add_feedback(*stranger, Actor{"Kẻ lạ"}, lamp);
        Error e = refused_push(an_device, {an->site_id(), written(*stranger), custody_links(*stranger)});
        CHECK(e.details() == std::vector<std::string>{stranger->site_id() + "#1"});
        CHECK_THAT(e.what(), Catch::Contains("no registered device"));
    }
    SECTION("links of a device the station revoked, relayed by another") {
        auto binh = device("binh");
        server::Device binh_device = enroll(*binh);
        station.revoke(an_device.id);
        Error e = refused_push(binh_device, {binh->site_id(), records, links});
        CHECK_THAT(e.what(), Catch::Contains("revoked"));
    }
}

namespace {
// Two replicas that never enrolled: each pins the other's key from the first file it imports.
struct Pair {
    test::Replica a, b;

    // `file` signed again by a, after a test changed it: only the change is at fault.
    std::string resigned(ChangeFile file) {
        file.signature.clear();
        std::string text = encode_change_file(file);
        std::string body = text.substr(0, text.size() - 2);  // without "}\n"
        return body + ",\"signature\":\"" + sign_as_replica(*a.store, body) + "\"}\n";
    }
    // Imports `text` into b and requires it refused whole, with a message holding `says`.
    void refused(const std::string& text, const std::string& says) {
        std::string before = b.store->canonical_dump();
        auto links = custody_links(*b.store);
        Error e = refusal([&] { import_changes(*b.store, decode_change_file(text)); });
        CHECK(e.code() == ErrorCode::forbidden);
        CHECK_THAT(e.what(), Catch::Contains(says));
        CHECK(b.store->canonical_dump() == before);
        CHECK(custody_links(*b.store) == links);
    }
};
}  // namespace

TEST_CASE_METHOD(Pair, "a change file is taken only as its signer signed it", "[custody][sync]") {
    std::string fb = add_feedback(*a.store, a.actor, lamp);
    ChangeFile file = export_changes(*a.store, 0);
    std::string text = encode_change_file(file);

    SECTION("as written, it imports with the chain it carries, which b then verifies and passes on") {
        import_changes(*b.store, decode_change_file(text));
        CHECK(b.store->load(fb) == a.store->load(fb));
        CHECK(custody_links(*b.store, a.store->site_id()) == custody_links(*a.store, a.store->site_id()));
        CHECK(registered_key(*b.store, a.store->site_id())->public_key == own_public_key(*a.store));
        CHECK_FALSE(verify_replica(*b.store).fault);
        CHECK_FALSE(unacknowledged_links(*b.store, 1 << 20).empty());
    }
    SECTION("one byte altered") {
        std::string altered = text;
        altered.replace(altered.find("Đèn đường hỏng"), std::string("Đèn").size(), "Đen");
        refused(altered, "altered or not signed");
    }
    SECTION("signed by a key other than the one the importer holds for that device") {
        register_key(*b.store, {a.store->site_id(), generate_key_pair().public_key, "active"});
        refused(text, "altered or not signed by device " + a.store->site_id());
    }
    SECTION("signed by a device the importer knows as revoked") {
        register_key(*b.store, {a.store->site_id(), own_public_key(*a.store), "revoked"});
        refused(text, "revoked");
    }
    SECTION("a chain with a link left out") {
        ChangeFile gap = file;
        gap.links.erase(gap.links.begin());
        refused(resigned(gap), "breaks the chain");
    }
    SECTION("a write of its signer that is in none of its links") {
        ChangeFile forged = file;
        for (auto& r : forged.records)
            if (r.id == fb) r.fields["status"] = overwrite(r.fields["status"], a.store->next_dot(), "[0,\"resolved\"]");
        refused(resigned(forged), "no signed link of that site covers");
    }
    SECTION("a write of a device no key is known for") {
        test::Replica stranger;
        RecordState planted = make_feedback(*stranger.store, stranger.actor, lamp, stranger.store->next_dot());
        ChangeFile forged = file;
        forged.records.push_back(planted);
        refused(resigned(forged), planted.id);
    }
}
