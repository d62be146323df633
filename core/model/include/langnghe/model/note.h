#pragma once
// Notes: append-only comments on a feedback item or an action. Never edited, never conflict.
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct Note {
    std::string id, target, text, author, at;
};

std::string add_note(Store& store, const Actor& actor, const std::string& target_id, const std::string& text);
std::vector<Note> list_notes(Store& store, const std::string& target_id);

}  // namespace langnghe
