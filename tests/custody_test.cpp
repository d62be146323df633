// The signed chain of custody on a device (issue 12, docs/custody.md): own writes wait unsealed beside
// the clock and are sealed into signed links as they leave the device or fill a link; `verify` names the first link or value that does not hold; redaction erases the
// nonce that would let a redacted value's hash be reversed, and the chain still verifies.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <algorithm>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/redaction.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/sqlite.h"
#include "langnghe/sync/custody_check.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
FeedbackInput lamp(const std::string& text = "Đèn đường hỏng ở ngõ 12") {
    return {.unit = "00004", .kind = "request", .category = "traffic", .text = text, .resident_phone = "0912 000 111"};
}

// A feedback sealed into a link of its own, as tests of one link's bytes need it.
std::string add_lamp(test::Replica& r, const std::string& text = "Đèn đường hỏng ở ngõ 12") {
    std::string id = add_feedback(*r.store, r.actor, lamp(text));
    r.store->seal_unsealed_custody();
    return id;
}

// The entries of `site`'s chain that name `record`.
std::vector<CustodyEntry> entries_naming(Store& store, const std::string& record) {
    std::vector<CustodyEntry> out;
    for (const auto& link : custody_links(store, store.site_id()))
        for (const auto& e : link.entries)
            if (e.record == record) out.push_back(e);
    return out;
}

// Runs `sql` on the device's file through a connection of its own, as someone editing the file would.
void edit_file(test::Replica& r, const std::string& sql) {
    sql::Database raw(r.dir.file("device.db"), false);
    raw.exec(sql);
}

std::string fault_of(test::Replica& r) { return verify_replica(*r.store).fault.value_or(""); }
}  // namespace

