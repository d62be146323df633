// `langnghe-server user add|list|disable|reset|audit`: the dashboard's accounts (docs/dashboard.md). The
// one-time password is printed once and stored only as its scrypt hash.
#include <iostream>

#include <nlohmann/json.hpp>

#include "accounts.h"
#include "admin.h"
#include "langnghe/base/dates.h"
#include "station.h"

namespace langnghe::server {

namespace {
void print_password(const AdminContext& ctx, const std::string& name, const std::string& password) {
    if (ctx.json) {
        std::cout << nlohmann::json{{"name", name}, {"one_time_password", password}, {"must_change", true}}.dump(2) << '\n';
        return;
    }
    std::cout << ctx.tr("Mật khẩu dùng một lần của ", "One-time password for ") << name << ": " << password << '\n'
              << ctx.tr("Người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên (/ui/). Mật khẩu này không được lưu, "
                        "chỉ hiện một lần.",
                        "The user must change it at first login (/ui/). It is not stored and is shown only this once.")
              << '\n';
}

std::string state_of(const ui::UiUser& u, std::int64_t now, const AdminContext& ctx) {
    if (u.disabled) return ctx.tr("đã khóa", "disabled");
    if (u.locked_until > now) return ctx.tr("tạm khóa đến ", "locked until ") + format_iso8601_ms(u.locked_until);
    if (u.must_change) return ctx.tr("chờ đổi mật khẩu", "must change password");
    return ctx.tr("hoạt động", "active");
}
}  // namespace

void add_user_commands(CLI::App& app, AdminContext& ctx) {
    CLI::App* user = app.add_subcommand("user", ctx.tr("Tài khoản bảng điều khiển web (/ui/)", "Web dashboard accounts (/ui/)"));
    user->require_subcommand(1);

    struct AddArgs {
        std::string name, unit, role;
    };
    auto args = std::make_shared<AddArgs>();
    CLI::App* add = user->add_subcommand("add", ctx.tr("Tạo tài khoản và in mật khẩu dùng một lần",
                                                       "Create an account and print its one-time password"));
    add->add_option("--name", args->name, ctx.tr("Tên đăng nhập", "Login name"))->required();
    add->add_option("--unit", args->unit, ctx.tr("Đơn vị: người dùng chỉ thấy đơn vị này và cấp dưới",
                                                  "Unit: the user sees only this unit and those below it"))
        ->required();
    add->add_option("--role", args->role, "supervisor | unit_head | admin")
        ->required()
        ->check(CLI::IsMember({"supervisor", "unit_head", "admin"}));
    add->callback([&ctx, args] {
        auto station = open_station(ctx);
        ui::Accounts accounts(*station);
        print_password(ctx, args->name, accounts.add(args->name, args->unit, args->role));
    });

    user->add_subcommand("list", ctx.tr("Liệt kê tài khoản", "List accounts"))->callback([&ctx] {
        auto station = open_station(ctx);
        ui::Accounts accounts(*station);
        std::int64_t now = station->now_ms();
        nlohmann::json out = nlohmann::json::array();
        for (const auto& u : accounts.list()) {
            std::string last = u.last_login ? format_iso8601_ms(u.last_login) : "-";
            if (ctx.json)
                out.push_back({{"name", u.name}, {"unit", u.unit}, {"role", u.role}, {"disabled", u.disabled},
                               {"must_change", u.must_change}, {"locked", u.locked_until > now},
                               {"last_login", u.last_login ? nlohmann::json(last) : nlohmann::json(nullptr)}});
            else
                std::cout << u.name << '\t' << u.unit << '\t' << u.role << '\t' << state_of(u, now, ctx) << '\t' << last << '\n';
        }
        if (ctx.json) std::cout << out.dump(2) << '\n';
    });

    auto name = std::make_shared<std::string>();
    CLI::App* disable = user->add_subcommand("disable", ctx.tr("Khóa tài khoản và kết thúc các phiên đăng nhập",
                                                               "Disable an account and end its sessions"));
    disable->add_option("NAME", *name, ctx.tr("Tên đăng nhập", "Login name"))->required();
    disable->callback([&ctx, name] {
        auto station = open_station(ctx);
        ui::Accounts(*station).disable(*name);
        std::cout << ctx.tr("Đã khóa tài khoản ", "Disabled ") << *name << '\n';
    });
    auto limit = std::make_shared<std::size_t>(100);
    CLI::App* log = user->add_subcommand("audit", ctx.tr("Nhật ký truy cập bảng điều khiển, mới nhất trước",
                                                         "The dashboard's audit log, newest first"));
    log->add_option("--limit", *limit, ctx.tr("Số dòng", "How many lines"))->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))->capture_default_str();
    log->callback([&ctx, limit] {
        auto station = open_station(ctx);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : ui::Accounts(*station).audit_log(*limit)) {
            if (ctx.json)
                out.push_back({{"at", format_iso8601_ms(e.at)}, {"user", e.user}, {"address", e.address}, {"act", e.act},
                               {"what", e.what}, {"rows", e.rows}});
            else
                std::cout << format_iso8601_ms(e.at) << '\t' << e.user << '\t' << e.address << '\t' << e.act << '\t' << e.what << '\n';
        }
        // Names typed at the login form are kept as typed: shown replaced where they are not UTF-8.
        if (ctx.json) std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    });

    CLI::App* reset = user->add_subcommand("reset", ctx.tr("Cấp mật khẩu dùng một lần mới, mở khóa và kết thúc các phiên",
                                                           "Issue a new one-time password, clear the lockout, end sessions"));
    reset->add_option("NAME", *name, ctx.tr("Tên đăng nhập", "Login name"))->required();
    reset->callback([&ctx, name] {
        auto station = open_station(ctx);
        print_password(ctx, *name, ui::Accounts(*station).reset(*name));
    });
}

}  // namespace langnghe::server
