// CSV as langnghe writes it (RFC 4180) and reads it back; cells a spreadsheet would run as a
// formula are written as text (issue 15, "Outputs officials keep").
#include <catch2/catch.hpp>

#include "langnghe/base/csv.h"

using namespace langnghe;

TEST_CASE("a cell a spreadsheet would run as a formula is quoted as text, numbers stay numbers", "[base]") {
    CHECK(csv_line({"=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx"}) ==
          "\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1+2\",\"'-2+3\",\"'@SUM(A1)\",\"'\tx\"\r\n");
    CHECK(csv_line({"-3", "+12", "86.1", "-86,1%", "0", "a=b", "Đèn hỏng"}) == "-3,+12,86.1,\"-86,1%\",0,a=b,Đèn hỏng\r\n");
    CHECK(csv_line({"-", "=", ""}) == "\"'-\",\"'=\",\r\n");
}

TEST_CASE("what csv_line writes reads back cell for cell, formulas with their text mark", "[base]") {
    std::vector<std::string> cells{"Phường Ba Đình", "a,b", "say \"hi\"", "line\nbreak", "-5", "=1+1"};
    auto rows = parse_csv(csv_line(cells));
    REQUIRE(rows.size() == 1);
    auto expected = cells;
    expected.back() = "'=1+1";
    CHECK(rows[0] == expected);
}