TEST_CASE("own writes wait unsealed beside the clock, then are sealed into a signed link that continues the chain",
          "[custody]") {
    test::Replica r;
    const std::string& site = r.store->site_id();
    auto before = custody_tip(*r.store, site);
    REQUIRE(before);  // the unit import, sealed
    std::string fb = add_feedback(*r.store, r.actor, lamp());
    std::string drain = add_feedback(*r.store, r.actor, lamp("Cống thoát nước bị tắc"));

    // Two commits and no link yet: their entries wait in meta, and verify checks the values by them.
    CHECK(custody_tip(*r.store, site)->n == before->n);
    auto unsealed = unsealed_custody_entries(*r.store);
    REQUIRE(unsealed.size() == 2);
    CHECK(unsealed[0].record == fb);
    CHECK(unsealed[1].record == drain);
    auto waiting = verify_replica(*r.store);
    CHECK_FALSE(waiting.fault);
    CHECK(waiting.unsealed_entries == 2);

    auto links = custody_links(*r.store, site, before->n + 1);  // leaving the device: sealed first
    REQUIRE(links.size() == 1);
    const CustodyLink& link = links[0];
    CHECK(unsealed_custody_entries(*r.store).empty());
    CHECK(link.entries.size() == 2);
    CHECK(link.prev == before->hash);
    CHECK(signature_valid(own_public_key(*r.store), link.body(), link.signature));
    auto entry = std::find_if(link.entries.begin(), link.entries.end(), [&](const CustodyEntry& e) { return e.record == fb; });
    REQUIRE(entry != link.entries.end());
    CHECK(*entry == unsealed[0]);
    CHECK(std::binary_search(entry->fields.begin(), entry->fields.end(), std::string("text")));
    CHECK(entry->nonce.size() == 32);
    CHECK(entry->hash.find("Đèn") == std::string::npos);  // hashes, never values

    auto report = verify_replica(*r.store);
    CHECK_FALSE(report.fault);
    CHECK(report.links == links.back().n);
    CHECK(report.unsealed_entries == 0);
    CHECK(report.values > 0);

    SECTION("a commit that fails leaves the unsealed writes as they were, and the next one adds to them") {
        std::string bin = add_feedback(*r.store, r.actor, lamp("Thùng rác tràn"));
        {
            Store::Scope scope(*r.store);
            r.store->write(fb, "feedback", "00004", {{"text", "\"Bỏ dở\""}}, r.store->next_dot());
        }  // no commit
        REQUIRE(unsealed_custody_entries(*r.store).size() == 1);
        update_feedback(*r.store, r.actor, fb, {.text = "Đèn đường hỏng ở ngõ 14"});
        auto kept = unsealed_custody_entries(*r.store);
        REQUIRE(kept.size() == 3);  // the feedback, the update and its revision record
        CHECK(kept[0].record == bin);
        CHECK(custody_tip(*r.store, site)->n == link.n);
        auto next = custody_links(*r.store, site, link.n + 1);
        REQUIRE(next.size() == 1);
        CHECK(next[0].prev == link.hash());
        CHECK(next[0].entries == kept);
        CHECK_FALSE(verify_replica(*r.store).fault);
    }
    SECTION("writes that fill a link's share of a page are sealed at commit, without waiting to leave") {
        std::size_t commits = 0;
        while (custody_tip(*r.store, site)->n == link.n) {
            add_feedback(*r.store, r.actor, lamp("Đèn số " + std::to_string(commits)));
            REQUIRE(++commits < 100);
        }
        CHECK(commits > 2);
        CHECK(unsealed_custody_entries(*r.store).empty());
        CHECK(custody_links(*r.store, site, link.n + 1).at(0).entries.size() == commits);
    }
    SECTION("unsealed writes damaged in the file are refused as a damaged log, and nothing is written") {
        add_feedback(*r.store, r.actor, lamp("Thùng rác tràn"));
        edit_file(r, "UPDATE meta SET value = '[[\"fb-x\",1,[\"text\"]' WHERE key = 'custody_unsealed'");
        auto seq = r.store->current_seq();
        CHECK_THROWS_WITH(add_feedback(*r.store, r.actor, lamp("Cống thoát nước bị tắc")),
                          Catch::Contains("unsealed writes cannot be read"));
        CHECK(r.store->current_seq() == seq);
        CHECK_THROWS_WITH(verify_replica(*r.store), Catch::Contains("unsealed writes cannot be read"));
        CHECK_THROWS_WITH(custody_links(*r.store), Catch::Contains("unsealed writes cannot be read"));
    }
    SECTION("an unsealed entry changed in the file is found by verify, naming the record") {
        std::string bin = add_feedback(*r.store, r.actor, lamp("Thùng rác tràn"));
        std::string hash = unsealed_custody_entries(*r.store).at(0).hash;
        edit_file(r, "UPDATE meta SET value = replace(value, '" + hash + "', '" + std::string(64, '0') +
                         "') WHERE key = 'custody_unsealed'");
        CHECK_THAT(fault_of(r), Catch::Contains(bin) && Catch::Contains("differ from what that site signed"));
    }
}

TEST_CASE("a replica given another key signs its next link with that key, not the one it holds parsed", "[custody]") {
    // A station's working replica opens with a key of its own and is then given the station's.
    test::Replica r;
    add_lamp(r);  // signs with the first key, which the store now keeps parsed
    std::string first_key = own_public_key(*r.store);
    KeyPair station = generate_key_pair();
    r.store->set_meta("custody_private_key", station.private_key);
    r.store->set_meta("custody_public_key", station.public_key);
    auto tip = custody_tip(*r.store, r.store->site_id());
    add_lamp(r, "Cống thoát nước bị tắc");
    auto links = custody_links(*r.store, r.store->site_id(), tip->n + 1);
    REQUIRE(links.size() == 1);
    CHECK(signature_valid(station.public_key, links[0].body(), links[0].signature));
    CHECK_FALSE(signature_valid(first_key, links[0].body(), links[0].signature));
}

