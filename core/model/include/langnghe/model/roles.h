#pragma once
// Who may do what to field records: the role matrix of docs/roles.md, defined once and judged
// twice, by the device before it writes and by the station for every new write a push carries.
#include <string_view>
#include <vector>

namespace langnghe {

struct Actor;

// What a device does to field records (feedback, forums, ballots, actions, notes, conflicts).
enum class Act {
    create,          // record feedback, forums, ballots, notes
    edit,            // change what a record says
    answer,          // answer feedback
    resolve,         // resolve feedback
    refer,           // refer feedback elsewhere
    reopen,          // reopen feedback
    delete_restore,  // tombstone a record or bring it back (with a reason)
    redact,          // hide text that must not be kept
    void_ballot,     // void a satisfaction ballot
    manage_action,   // create, edit or move an action through its statuses
};

// The act as messages name it, in both languages ("delete or restore records").
struct ActNoun {
    const char* en;
    const char* vi;
};
ActNoun act_noun(Act act);

// The matrix: an officer does everything but delete/restore, redact, void ballots and manage
// actions; a unit head does everything; a supervisor, and any role not known here, nothing.
bool may(std::string_view role, Act act);
// The acts beyond writing field records that a write of `field` of a `type` record is: any field of
// an action is managing it; `deleted` of feedback, a forum or an action is deleting or restoring;
// `voided`, `void_reason` and `voided_by` of a ballot are voiding it; any field of a redaction is
// redacting. (A record created with
// `deleted` or `voided` false does no act: the station tells that apart, write_roles.cpp.)
std::vector<Act> acts_of_field_write(std::string_view type, std::string_view field);

// A role that may do every act (a unit head): a receiver need not judge its writes.
bool may_do_everything(std::string_view role);
// Throws forbidden naming the field "role", in both languages, naming the role and the act, when
// `actor`'s role may not do `act`: called before anything is written.
void require_may(const Actor& actor, Act act);

// Supervisors read the field records of their scope and never write them (DOMAIN.md): a role
// writes field records when it may create them.
bool writes_field_records(std::string_view role);
// Throws forbidden, in both languages, when `actor`'s role writes no field records: called first by
// every write of feedback, forums, ballots, actions, notes and conflicts, so nothing is written.
void require_field_writer(const Actor& actor);

}  // namespace langnghe
