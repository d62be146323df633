// Enrollment by file (issue 12, docs/custody.md): a device with no network enrolls with a card; the
// station registers its key from its first change file, with the unused code the file's proof
// matches, and judges the file as that device's push. A proof that matches no code, an altered
// file or a stranger's file enrolls nothing and writes nothing.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/enrollment_card.h"
#include "langnghe/sync/sync_client.h"
#include "support/refusal.h"
#include "support/station_transport.h"

using namespace langnghe;
using langnghe::test::InProcessStation;
using langnghe::test::ManualClock;
using langnghe::test::refusal;

TEST_CASE("an enrollment card survives its URI, and a malformed card is named", "[sync][custody]") {
    EnrollmentCard card{"M5CX-SW7P-TWYD", "00004", "officer", "26ad3b984e32d182", std::string(64, 'a'),
                        "http://10.0.0.5:8470/a b"};
    EnrollmentCard back = parse_card_uri(card_uri(card));
    CHECK(back.code == card.code);
    CHECK(back.unit == card.unit);
    CHECK(back.role == card.role);
    CHECK(back.station_site == card.station_site);
    CHECK(back.station_key == card.station_key);
    CHECK(back.server == card.server);

    auto named = [](const std::string& uri, const std::string& says) {
        Error e = refusal([&] { parse_card_uri(uri); });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == "card");
        CHECK_THAT(e.what(), Catch::Contains(says));
    };
    std::string good = card_uri(card);
    named("https://example.org/?code=x", "must begin with langnghe://enroll?");
    named(good.substr(0, good.find("&unit")) + good.substr(good.find("&role")), "'unit' is missing");
    named(good + "&unit=00007", "'unit' is given twice");
    named(good + "&junk", "'junk' is not name=value");
    named("langnghe://enroll?code=ABC&unit=1&role=officer&station=26ad3b984e32d182&key=" + std::string(64, 'a'),
          "'code' is not an enrollment code");
    named("langnghe://enroll?code=M5CX-SW7P-TWYD&unit=1&role=chief&station=26ad3b984e32d182&key=" + std::string(64, 'a'),
          "'role' is not officer");
    named("langnghe://enroll?code=M5CX-SW7P-TWYD&unit=1&role=officer&station=26ad3b984e32d182&key=abc", "'key' must be 64 hex");
    named(good + "&pad=" + std::string(5000, 'x'), "longer than a card");
    named("langnghe://enroll?code=M5CX-SW7P-TWYD&unit=%FF%1B&role=officer&station=26ad3b984e32d182&key=" +
              std::string(64, 'a'),
          "'unit' is not a unit code");
}

TEST_CASE("an enrollment proof binds one code to one site and key", "[sync][custody]") {
    // RFC 4231, test case 2: the HMAC the proof is made with is HMAC-SHA-256.
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(normalised_enroll_code("m5cx-sw7p-twyd") == "M5CXSW7PTWYD");
    CHECK(enroll_code_hash("m5cx sw7p-twyd") == enroll_code_hash("M5CX-SW7P-TWYD"));
    CHECK(normalised_enroll_code("O1IL") == "0111");
    std::string hash = enroll_code_hash("M5CX-SW7P-TWYD"), key = std::string(64, 'a');
    std::string proof = enroll_proof(hash, "26ad3b984e32d182", key);
    CHECK(is_hex(proof, 32));
    CHECK(proof != enroll_proof(enroll_code_hash("M5CX-SW7P-TWYE"), "26ad3b984e32d182", key));
    CHECK(proof != enroll_proof(hash, "26ad3b984e32d183", key));
    CHECK(proof != enroll_proof(hash, "26ad3b984e32d182", std::string(64, 'b')));
    CHECK(secrets_equal(proof, enroll_proof(hash, "26ad3b984e32d182", key)));
    CHECK_FALSE(secrets_equal(proof, proof.substr(1)));
}

namespace {
FeedbackInput lamp{.unit = "00004", .kind = "request", .category = "traffic", .text = "Đèn ngõ 5 hỏng"};

// A station and a village post's device with no network.
struct Post {
    ManualClock clock;
    InProcessStation in_process{clock.source()};
    server::Station& station = in_process.station();
    test::TempDir dir;
    std::unique_ptr<Store> post = device("post");