TEST_CASE("one SHA-256 context reused gives each digest as a fresh one would", "[custody]") {
    Sha256 reused;
    for (const std::string& piece : std::vector<std::string>{"", "a", "Đèn đường hỏng", std::string(10000, 'x')}) {
        CHECK(reused.add(piece).hex() == sha256_hex(piece));
        CHECK(reused.add_sized(piece).hex() == sha256_hex(std::to_string(piece.size()) + ":" + piece));
    }
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a commit of more writes than a link holds is sealed into full links, each signed over what it holds",
          "[custody]") {
    test::Replica r;
    auto before = *custody_tip(*r.store, r.store->site_id());
    const std::size_t writes = 2 * max_link_entries + 1;  // too many to wait unsealed
    {
        Store::Scope scope(*r.store);
        for (std::size_t i = 0; i < writes; ++i)
            r.store->write("nt-" + std::to_string(i), "note", "00004",
                           {{"text", "\"ghi chú " + std::to_string(i) + "\""}, {"by", "\"cb\""}}, r.store->next_dot());
        scope.commit();
    }
    auto links = custody_links(*r.store, r.store->site_id(), before.n + 1);
    REQUIRE(links.size() == 3);
    CHECK(links[0].entries.size() == max_link_entries);
    CHECK(links[1].entries.size() == max_link_entries);
    CHECK(links[2].entries.size() == 1);
    std::string prev = before.hash;
    std::set<std::string> nonces;
    for (const auto& link : links) {
        CHECK(link.prev == prev);
        CHECK(signature_valid(own_public_key(*r.store), link.body(), link.signature));
        prev = link.hash();
        for (const auto& e : link.entries) {
            CHECK(e.fields == std::vector<std::string>{"by", "text"});
            std::string text = r.store->load(e.record)->fields.at("text").heads.at(0).value;
            std::vector<std::pair<std::string, std::string>> values{{"by", "\"cb\""}, {"text", text}};
            CHECK(e.hash == entry_hash(e.nonce, e.record, e.stamp, values));
            nonces.insert(e.nonce);
        }
    }
    CHECK(nonces.size() == writes);
    CHECK(custody_tip(*r.store, r.store->site_id())->hash == prev);
    auto report = verify_replica(*r.store);
    CHECK_FALSE(report.fault);
    CHECK(report.links == links.back().n);
}

TEST_CASE("a device stores its own link unsigned and signs it as it leaves, the same way each time", "[custody]") {
    test::Replica r;
    add_lamp(r);
    auto tip = *custody_tip(*r.store, r.store->site_id());
    std::string where = " WHERE site = '" + r.store->site_id() + "' AND n = " + std::to_string(tip.n);
    auto stored_signature = [&] {
        sql::Database raw(r.dir.file("device.db"), false);
        auto st = raw.prepare("SELECT signature FROM custody_links" + where);
        REQUIRE(st.step());
        return st.column_text(0);
    };
    CHECK(stored_signature().empty());
    CustodyReport report = verify_replica(*r.store);
    CHECK_FALSE(report.fault);
    CHECK(report.unsigned_links == tip.n);

    auto leaving = custody_link(*r.store, r.store->site_id(), tip.n);
    REQUIRE(leaving);
    CHECK(signature_valid(own_public_key(*r.store), leaving->body(), leaving->signature));
    CHECK(custody_link(*r.store, r.store->site_id(), tip.n)->signature == leaving->signature);
    CHECK(custody_link(*r.store, r.store->site_id(), tip.n, Signatures::as_stored)->signature.empty());

    SECTION("the station's acknowledgement stores the signature it was sent") {
        acknowledge_links(*r.store, {*leaving});
        CHECK(stored_signature() == leaving->signature);
        CHECK(verify_replica(*r.store).unsigned_links == tip.n - 1);
    }
    SECTION("a link altered before it was signed is refused, not signed as altered") {
        edit_file(r, "UPDATE custody_links SET entries = replace(entries, '\"text\"', '\"texu\"')" + where);
        CHECK_THROWS_WITH(custody_link(*r.store, r.store->site_id(), tip.n),
                          Catch::Contains(r.store->site_id() + "#" + std::to_string(tip.n)) &&
                              Catch::Contains("not the link that was sealed"));
        CHECK_THAT(fault_of(r), Catch::Contains(r.store->site_id() + "#" + std::to_string(tip.n)));
    }
}

