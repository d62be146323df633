#include <catch2/catch.hpp>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"

using namespace langnghe;

TEST_CASE("text is stored in NFC", "[base]") {
    std::string decomposed = "Tha\xCC\x81i \xC4\x91o\xCC\xA3\xCC\x82";  // "Thái độ" with combining marks
    std::string composed = "Thái độ";
    CHECK(to_nfc(decomposed) == composed);
    CHECK(to_nfc(composed) == composed);
}

TEST_CASE("search folding ignores case, marks and đ", "[base]") {
    CHECK(fold_for_search("Thái độ") == "thai do");
    CHECK(fold_for_search("ĐƯỜNG") == "duong");
    CHECK(fold_for_search("  Trộm   cắp\ttài sản ") == "trom cap tai san");
    CHECK(fold_for_search("thai do") == fold_for_search("THÁI ĐỘ"));
}

TEST_CASE("invalid UTF-8 is refused naming the field", "[base]") {
    std::string bad = "abc\xC3";
    CHECK_FALSE(is_valid_utf8(bad));
    try {
        clean_text(bad, "text", 100);
        FAIL("accepted invalid UTF-8");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == "text");
    }
}

TEST_CASE("clean_text trims, refuses empty and over-long text", "[base]") {
    CHECK(clean_text("  xin chào \n", "text", 100) == "xin chào");
    CHECK_THROWS_AS(clean_text("   ", "text", 100), Error);
    CHECK(clean_text("", "group", 10, true).empty());
    CHECK(clean_text("ươngươngươ", "text", 10) == "ươngươngươ");  // 10 code points, 25 bytes
    CHECK_THROWS_AS(clean_text("ươngươngươn", "text", 10), Error);
}

TEST_CASE("every error code has a name and both titles", "[base]") {
    for (auto code : all_error_codes) {
        CHECK_FALSE(error_code_name(code).empty());
        CHECK_FALSE(error_code_title(code, Lang::vi).empty());
        CHECK_FALSE(error_code_title(code, Lang::en).empty());
        CHECK(error_code_title(code, Lang::vi) != error_code_title(code, Lang::en));
    }
}
