#include "app.h"

#include <iostream>

#include "cli11_language.h"
#include "commands.h"
#include "langnghe/base/exit_status.h"

namespace langnghe::cli {

namespace {
// The command the user was typing when the parse failed ("langnghe feedback add").
std::string command_path(const CLI::App& app) {
    std::string path = "langnghe";
    const CLI::App* current = &app;
    for (;;) {
        auto selected = current->get_subcommands();
        if (selected.empty()) break;
        current = selected.front();
        path += " " + current->get_name();
    }
    return path;
}

void print_error_json(std::string_view code, std::string_view title, const std::string& message,
                      const std::string& field, const std::vector<std::string>& details) {
    ViewObject body{{"error", std::string(code)}, {"title", std::string(title)}, {"message", message}};
    if (!field.empty()) body.emplace_back("field", field);
    if (!details.empty()) body.emplace_back("details", details);
    std::cerr << to_json(body) << '\n';
}

int report(const Context& ctx, const Error& e) {
    auto title = error_code_title(e.code(), ctx.lang());
    std::string message = e.message(ctx.lang());
    if (ctx.json) {
        print_error_json(error_code_name(e.code()), title, message, e.field(), e.details());
    } else {
        std::cerr << ctx.tr("Lỗi", "Error") << " (" << title << "): " << message << '\n';
        for (const auto& d : e.details()) std::cerr << "  " << d << '\n';
    }
    return exit_status(e.code());
}

int report_usage(const Context& ctx, const CLI::App& app, const CLI::ParseError& e) {
    std::string title = ctx.tr("Sai cú pháp lệnh", "Usage error");
    std::string hint = ctx.tr("Xem hướng dẫn: ", "For help, run: ") + command_path(app) + " --help";
    if (ctx.json) {
        print_error_json("usage", title, cli_language::usage_message(e, ctx.lang()), {}, {hint});
    } else {
        std::cerr << ctx.tr("Lỗi", "Error") << " (" << title << "): " << cli_language::usage_message(e, ctx.lang()) << '\n' << hint << '\n';
    }
    return exit_usage;
}
}  // namespace

CLI::App* add_group(CLI::App& parent, Context& ctx, const std::string& name, std::string_view help_vi,
                    std::string_view help_en) {
    CLI::App* group = add_command(parent, ctx, name, help_vi, help_en);
    group->require_subcommand(1);
    return group;
}

CLI::App* add_command(CLI::App& parent, Context& ctx, const std::string& name, std::string_view help_vi,
                      std::string_view help_en) {
    CLI::App* sub = parent.add_subcommand(name, ctx.tr(help_vi, help_en));
    sub->group(ctx.tr("Lệnh", "Commands"));
    // The inherited help flag keeps the group it was made in; put it with the other options.
    if (CLI::Option* help = sub->get_help_ptr()) help->group(ctx.tr("Tùy chọn", "Options"));
    if (ctx.lang() == Lang::vi) sub->footer("(*) bắt buộc");
    return sub;
}

void build_app(CLI::App& app, Context& ctx) {
    app.name("langnghe");
    app.description(ctx.tr("langnghe — sổ ghi ý kiến nhân dân của Công an, làm việc không cần mạng.",
                           "langnghe — the police's offline record of what residents say."));
    cli_language::localise_root(app, ctx.lang());
    app.option_defaults()->group(ctx.tr("Tùy chọn", "Options"));
    // Global options may follow the command: `langnghe feedback list --json`.
    app.fallthrough();
    app.require_subcommand(1);

    ctx.db_path = default_db_path();
    app.add_option("--db", ctx.db_path,
                   ctx.tr("Tệp cơ sở dữ liệu của thiết bị (biến môi trường LANGNGHE_DB)",
                          "The device database file (env LANGNGHE_DB)"))
        ->capture_default_str();
    app.add_flag("--json", ctx.json, ctx.tr("In kết quả dạng JSON", "Print machine-readable JSON"));
    app.add_option("--lang", ctx.lang_code,
                   ctx.tr("Ngôn ngữ: vi hoặc en (mặc định theo LANG)", "Language: vi or en (default from LANG)"))
        ->check(CLI::IsMember({"vi", "en"}))
        ->each([&ctx](const std::string& code) { ctx.set_lang(code == "vi" ? Lang::vi : Lang::en); });

    add_init_commands(app, ctx);
    add_unit_commands(app, ctx);
    add_forum_commands(app, ctx);
    add_feedback_commands(app, ctx);
    add_action_commands(app, ctx);
    add_ballot_commands(app, ctx);
    add_commitment_commands(app, ctx);
    add_note_commands(app, ctx);
    add_search_commands(app, ctx);
    add_conflicts_commands(app, ctx);
    add_changes_commands(app, ctx);
    add_sync_commands(app, ctx);
    add_report_commands(app, ctx);
    add_criteria_commands(app, ctx);
    add_sample_commands(app, ctx);
    add_dump_commands(app, ctx);
    add_status_commands(app, ctx);
    add_verify_commands(app, ctx);
}

int run(CLI::App& app, Context& ctx, int argc, const char* const* argv) {
    try {
        app.parse(argc, argv);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help
        return report_usage(ctx, app, e);
    } catch (const Error& e) {
        return report(ctx, e);
    } catch (const std::exception& e) {
        return report(ctx, Error(ErrorCode::internal, e.what()));
    }
}

}  // namespace langnghe::cli