TEST_CASE("changing one stored byte of the custody log or of a signed value is found by verify, which names it",
          "[custody]") {
    test::Replica r;
    std::string fb = add_lamp(r);
    auto tip = *custody_tip(*r.store, r.store->site_id());
    std::string where = " WHERE site = '" + r.store->site_id() + "' AND n = " + std::to_string(tip.n);
    std::string name = r.store->site_id() + "#" + std::to_string(tip.n);
    REQUIRE_FALSE(verify_replica(*r.store).fault);

    SECTION("a byte of a signature") {
        // A trigger keeps the log append-only; the file's editor drops it first.
        edit_file(r, "DROP TRIGGER custody_links_are_fixed; UPDATE custody_links SET signature = "
                     "CASE substr(signature, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END || substr(signature, 2)" + where);
        CHECK_THAT(fault_of(r), Catch::Contains(name) && Catch::Contains("altered"));
    }
    SECTION("a byte of an entry's hash") {
        edit_file(r, "UPDATE custody_links SET entries = replace(entries, '\"" + entries_naming(*r.store, fb)[0].hash.substr(0, 8) +
                         "', '\"00000000')" + where);
        CHECK_THAT(fault_of(r), Catch::Contains(name));
    }
    SECTION("the link a chain names as the one before") {
        edit_file(r, "DROP TRIGGER custody_links_are_fixed; UPDATE custody_links SET prev = '" + std::string(64, '0') + "'" + where);
        CHECK_THAT(fault_of(r), Catch::Contains(name) && Catch::Contains("breaks the chain"));
    }
    SECTION("a resident's words in the record") {
        edit_file(r, "UPDATE records SET state = replace(state, 'ngõ 12', 'ngõ 13') WHERE id = '" + fb + "'");
        CHECK_THAT(fault_of(r), Catch::Contains(fb) && Catch::Contains("differ from what that site signed"));
    }
    SECTION("a link taken out of the chain") {
        edit_file(r, "DROP TRIGGER custody_links_are_kept; DELETE FROM custody_links WHERE n = 1");
        CHECK_THAT(fault_of(r), Catch::Contains("breaks the chain"));
    }
    SECTION("the log refuses an edit or a delete while its triggers stand") {
        CHECK_THROWS_WITH(edit_file(r, "DELETE FROM custody_links"), Catch::Contains("append-only"));
        CHECK_THROWS_WITH(edit_file(r, "UPDATE custody_links SET hash = ''"), Catch::Contains("append-only"));
        // A signature stored when the station took the link is never changed again.
        acknowledge_links(*r.store, custody_links(*r.store));
        CHECK_THROWS_WITH(edit_file(r, "UPDATE custody_links SET signature = ''"), Catch::Contains("append-only"));
        CustodyReport report = verify_replica(*r.store);
        CHECK_FALSE(report.fault);
        CHECK(report.unsigned_links == 0);
    }
}

TEST_CASE("a redaction erases the nonce of every entry of the redacted value, and the chain still verifies",
          "[custody]") {
    test::Replica r;
    std::string fb = add_lamp(r);
    auto covering_phone = [&] {
        std::vector<CustodyEntry> out;
        for (const auto& e : entries_naming(*r.store, fb))
            if (std::binary_search(e.fields.begin(), e.fields.end(), std::string("resident_phone"))) out.push_back(e);
        return out;
    };
    REQUIRE(covering_phone().size() == 1);
    REQUIRE_FALSE(covering_phone()[0].nonce.empty());

    redact_feedback(*r.store, r.head, fb, "resident_phone", "Người dân đề nghị");
    auto after = covering_phone();
    REQUIRE(after.size() == 2);  // the first value's entry, and the redaction's own write of the marker
    auto first = std::min_element(after.begin(), after.end(), [](auto& a, auto& b) { return a.stamp < b.stamp; });
    CHECK(first->nonce.empty());
    CHECK_FALSE(first->hash.empty());  // the chain keeps the hash: the log is still whole
    auto report = verify_replica(*r.store);
    CHECK_FALSE(report.fault);
}
