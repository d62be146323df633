// Model-unit criteria (docs/criteria.md): sets parsed and imported, periods, assessments with
// their history, the report, and replicas that assess the same cells concurrently converging.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/base/files.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/criteria.h"
#include "langnghe/model/history.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/outputs/criteria_report.h"
#include "support/property.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
std::string example_text() { return read_file(std::string(LANGNGHE_SOURCE_DIR) + "/data/criteria/example-model-ward.json"); }

Error error_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no error thrown");
    return Error(ErrorCode::internal, "unreachable");
}

constexpr const char* small_csv = "code,group,title_vi,title_en\nK1,A,Tiêu chí một,Criterion one\nK2,A,Tiêu chí hai,Criterion two\n";

void exchange(Store& from, Store& to) { to.apply(from.export_since(0, static_cast<std::size_t>(-1)).records); }

AssessmentInput cell(const std::string& unit, const std::string& criterion, const std::string& result,
                     const std::string& period = "2026-Q4") {
    AssessmentInput in;
    in.unit = unit;
    in.period = period;
    in.criterion = criterion;
    in.result = result;
    return in;
}
}  // namespace

TEST_CASE("periods are years, quarters or months and the previous one has the same length", "[criteria]") {
    CHECK(parse_period("2026") == "2026");
    CHECK(parse_period("2026-q4") == "2026-Q4");
    CHECK(parse_period("2026-11") == "2026-11");
    CHECK(previous_period("2026") == "2025");
    CHECK(previous_period("2026-Q1") == "2025-Q4");
    CHECK(previous_period("2026-Q3") == "2026-Q2");
    CHECK(previous_period("2026-01") == "2025-12");
    CHECK(previous_period("2026-11") == "2026-10");
    for (const char* bad : {"", "26", "2026-Q5", "2026-13", "2026-00", "2026-1", "2026/11", "2026-Q", "abcd"}) {
        Error e = error_of([&] { parse_period(bad); });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == "period");
        CHECK(e.message(Lang::vi).find("không phải một kỳ") != std::string::npos);
    }
}

TEST_CASE("the example set is plainly an example with bilingual criteria in groups", "[criteria]") {
    CriteriaSet set = parse_criteria_set(example_text());
    CHECK(set.example);
    CHECK(set.key() == "example-model-ward@2026.1");
    CHECK(set.criteria.size() == 20);
    CHECK(set.note.find("NOT the Ministry") != std::string::npos);
    for (const auto& c : set.criteria) {
        CHECK_FALSE(c.title_vi.empty());
        CHECK_FALSE(c.title_en.empty());
        CHECK_FALSE(c.group.empty());
    }
}

TEST_CASE("a malformed criteria file is refused naming the place and the field", "[criteria]") {
    auto field_and_message = [](const std::string& text, const std::optional<std::string>& set = std::nullopt) {
        Error e = error_of([&] { parse_criteria_set(text, set); });
        CHECK(e.code() == ErrorCode::invalid_input);
        return std::pair{e.field(), std::string(e.what()) + " | " + e.message(Lang::vi)};
    };
    auto [f1, m1] = field_and_message(
        R"({"code":"s","version":"1","title_vi":"T","title_en":"T","criteria":[{"code":"A","group":"g","title_vi":"x","title_en":"x"},{"code":"B","group":"g","title_vi":"x"}]})");
    CHECK(f1 == "title_en");
    CHECK(m1.find("criteria[2]") != std::string::npos);
    CHECK(m1.find("tiêu chí thứ 2") != std::string::npos);
    auto [f2, m2] = field_and_message("code,group,title_vi,title_en\nK1,A,Một,One\nK1,A,Hai,Two\n", "s@1");
    CHECK(f2 == "code");
    CHECK(m2.find("line 3") != std::string::npos);
    CHECK(m2.find("dòng 3") != std::string::npos);
    auto [f3, m3] = field_and_message("code,group,title_vi\nK1,A,Một\n", "s@1");
    CHECK(m3.find("missing title_en") != std::string::npos);
    auto [f4, m4] = field_and_message(small_csv);
    CHECK(f4 == "set");
    auto [f5, m5] = field_and_message("code,group,title_vi,title_en\nbad code,A,Một,One\n", "s@1");
    CHECK(f5 == "code");
    CHECK(m5.find("line 2") != std::string::npos);
}

TEST_CASE("a set version is imported once and never changes", "[criteria]") {
    test::Replica r;
    Store& store = *r.store;
    CHECK(import_criteria_set(store, small_csv, "s@1").added);
    CHECK_FALSE(import_criteria_set(store, small_csv, "s@1").added);
    std::string before = store.canonical_dump();
    Error e = error_of([&] { import_criteria_set(store, "code,group,title_vi,title_en\nK1,A,Khác,Other\n", "s@1"); });
    CHECK(e.code() == ErrorCode::already_exists);
    CHECK(store.canonical_dump() == before);
    CHECK(find_criteria_set(store, "s@1").criteria.size() == 2);
    import_criteria_set(store, example_text());
    CHECK(list_criteria_sets(store).size() == 2);
    CHECK(error_of([&] { find_criteria_set(store, std::nullopt); }).field() == "set");
    CHECK(find_criteria_set(store, "example-model-ward").criteria.size() == 20);
}

