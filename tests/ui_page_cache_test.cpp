// The dashboard's page cache (issue 16): an overview is computed once per state of the station and
// computed afresh after any change, so a page never shows figures older than the last sync.
#include <catch2/catch.hpp>

#include <regex>

#include "page_cache.h"
#include "support/cli_device.h"
#include "support/station.h"
#include "support/temp_dir.h"
#include "support/ui_browser.h"

using namespace langnghe;
using namespace langnghe::test;

TEST_CASE("a cached page is found only at the cursor it was computed at, and the cache stays bounded", "[ui]") {
    server::ui::PageCache cache(4);
    CHECK_FALSE(cache.find("overview|01", 7));
    cache.keep("overview|01", 7, "bảy");
    CHECK(cache.find("overview|01", 7) == std::optional<std::string>("bảy"));
    CHECK_FALSE(cache.find("overview|01", 8));  // the station changed since
    CHECK_FALSE(cache.find("overview|00004", 7));
    cache.keep("overview|01", 8, "tám");
    CHECK(cache.find("overview|01", 8) == std::optional<std::string>("tám"));
    for (int i = 0; i < 10; ++i) cache.keep("page" + std::to_string(i), 8, "x");
    CHECK(cache.find("page9", 8));
    CHECK_FALSE(cache.find("page0", 8));  // the oldest went
}

TEST_CASE("the overview after a device's sync counts what it synced", "[ui]") {
    TestStation station(TestStation::Store::embedded);
    station.start();
    TempDir dir;
    CliDevice device(dir, "field");
    device.init();
    device.ok({"enroll", "--server", station.url(), "--code", station.issue_code("00004", "officer")});
    device.ok({"sync"});  // the unit list
    device.write_feedback(5, 11);
    device.ok({"sync"});
    UiBrowser b = signed_in_as(station, "an", "01", "supervisor", "mật khẩu đủ dài");
    auto total = [&] {
        std::smatch m;
        std::string page = b.get("/ui/?year=2025").body;
        REQUIRE(std::regex_search(page, m, std::regex("Tổng số ý kiến</th><td class=\"n\">([0-9]+)</td>")));
        return std::stoi(m[1]);
    };
    int before = total();
    CHECK(before == 5);
    CHECK(total() == before);  // asked again with nothing changed
    device.write_feedback(3, 12);
    device.ok({"sync"});
    CHECK(total() == before + 3);
}