    std::unique_ptr<Store> device(const std::string& name) {
        StoreOptions on_station_time;
        on_station_time.clock = clock.source();
        return Store::open(dir.file(name + ".db"), on_station_time);
    }
    EnrollmentCard card(const std::string& role = "officer") {
        auto key = station.data().station_key();
        return {in_process.issue_code("00004", role), "00004", role, key.site, key.public_key, {}};
    }
    // The post enrolled by card, holding its unit's records from the station's file, with one feedback written.
    std::string enrolled_and_written(const EnrollmentCard& with) {
        enroll_by_card(*post, with, "Trung úy Đỗ Văn Hải");
        import_changes(*post, decode_change_file(encode_change_file(station.export_changes("00004"))));
        return add_feedback(*post, Actor{"Hải"}, lamp);
    }
    ChangeFile file_of(Store& store) { return decode_change_file(encode_change_file(export_changes(store, 0))); }

    // Imports `file` at the station and requires it refused whole, naming `says`, with nothing written.
    Error refused(const ChangeFile& file, const std::string& says) {
        auto devices = station.devices().size();
        std::string dump = in_process.records().canonical_dump();
        auto links = custody_links(in_process.records());
        Error e = refusal([&] { station.import_changes(file); });
        CHECK(e.code() == ErrorCode::forbidden);
        CHECK_THAT(e.what(), Catch::Contains(says));
        CHECK(station.devices().size() == devices);
        CHECK(in_process.records().canonical_dump() == dump);
        CHECK(custody_links(in_process.records()) == links);
        return e;
    }
};

std::string resign(const ChangeFile& file, Store& signer) {
    ChangeFile copy = file;
    copy.read_from_text = false;
    copy.signature = sign_as_replica(signer, change_file_signed_text(copy));
    return encode_change_file(copy);
}
}  // namespace

TEST_CASE_METHOD(Post, "a device enrolled by card is registered by its first change file", "[sync][custody][station]") {
    EnrollmentCard issued = card();
    std::string fb = enrolled_and_written(issued);
    CHECK(enrollment(*post)->unit == "00004");
    CHECK(enrollment(*post)->server.empty());
    CHECK(enroll_claim(*post).has_value());
    ChangeFile file = file_of(*post);
    REQUIRE(file.enroll);
    CHECK(file.enroll->label == "Trung úy Đỗ Văn Hải");

    SECTION("the first file enrolls the device with its code's unit and role and its key, then merges as its push") {
        server::FileImport r = station.import_changes(file);
        CHECK(r.enrolled);
        CHECK(r.units_skipped > 0);
        server::Device d = station.device(r.device_id);
        CHECK(d.site == post->site_id());
        CHECK(d.public_key == own_public_key(*post));
        CHECK(d.unit == "00004");
        CHECK(d.role == "officer");
        CHECK(d.label == "Trung úy Đỗ Văn Hải");
        CHECK(in_process.records().load(fb) == post->load(fb));
        CHECK_FALSE(station.verify().fault);

        SECTION("the same file again, or a later one, merges as that device's without enrolling it again") {
            CHECK_FALSE(station.import_changes(file).enrolled);
            update_feedback(*post, Actor{"Hải"}, fb, {.unit = "00004", .kind = "request", .category = "traffic",
                                                      .text = "Đèn ngõ 5 và ngõ 7 hỏng"});
            server::FileImport later = station.import_changes(file_of(*post));
            CHECK_FALSE(later.enrolled);
            CHECK(later.device_id == r.device_id);
            CHECK(in_process.records().load(fb) == post->load(fb));
            CHECK(station.devices().size() == 1);
        }
        SECTION("a revoked device's file is refused") {
            station.revoke(r.device_id);
            refused(file_of(*post), "revoked");
        }
    }
    SECTION("a proof made with another code enrolls nothing, and the real code stays usable") {
        ChangeFile forged = file;
        forged.enroll->proof = enroll_proof(enroll_code_hash("AAAA-BBBB-CCCC"), post->site_id(), own_public_key(*post));
        refused(decode_change_file(resign(forged, *post)), "matches no unused, unexpired code");
        CHECK(station.import_changes(file).enrolled);
    }
    SECTION("a proof copied onto another device's file does not fit that device's key") {
        auto thief = device("thief");
        ChangeFile stolen = file_of(*thief);
        stolen.enroll = file.enroll;
        refused(decode_change_file(resign(stolen, *thief)), "matches no unused, unexpired code");
    }
    SECTION("a file altered in one byte enrolls nothing") {
        std::string text = encode_change_file(file);
        text.replace(text.find("Đèn ngõ 5"), std::string("Đèn").size(), "Đen");
        refused(decode_change_file(text), "altered or not signed");
        CHECK(station.import_changes(file).enrolled);
    }
    SECTION("the code expired before the file reached the station") {
        clock.advance(2 * 24 * 3600 * 1000LL);
        refused(file, "matches no unused, unexpired code");
    }
    SECTION("the code was used by another device first") {
        auto other = device("other");
        station.enroll({issued.code, other->site_id(), "Khác", own_public_key(*other)});
        refused(file, "matches no unused, unexpired code");
    }
    SECTION("a stranger's file without a proof names its site") {
        auto stranger = device("stranger");
        import_units(*stranger, Actor{"Lạ"}, InProcessStation::unit_csv());
        add_feedback(*stranger, Actor{"Lạ"}, lamp);
        refused(file_of(*stranger), "no device of this station is enrolled with");
    }
}

