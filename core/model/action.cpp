#include "langnghe/model/action.h"

#include <algorithm>

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "document_fields.h"
#include "langnghe/codec/document.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/history.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
using Values = std::vector<std::pair<std::string, std::string>>;
constexpr RecordNoun action_noun{"action", "kế hoạch"};

// The feedback an action addresses must be in the action's unit or below it.
void require_feedback_in(Store& store, const std::string& feedback_id, const std::vector<std::string>& units) {
    Feedback f = get_feedback(store, feedback_id);
    if (f.id != feedback_id)
        throw_invalid("feedback", "feedback: give the feedback id, not its receipt code ('" + feedback_id + "')",
                      "feedback: hãy dùng mã ý kiến, không dùng mã biên nhận ('" + feedback_id + "')");
    if (std::find(units.begin(), units.end(), f.unit) == units.end())
        throw_invalid("feedback", "feedback: " + feedback_id + " belongs to unit " + f.unit + ", outside this action's unit",
                      "feedback: " + feedback_id + " thuộc đơn vị " + f.unit + ", ngoài đơn vị của kế hoạch");
    if (f.deleted)
        throw_invalid("feedback", "feedback: " + feedback_id + " is deleted", "feedback: " + feedback_id + " đã bị xóa");
}

Values validated_values(Store& store, const ActionInput& in, const std::string& unit) {
    Values v;
    if (in.description)
        v.emplace_back("description", json_string(clean_text(*in.description, "description", max_long_text)));
    if (in.owner) v.emplace_back("owner", json_string(clean_text(*in.owner, "owner", max_short_text)));
    if (in.due) v.emplace_back("due", json_string(parse_date(*in.due, "due")));
    if (in.result) v.emplace_back("result", json_string(clean_text(*in.result, "result", max_long_text, true)));
    if (!in.add_feedback.empty()) {
        auto units = unit_subtree(store, unit);
        for (const auto& id : in.add_feedback) {
            require_feedback_in(store, id, units);
            v.emplace_back("feedback/" + id, json_bool(true));
        }
    }
    for (const auto& id : in.remove_feedback) v.emplace_back("feedback/" + id, json_bool(false));
    return v;
}

Action from_doc(const StoredRecord& r) {
    DocumentReader d(r.doc);
    Action a;
    read_lifecycle_fields(d, r, a);
    read_text_fields<Action>(d, a,
                             {{"description", &Action::description},
                              {"owner", &Action::owner},
                              {"due", &Action::due},
                              {"result", &Action::result},
                              {"created_by", &Action::created_by}});
    a.feedback = d.set("feedback");
    return a;
}

void plan_feedback(Store& store, const Actor& actor, const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        Feedback f = get_feedback(store, id);
        if (f.status != "planned" && feedback_lifecycle().may_follow(f.status, "planned"))
            mark_feedback_planned(store, actor, f.id);
    }
}

void require_not_deleted(const Action& a) { require_not_deleted(action_noun, a.id, a.deleted); }
// The note names the action, so the feedback's history says why it was resolved.
void resolve_feedback_item(Store& store, const Actor& actor, const std::string& feedback_id, const Action& a) {
    resolve_feedback(store, actor, feedback_id, "Kế hoạch khắc phục " + a.id + " đã hoàn thành: " + a.result);
}
}  // namespace

bool Action::is_open() const { return !action_lifecycle().is_final(status); }

bool Action::overdue_on(const std::string& iso_today) const {
    return !deleted && is_open() && !due.empty() && due < iso_today;
}

std::string add_action(Store& store, const Actor& actor, const ActionInput& input) {
    require_may(actor, Act::manage_action);
    for (auto [given, name] : {std::pair{input.unit.has_value(), "unit"}, {input.description.has_value(), "description"},
                               {input.owner.has_value(), "owner"}, {input.due.has_value(), "due"}})
        if (!given) throw_invalid(name, std::string(name) + ": required", std::string(name) + ": bắt buộc phải có");
    Store::Scope scope(store);
    std::string unit = require_unit(store, *input.unit);
    Values values = validated_values(store, input, unit);
    values.emplace_back("status", encode_lattice_status({0, std::string(action_lifecycle().initial())}));
    values.emplace_back("created_by", json_string(actor.officer));
    values.emplace_back("deleted", json_bool(false));
    std::string id = new_record_id("ac");
    store.write(id, "action", unit, values, store.next_dot());
    plan_feedback(store, actor, input.add_feedback);
    scope.commit();
    return id;
}

