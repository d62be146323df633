#pragma once
// One registration function per command group; each adds its subcommands to the app, with help
// texts in the user's language and callbacks that call the core.
#include <CLI/CLI.hpp>

#include "context.h"
#include "langnghe/outputs/views.h"
#include "langnghe/storage/set_aside.h"

namespace langnghe::cli {

void add_init_commands(CLI::App& app, Context& ctx);
void add_unit_commands(CLI::App& app, Context& ctx);
void add_feedback_commands(CLI::App& app, Context& ctx);
void add_feedback_status_commands(CLI::App& feedback, Context& ctx);
void add_changes_commands(CLI::App& app, Context& ctx);
void add_dump_commands(CLI::App& app, Context& ctx);
void add_status_commands(CLI::App& app, Context& ctx);
void add_forum_commands(CLI::App& app, Context& ctx);
void add_action_commands(CLI::App& app, Context& ctx);
void add_ballot_commands(CLI::App& app, Context& ctx);
void add_commitment_commands(CLI::App& app, Context& ctx);
void add_note_commands(CLI::App& app, Context& ctx);
void add_search_commands(CLI::App& app, Context& ctx);
void add_conflicts_commands(CLI::App& app, Context& ctx);
void add_sync_commands(CLI::App& app, Context& ctx);
void add_report_commands(CLI::App& app, Context& ctx);
void add_sample_commands(CLI::App& app, Context& ctx);
void add_verify_commands(CLI::App& app, Context& ctx);
void add_criteria_commands(CLI::App& app, Context& ctx);
// `feedback history` and `action history`, registered by their groups.
void add_feedback_history_command(CLI::App& feedback, Context& ctx);
void add_feedback_redact_command(CLI::App& feedback, Context& ctx);
void add_action_history_command(CLI::App& action, Context& ctx);
// `forum report` and `forum summary`, registered by the forum group.
void add_forum_report_command(CLI::App& forum, Context& ctx);
void add_forum_summary_command(CLI::App& forum, Context& ctx);

// Records set aside by the station's refusals (`status`, `sync`): as JSON [{id, code, reason,
// what_to_do}], and as lines for people.
NestedViews set_aside_json(Context& ctx, const std::vector<SetAside>& records);
void print_set_aside(Context& ctx, const std::vector<SetAside>& records);
// The clock warning `sync` and `status` print when the device's clock is off by more than the
// tolerance; empty when it is not.
std::string clock_warning(Context& ctx, std::int64_t offset_ms);

// A command group: a subcommand that needs one of its own subcommands.
CLI::App* add_group(CLI::App& parent, Context& ctx, const std::string& name, std::string_view help_vi,
                    std::string_view help_en);
// A subcommand of a group.
CLI::App* add_command(CLI::App& parent, Context& ctx, const std::string& name, std::string_view help_vi,
                      std::string_view help_en);

}  // namespace langnghe::cli
