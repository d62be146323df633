#include "langnghe/sample/generator.h"

#include <algorithm>

#include "generator_phrases.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

struct Generator::Scene {
    std::string group, street, street2, school, market, officer;
};

namespace {
std::string two_digits(std::uint64_t v) {
    return (v < 10 ? "0" : "") + std::to_string(v);
}

std::string_view text_for(std::span<const phrases::CategoryText> list, std::string_view key, std::size_t nth) {
    std::vector<std::string_view> matches;
    for (const auto& t : list)
        if (t.category == key) matches.push_back(t.text);
    return matches.empty() ? std::string_view() : matches[nth % matches.size()];
}

std::size_t count_for(std::span<const phrases::CategoryText> list, std::string_view key) {
    return static_cast<std::size_t>(
        std::count_if(list.begin(), list.end(), [&](const auto& t) { return t.category == key; }));
}

const char* roman_quarter(int month) {
    static const char* quarters[] = {"I", "II", "III", "IV"};
    return quarters[(month - 1) / 3];
}
}  // namespace

Generator::Generator(GeneratorOptions options)
    : m_options(std::move(options)), m_rng(m_options.seed), m_first_day(days_from_iso(m_options.first_day)) {
    if (m_options.days < 1) throw_invalid("days", "days: the generator needs a window of at least one day");
}

std::uint64_t Generator::below(std::uint64_t bound) {
    return bound == 0 ? 0 : m_rng() % bound;
}

bool Generator::chance(int percent) {
    return below(100) < static_cast<std::uint64_t>(percent);
}

template <class Span>
std::string_view Generator::weighted(const Span& choices) {
    std::uint64_t total = 0;
    for (const auto& c : choices) total += static_cast<std::uint64_t>(c.weight);
    std::uint64_t r = below(total);
    for (const auto& c : choices) {
        if (r < static_cast<std::uint64_t>(c.weight)) return c.text;
        r -= static_cast<std::uint64_t>(c.weight);
    }
    return choices.back().text;
}

std::string Generator::person(bool male) {
    std::string name(weighted(phrases::family_names()));
    name += ' ';
    name += weighted(male ? phrases::male_middle_names() : phrases::female_middle_names());
    name += ' ';
    name += weighted(male ? phrases::male_given_names() : phrases::female_given_names());
    return name;
}

std::string Generator::resident_name() {
    return person(chance(50));
}

std::string Generator::officer() {
    std::string rank(weighted(phrases::officer_ranks()));
    return rank + " " + person(chance(85));
}

std::string Generator::phone_number() {
    std::string prefix(weighted(phrases::mobile_prefixes()));
    std::string rest;
    for (int i = 0; i < 7; ++i) rest.push_back(static_cast<char>('0' + below(10)));
    auto style = below(100);
    if (style < 60) return prefix + rest;
    // Written 4-3-3 as people do: 0912 345 678.
    char sep = style < 85 ? ' ' : '.';
    return prefix + rest.substr(0, 1) + sep + rest.substr(1, 3) + sep + rest.substr(4, 3);
}

std::string Generator::residential_group() {
    auto r = below(100);
    if (r < 45) return "Tổ dân phố số " + std::to_string(1 + below(30));
    if (r < 55) return "Tổ dân phố " + std::to_string(1 + below(20));
    if (r < 80) return "Thôn " + std::string(weighted(phrases::village_names()));
    if (r < 90) return "Khu phố " + std::to_string(1 + below(12));
    if (r < 95) return "Ấp " + std::string(weighted(phrases::village_names()));
    return "Bản " + std::string(weighted(phrases::village_names()));
}

std::string Generator::school() {
    static constexpr const char* levels[] = {"Trường Mầm non", "Trường Tiểu học", "Trường Tiểu học", "Trường THCS",
                                             "Trường THPT"};
    return std::string(levels[below(std::size(levels))]) + " " + std::string(weighted(phrases::place_names()));
}

std::string Generator::market() {
    return "chợ " + std::string(weighted(phrases::place_names()));
}

std::string Generator::date() {
    return iso_from_days(m_first_day + static_cast<std::int64_t>(below(m_options.days)));
}

std::string Generator::date_time() {
    return date() + "T" + two_digits(7 + below(14)) + ":" + two_digits(below(60));
}

