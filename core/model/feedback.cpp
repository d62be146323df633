#include "langnghe/model/feedback.h"

#include <algorithm>
#include <set>

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "document_fields.h"
#include "langnghe/codec/document.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/model/history.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/queries.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

// By id or receipt code; defined with get_feedback.
StoredRecord feedback_record(Store& store, const std::string& id_or_code);

namespace {
std::string clean_phone(const std::string& raw) {
    std::string phone = clean_text(raw, "resident_phone", 20);
    int digit_count = 0;
    for (char c : phone) {
        if (c >= '0' && c <= '9') ++digit_count;
        else if (c != '+' && c != ' ' && c != '.' && c != '-')
            throw_invalid("resident_phone", "resident_phone: '" + phone + "' is not a phone number",
                          "resident_phone: '" + phone + "' không phải số điện thoại");
    }
    if (digit_count < 6 || digit_count > 15)
        throw_invalid("resident_phone", "resident_phone: '" + phone + "' must have 6 to 15 digits",
                      "resident_phone: '" + phone + "' phải có từ 6 đến 15 chữ số");
    return phone;
}

std::string clean_tag(const std::string& raw) {
    std::string tag = clean_text(raw, "tag", 40);
    if (tag.find('/') != std::string::npos) throw_invalid("tag", "tag: '" + tag + "' must not contain '/'", "tag: '" + tag + "' không được chứa '/'");
    return tag;
}

using Values = std::vector<std::pair<std::string, std::string>>;
constexpr RecordNoun feedback_noun{"feedback", "ý kiến"};

// Checks and normalises every given field; nothing is written by this function.
Values validated_values(Store& store, const FeedbackInput& in) {
    Values v;
    if (in.unit) require_unit(store, *in.unit);  // the record's unit, not a field: fixed at creation
    if (in.group) v.emplace_back("group", json_string(clean_text(*in.group, "group", max_short_text, true)));
    if (in.forum) {
        if (!in.forum->empty()) require_record(store, *in.forum, "forum");
        v.emplace_back("forum", json_string(*in.forum));
    }
    if (in.channel) v.emplace_back("channel", json_string(require_code(channels(), *in.channel, "channel")));
    if (in.kind) v.emplace_back("kind", json_string(require_code(feedback_kinds(), *in.kind, "kind")));
    if (in.category) v.emplace_back("category", json_string(require_code(categories(), *in.category, "category")));
    if (in.text) v.emplace_back("text", json_string(clean_text(*in.text, "text", max_long_text)));
    if (in.officer) v.emplace_back("officer", json_string(clean_text(*in.officer, "officer", max_short_text, true)));
    bool named = names_resident(in);
    if (in.anonymous.value_or(false) && named)
        throw_invalid("anonymous", "anonymous: an anonymous resident cannot have a name or phone",
                      "anonymous: người dân ẩn danh thì không ghi họ tên, số điện thoại");
    if (in.resident_name)
        v.emplace_back("resident_name", json_string(clean_text(*in.resident_name, "resident_name", max_short_text, true)));
    if (in.resident_phone)
        v.emplace_back("resident_phone", json_string(in.resident_phone->empty() ? "" : clean_phone(*in.resident_phone)));
    // A name or phone given to an anonymous record makes it named; a record without one stays as it is.
    std::optional<bool> anonymous = named ? std::optional<bool>(false) : in.anonymous;
    if (anonymous) {
        v.emplace_back("anonymous", json_bool(*anonymous));
        if (*anonymous) {
            v.emplace_back("resident_name", json_string(""));
            v.emplace_back("resident_phone", json_string(""));
        }
    }
    if (in.received_at) v.emplace_back("received_at", json_string(parse_date_time(*in.received_at, "received_at")));
    for (const auto& t : in.add_tags) v.emplace_back("tags/" + clean_tag(t), json_bool(true));
    for (const auto& t : in.remove_tags) v.emplace_back("tags/" + clean_tag(t), json_bool(false));
    return v;
}

Feedback from_doc(const StoredRecord& r) {
    DocumentReader d(r.doc);
    Feedback f;
    read_lifecycle_fields(d, r, f);
    f.code = receipt_code(r.id);
    read_text_fields<Feedback>(d, f,
                               {{"group", &Feedback::group},
                                {"forum", &Feedback::forum},
                                {"channel", &Feedback::channel},
                                {"kind", &Feedback::kind},
                                {"category", &Feedback::category},
                                {"text", &Feedback::text},
                                {"officer", &Feedback::officer},
                                {"resident_name", &Feedback::resident_name},
                                {"resident_phone", &Feedback::resident_phone},
                                {"received_at", &Feedback::received_at},
                                {"recorded_by", &Feedback::recorded_by},
                                {"answer", &Feedback::answer},
                                {"referred_to", &Feedback::referred_to}});
    f.anonymous = d.flag("anonymous");
    f.tags = d.set("tags");
    return f;
}

// Orders ISO date-times at the precision both have (<0, 0, >0): a date alone is its whole day, so
// "2026-11-15" is neither before nor after "2026-11-15T09:30".
int compare_on_common_precision(const std::string& a, const std::string& b) {
    std::size_t common = std::min(a.size(), b.size());
    return a.compare(0, common, b, 0, common);
}

// The checked time a change happened at: given, not after `now`, not before the feedback came in.
std::string checked_happened_at(const std::string& given, const Feedback& f, const std::string& now) {
    std::string at = parse_date_time(given, "at");
    if (compare_on_common_precision(at, now) > 0)
        throw Error(ErrorCode::invalid_input, "at: '" + given + "' is in the future (now: " + now + ")", "at")
            .vi("at: '" + given + "' là thời điểm trong tương lai (bây giờ: " + now + ")");
    if (!f.received_at.empty() && compare_on_common_precision(at, f.received_at) < 0)
        throw Error(ErrorCode::invalid_input,
                    "at: '" + given + "' is before the feedback was received (" + f.received_at + ")", "at")
            .vi("at: '" + given + "' trước thời điểm tiếp nhận ý kiến (" + f.received_at + ")");
    return at;
}

void transition(Store& store, const Actor& actor, const std::string& id, std::string_view to, Values extra,
                const std::string& note, const std::optional<std::string>& at, bool new_round = false) {
    require_field_writer(actor);
    Store::Scope scope(store);
    StoredRecord before = feedback_record(store, id);
    Feedback f = from_doc(before);
    require_not_deleted(feedback_noun, f.id, f.deleted);
    const Lifecycle& lifecycle = feedback_lifecycle();
    if (!lifecycle.may_follow(f.status, to, new_round)) {
        std::string allowed;
        for (auto s : lifecycle.change_to(to, new_round)->from) allowed += (allowed.empty() ? "" : ", ") + std::string(s);
        std::string target(to);
        throw Error(ErrorCode::invalid_state, "feedback " + f.id + " is '" + f.status + "'; cannot become '" + target +
                                                  "' (only from: " + allowed + ")")
            .vi("ý kiến " + f.id + " đang ở trạng thái '" + f.status + "'; không thể chuyển sang '" + target +
                "' (chỉ từ: " + allowed + ")");
    }
    Dot dot = store.next_dot();
    std::string happened_at = at ? checked_happened_at(*at, f, iso_date_time_at(stamp_ms(dot.stamp))) : "";
    extra.emplace_back("status", encode_lattice_status({f.round + (new_round ? 1 : 0), std::string(to)}));
    write_revised(store, actor, before, extra, dot);
    record_status_event(store, actor, f.id, f.unit, f.status, std::string(to), note, dot, happened_at);
    scope.commit();
}
}  // namespace

