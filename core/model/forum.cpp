#include "langnghe/model/forum.h"

#include <algorithm>
#include <map>

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

constexpr std::string_view group_count_prefix = "attendees.";

[[noreturn]] void refuse_attendees(int n, std::string_view field) {
    std::string f(field);
    throw_invalid(f, f + ": " + std::to_string(n) + " is not between 0 and " + std::to_string(max_attendees),
                  f + ": " + std::to_string(n) + " không nằm trong khoảng 0 đến " + std::to_string(max_attendees));
}

// "HH:MM" on the 24-hour clock, or "" (the time is cleared).
std::string checked_time(const std::string& text, std::string_view field) {
    std::string t = clean_text(text, field, 5, true);
    auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
    bool shaped = t.size() == 5 && t[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4);
    if (t.empty() || (shaped && std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60)) return t;
    std::string f(field);
    throw_invalid(f, f + ": '" + t + "' is not a time of day HH:MM (e.g. 08:30)",
                  f + ": '" + t + "' không phải giờ dạng HH:MM (ví dụ 08:30)");
}

// "GROUP=N" → the group's code and count.
std::pair<std::string, int> parse_group_count(const std::string& entry) {
    auto eq = entry.find('=');
    std::string count = eq == std::string::npos ? "" : entry.substr(eq + 1);
    bool digits = !count.empty() && count.size() <= 9 && count.find_first_not_of("0123456789") == std::string::npos;
    if (!digits)
        throw_invalid("attendees", "attendees: '" + entry + "' is neither a count (120) nor GROUP=N (veterans=12)",
                      "attendees: '" + entry + "' không phải số người (120) hay THÀNH_PHẦN=SỐ (veterans=12)");
    int n = std::stoi(count);
    if (n > max_attendees) refuse_attendees(n, "attendees");
    return {require_code(attendee_groups(), entry.substr(0, eq), "attendees"), n};
}

// The times and group counts against each other and against what `before` keeps: the end after
// the start, the group counts within the attendee count.
void check_consistent(const ForumInput& in, const Forum& before, const std::map<std::string, int>& counts) {
    std::string start = in.start_time ? checked_time(*in.start_time, "start_time") : before.start_time;
    std::string end = in.end_time ? checked_time(*in.end_time, "end_time") : before.end_time;
    if (!start.empty() && !end.empty() && end <= start)
        throw_invalid("end_time", "end_time: " + end + " is not after start_time " + start,
                      "end_time: giờ kết thúc " + end + " không sau giờ bắt đầu " + start);
    std::map<std::string, int> all = before.group_attendees;
    for (const auto& [group, n] : counts) all[group] = n;
    int sum = 0;
    for (const auto& entry : all) sum += entry.second;
    int total = in.attendee_count.value_or(before.attendee_count);
    if (total > 0 && sum > total)
        throw_invalid("attendees",
                      "attendees: the groups' counts add up to " + std::to_string(sum) + ", more than the " +
                          std::to_string(total) + " attendees",
                      "attendees: tổng số người theo thành phần là " + std::to_string(sum) +
                          ", nhiều hơn số người dự " + std::to_string(total));
}

// `before` is the stored forum an update changes (empty when adding).
Values validated_values(Store& store, const ForumInput& in, const Forum& before = {}) {
    Values v;
    if (in.unit) require_unit(store, *in.unit);  // the record's unit, not a field: fixed at creation
    if (in.title) v.emplace_back("title", json_string(clean_text(*in.title, "title", max_short_text)));
    if (in.date) v.emplace_back("date", json_string(parse_date(*in.date, "date")));
    if (in.venue) v.emplace_back("venue", json_string(clean_text(*in.venue, "venue", max_short_text, true)));
    if (in.chair) v.emplace_back("chair", json_string(clean_text(*in.chair, "chair", max_short_text, true)));
    if (in.secretary)
        v.emplace_back("secretary", json_string(clean_text(*in.secretary, "secretary", max_short_text, true)));
    if (in.start_time) v.emplace_back("start_time", json_string(checked_time(*in.start_time, "start_time")));
    if (in.end_time) v.emplace_back("end_time", json_string(checked_time(*in.end_time, "end_time")));
    if (in.summary) v.emplace_back("summary", json_string(clean_text(*in.summary, "summary", max_long_text, true)));
    if (in.attendee_count) {
        if (*in.attendee_count < 0 || *in.attendee_count > max_attendees)
            refuse_attendees(*in.attendee_count, "attendee_count");
        v.emplace_back("attendee_count", json_int(*in.attendee_count));
    }
    std::map<std::string, int> counts;
    for (const auto& entry : in.group_attendees) {
        auto [group, n] = parse_group_count(entry);
        if (!counts.emplace(group, n).second)
            throw_invalid("attendees", "attendees: " + group + " is given twice",
                          "attendees: " + group + " được nhập hai lần");
    }
    check_consistent(in, before, counts);
    for (const auto& g : in.add_groups) v.emplace_back("groups/" + require_code(attendee_groups(), g, "group"), json_bool(true));
    for (const auto& g : in.remove_groups)
        v.emplace_back("groups/" + require_code(attendee_groups(), g, "group"), json_bool(false));
    for (const auto& count : counts) {
        // Named, not bound: clang 14 does not yet let a lambda capture a structured binding.
        const std::string& group = count.first;
        const int n = count.second;
        v.emplace_back(std::string(group_count_prefix) + group, json_int(n));
        // A group that sent people attended; a count of 0 leaves the set as it is.
        auto named = [&](const std::vector<std::string>& list) { return std::ranges::find(list, group) != list.end(); };
        if (n > 0 && named(in.remove_groups))
            throw_invalid("attendees", "attendees: " + group + " is counted and removed at once",
                          "attendees: " + group + " vừa có số người dự vừa bị bỏ khỏi thành phần");
        if (n > 0 && !named(in.add_groups)) v.emplace_back("groups/" + group, json_bool(true));
    }
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
                             {"secretary", &Forum::secretary},
                             {"start_time", &Forum::start_time},
                             {"end_time", &Forum::end_time},
                             {"summary", &Forum::summary}});
    f.attendee_count = static_cast<int>(d.integer("attendee_count"));
    f.groups = d.set("groups");
    for (const auto& g : attendee_groups())
        if (auto n = d.maybe_integer(std::string(group_count_prefix) + std::string(g.code)))
            f.group_attendees[std::string(g.code)] = static_cast<int>(*n);
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
    Values values = validated_values(store, input, f);
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
