// Sample data (`langnghe sample`): what it reports having written is what the store holds, it goes to
// the bottom of the unit's subtree, the same seed writes the same content, and a bad unit writes nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/units.h"
#include "langnghe/sample/sample.h"
#include "langnghe/storage/store.h"
#include "support/temp_dir.h"

using namespace langnghe;

namespace {
const Actor actor{"Thiếu tá Lê Văn Cường", "unit_head"};

// A province with two wards, one of which has residential groups below it, and a second province.
std::unique_ptr<Store> open_with_units(test::TempDir& dir, const std::string& name) {
    auto store = Store::open(dir.file(name));
    import_units(*store, actor,
                 "code,name,kind,parent_code\n"
                 "01,Thành phố Hà Nội,city,\n"
                 "00004,Phường Ba Đình,ward,01\n"
                 "TDP1,Tổ dân phố số 1,residential_group,00004\n"
                 "TDP2,Tổ dân phố số 2,residential_group,00004\n"
                 "10105,Phường Thanh Liệt,ward,01\n"
                 "20,Tỉnh Lạng Sơn,province,\n"
                 "06325,Xã Bắc Sơn,commune,20\n");
    return store;
}

SampleOptions options(std::uint64_t seed) {
    SampleOptions o;
    o.unit = "01";
    o.units = 10;
    o.forums = 2;
    o.feedback = 15;
    o.ballots = 4;
    o.generator.seed = seed;
    return o;
}

template <class Filter>
Filter under(const std::string& unit) {
    Filter filter;
    filter.unit = unit;
    return filter;
}

std::multiset<std::string> feedback_texts(Store& store) {
    std::multiset<std::string> out;
    for (const auto& f : list_feedback(store, {})) out.insert(f.unit + "|" + f.kind + "|" + f.category + "|" + f.text);
    return out;
}
}  // namespace

TEST_CASE("sample data goes to the units at the bottom of the subtree, and its counts are what is stored", "[sample]") {
    test::TempDir dir;
    auto store = open_with_units(dir, "device.db");
    SampleResult r = add_sample_data(*store, actor, options(11));

    CHECK(r.units == std::vector<std::string>{"10105", "TDP1", "TDP2"});
    CHECK(r.forums == 6);
    CHECK(r.ballots == 24);
    CHECK(r.feedback == 45);

    auto feedback = list_feedback(*store, under<FeedbackFilter>("01"));
    CHECK(feedback.size() == r.feedback);
    CHECK(list_feedback(*store, under<FeedbackFilter>("20")).empty());
    std::size_t answered = 0, resolved = 0, acknowledged = 0, at_forum = 0;
    for (const auto& f : feedback) {
        CHECK(std::find(r.units.begin(), r.units.end(), f.unit) != r.units.end());
        answered += !f.answer.empty();
        resolved += f.status == "resolved";
        acknowledged += f.status != "new";
        at_forum += !f.forum.empty();
    }
    CHECK(answered == r.answered);
    CHECK(resolved == r.resolved);
    CHECK(acknowledged == r.acknowledged);
    CHECK(at_forum == 24);  // every other item of each unit's 15
    // With 45 items the lifecycle shares cannot all come out empty unless the follow-up is broken.
    CHECK(r.answered > 0);
    CHECK(r.resolved > 0);
    CHECK(r.actions > 0);
    CHECK(r.resolved < r.answered);

    auto forums = list_forums(*store, under<ForumFilter>("01"));
    CHECK(forums.size() == r.forums);
    for (const auto& f : forums) CHECK(f.status == "reported");
    CHECK(list_ballots(*store, under<BallotFilter>("01")).size() == r.ballots);

    auto actions = list_actions(*store, under<ActionFilter>("01"));
    CHECK(actions.size() == r.actions);
    for (const auto& a : actions) {
        REQUIRE(a.feedback.size() == 1);
        CHECK(get_feedback(*store, a.feedback.front()).kind != "praise");
    }
}

TEST_CASE("the same sample seed writes the same content, another seed writes other content", "[sample]") {
    test::TempDir dir;
    auto a = open_with_units(dir, "a.db");
    auto b = open_with_units(dir, "b.db");
    auto c = open_with_units(dir, "c.db");
    add_sample_data(*a, actor, options(5));
    add_sample_data(*b, actor, options(5));
    add_sample_data(*c, actor, options(6));
    CHECK(feedback_texts(*a) == feedback_texts(*b));
    CHECK(feedback_texts(*a) != feedback_texts(*c));
}

TEST_CASE("sample data for fewer units than the subtree has is spread over it", "[sample]") {
    test::TempDir dir;
    auto store = open_with_units(dir, "device.db");
    SampleOptions o = options(3);
    o.units = 2;
    CHECK(add_sample_data(*store, actor, o).units == std::vector<std::string>{"10105", "TDP2"});
    o.unit = "06325";  // a unit with nothing below it gets the data itself
    CHECK(add_sample_data(*store, actor, o).units == std::vector<std::string>{"06325"});
}

TEST_CASE("sample data for an unknown unit is refused and nothing is written", "[sample]") {
    test::TempDir dir;
    auto store = open_with_units(dir, "device.db");
    SampleOptions o = options(1);
    o.unit = "99999";
    REQUIRE_THROWS_AS(add_sample_data(*store, actor, o), Error);
    o.unit = "01";
    o.units = 0;
    REQUIRE_THROWS_AS(add_sample_data(*store, actor, o), Error);
    CHECK(list_feedback(*store, {}).empty());
    CHECK(list_forums(*store, {}).empty());
}
