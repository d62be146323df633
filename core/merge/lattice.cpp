#include "langnghe/merge/lattice.h"

#include <cstdint>
#include <initializer_list>
#include <utility>

namespace langnghe {

namespace {
std::int64_t status_precedence(std::string_view value, std::initializer_list<std::pair<std::string_view, int>> ranks) {
    auto comma = value.find(',');
    if (value.size() < 5 || value.front() != '[' || comma == std::string_view::npos) return 0;
    std::int64_t round = 0;
    for (std::size_t i = 1; i < comma; ++i) {
        if (value[i] < '0' || value[i] > '9') return 0;
        round = round * 10 + (value[i] - '0');
        if (round > 1000000) return 0;
    }
    auto name = value.substr(comma + 1);
    auto q1 = name.find('"'), q2 = name.rfind('"');
    if (q1 == std::string_view::npos || q2 <= q1) return round * 100;
    name = name.substr(q1 + 1, q2 - q1 - 1);
    for (auto [status, rank] : ranks)
        if (status == name) return round * 100 + rank;
    return round * 100;
}

std::int64_t feedback_status_precedence(std::string_view v) {
    return status_precedence(v, {{"new", 0}, {"acknowledged", 1}, {"answered", 2}, {"planned", 2},
                                 {"referred", 3}, {"resolved", 3}});
}
std::int64_t forum_status_precedence(std::string_view v) {
    return status_precedence(v, {{"planned", 0}, {"held", 1}, {"reported", 2}});
}
std::int64_t action_status_precedence(std::string_view v) {
    return status_precedence(v, {{"open", 0}, {"in_progress", 1}, {"done", 2}, {"cancelled", 2}});
}
}  // namespace

Precedence precedence_for(std::string_view type, std::string_view field) {
    if (field != "status") return nullptr;
    if (type == "feedback") return &feedback_status_precedence;
    if (type == "forum") return &forum_status_precedence;
    if (type == "action") return &action_status_precedence;
    return nullptr;
}

}  // namespace langnghe
