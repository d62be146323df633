// JSON views (`langnghe --json`): members in the order a view lists them, nested views printed with
// the view that holds them, stored values shown as the JSON they are.
#include <catch2/catch.hpp>

#include "langnghe/base/error.h"
#include "langnghe/outputs/views.h"

using namespace langnghe;

TEST_CASE("a view nests objects and arrays of views in its own order", "[outputs]") {
    ViewObject inner{{"z", std::int64_t{2}}, {"a", std::string("Đường tối")}};
    std::vector<ViewObject> rows{{{"id", std::string("fb-2")}, {"ok", true}}, {{"id", std::string("fb-1")}, {"ok", false}}};
    ViewObject outer{{"name", std::string("Tổ 3")},
                     {"counts", NestedView{inner}},
                     {"items", NestedViews{rows}},
                     {"none", NestedViews{}},
                     {"stored", RawJson{"[1,\"x\"]"}},
                     {"missing", nullptr}};
    CHECK(to_json(outer) ==
          "{\n"
          "  \"name\": \"Tổ 3\",\n"
          "  \"counts\": {\n    \"z\": 2,\n    \"a\": \"Đường tối\"\n  },\n"
          "  \"items\": [\n"
          "    {\n      \"id\": \"fb-2\",\n      \"ok\": true\n    },\n"
          "    {\n      \"id\": \"fb-1\",\n      \"ok\": false\n    }\n"
          "  ],\n"
          "  \"none\": [],\n"
          "  \"stored\": [\n    1,\n    \"x\"\n  ],\n"
          "  \"missing\": null\n"
          "}");
}

TEST_CASE("views_of builds the views of a list, printed as one array", "[outputs]") {
    std::vector<int> numbers{3, 1};
    auto view = [](int n) -> ViewObject { return {{"n", std::int64_t{n}}}; };
    NestedViews views = views_of(numbers, view);
    REQUIRE(views.objects.size() == 2);
    CHECK(to_json_array(numbers, view) == "[\n  {\n    \"n\": 3\n  },\n  {\n    \"n\": 1\n  }\n]");
    CHECK(to_json_array(std::vector<int>{}, view) == "[]");
}

TEST_CASE("a stored value that is not JSON is an internal error, not output", "[outputs]") {
    CHECK_THROWS_AS(to_json({{"stored", RawJson{"{\"unterminated"}}}), Error);
    CHECK(display_value("\"chữ\"") == "chữ");
    CHECK(display_value("") == "null");
    CHECK(display_value("[1,2]") == "[1,2]");
}
