#pragma once
// CLI11 writes its own words (the help's labels and headings, the help flag, parse errors) in
// English. Both command lines, langnghe and langnghe-server, put them in the user's language here.
#include <CLI/CLI.hpp>

#include <string>

#include "langnghe/base/lang.h"

namespace langnghe::cli_language {

// The formatter's labels ("Usage", "OPTIONS", "Env", …) and the help flag of `app`; call before
// any subcommand is added, so subcommands inherit them.
void localise_root(CLI::App& app, Lang lang);

// Every command below `app`, already built: its group heading, its options' group, its help flag
// and a footer explaining the required mark. English leaves CLI11's words as they are.
void localise_tree(CLI::App& app, Lang lang);

// A parse error as the user reads it: in Vietnamese, what kind of mistake it is first, then
// CLI11's own detail (which names the option or value at fault).
std::string usage_message(const CLI::ParseError& e, Lang lang);

}  // namespace langnghe::cli_language
