#pragma once
// What a received record may claim, checked before anything is joined: by the station on every
// push and by a device on every change-file import (docs/design.md, "What a record may claim").
//
// A record's merge state is trusted by every replica that joins it: a context says "the writer
// saw these writes", and a join drops every value such a claim covers. So a claim must be one the
// writer could make: stamps no later than the receiver's clock allows, well-formed sites, every
// value covered by its own site's context entry, and no claim to have seen a write of the receiver
// that the receiver never made. Its shape must be its type's (record_schema.h), and a record that
// names another (a note's target, an action's feedback) must name one of the writer's scope whose
// unit fits.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "langnghe/merge/merge.h"
#include "langnghe/storage/store.h"

namespace langnghe {

// What the receiving replica knows that a record must not contradict.
struct Receiver {
    std::string site;   // the receiver's own site id
    Stamp own_latest;   // the greatest stamp the receiver can have issued: its clock's last, or now
    Stamp latest;       // no stamp may be later: the receiver's now + lead_ms
    std::int64_t lead_ms = 0;  // the receiver's StoreOptions::max_clock_lead_ms
};
// The receiver that `store` is, at its clock's now.
Receiver receiver_of(Store& store);

// The merge state alone, for one record: throws invalid_input naming the record when a field has
// no value, its values are not sorted and distinct, a site id is malformed, a value's stamp is 0 or
// not covered by its own site's context entry, or a context claims a write of the receiver's site
// after receiver.own_latest; throws clock_skew when any stamp (value or context) is after
// receiver.latest.
void check_record_stamps(const RecordState& record, const Receiver& receiver);

// The role of the enrolled device that writes with a site id, or nothing for a site no device
// enrolled with.
using SiteRoles = std::function<std::optional<std::string>(const std::string& site)>;

// Where the writer of a batch may refer to, and who wrote it.
struct WriterScope {
    std::set<std::string, std::less<>> units;  // referred records must be of these units
    bool records_in_scope = false;  // the records themselves too, and no unit records (a push)
    // Set by the station: every write the receiver does not already hold is judged by the role of
    // the device whose site wrote it (model/roles.h), whichever device relays it. Writes of sites
    // with no role are not judged.
    SiteRoles role_of_site;
};

// Checks a whole received batch, all of it before any is joined: shape (record_schema.h) and merge
// state, then scope and references, then the writers' roles, then stamps. Throws at the first kind of fault found, naming
// in details every record that has it: invalid_input (400) for shape and merge state, forbidden
// (403) for scope, references and roles, clock_skew (422) for stamps. A referred record is looked for in
// the batch, then in `store` with one query for the whole batch.
void check_received(Store& store, const std::vector<RecordState>& records, const Receiver& receiver,
                    const WriterScope& scope);

}  // namespace langnghe
