// langnghe-server: the station's sync server and its admin commands.
#include <iostream>

#include "admin.h"
#include "cli11_language.h"
#include "langnghe/base/exit_status.h"
#include "langnghe/base/lang.h"

int main(int argc, char** argv) {
    using namespace langnghe;
    server::AdminContext ctx;
    ctx.lang = detect_lang(argc, argv);
    CLI::App app(ctx.tr("langnghe-server — máy chủ đồng bộ của Công an xã, phường",
                        "langnghe-server — the station's sync server"),
                 "langnghe-server");
    cli_language::localise_root(app, ctx.lang);
    app.require_subcommand(1);
    app.fallthrough();
    // Every command takes one of --data and --db-url (open_station refuses both), except `migrate`,
    // which moves a station from the one to the other.
    app.add_option("--data", ctx.data_dir,
                   ctx.tr("Thư mục dữ liệu của máy chủ (kho SQLite nhúng)", "The server's data directory (the embedded SQLite store)"));
    app.add_option("--db-url", ctx.db_url,
                   ctx.tr("Cơ sở dữ liệu PostgreSQL của trạm, dùng chung cho nhiều máy chủ (postgresql://…)",
                          "The station's PostgreSQL database, shared by any number of servers (postgresql://…)"))
        ->envname("LANGNGHE_DB_URL");
    app.add_flag("--json", ctx.json, ctx.tr("In kết quả dạng JSON", "Print JSON"));
    std::string lang;
    app.add_option("--lang", lang,
                   ctx.tr("Ngôn ngữ: vi hoặc en (mặc định theo LANG)", "Language: vi or en (default from LANG)"))
        ->check(CLI::IsMember({"vi", "en"}));
    server::add_admin_commands(app, ctx);
    server::add_serve_commands(app, ctx);
    cli_language::localise_tree(app, ctx.lang);
    try {
        app.parse(argc, argv);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << ctx.tr("Lỗi (sai cú pháp lệnh): ", "Usage error: ") << cli_language::usage_message(e, ctx.lang) << '\n'
                  << ctx.tr("Xem: langnghe-server --help", "See: langnghe-server --help") << '\n';
        return exit_usage;
    } catch (const Error& e) {
        std::cerr << ctx.tr("Lỗi", "Error") << " (" << error_code_title(e.code(), ctx.lang) << "): " << e.message(ctx.lang)
                  << '\n';
        for (const auto& d : e.details()) std::cerr << "  " << d << '\n';
        return exit_status(e.code());
    } catch (const std::exception& e) {
        std::cerr << ctx.tr("Lỗi: ", "Error: ") << e.what() << '\n';
        return exit_status(ErrorCode::internal);
    }
}