bool is_answered(std::string_view status, bool has_answer) {
    // The statuses an answer leads to are those that may follow "answered" in its round.
    return has_answer && (status == "answered" || feedback_lifecycle().may_follow("answered", status));
}

bool Feedback::is_answered() const { return langnghe::is_answered(status, !answer.empty()); }

bool names_resident(const FeedbackInput& in) {
    return (in.resident_name && !in.resident_name->empty()) || (in.resident_phone && !in.resident_phone->empty());
}

std::string require_unit(Store& store, const std::string& code, std::string_view field) {
    if (code.empty())
        throw_invalid(std::string(field), std::string(field) + ": must not be empty", std::string(field) + ": không được để trống");
    if (!is_live_unit(store, code))
        throw_invalid(std::string(field), std::string(field) + ": unknown unit '" + code +
                                              "' (import units with `langnghe unit import`)",
                      std::string(field) + ": không có đơn vị '" + code + "' (nhập danh sách đơn vị bằng `langnghe unit import`)");
    return code;
}

std::string receipt_code(const std::string& feedback_id) {
    if (feedback_id.size() < 13) return feedback_id;
    return feedback_id.substr(3, 5) + "-" + feedback_id.substr(8, 5);
}

void record_status_event(Store& store, const Actor& actor, const std::string& target, const std::string& unit,
                         const std::string& from, const std::string& to, const std::string& note, const Dot& dot,
                         const std::string& happened_at) {
    Values v{{"target", json_string(target)},
             {"from", json_string(from)},
             {"to", json_string(to)},
             {"by", json_string(actor.officer)},
             {"at", json_string(happened_at.empty() ? iso_date_time_at(stamp_ms(dot.stamp)) : happened_at)},
             {"stamp", json_int(static_cast<std::int64_t>(dot.stamp))}};
    if (!note.empty()) v.emplace_back("note", json_string(note));
    store.write(new_record_id("se"), "status_event", unit, v, dot);
}