TEST_CASE("an assessment is one record per cell and every re-assessment is kept", "[criteria]") {
    test::Replica r;
    Store& store = *r.store;
    import_criteria_set(store, small_csv, "s@1");
    AssessmentInput in = cell("00004", "K1", "partly");
    in.evidence = "Biên bản hội nghị quý 4";
    std::string id = assess(store, r.actor, in);
    CHECK(id == assessment_id("00004", "2026-Q4", "s@1", "K1"));
    in.result = "met";
    in.period = "2026-q4";
    CHECK(assess(store, r.head, in) == id);
    check_record_shape(*store.load(id));
    // What the station checks too: a result outside the vocabulary, a missing period.
    RecordState forged = *store.load(id);
    forged.fields["result"].heads.front().value = "\"good\"";
    CHECK(error_of([&] { check_record_shape(forged); }).field() == "result");
    forged = *store.load(id);
    forged.fields.erase("period");
    CHECK(error_of([&] { check_record_shape(forged); }).field() == "period");
    auto list = list_assessments(store, "01", "2026-Q4", "s@1");
    REQUIRE(list.size() == 1);
    CHECK(list[0].result == "met");
    CHECK(list[0].assessed_by == r.head.officer);
    CHECK(list[0].evidence == "Biên bản hội nghị quý 4");
    std::vector<std::string> results;
    for (const auto& e : record_history(store, id))
        if (e.field == "result") results.push_back(e.officer + ":" + e.old_value + ">" + e.new_value);
    CHECK(results == std::vector<std::string>{r.actor.officer + ":>partly", r.head.officer + ":partly>met"});
}

TEST_CASE("bad assessments are refused in both languages and write nothing", "[criteria]") {
    test::Replica r;
    Store& store = *r.store;
    import_criteria_set(store, small_csv, "s@1");
    std::string before = store.canonical_dump();
    auto refused = [&](const AssessmentInput& in, const Actor& actor, ErrorCode code, const std::string& field) {
        Error e = error_of([&] { assess(store, actor, in); });
        CHECK(e.code() == code);
        CHECK(e.field() == field);
        CHECK(e.message(Lang::vi) != e.message(Lang::en));
        CHECK(store.canonical_dump() == before);
    };
    refused(cell("00004", "K9", "met"), r.actor, ErrorCode::invalid_input, "criterion");
    refused(cell("00004", "K1", "good"), r.actor, ErrorCode::invalid_input, "result");
    refused(cell("00004", "K1", "met", "2026-Q9"), r.actor, ErrorCode::invalid_input, "period");
    refused(cell("99999", "K1", "met"), r.actor, ErrorCode::invalid_input, "unit");
    refused(cell("00004", "K1", "met"), Actor{"Giám sát", "supervisor"}, ErrorCode::forbidden, "role");
}

