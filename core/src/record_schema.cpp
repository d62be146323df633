#include "langnghe/record_schema.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <span>

#include "langnghe/error.h"
#include "langnghe/records.h"
#include "langnghe/text.h"
#include "langnghe/vocab.h"

namespace langnghe {

namespace {
enum class Kind { text, boolean, integer, status };

struct FieldRule {
    std::string_view name;  // exact name, or a prefix ending in '/' or '.' for a family of fields
    Kind kind;
    std::span<const Label> (*vocabulary)() = nullptr;  // values (or element codes) must come from it
};

struct TypeRule {
    std::string_view type, id_prefix;
    std::vector<FieldRule> fields;
};

const std::vector<TypeRule>& rules() {
    static const std::vector<TypeRule> all = {
        {"unit", "un-",
         {{"code", Kind::text}, {"name", Kind::text}, {"name_en", Kind::text}, {"kind", Kind::text, unit_kinds},
          {"parent", Kind::text}, {"deleted", Kind::boolean}}},
        {"feedback", "fb-",
         {{"group", Kind::text}, {"forum", Kind::text}, {"channel", Kind::text, channels},
          {"kind", Kind::text, feedback_kinds}, {"category", Kind::text, categories}, {"text", Kind::text},
          {"officer", Kind::text}, {"resident_name", Kind::text}, {"resident_phone", Kind::text},
          {"anonymous", Kind::boolean}, {"received_at", Kind::text}, {"recorded_by", Kind::text},
          {"status", Kind::status, feedback_statuses}, {"answer", Kind::text}, {"referred_to", Kind::text},
          {"deleted", Kind::boolean}, {"tags/", Kind::boolean}}},
        {"forum", "fo-",
         {{"title", Kind::text}, {"date", Kind::text}, {"venue", Kind::text}, {"chair", Kind::text},
          {"summary", Kind::text}, {"attendee_count", Kind::integer}, {"groups/", Kind::boolean, attendee_groups},
          {"status", Kind::status, forum_statuses}, {"created_by", Kind::text}, {"deleted", Kind::boolean}}},
        {"action", "ac-",
         {{"description", Kind::text}, {"owner", Kind::text}, {"due", Kind::text}, {"result", Kind::text},
          {"feedback/", Kind::boolean}, {"status", Kind::status, action_statuses}, {"created_by", Kind::text},
          {"deleted", Kind::boolean}}},
        {"ballot", "ba-",
         {{"forum", Kind::text}, {"group", Kind::text}, {"comment", Kind::text}, {"date", Kind::text},
          {"recorded_by", Kind::text}, {"voided", Kind::boolean}, {"void_reason", Kind::text},
          {"voided_by", Kind::text}, {"scores.", Kind::integer, ballot_criteria}}},
        {"note", "no-",
         {{"target", Kind::text}, {"text", Kind::text}, {"author", Kind::text}, {"at", Kind::text},
          {"stamp", Kind::integer}}},
        {"status_event", "se-",
         {{"target", Kind::text}, {"from", Kind::text}, {"to", Kind::text}, {"by", Kind::text}, {"at", Kind::text},
          {"stamp", Kind::integer}, {"note", Kind::text}}},
    };
    return all;
}

[[noreturn]] void refuse(const RecordState& record, const std::string& field, const std::string& what) {
    throw Error(ErrorCode::invalid_input, "record " + record.id + ": " + what, field, {record.id});
}

// The string a JSON string value holds. Values come from the codec, which only stores what a JSON
// parser accepted, so an unescaped value is its content between the quotes.
std::string string_content(const std::string& value) {
    if (value.find('\\') == std::string::npos) return value.substr(1, value.size() - 2);
    return nlohmann::json::parse(value).get<std::string>();
}

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
            return;
        case Kind::status: {
            auto lattice = nlohmann::json::parse(value);
            if (!lattice.is_array() || lattice.size() != 2 || !lattice[0].is_number_unsigned() || !lattice[1].is_string() ||
                !in_vocabulary(lattice[1].get<std::string>()))
                refuse(record, field, "field '" + field + "' must be [round, status] with a known status");
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
        bool family = rule.name.back() == '/' || rule.name.back() == '.';
        if (!family && field == rule.name) return &rule;
        if (family && field.size() > rule.name.size() && field.starts_with(rule.name)) {
            element = field.substr(rule.name.size());
            return &rule;
        }
    }
    return nullptr;
}
}  // namespace

bool is_known_record_type(std::string_view type) {
    return std::any_of(rules().begin(), rules().end(), [&](const TypeRule& r) { return r.type == type; });
}

void check_record_shape(const RecordState& record) {
    auto type = std::find_if(rules().begin(), rules().end(), [&](const TypeRule& r) { return r.type == record.type; });
    if (type == rules().end()) refuse(record, "type", "unknown record type '" + record.type + "'");
    if (!record.id.starts_with(type->id_prefix) || record.id.size() == type->id_prefix.size())
        refuse(record, "id", "a " + record.type + " id must start with '" + std::string(type->id_prefix) + "'");
    if (record.type == "unit" && record.id != "un-" + record.unit)
        refuse(record, "unit", "a unit record's id must be 'un-' followed by its own code");
    if (record.unit.empty() || !is_valid_utf8(record.unit)) refuse(record, "unit", "the unit code is missing");
    for (const auto& [name, field] : record.fields) {
        std::string element;
        const FieldRule* rule = rule_for(*type, name, element);
        if (!rule) refuse(record, name, "unknown field '" + name + "' for a " + record.type);
        if (!element.empty() && rule->kind != Kind::integer && rule->vocabulary &&
            !find_label(rule->vocabulary(), element))
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
}

}  // namespace langnghe
