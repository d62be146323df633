#pragma once
// The `langnghe` command tree: global options, every command group, and the mapping of whatever
// goes wrong to a message in the user's language and an exit status (exit_status(), exit_status.h).
#include <CLI/CLI.hpp>

#include "context.h"

namespace langnghe::cli {

// Builds the whole command tree, with help texts in ctx.lang().
void build_app(CLI::App& app, Context& ctx);
// Parses and runs the selected command; never throws.
int run(CLI::App& app, Context& ctx, int argc, const char* const* argv);

}  // namespace langnghe::cli
