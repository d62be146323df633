#include "langnghe/model/ballot.h"

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/document.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
using Values = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view score_prefix = "scores.";

Ballot from_doc(const StoredRecord& r) {
    DocumentReader d(r.doc);
    Ballot b;
    b.id = r.id;
    b.unit = r.unit;
    auto s = [&](const char* key) { return d.text(key); };
    b.forum = s("forum");
    b.group = s("group");
    b.comment = s("comment");
    b.date = s("date");
    b.void_reason = s("void_reason");
    b.voided = d.flag("voided");
    for (const auto& c : ballot_criteria()) {
        std::string key = std::string(score_prefix) + std::string(c.code);
        if (auto score = d.maybe_integer(key)) b.scores[std::string(c.code)] = static_cast<int>(*score);
    }
    return b;
}
}  // namespace

bool Ballot::is_satisfied() const {
    auto overall = scores.find("overall");
    return overall != scores.end() && overall->second >= satisfied_from_overall;
}

std::string add_ballot(Store& store, const Actor& actor, const BallotInput& in) {
    require_field_writer(actor);
    if (!in.unit) throw_invalid("unit", "unit: required", "unit: bắt buộc phải có");
    Store::Scope scope(store);
    std::string unit = require_unit(store, *in.unit);
    Values v;
    for (const auto& [criterion, score] : in.scores) {
        std::string field = std::string(score_prefix) + criterion;
        require_code(ballot_criteria(), criterion, field);
        if (score < 1 || score > 5)
            throw_invalid(field, field + ": score " + std::to_string(score) + " is outside 1–5",
                          field + ": điểm " + std::to_string(score) + " nằm ngoài khoảng 1–5");
        v.emplace_back(field, json_int(score));
    }
    for (const auto& c : ballot_criteria())
        if (!in.scores.contains(std::string(c.code))) {
            std::string field = std::string(score_prefix) + std::string(c.code);
            throw_invalid(field, field + ": required (every criterion gets a score 1–5)",
                          field + ": bắt buộc (mỗi tiêu chí có điểm 1–5)");
        }
    std::string date = in.date ? parse_date(*in.date, "date") : iso_date_at(store.clock().physical_ms());
    std::string forum;
    if (in.forum && !in.forum->empty()) {
        auto f = require_record(store, *in.forum, "forum");
        if (f.unit != unit)
            throw_invalid("forum", "forum: " + *in.forum + " belongs to unit " + f.unit + ", not " + unit,
                          "forum: " + *in.forum + " thuộc đơn vị " + f.unit + ", không phải " + unit);
        forum = *in.forum;
    }
    v.emplace_back("forum", json_string(forum));
    v.emplace_back("group", json_string(in.group && !in.group->empty() ? require_code(attendee_groups(), *in.group, "group")
                                                                      : std::string()));
    v.emplace_back("comment", json_string(in.comment ? clean_text(*in.comment, "comment", max_long_text, true) : ""));
    v.emplace_back("date", json_string(date));
    v.emplace_back("recorded_by", json_string(actor.officer));
    v.emplace_back("voided", json_bool(false));
    std::string id = new_record_id("ba");
    store.write(id, "ballot", unit, v, store.next_dot());
    scope.commit();
    return id;
}

void void_ballot(Store& store, const Actor& actor, const std::string& id, const std::string& reason) {
    require_may(actor, Act::void_ballot);
    std::string why = clean_text(reason, "reason", max_long_text);
    Store::Scope scope(store);
    Ballot b = get_ballot(store, id);
    if (b.voided)
        throw Error(ErrorCode::invalid_state, "ballot " + id + " is already voided").vi("phiếu " + id + " đã bị hủy");
    store.write(b.id, "ballot", b.unit,
                {{"voided", json_bool(true)}, {"void_reason", json_string(why)}, {"voided_by", json_string(actor.officer)}},
                store.next_dot());
    scope.commit();
}

Ballot get_ballot(Store& store, const std::string& id) { return from_doc(require_record(store, id, "ballot")); }

std::vector<Ballot> list_ballots(Store& store, const BallotFilter& filter) {
    if (filter.unit) require_unit(store, *filter.unit);
    auto rows = RecordQuery("ballot")
                    .in_subtree(store, filter.unit)
                    .equals("$.forum", filter.forum)
                    .dated_between("$.date", filter.from_date, filter.to_date)
                    .without("$.voided", filter.include_voided)
                    .run(store, "$.date");
    std::vector<Ballot> out;
    for (const auto& row : rows) out.push_back(from_doc(row));
    return out;
}

}  // namespace langnghe
