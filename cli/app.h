#pragma once
// The `langnghe` command tree: global options, every command group, and the mapping of whatever
// goes wrong to an exit code and a message in the user's language.
#include <CLI/CLI.hpp>

#include "context.h"

namespace langnghe::cli {

enum ExitCode : int { exit_ok = 0, exit_runtime = 1, exit_usage = 2 };

// Builds the whole command tree, with help texts in ctx.lang().
void build_app(CLI::App& app, Context& ctx);
// Parses and runs the selected command; never throws.
int run(CLI::App& app, Context& ctx, int argc, const char* const* argv);

}  // namespace langnghe::cli