RecordState make_feedback(Store& store, const Actor& actor, const FeedbackInput& in, const Dot& dot) {
    require_field_writer(actor);
    for (auto [given, name] : {std::pair{in.unit.has_value(), "unit"}, {in.kind.has_value(), "kind"},
                               {in.category.has_value(), "category"}, {in.text.has_value(), "text"}})
        if (!given) throw_invalid(name, std::string(name) + ": required", std::string(name) + ": bắt buộc phải có");
    Values values = validated_values(store, in);
    if (!in.channel) values.emplace_back("channel", json_string(in.forum ? "forum" : "patrol"));
    if (!in.received_at) values.emplace_back("received_at", json_string(iso_date_time_at(stamp_ms(dot.stamp))));
    if (!in.anonymous && !names_resident(in)) values.emplace_back("anonymous", json_bool(true));
    values.emplace_back("recorded_by", json_string(actor.officer));
    values.emplace_back("status", encode_lattice_status({0, std::string(feedback_lifecycle().initial())}));
    values.emplace_back("deleted", json_bool(false));

    RecordState record{new_record_id("fb"), "feedback", *in.unit, {}};
    for (auto& [name, value] : values) {
        // What overwrite(FieldState{}, dot, value) gives, built in place: this runs for every field
        // of every new record.
        FieldState& field = record.fields[name];
        field.heads.assign(1, Head{dot, std::move(value)});
        field.context.clear();
        field.context.emplace(dot.site, dot.stamp);
    }
    return record;
}

namespace {
// Residential groups are units: feedback whose group names one of the unit's groups (by code or
// name) is recorded at that group, so lists, reports and scope count it there. A group the unit
// list does not hold stays text; one that names several groups is refused, listing their codes.
FeedbackInput at_named_group(Store& store, const FeedbackInput& in) {
    if (!in.unit || !in.group || in.group->empty() || !is_live_unit(store, *in.unit)) return in;
    std::vector<Unit> groups = find_residential_groups(store, to_nfc(*in.group, "group"), *in.unit);
    if (groups.empty()) return in;
    if (groups.size() > 1) {
        std::vector<std::string> codes;
        for (const auto& g : groups) codes.push_back(g.code + " " + g.name);
        throw Error(ErrorCode::invalid_input,
                    "group: '" + *in.group + "' names " + std::to_string(groups.size()) +
                        " residential groups of unit " + *in.unit + "; give the group's code (" + codes.front() + ", …)",
                    "group", codes)
            .vi("group: '" + *in.group + "' trùng tên " + std::to_string(groups.size()) + " tổ dân phố của đơn vị " +
                *in.unit + "; hãy ghi mã của tổ (" + codes.front() + ", …)");
    }
    FeedbackInput placed = in;
    placed.unit = groups.front().code;
    placed.group = groups.front().name;
    return placed;
}
}  // namespace

std::string add_feedback(Store& store, const Actor& actor, const FeedbackInput& input) {
    Store::Scope scope(store);
    RecordState record = make_feedback(store, actor, at_named_group(store, input), store.next_dot());
    store.insert_new(record);
    scope.commit();
    return record.id;
}

void update_feedback(Store& store, const Actor& actor, const std::string& id, const FeedbackInput& input) {
    require_field_writer(actor);
    Store::Scope scope(store);
    StoredRecord before = feedback_record(store, id);
    Feedback f = from_doc(before);
    require_same_unit(feedback_noun, f.unit, input.unit);
    require_not_deleted(feedback_noun, f.id, f.deleted);
    Values values = validated_values(store, input);
    require_some_change(values);
    write_revised(store, actor, before, values, store.next_dot());
    scope.commit();
}

