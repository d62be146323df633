#include "langnghe/model/forum.h"

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
constexpr RecordNoun forum_noun{"forum", "hội nghị"};

constexpr int max_attendees = 100000;

Values validated_values(Store& store, const ForumInput& in) {
    Values v;
    if (in.unit) require_unit(store, *in.unit);  // the record's unit, not a field: fixed at creation
    if (in.title) v.emplace_back("title", json_string(clean_text(*in.title, "title", max_short_text)));
    if (in.date) v.emplace_back("date", json_string(parse_date(*in.date, "date")));
    if (in.venue) v.emplace_back("venue", json_string(clean_text(*in.venue, "venue", max_short_text, true)));
    if (in.chair) v.emplace_back("chair", json_string(clean_text(*in.chair, "chair", max_short_text, true)));
    if (in.summary) v.emplace_back("summary", json_string(clean_text(*in.summary, "summary", max_long_text, true)));
    if (in.attendee_count) {
        if (*in.attendee_count < 0 || *in.attendee_count > max_attendees)
            throw_invalid("attendee_count",
                          "attendee_count: " + std::to_string(*in.attendee_count) + " is not between 0 and " +
                              std::to_string(max_attendees),
                          "attendee_count: " + std::to_string(*in.attendee_count) + " không nằm trong khoảng 0 đến " +
                              std::to_string(max_attendees));
        v.emplace_back("attendee_count", json_int(*in.attendee_count));
    }
    for (const auto& g : in.add_groups) v.emplace_back("groups/" + require_code(attendee_groups(), g, "group"), json_bool(true));
    for (const auto& g : in.remove_groups)
        v.emplace_back("groups/" + require_code(attendee_groups(), g, "group"), json_bool(false));
    return v;
}

Forum from_doc(const StoredRecord& r) {
    DocumentReader d(r.doc);
    Forum f;
    read_lifecycle_fields(d, r, f);
    read_text_fields<Forum>(d, f,
                            {{"title", &Forum::title},
                             {"date", &Forum::date},
                             {"venue", &Forum::venue},
                             {"chair", &Forum::chair},
                             {"summary", &Forum::summary}});
    f.attendee_count = static_cast<int>(d.integer("attendee_count"));
    f.groups = d.set("groups");
    return f;
}

}  // namespace

std::string add_forum(Store& store, const Actor& actor, const ForumInput& input) {
    require_field_writer(actor);
    for (auto [given, name] : {std::pair{input.unit.has_value(), "unit"}, {input.title.has_value(), "title"},
                               {input.date.has_value(), "date"}})
        if (!given) throw_invalid(name, std::string(name) + ": required", std::string(name) + ": bắt buộc phải có");
    Store::Scope scope(store);
    Values values = validated_values(store, input);
    values.emplace_back("status", encode_lattice_status({0, std::string(forum_lifecycle().initial())}));
    values.emplace_back("created_by", json_string(actor.officer));
    values.emplace_back("deleted", json_bool(false));
    std::string id = new_record_id("fo");
    store.write(id, "forum", *input.unit, values, store.next_dot());
    scope.commit();
    return id;
}

void update_forum(Store& store, const Actor& actor, const std::string& id, const ForumInput& input) {
    require_field_writer(actor);
    Store::Scope scope(store);
    StoredRecord before = require_record(store, id, "forum");
    Forum f = from_doc(before);
    require_same_unit(forum_noun, f.unit, input.unit);
    require_not_deleted(forum_noun, f.id, f.deleted);
    Values values = validated_values(store, input);
    require_some_change(values);
    write_revised(store, actor, before, values, store.next_dot());
    scope.commit();
}

void set_forum_status(Store& store, const Actor& actor, const std::string& id, const std::string& status) {
    require_field_writer(actor);
    require_code(forum_statuses(), status, "status");
    Store::Scope scope(store);
    Forum f = get_forum(store, id);
    require_not_deleted(forum_noun, f.id, f.deleted);
    if (!forum_lifecycle().may_follow(f.status, status))
        throw Error(ErrorCode::invalid_state,
                    "forum " + f.id + " is '" + f.status + "'; cannot become '" + status +
                        "' (planned → held → reported)")
            .vi("hội nghị " + f.id + " đang ở trạng thái '" + f.status + "'; không thể chuyển sang '" + status +
                "' (dự kiến → đã tổ chức → đã báo cáo)");
    Dot dot = store.next_dot();
    store.write(f.id, "forum", f.unit, {{"status", encode_lattice_status({f.round, status})}}, dot);
    record_status_event(store, actor, f.id, f.unit, f.status, status, {}, dot);
    scope.commit();
}

Forum get_forum(Store& store, const std::string& id) { return from_doc(require_record(store, id, "forum")); }

std::vector<Forum> list_forums(Store& store, const ForumFilter& filter) {
    if (filter.unit) require_unit(store, *filter.unit);
    if (filter.status) require_code(forum_statuses(), *filter.status, "status");
    auto rows = RecordQuery("forum")
                    .in_subtree(store, filter.unit)
                    .equals("$.status", filter.status)
                    .dated_between("$.date", filter.from_date, filter.to_date)
                    .without("$.deleted", filter.include_deleted)
                    .run(store, "$.date");
    std::vector<Forum> out;
    for (const auto& row : rows) out.push_back(from_doc(row));
    return out;
}

}  // namespace langnghe