std::string Generator::fill(std::string_view pattern, Scene& scene) {
    auto pick_once = [&](std::string& slot, auto make) -> const std::string& {
        if (slot.empty()) slot = make();
        return slot;
    };
    std::string out;
    while (!pattern.empty()) {
        auto open = pattern.find('{');
        auto close = open == std::string_view::npos ? open : pattern.find('}', open);
        if (close == std::string_view::npos) {
            out += pattern;
            break;
        }
        out += pattern.substr(0, open);
        auto key = pattern.substr(open + 1, close - open - 1);
        pattern.remove_prefix(close + 1);
        if (key == "group")
            out += pick_once(scene.group, [&] { return residential_group(); });
        else if (key == "street")
            out += pick_once(scene.street, [&] { return std::string(weighted(phrases::streets())); });
        else if (key == "street2") {
            out += pick_once(scene.street2, [&] {
                std::string s;
                do s = weighted(phrases::streets());
                while (s == scene.street);
                return s;
            });
        } else if (key == "school")
            out += pick_once(scene.school, [&] { return school(); });
        else if (key == "market")
            out += pick_once(scene.market, [&] { return market(); });
        else if (key == "officer")
            out += pick_once(scene.officer, [&] { return officer(); });
        else if (key == "weekday")
            out += weighted(phrases::weekdays());
        else if (key == "workshop")
            out += weighted(phrases::workshops());
        else if (key == "place")
            out += fill(weighted(phrases::places()), scene);
        else
            throw Error(ErrorCode::internal, "generator phrase has an unknown placeholder {" + std::string(key) + "}");
    }
    return out;
}

FeedbackInput Generator::feedback(const std::string& unit, const std::string& forum_id, const std::string& day) {
    std::string_view category = weighted(phrases::category_weights());
    std::vector<const phrases::FeedbackTemplate*> candidates;
    for (const auto& t : phrases::feedback_templates())
        if (t.category == category) candidates.push_back(&t);
    const auto& chosen = *candidates[below(candidates.size())];

    Scene scene;
    std::string text;
    if (chance(30)) text = fill(weighted(phrases::openers()), scene) + " ";
    text += fill(chosen.text, scene);
    if (auto n = count_for(phrases::closers(), chosen.kind); n > 0 && chance(35))
        text += " " + std::string(text_for(phrases::closers(), chosen.kind, below(n)));

    FeedbackInput in;
    in.unit = unit;
    in.kind = std::string(chosen.kind);
    in.category = std::string(category);
    in.text = std::move(text);
    if (!scene.officer.empty()) in.officer = scene.officer;
    if (!scene.group.empty())
        in.group = scene.group;
    else if (chance(80))
        in.group = residential_group();

    if (!forum_id.empty()) {
        in.forum = forum_id;
        in.channel = "forum";
    } else {
        static constexpr phrases::Weighted channel_weights[] = {
            {"patrol", 30}, {"door_to_door", 25}, {"reception", 25}, {"hotline", 12}, {"letter", 8}};
        in.channel = std::string(weighted(std::span(channel_weights)));
    }
    in.received_at = day.empty() ? date_time() : day + "T" + two_digits(8 + below(4)) + ":" + two_digits(below(60));

    // A quarter of residents speak anonymously; most who give a name leave a phone number too.
    if (chance(25)) {
        in.anonymous = true;
    } else {
        in.resident_name = resident_name();
        if (chance(70)) in.resident_phone = phone_number();
    }
    if (chance(8)) in.add_tags.push_back("tái diễn");
    if (chance(5)) in.add_tags.push_back("khẩn");
    return in;
}

std::string Generator::answer(std::string_view category) {
    auto n = count_for(phrases::answers(), category);
    if (n == 0) require_code(categories(), category, "category");
    return std::string(text_for(phrases::answers(), n ? category : "other", below(n ? n : 1)));
}

