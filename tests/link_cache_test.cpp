// The station's cache of parsed custody links (link_cache.h): bounded, and never answering with a
// link another connection has since rewritten (an admin command erasing nonces beside the server).
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/custody.h"
#include "link_cache.h"
#include "support/station_transport.h"
#include "support/temp_dir.h"

using namespace langnghe;

TEST_CASE("the station's link cache holds at most its capacity and forgets what another connection rewrote",
          "[station][custody]") {
    test::TempDir dir;
    auto store = Store::open(dir.file("station.db"));
    import_units(*store, Actor{"Trạm"}, test::InProcessStation::unit_csv());
    for (int i = 0; i < 3; ++i) {
        add_feedback(*store, Actor{"An"}, {.unit = "00004", .kind = "request", .category = "traffic",
                                           .text = "Đèn số " + std::to_string(i)});
        store->seal_unsealed_custody();  // a link each
    }
    auto links = custody_links(*store, store->site_id());
    REQUIRE(links.size() >= 3);

    server::LinkCache cache(2);
    cache.forget_if_written_elsewhere(*store);
    auto first = cache.get(*store, store->site_id(), 1);
    REQUIRE(first);
    CHECK(*first == links[0]);
    CHECK(cache.get(*store, store->site_id(), 1) == first);  // the same parsed link, not read again
    cache.get(*store, store->site_id(), 2);
    cache.get(*store, store->site_id(), 3);
    CHECK(cache.get(*store, store->site_id(), 1) != first);  // evicted, read again
    CHECK_FALSE(cache.get(*store, store->site_id(), 999));

    auto held = cache.get(*store, store->site_id(), 2);
    {
        auto admin = Store::open_existing(dir.file("station.db"));
        erase_custody_nonces(*admin, [](const CustodyEntry&) { return true; });
    }
    CHECK(cache.get(*store, store->site_id(), 2) == held);  // not yet told
    cache.forget_if_written_elsewhere(*store);
    auto fresh = cache.get(*store, store->site_id(), 2);
    REQUIRE(fresh);
    CHECK(fresh != held);
    for (const auto& e : fresh->entries) CHECK(e.nonce.empty());
}
