#pragma once
// Binding helpers: options that fill std::optional fields of the core's input structs, so "not
// given" and "given empty" stay different (an update changes only the fields it is given).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "context.h"

namespace langnghe::cli {

inline CLI::Option* add_text_option(CLI::App* cmd, const std::string& name, std::optional<std::string>& target,
                                    const std::string& help) {
    return cmd->add_option_function<std::string>(
        name, [&target](const std::string& value) { target = value; }, help);
}

inline CLI::Option* add_list_option(CLI::App* cmd, const std::string& name, std::vector<std::string>& target,
                                    const std::string& help) {
    return cmd->add_option(name, target, help)->take_all()->allow_extra_args(false);
}

// The options that take a date accept dd/mm/yyyy and yyyy-mm-dd; this is their help suffix.
inline std::string date_hint(const Context& ctx) {
    return ctx.tr(" (dd/mm/yyyy hoặc yyyy-mm-dd)", " (dd/mm/yyyy or yyyy-mm-dd)");
}

}  // namespace langnghe::cli
