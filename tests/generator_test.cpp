// The realistic data generator: reproducible, valid for the core, and Vietnamese that fits its labels.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "langnghe/base/dates.h"
#include "langnghe/base/text.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/sample/generator.h"
#include "support/temp_dir.h"

using namespace langnghe;

namespace {
// Random per run so the suite explores; LANGNGHE_GENERATOR_SEED replays a failing run.
std::uint64_t test_seed() {
    if (const char* env = std::getenv("LANGNGHE_GENERATOR_SEED")) return std::stoull(env);
    return std::random_device{}();
}

class GeneratorStoreFixture {
public:
    GeneratorStoreFixture() {
        m_store = Store::open(m_dir.file("device.db"));
        import_units(*m_store, actor,
                     "code,name,kind,parent_code\n"
                     "01,Thành phố Hà Nội,city,\n"
                     "00004,Phường Ba Đình,ward,01\n"
                     "10105,Phường Thanh Liệt,ward,01\n"
                     "20,Tỉnh Lạng Sơn,province,\n"
                     "06325,xã Bắc Sơn,commune,20\n");
    }
    GeneratorStoreFixture(const GeneratorStoreFixture&) = delete;
    GeneratorStoreFixture& operator=(const GeneratorStoreFixture&) = delete;

    Store& store() { return *m_store; }
    const Actor actor{"Thượng úy Nguyễn Văn An"};
    const std::vector<std::string> units{"00004", "10105", "06325"};

private:
    test::TempDir m_dir;  // declared first: removed after the store is closed
    std::unique_ptr<Store> m_store;
};

// Words (folded) a resident would use about each category; written here, independently of the
// generator's phrase tables, so a sentence filed under the wrong category fails.
const std::map<std::string, std::vector<std::string>> category_words = {
    {"conduct", {"thai do", "tac phong", "ung xu", "tan tinh", "tan tuy", "tiep xuc", "tiep dan", "coi mo"}},
    {"responsiveness", {"kip thoi", "nghe may", "co mat"}},
    {"procedures", {"cu tru", "dinh danh", "thu tuc", "tam tru", "thuong tru"}},
    {"enforcement", {"vi pham", "xu phat"}},
    {"traffic", {"giao thong", "un tac", "xe tu che", "dua xe", "nga tu", "nga ba"}},
    {"theft", {"trom"}},
    {"public_order", {"gay roi", "danh nhau", "gay go"}},
    {"drugs", {"ma tuy"}},
    {"loan_sharks", {"tin dung den", "cho vay", "vay tien", "nang lai"}},
    {"business", {"karaoke", "kinh doanh co dieu kien", "cam do"}},
    {"environment", {"o nhiem", "rac", "khoi bui"}},
    {"urban_order", {"long duong", "he pho", "via he"}},
    {"fire_safety", {"chua chay", "chay no"}},
    {"staffing", {"quan so", "tuan tra", "tu quan"}},
    {"other", {"tuyen truyen", "danh roi", "an ninh trat tu"}},
};

const std::set<std::string> mobile_prefixes = {
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "081", "082", "083", "084",
    "085", "088", "091", "094", "070", "076", "077", "078", "079", "089", "090", "093", "056", "058", "059"};

bool is_nfc_without_placeholders(const std::string& s) {
    return to_nfc(s) == s && s.find('{') == std::string::npos && s.find('}') == std::string::npos;
}

std::vector<std::string> words(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto end = s.find(' ', start);
        if (end == std::string::npos) end = s.size();
        if (end > start) out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
}  // namespace

TEST_CASE("the same seed gives the same data, another seed other data", "[model]") {
    auto seed = test_seed();
    INFO("seed " << seed);
    Generator a({seed}), b({seed}), c({seed + 1});
    bool differs = false;
    for (int i = 0; i < 200; ++i) {
        auto x = a.feedback("00004"), y = b.feedback("00004"), z = c.feedback("00004");
        CHECK(x.text == y.text);
        CHECK(x.kind == y.kind);
        CHECK(x.category == y.category);
        CHECK(x.resident_name == y.resident_name);
        CHECK(x.resident_phone == y.resident_phone);
        CHECK(x.received_at == y.received_at);
        CHECK(x.group == y.group);
        differs = differs || x.text != z.text || x.resident_name != z.resident_name || x.received_at != z.received_at;
    }
    CHECK(differs);
    CHECK(a.ballot("00004").scores == b.ballot("00004").scores);
    CHECK(a.forum("00004").title == b.forum("00004").title);
}

TEST_CASE_METHOD(GeneratorStoreFixture, "every generated feedback passes add_feedback and is stored as generated",
                 "[model]") {
    auto seed = test_seed();
    INFO("seed " << seed);
    Generator gen({seed});
    Store::Scope scope(store());  // one commit for the lot: this is about validity, not durability
    for (int i = 0; i < 400; ++i) {
        auto input = gen.feedback(units[static_cast<std::size_t>(i) % units.size()]);
        INFO(*input.text);
        std::string id;
        REQUIRE_NOTHROW(id = add_feedback(store(), actor, input));
        auto stored = get_feedback(store(), id);
        CHECK(stored.text == *input.text);  // already NFC and trimmed: the core kept it byte for byte
        CHECK(stored.kind == *input.kind);
        CHECK(stored.category == *input.category);
        CHECK(stored.unit == *input.unit);
        CHECK(stored.group == input.group.value_or(""));
        CHECK(stored.resident_name == input.resident_name.value_or(""));
        CHECK(stored.resident_phone == input.resident_phone.value_or(""));
        CHECK(stored.anonymous == (input.anonymous.value_or(false) || (!input.resident_name && !input.resident_phone)));
        CHECK(stored.received_at == *input.received_at);
        CHECK(stored.status == "new");
    }
    scope.commit();
    CHECK(list_feedback(store(), {}).size() == 400);
}

TEST_CASE("generated feedback speaks of its category in NFC Vietnamese", "[model]") {
    auto seed = test_seed();
    INFO("seed " << seed);
    Generator gen({seed});
    std::map<std::string, int> by_category, by_kind;
    int anonymous = 0, named = 0, with_phone = 0;
    const int total = 3000;
    for (int i = 0; i < total; ++i) {
        auto f = gen.feedback("00004");
        INFO(*f.text);
        REQUIRE(f.text);
        CHECK(is_nfc_without_placeholders(*f.text));
        REQUIRE(find_label(categories(), *f.category));
        REQUIRE(find_label(feedback_kinds(), *f.kind));
        auto folded = fold_for_search(*f.text);
        const auto& expected = category_words.at(*f.category);
        CHECK(std::any_of(expected.begin(), expected.end(),
                          [&](const std::string& w) { return folded.find(w) != std::string::npos; }));
        CHECK(find_label(channels(), f.channel.value_or("")));
        CHECK(f.channel != "forum");
        if (f.officer) CHECK(is_nfc_without_placeholders(*f.officer));
        if (f.group) CHECK(is_nfc_without_placeholders(*f.group));
        ++by_category[*f.category];
        ++by_kind[*f.kind];
        if (f.anonymous.value_or(false)) {
            ++anonymous;
            CHECK_FALSE(f.resident_name);
            CHECK_FALSE(f.resident_phone);
        } else {
            ++named;
            if (f.resident_phone) ++with_phone;
        }
    }
    CHECK(by_category.size() == categories().size());
    CHECK(by_kind.size() == feedback_kinds().size());
    // Traffic and theft come up most in the articles; "other" least.
    CHECK(by_category["traffic"] > by_category["other"] * 2);
    CHECK(by_category["theft"] > by_category["fire_safety"]);
    CHECK(anonymous > total / 8);
    CHECK(anonymous < total / 2);
    CHECK(with_phone > named / 2);
}

TEST_CASE("residents, officers, phones and groups look Vietnamese", "[model]") {
    auto seed = test_seed();
    INFO("seed " << seed);
    Generator gen({seed});
    const std::set<std::string> families = {"Nguyễn", "Trần", "Lê",   "Phạm",  "Hoàng", "Huỳnh", "Phan",
                                            "Vũ",     "Võ",   "Đặng", "Bùi",   "Đỗ",    "Hồ",    "Ngô",
                                            "Dương",  "Lý",   "Đinh", "Trịnh", "Đoàn",  "Lương"};
    const std::vector<std::string> ranks = {"Thiếu úy ", "Trung úy ", "Thượng úy ",
                                            "Đại úy ",   "Thiếu tá ", "Trung tá "};
    int nguyen = 0;
    for (int i = 0; i < 1000; ++i) {
        auto name = gen.resident_name();
        INFO(name);
        CHECK(is_nfc_without_placeholders(name));
        auto parts = words(name);
        REQUIRE(parts.size() == 3);
        CHECK(families.count(parts[0]) == 1);
        if (parts[0] == "Nguyễn") ++nguyen;

        auto officer = gen.officer();
        INFO(officer);
        CHECK(std::any_of(ranks.begin(), ranks.end(), [&](const std::string& r) { return officer.rfind(r, 0) == 0; }));
        CHECK(words(officer).size() >= 5);

        auto phone = gen.phone_number();
        INFO(phone);
        std::string digits;
        for (char ch : phone) {
            if (ch >= '0' && ch <= '9')
                digits.push_back(ch);
            else
                CHECK((ch == ' ' || ch == '.'));
        }
        CHECK(digits.size() == 10);
        CHECK(mobile_prefixes.count(digits.substr(0, 3)) == 1);

        auto group = gen.residential_group();
        INFO(group);
        CHECK(is_nfc_without_placeholders(group));
        bool known_form = false;
        for (const char* form : {"Tổ dân phố ", "Thôn ", "Khu phố ", "Ấp ", "Bản "})
            known_form = known_form || group.rfind(form, 0) == 0;
        CHECK(known_form);
    }
    // Nguyễn is the most common family name by far (about a third of people).
    CHECK(nguyen > 200);
    CHECK(nguyen < 500);
}

TEST_CASE("dates fall in the window the options give", "[model]") {
    auto seed = test_seed();
    INFO("seed " << seed);
    Generator gen({seed, "2025-07-01", 30});
    auto first = days_from_iso("2025-07-01");
    for (int i = 0; i < 500; ++i) {
        auto d = gen.date();
        CHECK(d == parse_date(d, "date"));
        CHECK(days_from_iso(d) >= first);
        CHECK(days_from_iso(d) < first + 30);
        auto t = gen.date_time();
        CHECK(t == parse_date_time(t, "received_at"));
        CHECK(days_from_iso(t) < first + 30);
    }
    CHECK_THROWS_AS(Generator({1, "2025-07-01", 0}), Error);
}

TEST_CASE("ballots lean satisfied, with scores that agree with each other", "[model]") {
    auto seed = test_seed();
    INFO("seed " << seed);
    Generator gen({seed});
    const int total = 2000;
    int satisfied = 0, lowest_seen = 5, with_comment = 0;
    double overall_sum = 0;
    for (int i = 0; i < total; ++i) {
        auto b = gen.ballot("00004");
        REQUIRE(b.scores.size() == ballot_criteria().size());
        int lo = 5, hi = 1;
        for (const auto& c : ballot_criteria()) {
            REQUIRE(b.scores.count(std::string(c.code)) == 1);
            int s = b.scores.at(std::string(c.code));
            CHECK(s >= 1);
            CHECK(s <= 5);
            lo = std::min(lo, s);
            hi = std::max(hi, s);
        }
        CHECK(hi - lo <= 2);  // one respondent, one overall feeling
        lowest_seen = std::min(lowest_seen, lo);
        overall_sum += b.scores.at("overall");
        if (b.scores.at("overall") >= 4) ++satisfied;
        CHECK(find_label(attendee_groups(), b.group.value_or("")));
        if (b.comment) {
            ++with_comment;
            CHECK(is_nfc_without_placeholders(*b.comment));
        }
    }
    double mean = overall_sum / total;
    CHECK(mean > 3.6);
    CHECK(mean < 4.6);
    CHECK(satisfied > total * 6 / 10);
    CHECK(satisfied < total * 9 / 10);
    CHECK(lowest_seen == 1);  // the unhappy few are there too
    CHECK(with_comment > 0);
}

TEST_CASE("forums and actions are complete and in the vocabulary", "[model]") {
    auto seed = test_seed();
    INFO("seed " << seed);
    Generator gen({seed});
    for (int i = 0; i < 300; ++i) {
        auto f = gen.forum("00004", "ward");
        INFO(f.title.value_or(""));
        CHECK(is_nfc_without_placeholders(f.title.value_or("")));
        CHECK(fold_for_search(*f.title).find("nhan dan") != std::string::npos);
        CHECK(is_nfc_without_placeholders(f.venue.value_or("")));
        CHECK(f.chair.value_or("").find(", Trưởng Công an phường") != std::string::npos);
        CHECK(is_nfc_without_placeholders(f.summary.value_or("")));
        CHECK(f.date == parse_date(f.date.value_or(""), "date"));
        CHECK(f.attendee_count >= 40);
        CHECK(f.attendee_count < 250);
        for (const auto& g : f.add_groups) CHECK(find_label(attendee_groups(), g));
        CHECK(std::count(f.add_groups.begin(), f.add_groups.end(), "residents") == 1);

        auto a = gen.action("00004", "traffic", {"fb-1", "fb-2"}, "2025-09-01");
        CHECK(fold_for_search(a.description.value_or("")).find("giao thong") != std::string::npos);
        CHECK(is_nfc_without_placeholders(a.owner.value_or("")));
        auto days = days_from_iso(a.due.value_or("")) - days_from_iso("2025-09-01");
        CHECK(days >= 14);
        CHECK(days <= 56);
        CHECK(a.add_feedback == std::vector<std::string>{"fb-1", "fb-2"});
    }
    for (const auto& c : categories()) {
        CHECK(is_nfc_without_placeholders(gen.answer(c.code)));
        CHECK_FALSE(gen.answer(c.code).empty());
    }
    CHECK_THROWS_AS(gen.answer("weather"), Error);
}
