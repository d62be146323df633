#pragma once
// Feedback as people read it: labels in the user's language, dates as they write them.
#include <vector>

#include "context.h"
#include "langnghe/feedback.h"

namespace langnghe::cli {

void print_feedback_table(const Context& ctx, const std::vector<Feedback>& items);
void print_feedback(const Context& ctx, const Feedback& f, const std::vector<StatusEvent>& history);
// One line per status change: when, who, from → to, and the note or reason.
void print_history(const Context& ctx, const std::vector<StatusEvent>& history);

}  // namespace langnghe::cli
