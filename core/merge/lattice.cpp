#include "langnghe/merge/lattice.h"

#include <algorithm>

#include "langnghe/base/error.h"

namespace langnghe {

namespace {
bool is_plain_status(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
}

std::int64_t precedence_in(const Lifecycle& lifecycle, std::string_view value) {
    auto parsed = parse_lattice_status(value);
    return parsed ? parsed->round * 100 + lifecycle.rank(parsed->status) : 0;
}
std::int64_t feedback_precedence(std::string_view value) { return precedence_in(feedback_lifecycle(), value); }
std::int64_t forum_precedence(std::string_view value) { return precedence_in(forum_lifecycle(), value); }
std::int64_t action_precedence(std::string_view value) { return precedence_in(action_lifecycle(), value); }
}  // namespace

bool Lifecycle::knows(std::string_view status) const {
    return std::any_of(statuses.begin(), statuses.end(), [&](const auto& s) { return s.code == status; });
}

int Lifecycle::rank(std::string_view status) const {
    for (const auto& s : statuses)
        if (s.code == status) return s.rank;
    return 0;
}

const StatusChange* Lifecycle::change_to(std::string_view to, bool new_round) const {
    for (const auto& c : changes)
        if (c.to == to && c.new_round == new_round) return &c;
    return nullptr;
}

bool Lifecycle::may_follow(std::string_view from, std::string_view to, bool new_round) const {
    const StatusChange* c = change_to(to, new_round);
    return c && std::find(c->from.begin(), c->from.end(), from) != c->from.end();
}

bool Lifecycle::is_final(std::string_view status) const {
    return std::none_of(changes.begin(), changes.end(), [&](const StatusChange& c) {
        return !c.new_round && std::find(c.from.begin(), c.from.end(), status) != c.from.end();
    });
}

// The ranks are the design's (docs/design.md, "Lattice fields"): stages that are alternatives share
// a rank, and a concurrent pair of them falls back to the stamps. Function-local, so any static
// initialiser may read them.
const Lifecycle& feedback_lifecycle() {
    static const Lifecycle feedback{
        "feedback",
        {{"new", 0}, {"acknowledged", 1}, {"answered", 2}, {"planned", 2}, {"resolved", 3}, {"referred", 3}},
        {{"acknowledged", {"new"}},
         {"answered", {"new", "acknowledged", "planned", "answered"}},
         {"planned", {"new", "acknowledged", "answered", "planned"}},
         {"resolved", {"new", "acknowledged", "answered", "planned"}},
         {"referred", {"new", "acknowledged"}},
         {"acknowledged", {"answered", "planned", "resolved", "referred"}, true}},
    };
    return feedback;
}
const Lifecycle& forum_lifecycle() {
    static const Lifecycle forum{
        "forum",
        {{"planned", 0}, {"held", 1}, {"reported", 2}},
        {{"held", {"planned"}}, {"reported", {"held"}}},
    };
    return forum;
}
const Lifecycle& action_lifecycle() {
    static const Lifecycle action{
        "action",
        {{"open", 0}, {"in_progress", 1}, {"done", 2}, {"cancelled", 2}},
        {{"in_progress", {"open"}}, {"done", {"open", "in_progress"}}, {"cancelled", {"open", "in_progress"}}},
    };
    return action;
}

const Lifecycle* lifecycle_of(std::string_view type) {
    for (const Lifecycle* l : {&feedback_lifecycle(), &forum_lifecycle(), &action_lifecycle()})
        if (l->type == type) return l;
    return nullptr;
}

std::optional<LatticeStatus> parse_lattice_status(std::string_view value) {
    // [digits,"status"]
    auto comma = value.find(',');
    if (value.size() < 5 || value.front() != '[' || value.back() != ']' || comma == std::string_view::npos || comma < 2)
        return std::nullopt;
    auto round_text = value.substr(1, comma - 1);
    if (round_text.size() > 1 && round_text[0] == '0') return std::nullopt;
    std::int64_t round = 0;
    for (char c : round_text) {
        if (c < '0' || c > '9') return std::nullopt;
        round = round * 10 + (c - '0');
        if (round > max_lattice_round) return std::nullopt;
    }
    auto quoted = value.substr(comma + 1, value.size() - comma - 2);
    if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') return std::nullopt;
    auto status = quoted.substr(1, quoted.size() - 2);
    if (!is_plain_status(status)) return std::nullopt;
    return LatticeStatus{round, std::string(status)};
}

std::string encode_lattice_status(const LatticeStatus& value) {
    if (value.round < 0 || value.round > max_lattice_round || !is_plain_status(value.status))
        throw Error(ErrorCode::internal, "not a lattice status: round " + std::to_string(value.round));
    return "[" + std::to_string(value.round) + ",\"" + value.status + "\"]";
}

Precedence precedence_for(std::string_view type, std::string_view field) {
    if (field != "status") return nullptr;
    if (type == "feedback") return &feedback_precedence;
    if (type == "forum") return &forum_precedence;
    if (type == "action") return &action_precedence;
    return nullptr;
}

std::vector<Head> conflicting_values(std::string_view type, std::string_view field_name, const FieldState& field) {
    if (field.heads.size() < 2 || precedence_for(type, field_name)) return {};
    return losers(field);
}

}  // namespace langnghe
