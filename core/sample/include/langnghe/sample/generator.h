#pragma once
// Realistic, reproducible Vietnamese data for the demo, tests and benchmarks: feedback, forums,
// ballots and actions in the words residents use in the seed articles, with Vietnamese names,
// mobile numbers, residential groups and police ranks.
//
// The same seed gives the same data on every platform: std::mt19937_64 is fully specified and no
// std:: distribution (whose algorithms differ between standard libraries) is used. This is test data,
// not a source of secrets; record ids still come from the store's secure random.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"

namespace langnghe {

struct GeneratorOptions {
    std::uint64_t seed = 1;
    // Generated dates fall on the `days` days starting at `first_day` (ISO).
    std::string first_day = "2025-07-01";
    int days = 180;
};

class Generator {
public:
    explicit Generator(GeneratorOptions options = {});
    const GeneratorOptions& options() const { return m_options; }

    std::string resident_name();      // "Nguyễn Thị Hương"
    std::string phone_number();       // a 10-digit Vietnamese mobile: "0912345678", "0912 345 678", "0912.345.678"
    std::string residential_group();  // "Tổ dân phố số 5", "Thôn Đông", "Khu phố 3"
    std::string officer();            // "Thượng úy Nguyễn Văn An"
    std::string date();               // ISO date in the window
    std::string date_time();          // ISO date-time in the window, between 07:00 and 20:59

    // What a resident of `unit` said: kind and category match the text. With a forum id it was said at
    // that forum (channel forum, on `day` when given); otherwise on patrol, door to door, at the desk, …
    FeedbackInput feedback(const std::string& unit, const std::string& forum_id = {}, const std::string& day = {});
    // An officer's answer to feedback of `category`.
    std::string answer(std::string_view category);
    // A forum of `unit`; `unit_kind` (units.h kinds) names the station in the chair's title.
    ForumInput forum(const std::string& unit, std::string_view unit_kind = {});
    // An anonymous ballot; scores lean satisfied (mostly 4 and 5) and agree with each other.
    BallotInput ballot(const std::string& unit, const std::string& forum_id = {}, const std::string& day = {});
    // A remediation for feedback of `category`, due two to eight weeks after `from_day` (or a generated day).
    ActionInput action(const std::string& unit, std::string_view category, const std::vector<std::string>& feedback_ids,
                       const std::string& from_day = {});

private:
    struct Scene;  // the group, street, school, … one text talks about, chosen once per text
    std::uint64_t below(std::uint64_t bound);  // uniform in [0, bound)
    bool chance(int percent);
    template <class Span>
    std::string_view weighted(const Span& choices);
    std::string fill(std::string_view pattern, Scene& scene);
    std::string school();
    std::string market();
    std::string person(bool male);
    int score_near(int base, int spread_percent);

    GeneratorOptions m_options;
    std::mt19937_64 m_rng;
    std::int64_t m_first_day;
};

}  // namespace langnghe
