#include "langnghe/model/note.h"

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/document.h"
#include "langnghe/storage/queries.h"

namespace langnghe {

std::string add_note(Store& store, const Actor& actor, const std::string& target_id, const std::string& text) {
    require_field_writer(actor);
    std::string clean = clean_text(text, "text", max_long_text);
    Store::Scope scope(store);
    auto target = find_record(store, target_id);
    if (!target || (target->type != "feedback" && target->type != "action"))
        throw Error(ErrorCode::not_found, "no feedback or action with id " + target_id, "target")
            .vi("không có ý kiến hoặc kế hoạch nào mã " + target_id);
    Dot dot = store.next_dot();
    std::string id = new_record_id("no");
    store.write(id, "note", target->unit,
                {{"target", json_string(target_id)},
                 {"text", json_string(clean)},
                 {"author", json_string(actor.officer)},
                 {"at", json_string(iso_date_time_at(stamp_ms(dot.stamp)))},
                 {"stamp", json_int(static_cast<std::int64_t>(dot.stamp))}},
                dot);
    scope.commit();
    return id;
}

std::vector<Note> list_notes(Store& store, const std::string& target_id) {
    std::vector<Note> out;
    for (const auto& row : find_by_target(store, "note", target_id)) {
        DocumentReader d(row.doc);
        out.push_back({row.id, d.text("target"), d.text("text"), d.text("author"), d.text("at")});
    }
    return out;
}

}  // namespace langnghe
