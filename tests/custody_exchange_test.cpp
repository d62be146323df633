// Custody on receipt (issue 12, docs/custody.md): the station merges only writes that registered
// devices signed, in unbroken chains; a change file altered in one byte, signed by a key the
// importer does not hold, with a broken chain or with writes its signer did not sign is refused
// whole, and nothing is written.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

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
        store->seal_unsealed_custody();  // the units are link 1
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
            raw.exec("DROP TRIGGER custody_links_are_fixed; DROP TRIGGER custody_links_are_signed_once; "
                     "UPDATE custody_links SET signature = "
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
        return signed_by_a(text.substr(0, text.size() - 2));  // without "}\n"
    }
    // The same for a file forged in its JSON.
    std::string resigned(nlohmann::ordered_json file) {
        file.erase("signature");
        std::string text = file.dump();
        return signed_by_a(text.substr(0, text.size() - 1));
    }
    std::string signed_by_a(const std::string& body) {
        return body + ",\"signature\":\"" + sign_as_replica(*a.store, body) + "\"}\n";
    }
    // Imports `text` into b and requires it refused whole, with a message holding `says`: nothing
    // of it joined, no link kept, no key pinned.
    Error refused(const std::string& text, const std::string& says, ErrorCode code = ErrorCode::forbidden) {
        std::string before = b.store->canonical_dump();
        auto links = custody_links(*b.store);
        auto keys = registered_keys(*b.store).size();
        Error e = refusal([&] { import_changes(*b.store, decode_change_file(text)); });
        CHECK(e.code() == code);
        CHECK_THAT(e.what(), Catch::Contains(says));
        CHECK(e.message(Lang::vi) != e.what());
        CHECK(b.store->canonical_dump() == before);
        CHECK(custody_links(*b.store) == links);
        CHECK(registered_keys(*b.store).size() == keys);
        return e;
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

namespace {
// A change file forged in its JSON, what it is refused with and the member the error names.
struct ForgedFile {
    std::string name;
    std::function<void(nlohmann::ordered_json& file)> forge;
    ErrorCode code;
    std::string field, says;
};
}  // namespace

TEST_CASE_METHOD(Pair,
                 "a change file with malformed keys, signature or links is refused whole, and a good one imports after",
                 "[custody][sync]") {
    using ordered = nlohmann::ordered_json;
    std::string fb = add_feedback(*a.store, a.actor, lamp);
    std::string text = encode_change_file(export_changes(*a.store, 0));
    REQUIRE(custody_links(*a.store).size() == 2);  // the units a imported, and the feedback
    const auto invalid = ErrorCode::invalid_input, forbidden = ErrorCode::forbidden;
    const std::string entries = "must hold entries [site, public key, status]";
    std::string foreign_signature = sign_message(generate_key_pair().private_key, custody_links(*a.store)[1].body());

    const std::vector<ForgedFile> forgeries = {
        {"keys that are not an array", [](ordered& f) { f["keys"] = "all"; }, invalid, "file",
         "'keys' must be an array"},
        {"a key of two items", [](ordered& f) { f["keys"][0].erase(2); }, invalid, "file", entries},
        {"a key whose public key is a number", [](ordered& f) { f["keys"][0][1] = 5; }, invalid, "file", entries},
        {"a key that is not hex", [](ordered& f) { f["keys"][0][1] = std::string(64, 'z'); }, invalid, "file",
         "not an Ed25519 public key"},
        {"a key one byte short", [](ordered& f) { f["keys"][0][1] = std::string(62, 'a'); }, invalid, "file",
         "not an Ed25519 public key"},
        {"a key of another status", [](ordered& f) { f["keys"][0][2] = "trusted"; }, invalid, "file",
         "not 'active' or 'revoked'"},
        {"links that are not an array", [](ordered& f) { f["links"] = "all"; }, invalid, "links",
         "'links' must be an array"},
        {"a link numbered in text", [](ordered& f) { f["links"][1]["n"] = "2"; }, invalid, "links",
         "'n' must be a number >= 0"},
        {"an entry of four items", [](ordered& f) { f["links"][1]["entries"][0].erase(4); }, invalid, "links",
         "an entry must be [record, stamp, [fields], hash, nonce]"},
        {"an entry's nonce of the wrong length", [](ordered& f) { f["links"][1]["entries"][0][4] = "abcd"; }, invalid,
         "links", "a malformed nonce"},
        {"a link's signature that is not hex", [](ordered& f) { f["links"][1]["signature"] = std::string(128, 'z'); },
         invalid, "links", "malformed 'signature'"},
        {"a link's signature by another key", [&](ordered& f) { f["links"][1]["signature"] = foreign_signature; },
         forbidden, "links", "is altered or not signed by"},
        {"a link naming another as the one before", [](ordered& f) { f["links"][1]["prev"] = std::string(64, '0'); },
         forbidden, "links", "does not name the link before it"},
        {"a link nested past the message depth",
         [](ordered& f) {
             f["links"][1]["entries"][0][2] = ordered::parse(std::string(40, '[') + std::string(40, ']'));
         },
         invalid, "links", "nested deeper than"},
    };
    for (const auto& forgery : forgeries) {
        INFO(forgery.name);
        ordered file = ordered::parse(text);
        forgery.forge(file);
        CHECK(refused(resigned(file), forgery.says, forgery.code).field() == forgery.field);
    }

    SECTION("a signature that is missing, malformed, not last or over other bytes") {
        ordered file = ordered::parse(text);
        file.erase("signature");
        CHECK(refused(file.dump() + "\n", "it is not signed").field() == "file");
        for (const ordered& signature : {ordered(5), ordered(std::string(126, 'a')), ordered(std::string(128, 'z'))}) {
            file["signature"] = signature;
            CHECK(refused(file.dump() + "\n", "'signature' must be 128 hex digits", invalid).field() == "file");
        }
        std::string after = text;
        after.insert(after.size() - 2, ",\"after\":1");
        CHECK(refused(after, "its signature does not end the file").field() == "file");
        CHECK(refused(text + "\n", "its signature does not end the file").field() == "file");
        std::string other = text;
        std::string signature = ordered::parse(text)["signature"];
        other.replace(other.find(signature), signature.size(), sign_as_replica(*a.store, "other bytes"));
        CHECK(refused(other, "altered or not signed by device " + a.store->site_id()).field() == "file");
    }

    // None of them left anything behind: the file as written imports.
    import_changes(*b.store, decode_change_file(text));
    CHECK(b.store->load(fb) == a.store->load(fb));
    CHECK(registered_key(*b.store, a.store->site_id())->public_key == own_public_key(*a.store));
    CHECK_FALSE(verify_replica(*b.store).fault);
}
