#include "write_roles.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "langnghe/model/roles.h"

namespace langnghe {

namespace {
// The sites that wrote `field` in ways `held_field` (the receiver's state of it) has not seen:
// a value, or a context entry a later value of another site superseded.
std::set<std::string> new_writers(const FieldState& field, const FieldState* held_field) {
    auto seen = [&](const std::string& site) -> Stamp {
        if (!held_field) return 0;
        auto c = held_field->context.find(site);
        return c == held_field->context.end() ? 0 : c->second;
    };
    std::set<std::string> out;
    for (const auto& head : field.heads)
        if (head.dot.stamp > seen(head.dot.site)) out.insert(head.dot.site);
    for (const auto& [site, stamp] : field.context)
        if (stamp > seen(site)) out.insert(site);
    return out;
}

// The text a field's winning value holds, or "" when it is no string (a status event's fields
// are written once, so one value).
std::string text_of(const RecordState& record, std::string_view name) {
    auto f = record.fields.find(name);
    if (f == record.fields.end() || f->second.heads.empty()) return {};
    auto value = nlohmann::json::parse(f->second.heads.back().value, nullptr, false);
    return value.is_string() ? value.get<std::string>() : std::string();
}

// A flag that records are created with false (deleted, voided): setting it at creation is no act,
// so a new write is the act when the receiver held the field already, or when it sets the flag.
bool flips_flag(const FieldState& field, const FieldState* held_field, const std::string& site) {
    if (held_field) return true;
    for (const auto& head : field.heads)
        if (head.dot.site == site && nlohmann::json::parse(head.value, nullptr, false) == true) return true;
    return false;
}

// The acts beyond writing field records at all that `site`'s new write of `name` is.
std::vector<Act> acts_of_write(const RecordState& record, const std::string& name, const FieldState& field,
                               const FieldState* held_field, const std::string& site) {
    const std::string& type = record.type;
    std::vector<Act> acts = acts_of_field_write(type, name);
    bool created_false = (name == "deleted" || name == "voided") && !flips_flag(field, held_field, site);
    std::erase_if(acts, [&](Act act) { return created_false && act != Act::manage_action; });
    if (type == "revision" && text_of(record, "target").starts_with("ac-")) acts.push_back(Act::manage_action);
    if (type == "status_event") {
        if (text_of(record, "target").starts_with("ac-")) acts.push_back(Act::manage_action);
        std::string to = text_of(record, "to");
        if (to == "deleted" || to == "restored") acts.push_back(Act::delete_restore);
    }
    return acts;
}
}  // namespace

std::optional<std::string> role_fault(const RecordState& record, const std::optional<RecordState>& held,
                                      const SiteRoles& role_of_site) {
    for (const auto& [name, field] : record.fields) {
        const FieldState* held_field = nullptr;
        if (held)
            if (auto f = held->fields.find(name); f != held->fields.end()) held_field = &f->second;
        for (const auto& site : new_writers(field, held_field)) {
            auto role = role_of_site(site);
            if (!role) continue;
            auto writer = "record " + record.id + " holds a write of site " + site + ", a device enrolled as " + *role;
            if (!writes_field_records(*role)) return writer + ", whose role writes no field records";
            for (Act act : acts_of_write(record, name, field, held_field, site))
                if (!may(*role, act)) return writer + ", which may not " + act_noun(act).en;
        }
    }
    return std::nullopt;
}

}  // namespace langnghe