ForumInput Generator::forum(const std::string& unit, std::string_view unit_kind) {
    Scene scene;
    ForumInput in;
    in.unit = unit;
    in.date = date();
    int year = std::stoi(in.date->substr(0, 4));
    int month = std::stoi(in.date->substr(5, 2));
    std::string title(weighted(phrases::forum_titles()));
    auto replace = [&](std::string_view key, const std::string& value) {
        if (auto at = title.find(key); at != std::string::npos) title.replace(at, key.size(), value);
    };
    replace("{year}", std::to_string(year));
    replace("{quarter}", roman_quarter(month));
    replace("{half}", month <= 6 ? "6 tháng đầu" : "6 tháng cuối");
    in.title = title;
    in.venue = fill(weighted(phrases::forum_venues()), scene);

    std::string station = unit_kind == "ward"           ? " phường"
                          : unit_kind == "commune"      ? " xã"
                          : unit_kind == "town"         ? " thị trấn"
                          : unit_kind == "special_zone" ? " đặc khu"
                                                        : "";
    in.chair = std::string(weighted(phrases::head_ranks())) + " " + person(chance(90)) + ", Trưởng Công an" + station;

    int count = 40 + static_cast<int>(below(60)) + (chance(30) ? static_cast<int>(below(150)) : 0);
    in.attendee_count = count;
    in.add_groups = {"residents", "fatherland_front"};
    for (auto [group, percent] : {std::pair{"group_heads", 90},
                                  {"veterans", 80},
                                  {"womens_union", 80},
                                  {"youth_union", 70},
                                  {"schools", 40},
                                  {"businesses", 30}})
        if (chance(percent)) in.add_groups.push_back(group);
    // The biên bản's secretary, time and head counts: a morning or an evening meeting of two hours or
    // so, the leaders, group heads and residents counted (the residents most of the room).
    in.secretary = std::string(weighted(phrases::officer_ranks())) + " " + person(chance(60));
    bool evening = chance(40);
    int start_minutes = (evening ? 19 * 60 + 30 : 8 * 60) + static_cast<int>(below(3)) * 15;
    int end_minutes = start_minutes + 90 + static_cast<int>(below(5)) * 15;
    auto clock = [](int minutes) {
        std::string hh = std::to_string(minutes / 60), mm = std::to_string(minutes % 60);
        return (hh.size() < 2 ? "0" + hh : hh) + ":" + (mm.size() < 2 ? "0" + mm : mm);
    };
    in.start_time = clock(start_minutes);
    in.end_time = clock(end_minutes);
    int leaders = 2 + static_cast<int>(below(3));
    int group_heads = 3 + static_cast<int>(below(6));
    in.add_groups.push_back("leaders");
    in.group_attendees = {"leaders=" + std::to_string(leaders), "group_heads=" + std::to_string(group_heads),
                          "residents=" + std::to_string(count - leaders - group_heads - 10)};

    auto all_topics = phrases::topics();
    auto first = below(all_topics.size());
    auto second = (first + 1 + below(all_topics.size() - 1)) % all_topics.size();
    in.summary = "Hội nghị có " + std::to_string(count) + " đại biểu và người dân tham dự. Ý kiến tập trung vào " +
                 std::string(all_topics[first].text) + " và " + std::string(all_topics[second].text) +
                 "; nhiều ý kiến được giải đáp tại chỗ, các ý kiến còn lại được ghi nhận để xây dựng kế hoạch "
                 "khắc phục cụ thể, có thời gian hoàn thành.";
    return in;
}

int Generator::score_near(int base, int spread_percent) {
    auto r = below(100);
    int score = base;
    if (r < static_cast<std::uint64_t>(spread_percent))
        --score;
    else if (r < static_cast<std::uint64_t>(spread_percent + spread_percent * 3 / 4))
        ++score;
    return std::clamp(score, 1, 5);
}

BallotInput Generator::ballot(const std::string& unit, const std::string& forum_id, const std::string& day) {
    static constexpr phrases::Weighted satisfaction[] = {{"5", 40}, {"4", 38}, {"3", 14}, {"2", 6}, {"1", 2}};
    static constexpr phrases::Weighted respondents[] = {{"residents", 50}, {"group_heads", 10}, {"fatherland_front", 8},
                                                        {"veterans", 8},   {"womens_union", 8}, {"youth_union", 8},
                                                        {"businesses", 5}, {"schools", 3}};
    BallotInput in;
    in.unit = unit;
    if (!forum_id.empty()) in.forum = forum_id;
    in.group = std::string(weighted(std::span(respondents)));
    in.date = day.empty() ? date() : day;
    // One respondent's feeling drives every criterion; each strays from it a little.
    int base = weighted(std::span(satisfaction))[0] - '0';
    for (const auto& criterion : ballot_criteria())
        in.scores[std::string(criterion.code)] = score_near(base, criterion.code == "overall" ? 10 : 20);
    if (chance(30)) in.comment = std::string(weighted(phrases::ballot_comments()));
    return in;
}

ActionInput Generator::action(const std::string& unit, std::string_view category,
                              const std::vector<std::string>& feedback_ids, const std::string& from_day) {
    auto n = count_for(phrases::action_descriptions(), category);
    if (n == 0) require_code(categories(), category, "category");
    ActionInput in;
    in.unit = unit;
    in.description = std::string(text_for(phrases::action_descriptions(), n ? category : "other", below(n ? n : 1)));
    in.owner = officer();
    std::int64_t start = from_day.empty() ? days_from_iso(date()) : days_from_iso(from_day);
    in.due = iso_from_days(start + 14 + static_cast<std::int64_t>(below(43)));
    in.add_feedback = feedback_ids;
    return in;
}

}  // namespace langnghe
