#pragma once
// The closed vocabularies of DOMAIN.md: codes (English, stable, stored) with Vietnamese and
// English labels.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/base/error.h"

namespace langnghe {

struct Label {
    std::string_view code;
    std::string_view vi;
    std::string_view en;
    std::string_view text(Lang lang) const { return lang == Lang::vi ? vi : en; }
};

std::span<const Label> categories();
std::span<const Label> feedback_kinds();
std::span<const Label> channels();
// In the order the minutes list those present (leaders, the Fatherland Front and mass
// organisations, group heads, schools, businesses, residents): see in_vocabulary_order.
std::span<const Label> attendee_groups();
std::span<const Label> unit_kinds();
// What a history entry may record besides a status: "deleted", "restored".
std::span<const Label> record_events();
// The fields whose every change is kept as a revision: what residents said and what the police
// answered or promised (history.h says which type has which).
std::span<const Label> revised_fields();
// The fields a redaction may remove (redaction.h): what identifies a resident, and their words.
std::span<const Label> redactable_fields();
std::span<const Label> feedback_statuses();
std::span<const Label> action_statuses();
std::span<const Label> forum_statuses();
std::span<const Label> ballot_criteria();
// A device's role (roles.h), as a person reads it.
std::span<const Label> device_roles();
// The fields of records, as a person reads them where one is named (a conflict, a revision); a
// field of a family ("tags/x", "scores.overall") is named by its family.
std::string_view field_label(std::string_view field, Lang lang);
// A device at the station: may sync, or revoked.
std::span<const Label> device_states();
// Record types (record_schema.h), as counted in `status`.
std::span<const Label> record_types();
// The result of assessing one criterion of a criteria set (criteria.h): met, partly, not_met.
std::span<const Label> criteria_results();
// What residents sign a yearly commitment (ký cam kết) to obey: security and order, road traffic,
// fire safety. The first, security_order, is the default kind (docs/commitments.md).
std::span<const Label> commitment_kinds();

// `codes` in the vocabulary's order (codes it lacks last, as given): attendee groups as minutes
// name them rather than alphabetically as a set field stores them.
std::vector<std::string> in_vocabulary_order(std::span<const Label> vocabulary, std::vector<std::string> codes);

const Label* find_label(std::span<const Label> vocabulary, std::string_view code);
// The label of `code`, or the code itself when it is not in the vocabulary.
std::string_view label_of(std::span<const Label> vocabulary, std::string_view code, Lang lang);
// Checks `code` is in the vocabulary; throws invalid_input naming `field` and listing the codes.
std::string require_code(std::span<const Label> vocabulary, std::string_view code, std::string_view field);

}  // namespace langnghe
