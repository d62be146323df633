#include "langnghe/model/record_schema.h"

#include <algorithm>
#include <optional>
#include <span>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/model/records.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
enum class Kind { text, boolean, integer, status, record_id };
enum class Presence { optional, required };  // required: every record of the type has the field

constexpr std::string_view forum_types[] = {"forum"};
constexpr std::string_view feedback_types[] = {"feedback"};
constexpr std::string_view note_target_types[] = {"feedback", "action"};
constexpr std::string_view event_target_types[] = {"feedback", "action", "forum"};
constexpr std::string_view revision_target_types[] = {"feedback", "action", "forum", "assessment", "commitment"};

struct Refers {
    std::span<const std::string_view> types;
    TargetUnit unit;
    bool may_be_empty = true;  // "" names no record (a feedback item heard outside any forum)
};

struct FieldRule {
    std::string_view name;  // exact name, or a prefix ending in '/' or '.' for a family of fields
    Kind kind;
    std::span<const Label> (*vocabulary)() = nullptr;  // values (or element codes) must come from it
    // A required family (scores.) must have one field per code of its vocabulary.
    Presence presence = Presence::optional;
    // A record_id field, or a family whose element is a record id, names a record of these types.
    std::optional<Refers> refers = std::nullopt;
};

struct TypeRule {
    std::string_view type, id_prefix;
    std::vector<FieldRule> fields;
};

constexpr auto required = Presence::required;
constexpr auto optional = Presence::optional;

const std::vector<TypeRule>& rules() {
    static const std::vector<TypeRule> all = {
        {"unit", "un-",
         {{"code", Kind::text, nullptr, required}, {"name", Kind::text, nullptr, required}, {"name_en", Kind::text},
          {"kind", Kind::text, unit_kinds, required}, {"parent", Kind::text, nullptr, required},
          {"deleted", Kind::boolean}}},
        {"feedback", "fb-",
         {{"group", Kind::text}, {"forum", Kind::record_id, nullptr, optional, Refers{forum_types, TargetUnit::in_scope}},
          {"channel", Kind::text, channels, required}, {"kind", Kind::text, feedback_kinds, required},
          {"category", Kind::text, categories, required}, {"text", Kind::text, nullptr, required},
          {"officer", Kind::text}, {"resident_name", Kind::text}, {"resident_phone", Kind::text},
          {"anonymous", Kind::boolean, nullptr, required}, {"received_at", Kind::text, nullptr, required},
          {"recorded_by", Kind::text, nullptr, required}, {"status", Kind::status, feedback_statuses, required},
          {"answer", Kind::text}, {"referred_to", Kind::text}, {"deleted", Kind::boolean, nullptr, required},
          {"tags/", Kind::boolean}}},
        {"forum", "fo-",
         {{"title", Kind::text, nullptr, required}, {"date", Kind::text, nullptr, required}, {"venue", Kind::text},
          {"chair", Kind::text}, {"summary", Kind::text}, {"attendee_count", Kind::integer},
          {"groups/", Kind::boolean, attendee_groups}, {"attendees.", Kind::integer, attendee_groups},
          {"secretary", Kind::text}, {"start_time", Kind::text}, {"end_time", Kind::text},
          {"status", Kind::status, forum_statuses, required},
          {"created_by", Kind::text, nullptr, required}, {"deleted", Kind::boolean, nullptr, required}}},
        {"action", "ac-",
         {{"description", Kind::text, nullptr, required}, {"owner", Kind::text, nullptr, required},
          {"due", Kind::text, nullptr, required}, {"result", Kind::text},
          {"feedback/", Kind::boolean, nullptr, optional, Refers{feedback_types, TargetUnit::in_subtree}},
          {"status", Kind::status, action_statuses, required}, {"created_by", Kind::text, nullptr, required},
          {"deleted", Kind::boolean, nullptr, required}}},
        {"ballot", "ba-",
         {{"forum", Kind::record_id, nullptr, required, Refers{forum_types, TargetUnit::same}},
          {"group", Kind::text, nullptr, required}, {"comment", Kind::text, nullptr, required},
          {"date", Kind::text, nullptr, required}, {"recorded_by", Kind::text, nullptr, required},
          {"voided", Kind::boolean, nullptr, required}, {"void_reason", Kind::text}, {"voided_by", Kind::text},
          {"scores.", Kind::integer, ballot_criteria, required}}},
        // One record per unit, year and kind, its id derived from them (commitment.h), so entries
        // of the same figures on two devices merge into one record.
        {"commitment", "cm-",
         {{"year", Kind::integer, nullptr, required}, {"kind", Kind::text, commitment_kinds, required},
          {"households", Kind::integer, nullptr, required}, {"signed", Kind::integer, nullptr, required},
          {"recorders/", Kind::boolean}}},
        {"note", "no-",
         {{"target", Kind::record_id, nullptr, required, Refers{note_target_types, TargetUnit::same, false}},
          {"text", Kind::text, nullptr, required}, {"author", Kind::text, nullptr, required},
          {"at", Kind::text, nullptr, required}, {"stamp", Kind::integer, nullptr, required}}},
        {"status_event", "se-",
         {{"target", Kind::record_id, nullptr, required, Refers{event_target_types, TargetUnit::same, false}},
          {"from", Kind::text, nullptr, required}, {"to", Kind::text, nullptr, required},
          {"by", Kind::text, nullptr, required}, {"at", Kind::text, nullptr, required},
          {"stamp", Kind::integer, nullptr, required}, {"note", Kind::text}}},
        {"revision", "rv-",
         {{"target", Kind::record_id, nullptr, required, Refers{revision_target_types, TargetUnit::same, false}},
          {"field", Kind::text, revised_fields, required}, {"old", Kind::text, nullptr, required},
          {"new", Kind::text, nullptr, required}, {"based_on", Kind::integer, nullptr, required},
          {"by", Kind::text, nullptr, required}, {"at", Kind::text, nullptr, required},
          {"stamp", Kind::integer, nullptr, required}}},
        {"assessment", "as-",
         {{"set", Kind::text, nullptr, required}, {"period", Kind::text, nullptr, required},
          {"criterion", Kind::text, nullptr, required}, {"result", Kind::text, criteria_results, required},
          {"evidence", Kind::text}, {"assessed_by", Kind::text, nullptr, required},
          {"assessed_at", Kind::text, nullptr, required}}},
        {"redaction", "rd-",
         {{"target", Kind::record_id, nullptr, required, Refers{feedback_types, TargetUnit::same, false}},
          {"field", Kind::text, redactable_fields, required}, {"reason", Kind::text, nullptr, required},
          {"by", Kind::text, nullptr, required}, {"at", Kind::text, nullptr, required},
          {"stamp", Kind::integer, nullptr, required}}},
    };
    return all;
}