void acknowledge_feedback(Store& store, const Actor& actor, const std::string& id, const std::optional<std::string>& at) {
    transition(store, actor, id, "acknowledged", {}, {}, at);
}

void answer_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& answer,
                     const std::optional<std::string>& at) {
    std::string text = clean_text(answer, "answer", max_long_text);
    transition(store, actor, id, "answered", {{"answer", json_string(text)}}, {}, at);
}

void mark_feedback_planned(Store& store, const Actor& actor, const std::string& id) {
    transition(store, actor, id, "planned", {}, {}, std::nullopt);
}

void resolve_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& note,
                      const std::optional<std::string>& at) {
    std::string text = clean_text(note, "note", max_long_text, true);
    transition(store, actor, id, "resolved", {}, text, at);
}

void refer_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& to_whom,
                    const std::optional<std::string>& at) {
    std::string target = clean_text(to_whom, "referred_to", max_short_text);
    transition(store, actor, id, "referred", {{"referred_to", json_string(target)}}, {}, at);
}

void reopen_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& reason,
                     const std::optional<std::string>& at) {
    std::string text = clean_text(reason, "reason", max_long_text);
    transition(store, actor, id, "acknowledged", {}, text, at, true);
}

StoredRecord feedback_record(Store& store, const std::string& id_or_code) {
    if (auto r = find_record(store, id_or_code); r && r->type == "feedback") return *r;
    std::string code;
    for (char c : id_or_code) {
        if (c == '-') continue;
        char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        code.push_back(u == 'O' ? '0' : (u == 'I' || u == 'L') ? '1' : u);  // Crockford reading of look-alikes
    }
    if (code.size() == 10) {
        std::vector<StoredRecord> found = find_by_id_prefix(store, "feedback", "fb-" + code);
        if (found.size() == 1) return found[0];
        if (found.size() > 1) {
            std::vector<std::string> ids;
            for (auto& f : found) ids.push_back(f.id);
            throw Error(ErrorCode::invalid_input, "receipt code " + id_or_code + " matches several records", "code", ids)
                .vi("mã biên nhận " + id_or_code + " trùng với nhiều ý kiến");
        }
    }
    throw Error(ErrorCode::not_found, "no feedback with id or receipt code '" + id_or_code + "'", "id")
        .vi("không có ý kiến nào có mã hoặc mã biên nhận '" + id_or_code + "'");
}

Feedback get_feedback(Store& store, const std::string& id_or_code) { return from_doc(feedback_record(store, id_or_code)); }

const std::vector<std::string>& open_feedback_statuses() {
    static const std::vector<std::string> open{"new", "acknowledged", "answered", "planned"};
    return open;
}

namespace {
// The statuses a list keeps: those asked for, narrowed to the open ones with open_only; empty for all.
std::vector<std::string> wanted_statuses(const FeedbackFilter& filter) {
    for (const auto& s : filter.statuses) require_code(feedback_statuses(), s, "status");
    if (!filter.open_only) return filter.statuses;
    if (filter.statuses.empty()) return open_feedback_statuses();
    std::vector<std::string> open;
    for (const auto& s : filter.statuses)
        if (std::ranges::find(open_feedback_statuses(), s) != open_feedback_statuses().end()) open.push_back(s);
    if (open.empty())
        throw_invalid("status", "status: none of the statuses given is open (open: new, acknowledged, answered, planned)",
                      "status: không trạng thái nào đã chọn là đang mở (đang mở: new, acknowledged, answered, planned)");
    return open;
}

// What the group filter keeps: feedback recorded at one of the named groups (or below), or whose
// typed group field is the name.
class GroupMatch {
public:
    GroupMatch(Store& store, const std::string& name, const std::optional<std::string>& under)
        : m_folded(fold_for_search(to_nfc(name, "group"))) {
        if (m_folded.empty()) throw_invalid("group", "group: must not be empty", "group: không được để trống");
        for (const auto& g : find_residential_groups(store, name, under))
            for (auto& code : unit_subtree(store, g.code)) m_units.insert(std::move(code));
    }
    bool operator()(const Feedback& f) const {
        return m_units.contains(f.unit) || (!f.group.empty() && fold_for_search(f.group) == m_folded);
    }

private:
    std::string m_folded;
    std::set<std::string> m_units;
};
}  // namespace

