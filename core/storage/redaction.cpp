#include "langnghe/storage/redaction.h"

#include <algorithm>
#include <map>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/codec/document.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/queries.h"
#include "store_access.h"

namespace langnghe {

using storage_internal::Access;

namespace {
// field → the latest stamp a redaction of it was written at: values written at or before it are
// redacted.
using RedactedUpTo = std::map<std::string, Stamp>;

// When `field` of a record was written: its latest head's dot. The dot, not a stamp the record
// claims in a field, because receivers bound dots (record_check.h): a forged far-future claim would
// otherwise redact every later value.
Stamp written_at(const RecordState& record, const std::string& field) {
    Stamp out = 0;
    if (auto it = record.fields.find(field); it != record.fields.end())
        for (const auto& head : it->second.heads) out = std::max(out, head.dot.stamp);
    return out;
}

RedactedUpTo redactions_of(Store& store, const std::string& target) {
    RedactedUpTo out;
    for (const auto& row : find_by_target(store, "redaction", target)) {
        auto redaction = store.load(row.id);
        if (!redaction) continue;
        Stamp& up_to = out[DocumentReader(row.doc).text("field")];
        up_to = std::max(up_to, written_at(*redaction, "field"));
    }
    return out;
}

// Rewrites the heads of `field` that the test selects; true when one changed. (Their custody
// entries lose their nonce in erase_redacted_nonces, which follows every redaction.)
template <class Selects>
bool redact_heads(RecordState& record, const std::string& field, Selects selects) {
    auto it = record.fields.find(field);
    if (it == record.fields.end()) return false;
    bool changed = false;
    for (auto& head : it->second.heads)
        if (selects(head) && head.value != redacted_json()) {
            head.value = redacted_json();
            changed = true;
        }
    return changed;
}

bool any_redaction(Store& store) {
    auto& st = Access::cached(store, "SELECT 1 FROM records WHERE type = 'redaction' LIMIT 1");
    sql::ResetGuard reset(st);
    return st.step();
}
}  // namespace

// A redaction names its record; a revision names the record it revises; a feedback item may hold
// a value a redaction already covers (a concurrent edit arriving after it).
void collect_redaction_targets(const RecordState& record, std::set<std::string>& targets) {
    if (record.type == "feedback") {
        targets.insert(record.id);
        return;
    }
    if (record.type != "revision" && record.type != "redaction") return;
    auto target = record.fields.find("target");
    if (target == record.fields.end()) return;
    for (const auto& head : target->second.heads) targets.insert(json_string_content(head.value));
}

bool any_redaction_of(Store& store, const std::set<std::string>& targets) {
    if (targets.empty() || !any_redaction(store)) return false;
    return std::any_of(targets.begin(), targets.end(),
                       [&](const std::string& target) { return !find_by_target(store, "redaction", target).empty(); });
}

std::string_view redacted_text() { return "[redacted]"; }

const std::string& redacted_json() {
    static const std::string value = [] {
        std::string out;
        append_json_string(out, redacted_text());
        return out;
    }();
    return value;
}

std::size_t enforce_redactions(Store& store, const std::set<std::string>& targets) {
    if (targets.empty() || !any_redaction(store)) return 0;
    std::size_t rewritten = 0;
    for (const auto& target : targets) {
        RedactedUpTo redacted = redactions_of(store, target);
        if (redacted.empty()) continue;
        if (auto record = store.load(target)) {
            bool changed = false;
            for (const auto& [field, redacted_up_to] : redacted) {
                Stamp up_to = redacted_up_to;  // a lambda may not capture a structured binding (clang)
                changed |= redact_heads(*record, field, [&](const Head& h) { return h.dot.stamp <= up_to; });
            }
            if (changed) {
                store.replace(*record);
                ++rewritten;
            }
        }
        for (const auto& row : find_by_target(store, "revision", target)) {
            DocumentReader d(row.doc);
            auto it = redacted.find(d.text("field"));
            if (it == redacted.end()) continue;
            Stamp up_to = it->second;
            auto revision = store.load(row.id);
            if (!revision) continue;
            bool changed = redact_heads(*revision, "new", [&](const Head& h) { return h.dot.stamp <= up_to; });
            // No edit replaces a value written after it: such a claim is forged, and its old value
            // is treated as written by then.
            auto based_on = static_cast<Stamp>(d.integer("based_on"));
            bool old_written_by_then = based_on <= up_to || based_on > written_at(*revision, "new");
            changed |= redact_heads(*revision, "old", [&](const Head&) { return old_written_by_then; });
            if (changed) {
                store.replace(*revision);
                ++rewritten;
            }
        }
    }
    return rewritten;
}

std::size_t erase_redacted_nonces(Store& store, const std::vector<CustodyLink>* only) {
    if (!any_redaction(store)) return 0;
    // record → (field → redacted up to); a revision of a redacted field loses its nonce whole,
    // since its old and new values are both that field's.
    std::map<std::string, RedactedUpTo> redacted;
    std::set<std::string> revisions;
    auto st = Access::db(store).prepare(
        "SELECT DISTINCT json_extract(doc, '$.target') FROM records WHERE type = 'redaction'");
    while (st.step()) {
        std::string target = st.column_text(0);
        RedactedUpTo up_to = redactions_of(store, target);
        for (const auto& row : find_by_target(store, "revision", target))
            if (up_to.contains(DocumentReader(row.doc).text("field"))) revisions.insert(row.id);
        redacted[target] = std::move(up_to);
    }
    auto covered = [&](const CustodyEntry& e) {
        if (revisions.contains(e.record)) return true;
        auto it = redacted.find(e.record);
        if (it == redacted.end()) return false;
        for (const auto& field : e.fields)
            if (auto f = it->second.find(field); f != it->second.end() && e.stamp <= f->second) return true;
        return false;
    };
    return erase_custody_nonces(store, covered, only);
}

void compact_after_redaction(Store& store) {
    auto& db = Access::db(store);
    db.exec("INSERT INTO search_index(search_index) VALUES('optimize')");
    // TRUNCATE waits (busy timeout) for readers to finish, then empties the log file.
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace langnghe