bool is_family(const FieldRule& rule) { return rule.name.back() == '/' || rule.name.back() == '.'; }

const TypeRule* type_rule(std::string_view type) {
    auto it = std::find_if(rules().begin(), rules().end(), [&](const TypeRule& r) { return r.type == type; });
    return it == rules().end() ? nullptr : &*it;
}

constexpr std::string_view crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t id_random_chars = 16;

// `id` is `prefix` followed by what new_record_id makes (a unit: its code).
bool is_id_of(std::string_view id, std::string_view prefix) {
    if (!id.starts_with(prefix)) return false;
    std::string_view rest = id.substr(prefix.size());
    if (prefix == "un-") return is_unit_code(rest);
    return rest.size() == id_random_chars && rest.find_first_not_of(crockford) == std::string_view::npos;
}

bool is_id_of_any(std::string_view id, std::span<const std::string_view> types) {
    return std::any_of(types.begin(), types.end(), [&](std::string_view t) { return is_id_of(id, type_rule(t)->id_prefix); });
}

[[noreturn]] void refuse(const RecordState& record, const std::string& field, const std::string& what) {
    throw Error(ErrorCode::invalid_input, "record " + printable_id(record.id) + ": " + what, field, {record.id});
}

// The string a JSON string value holds. Values come from the codec, which only stores what a JSON
// parser accepted.
std::string string_content(const std::string& value) { return json_string_content(value); }

