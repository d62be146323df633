#include "langnghe/outputs/forum_summary.h"

#include <set>

#include "langnghe/base/dates.h"
#include "langnghe/model/action.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/minutes.h"

namespace langnghe {

namespace {
bool was_held(const Forum& f) {
    return f.status == "held" || f.status == "reported";
}

// Feedback id → the actions (not cancelled) that address it. A cancelled action turned nothing
// into a plan, so the feedback it named is not counted as acted on.
std::map<std::string, std::vector<const Action*>> actions_by_feedback(const std::vector<Action>& actions) {
    std::map<std::string, std::vector<const Action*>> out;
    for (const auto& a : actions)
        if (a.status != "cancelled")
            for (const auto& id : a.feedback) out[id].push_back(&a);
    return out;
}

ForumUnitFigures& unit_row(Store& store, std::map<std::string, ForumUnitFigures>& rows, const std::string& code) {
    auto [it, added] = rows.try_emplace(code);
    if (added) {
        auto unit = find_unit(store, code);
        it->second.code = code;
        it->second.name = unit ? unit->name : code;
        it->second.name_en = unit ? unit->name_en : "";
    }
    return it->second;
}

void count_attendance(ForumSummary& s, ForumUnitFigures& row, const Forum& f) {
    s.attendees += static_cast<std::size_t>(f.attendee_count);
    row.attendees += static_cast<std::size_t>(f.attendee_count);
    for (const auto& g : f.groups) ++s.by_group[g].forums;
    for (const auto& [g, n] : f.group_attendees) {
        ++s.by_group[g].counted_forums;
        s.by_group[g].attendees += static_cast<std::size_t>(n);
    }
}
}  // namespace

ForumSummary forum_summary(Store& store, const std::string& unit, const ReportPeriod& period) {
    ForumSummary s;
    require_unit(store, unit);
    auto root = find_unit(store, unit);
    s.unit = unit;
    s.name = root ? root->name : unit;
    s.name_en = root ? root->name_en : "";
    s.period = {parse_date(period.from, "from"), parse_date(period.to, "to")};
    if (s.period.from > s.period.to)
        throw_invalid("to", "to: the period ends (" + s.period.to + ") before it starts (" + s.period.from + ")",
                      "to: ngày kết thúc (" + s.period.to + ") trước ngày bắt đầu (" + s.period.from + ")");
    for (const auto& g : attendee_groups()) s.by_group[std::string(g.code)];
    for (const auto& c : categories()) s.by_category[std::string(c.code)];

    ForumFilter filter;
    filter.unit = unit;
    filter.from_date = s.period.from;
    filter.to_date = s.period.to;
    std::vector<Action> all_actions = list_actions(store, {});
    auto acted_on = actions_by_feedback(all_actions);
    std::set<const Action*> actions;
    std::map<std::string, ForumUnitFigures> rows;
    for (const auto& f : list_forums(store, filter)) {
        ++s.forums;
        ForumUnitFigures& row = unit_row(store, rows, f.unit);
        if (was_held(f)) {
            ++s.held;
            ++row.held;
            if (f.status == "reported") ++s.reported;
            count_attendance(s, row, f);
        } else {
            ++s.planned;
            ++row.planned;
        }
        FeedbackFilter at_forum;
        at_forum.forum = f.id;
        for (const auto& fb : list_feedback(store, at_forum)) {
            RaisedFigures& category = s.by_category[fb.category];
            ++row.raised;
            ++s.raised.raised;
            ++category.raised;
            if (answered_on_the_day(store, fb, f.date)) {
                ++s.raised.answered_on_the_spot;
                ++category.answered_on_the_spot;
            }
            auto plans = acted_on.find(fb.id);
            if (plans == acted_on.end()) continue;
            ++s.raised.with_action;
            ++category.with_action;
            actions.insert(plans->second.begin(), plans->second.end());
        }
    }
    s.actions = actions.size();
    for (const Action* a : actions) s.actions_done += a->status == "done" ? 1 : 0;
    for (auto& [code, row] : rows) s.units.push_back(std::move(row));
    return s;
}

ForumSummary forum_summary(Store& store, const std::string& unit, const CalendarPeriod& period) {
    ForumSummary s = forum_summary(store, unit, period.dates());
    s.period_code = period.code();
    s.period_label = {period.label(Lang::vi), period.label(Lang::en)};
    return s;
}

}  // namespace langnghe