namespace {
// The part of a feedback filter the store applies, every value checked first.
RecordQuery feedback_query(Store& store, const FeedbackFilter& filter) {
    if (filter.unit) require_unit(store, *filter.unit);
    std::vector<std::string> statuses = wanted_statuses(filter);
    if (filter.kind) require_code(feedback_kinds(), *filter.kind, "kind");
    if (filter.category) require_code(categories(), *filter.category, "category");
    if (filter.channel) require_code(channels(), *filter.channel, "channel");
    RecordQuery query("feedback");
    query.in_subtree(store, filter.unit)
        .equals("$.kind", filter.kind)
        .equals("$.category", filter.category)
        .equals("$.forum", filter.forum)
        .equals("$.channel", filter.channel)
        .dated_between("$.received_at", filter.from_date, filter.to_date)
        .without("$.deleted", filter.include_deleted);
    if (!statuses.empty()) query.one_of("$.status", statuses);
    return query;
}
}  // namespace

std::vector<Feedback> list_feedback(Store& store, const FeedbackFilter& filter) {
    RecordQuery query = feedback_query(store, filter);
    std::optional<GroupMatch> in_group;
    if (filter.group) in_group.emplace(store, *filter.group, filter.unit);
    auto name_filter = [](const std::optional<std::string>& name, const char* field) {
        return name ? std::optional<std::string>(to_nfc(*name, field)) : std::nullopt;
    };
    std::optional<std::string> officer = name_filter(filter.officer, "officer");
    std::optional<std::string> recorded_by = name_filter(filter.recorded_by, "recorded_by");
    bool filtered_here = in_group || officer || recorded_by;

    // The store applies the limit only when every test is its own; the name and group tests are ours.
    std::size_t store_limit = filtered_here || filter.limit == 0 ? 0 : filter.offset + filter.limit;
    auto rows = query.run(store, "$.received_at", store_limit);

    std::vector<Feedback> out;
    std::size_t skipped = 0;
    for (const auto& row : rows) {
        Feedback f = from_doc(row);
        if (in_group && !(*in_group)(f)) continue;
        if (officer && !holds_phrase(f.officer, *officer)) continue;
        if (recorded_by && !holds_phrase(f.recorded_by, *recorded_by)) continue;
        if (skipped < filter.offset) {
            ++skipped;
            continue;
        }
        out.push_back(std::move(f));
        if (filter.limit && out.size() == filter.limit) break;
    }
    return out;
}

void visit_feedback_figures(Store& store, const FeedbackFilter& filter, const std::function<void(const FeedbackFigures&)>& visit) {
    if (filter.group || filter.officer || filter.recorded_by || filter.limit || filter.offset)
        throw Error(ErrorCode::internal, "feedback figures take no group, name, limit or offset");
    FeedbackFigures f;  // one, its strings' room reused from row to row
    feedback_query(store, filter)
        .visit_fields(store, "$.received_at",
                      {"$.kind", "$.category", "$.status", "$.received_at", FieldRead::presence_of("$.answer"), "$.channel"},
                      [&](std::span<const std::string_view> row) {
                          f.id = row[0];
                          f.unit = row[1];
                          f.kind = row[2];
                          f.category = row[3];
                          f.status = row[4];
                          f.received_at = row[5];
                          f.channel = row[7];
                          f.answered = is_answered(f.status, row[6] == "1");
                          visit(f);
                      });
}

std::vector<FeedbackFigures> list_feedback_figures(Store& store, const FeedbackFilter& filter) {
    std::vector<FeedbackFigures> out;
    visit_feedback_figures(store, filter, [&](const FeedbackFigures& f) { out.push_back(f); });
    return out;
}

std::map<std::string, std::string> first_answered_at(Store& store, const std::string& unit) {
    RecordQuery events("status_event");
    events.in_subtree(store, unit).equals("$.to", std::string("answered"));
    std::map<std::string, std::string> out;
    for (auto& row : events.fields(store, "$.stamp", {"$.target", "$.at"}))
        if (row[3].size() >= 10) out.try_emplace(std::move(row[2]), std::move(row[3]));
    return out;
}

std::vector<StatusEvent> status_history(Store& store, const std::string& target_id) {
    std::vector<StatusEvent> out;
    for (const auto& row : find_by_target(store, "status_event", target_id)) {
        DocumentReader d(row.doc);
        out.push_back({row.id, d.text("target"), d.text("from"), d.text("to"), d.text("by"), d.text("at"), d.text("note")});
    }
    return out;
}

}  // namespace langnghe
