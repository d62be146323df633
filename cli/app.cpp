#include "app.h"

#include <iostream>

#include "commands.h"
#include "langnghe/base/exit_status.h"

namespace langnghe::cli {

namespace {
void translate_formatter(CLI::App& app, const Context& ctx) {
    if (ctx.lang() != Lang::vi) return;
    auto f = app.get_formatter();
    // Labels inside the option column stay ASCII ("TEXT", "(*)" for required): CLI11 pads that column
    // by bytes, so accented words there would misalign the descriptions.
    for (auto [key, vi] : {std::pair{"Usage", "Cách dùng"},
                           {"OPTIONS", "TÙY CHỌN"},
                           {"SUBCOMMAND", "LỆNH"},
                           {"SUBCOMMANDS", "LỆNH"},
                           {"REQUIRED", "(*)"},
                           {"Positionals", "Tham số"},
                           {"Env", "Biến môi trường"},
                           {"Needs", "Cần"},
                           {"Excludes", "Loại trừ"}})
        f->label(key, vi);
}

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

// CLI11 words its messages in English; Vietnamese users are told first what kind of mistake it is.
std::string usage_message(const Context& ctx, const CLI::ParseError& e) {
    if (ctx.lang() != Lang::vi) return e.what();
    std::string kind = "lệnh chưa đúng";
    if (dynamic_cast<const CLI::RequiredError*>(&e))
        kind = "thiếu tùy chọn, tham số hoặc lệnh bắt buộc";
    else if (dynamic_cast<const CLI::ExtrasError*>(&e))
        kind = "có lệnh hoặc tùy chọn không hiểu được";
    else if (dynamic_cast<const CLI::ConversionError*>(&e))
        kind = "giá trị không đúng kiểu";
    else if (dynamic_cast<const CLI::ValidationError*>(&e))
        kind = "giá trị không hợp lệ";
    else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e))
        kind = "số giá trị của tùy chọn không đúng";
    return kind + " (" + e.what() + ")";
}

int report_usage(const Context& ctx, const CLI::App& app, const CLI::ParseError& e) {
    std::string title = ctx.tr("Sai cú pháp lệnh", "Usage error");
    std::string hint = ctx.tr("Xem hướng dẫn: ", "For help, run: ") + command_path(app) + " --help";
    if (ctx.json) {
        print_error_json("usage", title, usage_message(ctx, e), {}, {hint});
    } else {
        std::cerr << ctx.tr("Lỗi", "Error") << " (" << title << "): " << usage_message(ctx, e) << '\n' << hint << '\n';
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
    translate_formatter(app, ctx);
    app.option_defaults()->group(ctx.tr("Tùy chọn", "Options"));
    app.set_help_flag("-h,--help", ctx.tr("In hướng dẫn này rồi thoát", "Print this help and exit"));
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
