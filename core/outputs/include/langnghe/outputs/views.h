#pragma once
// JSON views of domain structs, for programs that read langnghe's output (`langnghe --json …`).
// Keys are the stored field names and values are codes, never labels, so the output is the same
// whatever the user's language. Callers build and extend views as ordered key/value lists and never
// need the JSON library themselves.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/commitment.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/history.h"
#include "langnghe/model/note.h"
#include "langnghe/model/units.h"

namespace langnghe {

// A stored JSON value, shown as the JSON it is.
struct RawJson {
    std::string text;
};
// Views nested in a view: one object, or an array of objects. They are built as views and printed
// once with the view holding them, never printed and read back.
struct NestedView;
struct NestedViews;
using ViewValue = std::variant<std::nullptr_t, std::string, std::int64_t, bool, std::vector<std::string>, RawJson,
                               NestedView, NestedViews>;
// An object's members, in the order they are printed.
using ViewObject = std::vector<std::pair<std::string, ViewValue>>;
struct NestedView {
    ViewObject object;
};
struct NestedViews {
    std::vector<ViewObject> objects;
};

// Indented JSON (2 spaces), UTF-8 unescaped. Throws invalid_input when a RawJson is not JSON.
std::string to_json(const ViewObject& object);
// A JSON array of JSON texts (for example, views made by to_json).
std::string to_json_array(const std::vector<std::string>& json_items);

// A stored JSON value as a person reads it: strings without quotes, anything else as JSON.
std::string display_value(const std::string& json_text);

ViewObject feedback_view(const Feedback& feedback);
ViewObject status_event_view(const StatusEvent& event);
ViewObject history_entry_view(const HistoryEntry& entry);
ViewObject unit_view(const Unit& unit);
ViewObject forum_view(const Forum& forum);
ViewObject action_view(const Action& action);
ViewObject ballot_view(const Ballot& ballot);
ViewObject note_view(const Note& note);
ViewObject commitment_view(const Commitment& commitment);
ViewObject conflict_view(const Conflict& conflict);
ViewObject unit_import_view(const UnitImportResult& result);

// A JSON array of views, indented as to_json indents one.
std::string to_json_array(const std::vector<ViewObject>& views);

// The views of `items`, to print as a JSON array or to nest in another view.
template <class T, class ViewFn>
NestedViews views_of(const std::vector<T>& items, ViewFn view) {
    NestedViews views;
    views.objects.reserve(items.size());
    for (const auto& item : items) views.objects.push_back(view(item));
    return views;
}

// A JSON array of the views of `items`.
template <class T, class ViewFn>
std::string to_json_array(const std::vector<T>& items, ViewFn view) {
    return to_json_array(views_of(items, view).objects);
}

}  // namespace langnghe
