#include "langnghe/model/history.h"

#include <algorithm>
#include <optional>

#include "langnghe/base/dates.h"
#include "langnghe/codec/codec.h"
#include "langnghe/codec/document.h"
#include "langnghe/merge/merge.h"
#include "langnghe/storage/queries.h"

namespace langnghe {

namespace {
struct RevisedFields {
    std::string_view type;
    std::vector<std::string_view> fields;
};

const std::vector<RevisedFields>& revised_by_type() {
    static const std::vector<RevisedFields> all = {
        {"feedback", {"text", "answer", "referred_to", "resident_name", "resident_phone"}},
        {"action", {"description", "result"}},
        {"forum", {"summary"}},
        {"assessment", {"result", "evidence"}},
        {"commitment", {"households", "signed"}},
    };
    return all;
}

// The site whose write made an append-only record: every field of it carries the same dot.
std::string writer_site(Store& store, const std::string& id) {
    auto state = store.load(id);
    if (!state) return {};
    auto target = state->fields.find("target");
    if (target == state->fields.end() || target->second.heads.empty()) return {};
    return target->second.heads.front().dot.site;
}

// A revision keeps text: a string's content, any other value (a count) as its JSON text.
std::string revision_text(const std::string& value) {
    return !value.empty() && value.front() == '"' ? json_string_content(value) : value;
}

HistoryEntry::Kind status_kind(const std::string& to) {
    if (to == "deleted") return HistoryEntry::Kind::deleted;
    if (to == "restored") return HistoryEntry::Kind::restored;
    return HistoryEntry::Kind::status;
}
}  // namespace

bool is_revised_field(std::string_view type, std::string_view field) {
    for (const auto& entry : revised_by_type())
        if (entry.type == type) return std::find(entry.fields.begin(), entry.fields.end(), field) != entry.fields.end();
    return false;
}

void write_revised(Store& store, const Actor& actor, const StoredRecord& before,
                   const std::vector<std::pair<std::string, std::string>>& values, const Dot& dot) {
    std::optional<RecordState> state;
    for (const auto& [field, value] : values) {
        if (!is_revised_field(before.type, field)) continue;
        // A record written for the first time (an assessment, whose id is known before it exists)
        // has no value yet: its revision goes from empty.
        if (!state) state = store.load(before.id).value_or(RecordState{});
        std::string old_value;
        Stamp based_on = 0;  // when the replaced value was written: what a redaction judges it by
        if (auto it = state->fields.find(field); it != state->fields.end() && !it->second.heads.empty()) {
            const Head& shown = winner(it->second);
            old_value = revision_text(shown.value);
            based_on = shown.dot.stamp;
        }
        std::string new_value = revision_text(value);
        if (old_value == new_value) continue;
        store.write(new_record_id("rv"), "revision", before.unit,
                    {{"target", json_string(before.id)},
                     {"field", json_string(field)},
                     {"old", json_string(old_value)},
                     {"new", json_string(new_value)},
                     {"based_on", json_int(static_cast<std::int64_t>(based_on))},
                     {"by", json_string(actor.officer)},
                     {"at", json_string(iso_date_time_at(stamp_ms(dot.stamp)))},
                     {"stamp", json_int(static_cast<std::int64_t>(dot.stamp))}},
                    dot);
    }
    store.write(before.id, before.type, before.unit, values, dot);
}

std::string_view kind_code(HistoryEntry::Kind kind) {
    switch (kind) {
        case HistoryEntry::Kind::revision: return "revision";
        case HistoryEntry::Kind::status: return "status";
        case HistoryEntry::Kind::deleted: return "deleted";
        case HistoryEntry::Kind::restored: return "restored";
        case HistoryEntry::Kind::note: return "note";
        case HistoryEntry::Kind::redacted: return "redacted";
    }
    return "revision";
}

std::vector<HistoryEntry> record_history(Store& store, const std::string& target_id) {
    std::vector<HistoryEntry> out;
    auto add = [&](const StoredRecord& row, HistoryEntry::Kind kind, std::string field, std::string old_value,
                   std::string new_value, std::string note, std::string officer) {
        DocumentReader d(row.doc);
        HistoryEntry& e = out.emplace_back();
        e.kind = kind;
        e.field = std::move(field);
        e.old_value = std::move(old_value);
        e.new_value = std::move(new_value);
        e.note = std::move(note);
        e.officer = std::move(officer);
        e.device = writer_site(store, row.id);
        e.stamp = d.integer("stamp");
        e.at = iso_instant_at(stamp_ms(static_cast<Stamp>(e.stamp)));
        e.id = row.id;
    };
    for (const auto& row : find_by_target(store, "status_event", target_id)) {
        DocumentReader d(row.doc);
        std::string to = d.text("to");
        HistoryEntry::Kind kind = status_kind(to);
        if (kind == HistoryEntry::Kind::status) add(row, kind, "status", d.text("from"), to, d.text("note"), d.text("by"));
        else add(row, kind, {}, {}, {}, d.text("note"), d.text("by"));
        // A change dated when it happened (`--at`) keeps that date, not its write's time; an
        // undated one's `at` is its stamp's minute, shown to the second.
        if (std::string at = d.text("at"); at != iso_date_time_at(stamp_ms(static_cast<Stamp>(out.back().stamp))))
            out.back().at = at;
    }
    for (const auto& row : find_by_target(store, "revision", target_id)) {
        DocumentReader d(row.doc);
        add(row, HistoryEntry::Kind::revision, d.text("field"), d.text("old"), d.text("new"), {}, d.text("by"));
    }
    for (const auto& row : find_by_target(store, "redaction", target_id)) {
        DocumentReader d(row.doc);
        add(row, HistoryEntry::Kind::redacted, d.text("field"), {}, {}, d.text("reason"), d.text("by"));
    }
    for (const auto& row : find_by_target(store, "note", target_id)) {
        DocumentReader d(row.doc);
        add(row, HistoryEntry::Kind::note, {}, {}, {}, d.text("text"), d.text("author"));
    }
    // One change (an answer: its status and its text) shares one stamp; its status comes first.
    std::stable_sort(out.begin(), out.end(), [](const HistoryEntry& a, const HistoryEntry& b) {
        if (a.stamp != b.stamp) return a.stamp < b.stamp;
        if (a.kind != b.kind) return a.kind > b.kind;
        return a.id < b.id;
    });
    return out;
}

std::size_t revision_count(Store& store, const std::string& target_id) {
    return find_by_target(store, "revision", target_id).size();
}

}  // namespace langnghe
