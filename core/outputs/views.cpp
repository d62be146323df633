#include "langnghe/outputs/views.h"

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"

namespace langnghe {

// ordered_json keeps members in the order a view lists them (and nested views keep theirs).
using json = nlohmann::ordered_json;

namespace {
json parse_raw(const std::string& text) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for a number past double
        throw Error(ErrorCode::internal, std::string("a view holds text that is not JSON: ") + e.what());
    }
}

json object_json(const ViewObject& object);

json value_json(const ViewValue& value) {
    struct Visitor {
        json operator()(std::nullptr_t) const { return nullptr; }
        json operator()(const std::string& s) const { return s; }
        json operator()(std::int64_t i) const { return i; }
        json operator()(bool b) const { return b; }
        json operator()(const std::vector<std::string>& v) const { return v; }
        json operator()(const RawJson& raw) const { return parse_raw(raw.text); }
        json operator()(const NestedView& nested) const { return object_json(nested.object); }
        json operator()(const NestedViews& nested) const {
            json out = json::array();
            for (const auto& object : nested.objects) out.push_back(object_json(object));
            return out;
        }
    };
    return std::visit(Visitor{}, value);
}

std::string dump(const json& j) {
    // Stored text is validated UTF-8; `replace` only guards output against a corrupt database.
    return j.dump(2, ' ', false, json::error_handler_t::replace);
}

// Stored values are JSON texts; a missing or empty one shows as null.
RawJson stored(const std::string& json_text) {
    return RawJson{json_text.empty() ? "null" : json_text};
}

json object_json(const ViewObject& object) {
    json out = json::object();
    for (const auto& [key, value] : object) out[key] = value_json(value);
    return out;
}
}  // namespace

std::string to_json(const ViewObject& object) { return dump(object_json(object)); }

std::string to_json_array(const std::vector<ViewObject>& views) {
    json out = json::array();
    for (const auto& view : views) out.push_back(object_json(view));
    return dump(out);
}

std::string to_json_array(const std::vector<std::string>& json_items) {
    json out = json::array();
    for (const auto& item : json_items) out.push_back(parse_raw(item));
    return dump(out);
}

std::string display_value(const std::string& json_text) {
    json value = parse_raw(json_text.empty() ? "null" : json_text);
    if (value.is_string()) return value.get<std::string>();
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

ViewObject feedback_view(const Feedback& f) {
    return {{"id", f.id},
            {"code", f.code},
            {"unit", f.unit},
            {"group", f.group},
            {"forum", f.forum},
            {"channel", f.channel},
            {"kind", f.kind},
            {"category", f.category},
            {"text", f.text},
            {"officer", f.officer},
            {"resident_name", f.resident_name},
            {"resident_phone", f.resident_phone},
            {"anonymous", f.anonymous},
            {"received_at", f.received_at},
            {"recorded_by", f.recorded_by},
            {"status", f.status},
            {"round", static_cast<std::int64_t>(f.round)},
            {"answer", f.answer},
            {"referred_to", f.referred_to},
            {"tags", f.tags},
            {"deleted", f.deleted},
            {"conflicts", f.conflicts}};
}

ViewObject status_event_view(const StatusEvent& e) {
    return {{"id", e.id}, {"target", e.target}, {"from", e.from}, {"to", e.to},
            {"by", e.by}, {"at", e.at},         {"note", e.note}};
}

ViewObject history_entry_view(const HistoryEntry& e) {
    return {{"kind", std::string(kind_code(e.kind))},
            {"field", e.field},
            {"old", e.old_value},
            {"new", e.new_value},
            {"note", e.note},
            {"officer", e.officer},
            {"device", e.device},
            {"at", e.at},
            {"id", e.id}};
}

ViewObject unit_view(const Unit& u) {
    return {{"code", u.code}, {"name", u.name},     {"name_en", u.name_en},
            {"kind", u.kind}, {"parent", u.parent}, {"deleted", u.deleted}};
}

ViewObject forum_view(const Forum& f) {
    ViewObject group_attendees;
    for (const auto& [group, n] : f.group_attendees) group_attendees.emplace_back(group, static_cast<std::int64_t>(n));
    return {{"id", f.id},
            {"unit", f.unit},
            {"title", f.title},
            {"date", f.date},
            {"venue", f.venue},
            {"chair", f.chair},
            {"secretary", f.secretary},
            {"start_time", f.start_time},
            {"end_time", f.end_time},
            {"attendee_count", static_cast<std::int64_t>(f.attendee_count)},
            {"groups", f.groups},
            {"group_attendees", NestedView{group_attendees}},
            {"summary", f.summary},
            {"status", f.status},
            {"round", static_cast<std::int64_t>(f.round)},
            {"deleted", f.deleted},
            {"conflicts", f.conflicts}};
}

ViewObject action_view(const Action& a) {
    return {{"id", a.id},
            {"unit", a.unit},
            {"description", a.description},
            {"owner", a.owner},
            {"due", a.due},
            {"status", a.status},
            {"round", static_cast<std::int64_t>(a.round)},
            {"result", a.result},
            {"feedback", a.feedback},
            {"created_by", a.created_by},
            {"deleted", a.deleted},
            {"conflicts", a.conflicts}};
}

ViewObject ballot_view(const Ballot& b) {
    ViewObject scores;
    for (const auto& [criterion, score] : b.scores) scores.emplace_back(criterion, static_cast<std::int64_t>(score));
    return {{"id", b.id},           {"unit", b.unit},     {"forum", b.forum},
            {"group", b.group},     {"date", b.date},     {"scores", NestedView{scores}},
            {"comment", b.comment}, {"voided", b.voided}, {"void_reason", b.void_reason}};
}

ViewObject commitment_view(const Commitment& c) {
    return {{"id", c.id},
            {"unit", c.unit},
            {"year", c.year},
            {"kind", c.kind},
            {"households", c.households},
            {"signed", c.signed_count},
            {"recorders", c.recorders}};
}

ViewObject note_view(const Note& n) {
    return {{"id", n.id}, {"target", n.target}, {"text", n.text}, {"author", n.author}, {"at", n.at}};
}

ViewObject conflict_view(const Conflict& c) {
    return {{"id", c.id},
            {"record_id", c.record_id},
            {"record_type", c.record_type},
            {"unit", c.unit},
            {"field", c.field},
            {"lost_value", stored(c.lost_value)},
            {"lost_stamp", static_cast<std::int64_t>(c.lost_stamp)},
            {"lost_site", c.lost_site},
            {"winning_value", stored(c.winning_value)},
            {"winning_stamp", static_cast<std::int64_t>(c.winning_stamp)},
            {"winning_site", c.winning_site}};
}

ViewObject unit_import_view(const UnitImportResult& r) {
    return {{"added", static_cast<std::int64_t>(r.added)},
            {"updated", static_cast<std::int64_t>(r.updated)},
            {"unchanged", static_cast<std::int64_t>(r.unchanged)}};
}

}  // namespace langnghe
