#pragma once
// The vocabulary the generator draws from: what residents say in the seed articles, Vietnamese
// names, places and police ranks. Private to generator.cpp.
#include <span>
#include <string_view>

namespace langnghe::phrases {

struct Weighted {
    std::string_view text;
    int weight;
};

// One thing a resident says. Placeholders: {group} residential group, {street} {street2} street
// names, {school}, {market}, {place}, {officer}, {weekday}, {workshop}.
struct FeedbackTemplate {
    std::string_view category;  // categories() code
    std::string_view kind;      // feedback_kinds() code
    std::string_view text;
};

// Text written per category: answers given on the spot, actions planned, topics of forum summaries.
struct CategoryText {
    std::string_view category;
    std::string_view text;
};

std::span<const Weighted> category_weights();
std::span<const FeedbackTemplate> feedback_templates();
std::span<const Weighted> openers();                  // may start a feedback text
std::span<const CategoryText> closers();              // per kind code, may end a feedback text
std::span<const CategoryText> answers();              // per category
std::span<const CategoryText> action_descriptions();  // per category
std::span<const CategoryText> topics();               // per category, lowercase, for summaries

std::span<const Weighted> family_names();
std::span<const Weighted> male_middle_names();
std::span<const Weighted> female_middle_names();
std::span<const Weighted> male_given_names();
std::span<const Weighted> female_given_names();
std::span<const Weighted> officer_ranks();
std::span<const Weighted> head_ranks();       // ranks of a station head chairing a forum
std::span<const Weighted> mobile_prefixes();  // three digits after the leading 0

std::span<const Weighted> streets();
std::span<const Weighted> place_names();    // for schools, markets, villages
std::span<const Weighted> village_names();  // thôn, ấp, bản names
std::span<const Weighted> places();         // "{place}": where trouble happens
std::span<const Weighted> workshops();
std::span<const Weighted> weekdays();

std::span<const Weighted> forum_titles();  // {year}, {quarter}, {half}
std::span<const Weighted> forum_venues();  // {group}, {school}
std::span<const Weighted> ballot_comments();

}  // namespace langnghe::phrases