TEST_CASE("the report scores units, names what is not met and the change since the period before", "[criteria]") {
    test::Replica r;
    Store& store = *r.store;
    import_criteria_set(store, example_text());
    CriteriaSet set = find_criteria_set(store, std::nullopt);
    for (const auto& c : set.criteria) {
        assess(store, r.actor, cell("00004", c.code, "met"));
        assess(store, r.actor, cell("00004", c.code, c.code < "B1" ? "not_met" : "met", "2026-Q3"));
        std::string result = c.code == "C3" ? "partly" : c.code == "D2" ? "not_met" : "met";
        assess(store, r.actor, cell("00008", c.code, result));
    }
    CriteriaReport report = criteria_report(store, "01", "2026-Q4", std::nullopt);
    CHECK(report.previous_period == "2026-Q3");
    REQUIRE(report.units.size() == 3);  // 01, then 00004 and 00008
    CHECK(report.units[0].unit == "01");
    CHECK(report.units[0].unassessed == 20);
    const auto& ba_dinh = *std::find_if(report.units.begin(), report.units.end(), [](auto& u) { return u.unit == "00004"; });
    const auto& ngoc_ha = *std::find_if(report.units.begin(), report.units.end(), [](auto& u) { return u.unit == "00008"; });
    CHECK(ba_dinh.met == 20);
    CHECK(ba_dinh.previous_met == std::optional<std::size_t>(15));
    CHECK(ngoc_ha.met == 18);
    CHECK_FALSE(ngoc_ha.previous_met);
    CHECK(ngoc_ha.missing == std::vector<std::pair<std::string, std::string>>{{"C3", "partly"}, {"D2", "not_met"}});
    CHECK(report.units_meeting_all() == std::vector<std::string>{"00004"});
    auto c3 = std::find_if(report.criteria.begin(), report.criteria.end(), [](auto& c) { return c.criterion.code == "C3"; });
    CHECK(c3->met == 1);
    CHECK(c3->partly == 1);

    auto json = nlohmann::json::parse(criteria_report_json(report));
    CHECK(json["units"][2]["score"] == "18/20");
    CHECK(json["units_meeting_all"] == nlohmann::json::array({"00004"}));
    CHECK(json["example"] == true);
    std::string text = criteria_report_text(report, Lang::vi);
    CHECK(text.find("00008 Phường Ngọc Hà  18/20") != std::string::npos);
    CHECK(text.find("00004 Phường Ba Đình  20/20  (kỳ trước 15/20, +5)") != std::string::npos);
    CHECK(text.find("C3 Tỷ lệ người dân hài lòng từ 80% trở lên: Đạt một phần") != std::string::npos);
    CHECK(text.find("BỘ TIÊU CHÍ VÍ DỤ") != std::string::npos);
    std::string csv = criteria_report_csv(report, Lang::en);
    CHECK(csv.find("00008,Phường Ngọc Hà,2026-Q4,18/20,18,1,1,0,,,C3 D2\r\n") != std::string::npos);
    CHECK(csv.find("00004,Phường Ba Đình,2026-Q4,20/20,20,0,0,0,15,+5,\r\n") != std::string::npos);
    std::string svg = criteria_report_svg(report, Lang::en);
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("18/20") != std::string::npos);
    CHECK(svg.find("EXAMPLE") != std::string::npos);
}

TEST_CASE("concurrent different results of one cell merge into one record with a kept conflict", "[criteria][merge]") {
    test::Replica a, b;
    import_criteria_set(*a.store, small_csv, "s@1");
    import_criteria_set(*b.store, small_csv, "s@1");
    std::string id = assess(*a.store, a.actor, cell("00004", "K1", "met"));
    CHECK(assess(*b.store, b.head, cell("00004", "K1", "not_met")) == id);
    exchange(*a.store, *b.store);
    exchange(*b.store, *a.store);
    CHECK(a.store->canonical_dump() == b.store->canonical_dump());
    auto conflicts = list_conflicts(*a.store);
    CHECK(std::count_if(conflicts.begin(), conflicts.end(), [&](const Conflict& c) {
              return c.record_id == id && c.field == "result";
          }) == 1);
    // Both assessments stay in the history.
    std::size_t revisions = 0;
    for (const auto& e : record_history(*a.store, id)) revisions += e.field == "result";
    CHECK(revisions == 2);
}

TEST_CASE("replicas assessing the same cells in any order converge", "[criteria][merge][property]") {
    test::for_each_round("criteria convergence", 20, [](std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
        std::vector<std::unique_ptr<test::Replica>> replicas;
        for (int i = 0; i < 3; ++i) {
            replicas.push_back(std::make_unique<test::Replica>());
            import_criteria_set(*replicas.back()->store, small_csv, "s@1");
        }
        const char* units[] = {"00004", "00008"};
        const char* criteria[] = {"K1", "K2"};
        const char* results[] = {"met", "partly", "not_met"};
        for (int step = 0, steps = 10 + pick(20); step < steps; ++step) {
            test::Replica& r = *replicas[static_cast<std::size_t>(pick(3))];
            if (pick(3) == 0) {
                exchange(*r.store, *replicas[static_cast<std::size_t>(pick(3))]->store);
                continue;
            }
            AssessmentInput in = cell(units[pick(2)], criteria[pick(2)], results[pick(3)], pick(2) ? "2026-Q4" : "2026-Q3");
            if (pick(2)) in.evidence = "Minh chứng " + std::to_string(step);
            assess(*r.store, pick(2) ? r.actor : r.head, in);
        }
        for (int round = 0; round < 2; ++round)
            for (auto& from : replicas)
                for (auto& to : replicas)
                    if (from != to) exchange(*from->store, *to->store);
        std::string dump = replicas[0]->store->canonical_dump();
        for (auto& r : replicas) CHECK(r->store->canonical_dump() == dump);
        // At most one record per cell, each a valid assessment.
        auto q4 = list_assessments(*replicas[0]->store, "01", "2026-Q4", "s@1");
        CHECK(q4.size() <= 4);
        for (const auto& a : q4) check_record_shape(*replicas[0]->store->load(a.id));
        CriteriaReport one = criteria_report(*replicas[1]->store, "01", "2026-Q4", std::nullopt);
        CriteriaReport two = criteria_report(*replicas[2]->store, "01", "2026-Q4", std::nullopt);
        CHECK(criteria_report_json(one) == criteria_report_json(two));
    });
}
