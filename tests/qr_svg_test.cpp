// The enrollment card's QR code (docs/custody.md): libqrencode's modules, drawn as one SVG square
// each inside the four-module quiet zone a scanner needs.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <utility>

#include "langnghe/base/error.h"
#include "langnghe/sync/enrollment_card.h"
#include "qr_svg.h"
#include "support/refusal.h"

using namespace langnghe;

namespace {
// The finder pattern every QR code has at three corners: a dark 7×7 ring, a light ring, a dark 3×3.
bool finder_at(const std::vector<std::vector<bool>>& m, std::size_t top, std::size_t left) {
    for (std::size_t y = 0; y < 7; ++y)
        for (std::size_t x = 0; x < 7; ++x) {
            bool ring = y == 0 || y == 6 || x == 0 || x == 6;
            bool core = y >= 2 && y <= 4 && x >= 2 && x <= 4;
            if (m[top + y][left + x] != (ring || core)) return false;
        }
    return true;
}
}  // namespace

TEST_CASE("an enrollment card's QR code is drawn module for module", "[server][qr]") {
    std::string uri = card_uri({"M5CX-SW7P-TWYD", "00004", "officer", "26ad3b984e32d182", std::string(64, 'a'), {}});
    auto modules = server::qr_modules(uri);
    std::size_t side = modules.size();
    REQUIRE(side >= 21);
    CHECK((side - 17) % 4 == 0);  // versions grow by four modules a side
    for (const auto& row : modules) CHECK(row.size() == side);
    CHECK(finder_at(modules, 0, 0));
    CHECK(finder_at(modules, 0, side - 7));
    CHECK(finder_at(modules, side - 7, 0));
    CHECK_FALSE(finder_at(modules, side - 7, side - 7));
    CHECK(server::qr_modules(uri + "&server=http%3A%2F%2F10.0.0.5%3A8470").size() >= side);

    std::string svg = server::qr_svg(uri, "Thẻ <ghi danh> & mã", 5);
    CHECK_THAT(svg, Catch::Contains("<title>Thẻ &lt;ghi danh&gt; &amp; mã</title>"));
    std::size_t box = side + 8;
    CHECK_THAT(svg, Catch::Contains("viewBox=\"0 0 " + std::to_string(box) + " " + std::to_string(box) + "\""));
    CHECK_THAT(svg, Catch::Contains("width=\"" + std::to_string(box * 5) + "\""));
    std::set<std::pair<std::size_t, std::size_t>> drawn;
    std::regex square("M([0-9]+) ([0-9]+)h1v1h-1z");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), square); it != std::sregex_iterator(); ++it)
        drawn.insert({std::stoul((*it)[2]), std::stoul((*it)[1])});
    std::set<std::pair<std::size_t, std::size_t>> dark;
    for (std::size_t y = 0; y < side; ++y)
        for (std::size_t x = 0; x < side; ++x)
            if (modules[y][x]) dark.insert({y + 4, x + 4});
    CHECK(drawn == dark);
}

TEST_CASE("text too long for any QR code is refused by name", "[server][qr]") {
    Error e = test::refusal([] { server::qr_modules(std::string(8000, 'x')); });
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(e.field() == "qr");
}