void update_action(Store& store, const Actor& actor, const std::string& id, const ActionInput& input) {
    require_may(actor, Act::manage_action);
    Store::Scope scope(store);
    StoredRecord before = require_record(store, id, "action");
    Action a = from_doc(before);
    require_same_unit(action_noun, a.unit, input.unit);
    require_not_deleted(a);
    Values values = validated_values(store, input, a.unit);
    require_some_change(values);
    write_revised(store, actor, before, values, store.next_dot());
    plan_feedback(store, actor, input.add_feedback);
    scope.commit();
}

void set_action_status(Store& store, const Actor& actor, const std::string& id, const std::string& status,
                       const std::string& result_or_reason) {
    require_may(actor, Act::manage_action);
    require_code(action_statuses(), status, "status");
    Store::Scope scope(store);
    StoredRecord before = require_record(store, id, "action");
    Action a = from_doc(before);
    require_not_deleted(a);
    if (!action_lifecycle().may_follow(a.status, status))
        throw Error(ErrorCode::invalid_state, "action " + a.id + " is '" + a.status + "'; cannot become '" + status + "'")
            .vi("kế hoạch " + a.id + " đang ở trạng thái '" + a.status + "'; không thể chuyển sang '" + status + "'");
    Values values{{"status", encode_lattice_status({a.round, status})}};
    std::string note;
    if (status == "done") {
        values.emplace_back("result", json_string(clean_text(result_or_reason, "result", max_long_text)));
    } else if (status == "cancelled") {
        note = clean_text(result_or_reason, "reason", max_long_text);
    }
    Dot dot = store.next_dot();
    write_revised(store, actor, before, values, dot);
    record_status_event(store, actor, a.id, a.unit, a.status, status, note, dot);
    scope.commit();
}

std::vector<AddressedFeedback> finish_action(Store& store, const Actor& actor, const std::string& id,
                                             const std::string& result, bool resolve_addressed) {
    Store::Scope scope(store);
    set_action_status(store, actor, id, "done", result);
    Action a = get_action(store, id);
    std::vector<AddressedFeedback> out;
    for (const auto& feedback_id : a.feedback) {
        if (!find_record(store, feedback_id)) continue;  // not synced to this device yet
        Feedback f = get_feedback(store, feedback_id);
        bool resolvable = !f.deleted && feedback_lifecycle().may_follow(f.status, "resolved");
        if (resolve_addressed && resolvable) {
            resolve_feedback_item(store, actor, f.id, a);
            out.push_back({f.id, "resolved", true});
        } else {
            out.push_back({f.id, f.status, false});
        }
    }
    scope.commit();
    return out;
}

Action get_action(Store& store, const std::string& id) { return from_doc(require_record(store, id, "action")); }

std::vector<Action> list_actions(Store& store, const ActionFilter& given) {
    ActionFilter filter = given;
    if (filter.unit) require_unit(store, *filter.unit);
    if (filter.status) require_code(action_statuses(), *filter.status, "status");
    if (filter.overdue_on) filter.overdue_on = parse_date(*filter.overdue_on, "overdue_on");
    if (filter.due_before) filter.due_before = parse_date(*filter.due_before, "due_before");
    auto rows = RecordQuery("action")
                    .in_subtree(store, filter.unit)
                    .equals("$.status", filter.status)
                    .equals("$.owner", filter.owner)
                    .contains("$.feedback", filter.feedback)
                    .without("$.deleted", filter.include_deleted)
                    .run(store, "$.due");
    std::vector<Action> out;
    for (const auto& row : rows) {
        Action a = from_doc(row);
        if (filter.overdue_on && !a.overdue_on(*filter.overdue_on)) continue;
        if (filter.due_before && !(a.is_open() && a.due <= *filter.due_before)) continue;
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace langnghe