bool is_integer(std::string_view v) {
    if (!v.empty() && v.front() == '-') v.remove_prefix(1);
    return !v.empty() && v.size() < 19 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void check_value(const RecordState& record, const std::string& field, const FieldRule& rule, const std::string& value) {
    auto in_vocabulary = [&](std::string_view code) {
        return !rule.vocabulary || find_label(rule.vocabulary(), code) != nullptr;
    };
    switch (rule.kind) {
        case Kind::boolean:
            if (value != "true" && value != "false") refuse(record, field, "field '" + field + "' must be true or false");
            return;
        case Kind::integer:
            if (!is_integer(value)) refuse(record, field, "field '" + field + "' must be an integer");
            if (rule.name == "scores." && (value.size() != 1 || value[0] < '1' || value[0] > '5'))
                refuse(record, field, "field '" + field + "' must be a score from 1 to 5");
            if ((rule.name == "households" || rule.name == "signed" || rule.name == "attendees.") && value.front() == '-')
                refuse(record, field, "field '" + field + "' must be a count, 0 or more");
            return;
        case Kind::status: {
            auto lattice = parse_lattice_status(value);
            if (!lattice || !in_vocabulary(lattice->status))
                refuse(record, field, "field '" + field + "' must be [round, status] with a known status");
            return;
        }
        case Kind::record_id: {
            if (value.size() < 2 || value.front() != '"') refuse(record, field, "field '" + field + "' must be a record id");
            std::string id = string_content(value);
            if ((!id.empty() || !rule.refers->may_be_empty) && !is_id_of_any(id, rule.refers->types))
                refuse(record, field, "field '" + field + "' must name a " + std::string(rule.refers->types.front()) +
                                          " by its id");
            return;
        }
        case Kind::text: {
            if (value.size() < 2 || value.front() != '"') refuse(record, field, "field '" + field + "' must be text");
            std::string text = string_content(value);
            if (codepoint_count(text) > max_long_text) refuse(record, field, "field '" + field + "' is too long");
            if (to_nfc(text, field) != text) refuse(record, field, "field '" + field + "' is not in NFC");
            if (!text.empty() && !in_vocabulary(text))
                refuse(record, field, "field '" + field + "' has unknown code '" + text + "'");
            return;
        }
    }
}

const FieldRule* rule_for(const TypeRule& type, const std::string& field, std::string& element) {
    for (const auto& rule : type.fields) {
        if (!is_family(rule) && field == rule.name) return &rule;
        if (is_family(rule) && field.size() > rule.name.size() && field.starts_with(rule.name)) {
            element = field.substr(rule.name.size());
            return &rule;
        }
    }
    return nullptr;
}

void check_required(const RecordState& record, const TypeRule& type) {
    for (const auto& rule : type.fields) {
        if (rule.presence != Presence::required) continue;
        if (!is_family(rule)) {
            if (!record.fields.contains(rule.name))
                refuse(record, std::string(rule.name), "a " + record.type + " must have the field '" + std::string(rule.name) + "'");
            continue;
        }
        for (const auto& code : rule.vocabulary()) {
            std::string name = std::string(rule.name) + std::string(code.code);
            if (!record.fields.contains(name)) refuse(record, name, "a " + record.type + " must have the field '" + name + "'");
        }
    }
}
}  // namespace

bool is_known_record_type(std::string_view type) { return type_rule(type) != nullptr; }

bool is_unit_code(std::string_view code) {
    return !code.empty() && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
    });
}

bool is_record_id(std::string_view id) {
    return std::any_of(rules().begin(), rules().end(), [&](const TypeRule& r) { return is_id_of(id, r.id_prefix); });
}

std::string printable_id(std::string_view id) { return is_record_id(id) ? std::string(id) : json_string(id); }

void check_record_shape(const RecordState& record) {
    const TypeRule* type = type_rule(record.type);
    if (!type) refuse(record, "type", "unknown record type '" + record.type + "'");
    if (!is_id_of(record.id, type->id_prefix))
        refuse(record, "id", "a " + record.type + " id must be '" + std::string(type->id_prefix) +
                                 (record.type == "unit" ? "' and a unit code" : "' and 16 characters 0-9 A-Z (no I, L, O, U)"));
    if (!is_unit_code(record.unit)) refuse(record, "unit", "the unit must be a unit code (letters, digits, '-', '_', '.')");
    if (record.type == "unit" && record.id != "un-" + record.unit)
        refuse(record, "unit", "a unit record's id must be 'un-' followed by its own code");
    for (const auto& [name, field] : record.fields) {
        std::string element;
        const FieldRule* rule = rule_for(*type, name, element);
        if (!rule) refuse(record, name, "unknown field '" + name + "' for a " + record.type);
        if (!element.empty() && rule->refers && !is_id_of_any(element, rule->refers->types))
            refuse(record, name, "field '" + name + "' must name a " + std::string(rule->refers->types.front()) + " by its id");
        if (!element.empty() && rule->name != "scores." && rule->vocabulary && !find_label(rule->vocabulary(), element))
            refuse(record, name, "field '" + name + "' names an unknown code '" + element + "'");
        if (!element.empty() && rule->name == "scores." && !find_label(ballot_criteria(), element))
            refuse(record, name, "unknown ballot criterion '" + element + "'");
        for (const auto& head : field.heads) {
            FieldRule value_rule = *rule;
            if (!element.empty() && value_rule.kind == Kind::boolean) value_rule.vocabulary = nullptr;
            if (value_rule.name == "scores.") value_rule.vocabulary = nullptr;
            check_value(record, name, value_rule, head.value);
        }
    }
    check_required(record, *type);
}

std::vector<Reference> record_references(const RecordState& record) {
    std::vector<Reference> out;
    const TypeRule* type = type_rule(record.type);
    if (!type) return out;
    for (const auto& [name, field] : record.fields) {
        std::string element;
        const FieldRule* rule = rule_for(*type, name, element);
        if (!rule || !rule->refers) continue;
        if (!element.empty()) {
            out.push_back({name, element, rule->refers->types, rule->refers->unit});
            continue;
        }
        for (const auto& head : field.heads) {
            std::string id = string_content(head.value);
            if (!id.empty()) out.push_back({name, std::move(id), rule->refers->types, rule->refers->unit});
        }
    }
    return out;
}

}  // namespace langnghe
