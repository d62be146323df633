#pragma once
// Feedback as people read it: labels in the user's language, dates as they write them.
#include <vector>

#include "context.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/vocab.h"

namespace langnghe::cli {

void print_feedback_table(Context& ctx, const std::vector<Feedback>& items);
// `unit_name` is shown next to the unit code when known; `revisions`: how many changes of what the
// resident said or the police answered are kept (`feedback history`).
void print_feedback(const Context& ctx, const Feedback& f, const std::string& unit_name,
                    const std::vector<StatusEvent>& history, std::size_t revisions);
// One line per status change: when, who, from → to (labels of `statuses`), and the note or reason.
void print_history(const Context& ctx, const std::vector<StatusEvent>& history, std::span<const Label> statuses);

}  // namespace langnghe::cli
