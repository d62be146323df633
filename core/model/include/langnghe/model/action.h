#pragma once
// Actions (kế hoạch khắc phục): concrete remediation with an owner and a deadline, addressing one
// or more feedback items. open → in_progress → done | cancelled. Overdue when past due and not
// done or cancelled.
#include <optional>
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct ActionInput {
    std::optional<std::string> unit, description, owner, due, result;
    std::vector<std::string> add_feedback, remove_feedback;  // feedback ids (a set field)
};

struct Action {
    std::string id, unit, description, owner, due, status, result, created_by;
    int round = 0;
    std::vector<std::string> feedback;
    bool deleted = false;
    std::int64_t conflicts = 0;
    // Not yet done or cancelled: a status some change of its lifecycle leads out of.
    bool is_open() const;
    // Overdue (docs/design.md, "Definitions"): open, not deleted, and due before `iso_today`.
    bool overdue_on(const std::string& iso_today) const;
};

// An unknown unit or status, or a bad date, throws invalid_input naming the field.
struct ActionFilter {
    std::optional<std::string> unit;  // subtree
    std::optional<std::string> status, owner;
    std::optional<std::string> overdue_on;   // only actions overdue on that day
    std::optional<std::string> due_before;   // open actions due on or before it: due-soon lists
    std::optional<std::string> feedback;     // actions addressing this feedback id
    bool include_deleted = false;
};

// Adding, updating and moving an action need a role that manages actions (forbidden otherwise,
// nothing written). Requires unit, description, owner, due. Feedback it addresses must exist in the unit's
// subtree; each becomes `planned` when its status allows.
std::string add_action(Store& store, const Actor& actor, const ActionInput& input);
void update_action(Store& store, const Actor& actor, const std::string& id, const ActionInput& input);
// in_progress, done (result text required), cancelled (reason required).
void set_action_status(Store& store, const Actor& actor, const std::string& id, const std::string& status,
                       const std::string& result_or_reason = {});
// `action done` with what became of the feedback the action addresses: marks it done with the
// result, and with `resolve_addressed` resolves each addressed item a resolve may follow (not
// deleted, not resolved or referred), noting the action and its result, all in one transaction.
// Returns each addressed feedback id with its status afterwards (missing ones are left out).
struct AddressedFeedback {
    std::string id, status;
    bool resolved_now = false;
};
std::vector<AddressedFeedback> finish_action(Store& store, const Actor& actor, const std::string& id,
                                             const std::string& result, bool resolve_addressed);
Action get_action(Store& store, const std::string& id);
std::vector<Action> list_actions(Store& store, const ActionFilter& filter);

}  // namespace langnghe
