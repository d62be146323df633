#include "langnghe/model/redaction.h"

#include "langnghe/model/roles.h"

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/search.h"
#include "langnghe/model/vocab.h"
#include "langnghe/storage/redaction.h"

namespace langnghe {

void redact_feedback(Store& store, const Actor& actor, const std::string& id_or_code, const std::string& field,
                     const std::string& reason) {
    require_field_writer(actor);
    require_may(actor, Act::redact);
    require_code(redactable_fields(), field, "field");
    std::string why = clean_text(reason, "reason", max_short_text);
    {
        Store::Scope scope(store);
        Feedback f = get_feedback(store, id_or_code);
        Dot dot = store.next_dot();
        store.write(f.id, "feedback", f.unit, {{field, redacted_json()}}, dot);
        store.write(new_record_id("rd"), "redaction", f.unit,
                    {{"target", json_string(f.id)},
                     {"field", json_string(field)},
                     {"reason", json_string(why)},
                     {"by", json_string(actor.officer)},
                     {"at", json_string(iso_date_time_at(stamp_ms(dot.stamp)))},
                     {"stamp", json_int(static_cast<std::int64_t>(dot.stamp))}},
                    dot);
        enforce_redactions(store, {f.id});
        scope.commit();
    }
    scrub_redacted_values(store);
}

void scrub_redacted_values(Store& store) {
    {
        Store::Scope scope(store);
        erase_redacted_nonces(store);
        scope.commit();
    }
    refresh_built_search_index(store);
    compact_after_redaction(store);
}

}  // namespace langnghe