TEST_CASE_METHOD(Post, "a device enrolled by card trusts the station's files and acts in the card's role", "[sync][custody]") {
    SECTION("the station's file brings the registry, so the post can check a ward officer's file") {
        auto an = device("an");
        import_units(*an, Actor{"An"}, InProcessStation::unit_csv());
        auto code = in_process.issue_code("00004", "officer");
        station.enroll({code, an->site_id(), "Thượng úy An", own_public_key(*an)});
        std::string fb = add_feedback(*an, Actor{"An"}, lamp);
        ChangeFile from_an = file_of(*an);

        enroll_by_card(*post, card(), "Hải");
        Error before = refusal([&] { import_changes(*post, from_an); });
        CHECK_THAT(before.what(), Catch::Contains("does not know"));
        import_changes(*post, decode_change_file(encode_change_file(station.export_changes("00004"))));
        CHECK(registered_key(*post, an->site_id())->public_key == own_public_key(*an));
        import_changes(*post, from_an);
        CHECK(post->load(fb) == an->load(fb));
    }
    SECTION("a file signed with another key for the station's site is refused") {
        enroll_by_card(*post, card(), "Hải");
        auto impostor = device("impostor");
        ChangeFile forged = station.export_changes("00004");
        forged.signature = sign_as_replica(*impostor, change_file_signed_text(forged));
        Error e = refusal([&] { import_changes(*post, forged); });
        CHECK_THAT(e.what(), Catch::Contains("altered or not signed"));
        CHECK(registered_keys(*post).size() == 1);
    }
    SECTION("a supervisor's card enrolls a device that may not write field records") {
        enroll_by_card(*post, card("supervisor"), "Giám sát");
        import_changes(*post, decode_change_file(encode_change_file(station.export_changes("00004"))));
        // The acting role the CLI writes in (cli/context.cpp) is the one the card gave.
        Actor acting{"Giám sát"};
        acting.role = post->meta("role").value_or("");
        CHECK(acting.role == "supervisor");
        Error e = refusal([&] { add_feedback(*post, acting, lamp); });
        CHECK(e.code() == ErrorCode::forbidden);
    }
    SECTION("a device enrolled by card says how it syncs, and enrolls once") {
        enroll_by_card(*post, card(), "Hải");
        Error e = refusal([&] { sync_device(*post); });
        CHECK_THAT(e.what(), Catch::Contains("enrolled by file"));
        Error again = refusal([&] { enroll_by_card(*post, card(), "Hải"); });
        CHECK_THAT(again.what(), Catch::Contains("enrolled already"));
    }
}
