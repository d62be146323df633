// `langnghe-server init | verify | unit import|list | enroll-code issue | device list|revoke|rotate|grant|move`
// (and `changes import|export`, changes_cmd.cpp).
// They open the data directory like the running server does (SQLite WAL lets both work at once),
// or the PostgreSQL database every server of the station shares.
#include "admin.h"

#include <iostream>

#include <nlohmann/json.hpp>

#include "langnghe/base/dates.h"
#include "langnghe/base/files.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/sync/enrollment_card.h"
#include "pg_connection.h"
#include "qr_svg.h"
#include "station.h"

namespace langnghe::server {

namespace {
using nlohmann::json;

// A stored label for a terminal: control characters (from before labels were checked) become "?",
// so an escape sequence in a label cannot rewrite the admin's screen.
std::string printable(const std::string& label) {
    std::string out;
    for (char c : label) {
        auto byte = static_cast<unsigned char>(c);
        out.push_back(byte < 0x20 || byte == 0x7F ? '?' : c);
    }
    return out;
}

// The code, and the card a device with no network enrolls by (docs/custody.md), as text and, with
// `qr_path`, as a QR code in an SVG file.
void print_code(const AdminContext& ctx, Station& station, const IssuedCode& c, const std::string& server_url,
                const std::string& qr_path) {
    auto key = station.data().station_key();
    std::string uri = card_uri({c.code, c.unit, c.role, key.site, key.public_key, server_url});
    if (!qr_path.empty())
        write_file_durably(qr_path, qr_svg(uri, ctx.tr("Thẻ ghi danh thiết bị, đơn vị ", "Device enrollment card, unit ") + c.unit));
    if (ctx.json) {
        std::cout << json{{"code", c.code}, {"unit", c.unit}, {"role", c.role}, {"device_id", c.device_id},
                          {"expires_at", format_iso8601_ms(c.expires_at)}, {"uri", uri}}
                         .dump(2)
                  << '\n';
        return;
    }
    std::cout << c.code << '\n'
              << ctx.tr("Đơn vị: ", "Unit: ") << c.unit << "  " << ctx.tr("Vai trò: ", "Role: ") << c.role << '\n'
              << ctx.tr("Hết hạn: ", "Expires: ") << format_iso8601_ms(c.expires_at) << '\n'
              << ctx.tr("Thẻ ghi danh (URI): ", "Enrollment card (URI): ") << uri << '\n';
    if (!qr_path.empty()) std::cout << ctx.tr("Mã QR: ", "QR code: ") << qr_path << '\n';
}

CLI::App* sub(CLI::App& parent, const AdminContext& ctx, const std::string& name, std::string_view vi, std::string_view en) {
    return parent.add_subcommand(name, ctx.tr(vi, en));
}
}  // namespace

std::int64_t parse_duration_ms(const std::string& text, const std::string& field) {
    std::size_t used = 0;
    long long n = 0;
    try {
        n = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    std::string unit = text.substr(used);
    std::int64_t scale = unit == "s" ? 1000 : unit == "m" ? 60000 : unit == "h" ? 3600000 : unit == "d" ? 86400000 : 0;
    if (used == 0 || n <= 0 || scale == 0 || n > 3650LL * 86400000 / scale)
        throw_invalid(field, field + ": '" + text + "' is not a duration like 30m, 12h or 7d",
                      field + ": '" + text + "' không phải khoảng thời gian dạng 30m, 12h hoặc 7d");
    return n * scale;
}

namespace {
void require_one_location(const AdminContext& ctx) {
    if (ctx.data_dir.empty() == ctx.db_url.empty())
        throw_invalid("data", "give either --data DIR (the embedded store) or --db-url URL (PostgreSQL, or LANGNGHE_DB_URL)",
                      "cần --data THƯ_MỤC (kho nhúng) hoặc --db-url URL (PostgreSQL, hoặc LANGNGHE_DB_URL), một trong hai");
}
}  // namespace

std::unique_ptr<Station> open_station(const AdminContext& ctx) {
    require_one_location(ctx);
    return ctx.db_url.empty() ? Station::open(ctx.data_dir) : Station::open_database(ctx.db_url);
}

std::string station_location(const AdminContext& ctx) {
    return ctx.db_url.empty() ? ctx.data_dir : pg::redacted_url(ctx.db_url);
}

void add_admin_commands(CLI::App& app, AdminContext& ctx) {
    sub(app, ctx, "init", "Tạo thư mục dữ liệu của máy chủ", "Create the server's data directory")->callback([&ctx] {
        require_one_location(ctx);
        if (ctx.db_url.empty()) Station::init(ctx.data_dir);
        else Station::init_database(ctx.db_url);
        std::cout << ctx.tr("Đã tạo dữ liệu máy chủ tại ", "Server data created in ") << station_location(ctx) << '\n';
    });

    sub(app, ctx, "dump", "In toàn bộ dữ liệu dạng JSON chuẩn (để so sánh)", "Print every record as canonical JSON (to compare)")
        ->callback([&ctx] { std::cout << open_station(ctx)->data().canonical_dump(); });

    sub(app, ctx, "verify", "Kiểm tra lại toàn bộ chuỗi lưu vết và dữ liệu (ngoại tuyến)",
        "Re-check every custody chain and every stored value against it (offline)")
        ->callback([&ctx] {
            auto report = open_station(ctx)->verify();
            if (report.fault)
                throw Error(ErrorCode::storage, "custody check failed: " + *report.fault)
                    .vi("kiểm tra chuỗi lưu vết không đạt: " + *report.fault);
            if (ctx.json) {
                std::cout << json{{"ok", true}, {"chains", report.chains}, {"links", report.links},
                                  {"entries", report.entries}, {"values", report.values}}
                                 .dump(2)
                          << '\n';
                return;
            }
            std::cout << ctx.tr("Chuỗi lưu vết nguyên vẹn: ", "Custody intact: ") << report.chains
                      << ctx.tr(" chuỗi, ", " chains, ") << report.links << ctx.tr(" mắt xích, ", " links, ")
                      << report.entries << ctx.tr(" mục, ", " entries, ") << report.values
                      << ctx.tr(" giá trị đã đối chiếu", " values checked") << '\n';
        });

    CLI::App* unit = sub(app, ctx, "unit", "Đơn vị hành chính", "Administrative units");
    unit->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    CLI::App* import = sub(*unit, ctx, "import", "Nhập danh sách đơn vị (CSV hoặc JSON)", "Import units (CSV or JSON)");
    import->add_option("FILE", *file, ctx.tr("Tệp đơn vị", "Units file"))->required();
    auto options = std::make_shared<UnitImportOptions>();
    import->add_option("--namespace", options->code_namespace,
                       ctx.tr("Tiền tố cho mọi mã của tệp (ví dụ 2019: 00004 thành 2019.00004), để hai danh sách có mã trùng nhau cùng tồn tại",
                              "Prefix for every code of the file (e.g. 2019: 00004 becomes 2019.00004), so two lists whose codes collide can coexist"));
    import->add_flag("--rename", options->allow_renames,
                     ctx.tr("Cho phép đổi tên hoặc đổi cấp trên của đơn vị đang có hồ sơ",
                            "Allow renaming or moving units that hold records"));
    import->callback([&ctx, file, options] {
        auto station = open_station(ctx);
        auto r = station->data().import_units(Actor{"station"}, read_file(*file), *options);
        if (ctx.json) {
            std::cout << json{{"added", r.added}, {"updated", r.updated}, {"unchanged", r.unchanged}}.dump(2) << '\n';
            return;
        }
        std::cout << ctx.tr("Thêm mới: ", "Added: ") << r.added << "  " << ctx.tr("Cập nhật: ", "Updated: ") << r.updated
                  << "  " << ctx.tr("Không đổi: ", "Unchanged: ") << r.unchanged << '\n';
    });
    auto under = std::make_shared<std::string>();
    CLI::App* list = sub(*unit, ctx, "list", "Liệt kê đơn vị", "List units");
    list->add_option("--under", *under, ctx.tr("Chỉ đơn vị này và cấp dưới", "Only this unit and those below it"));
    list->callback([&ctx, under] {
        auto station = open_station(ctx);
        auto units = station->data().list_units(under->empty() ? std::nullopt : std::optional<std::string>(*under));
        json out = json::array();
        for (const auto& u : units) {
            if (ctx.json)
                out.push_back({{"code", u.code}, {"name", u.name}, {"kind", u.kind}, {"parent", u.parent}});
            else
                std::cout << u.code << '\t' << u.name << '\t' << u.kind << '\t' << u.parent << '\n';
        }
        if (ctx.json) std::cout << out.dump(2) << '\n';
    });

    CLI::App* codes = sub(app, ctx, "enroll-code", "Mã ghi danh thiết bị (dùng một lần)", "One-time device enrollment codes");
    codes->require_subcommand(1);
    struct IssueArgs {
        std::string unit, role = "officer", expires = "7d", server, qr;
    };
    auto issue_args = std::make_shared<IssueArgs>();
    CLI::App* issue = sub(*codes, ctx, "issue", "Cấp mã ghi danh cho một thiết bị", "Issue an enrollment code");
    issue->add_option("--unit", issue_args->unit, ctx.tr("Đơn vị của thiết bị", "The device's unit"))->required();
    issue->add_option("--role", issue_args->role, "officer | unit_head | supervisor")
        ->check(CLI::IsMember({"officer", "unit_head", "supervisor"}))
        ->capture_default_str();
    issue->add_option("--expires", issue_args->expires, ctx.tr("Hiệu lực (30m, 12h, 7d)", "Valid for (30m, 12h, 7d)"))
        ->capture_default_str();
    issue->add_option("--server", issue_args->server, ctx.tr("Địa chỉ máy chủ ghi vào thẻ", "Server URL to put on the card"));
    issue->add_option("--qr", issue_args->qr,
                      ctx.tr("Ghi thẻ ghi danh thành mã QR (SVG) vào tệp này", "Write the enrollment card as a QR code (SVG) to this file"));
    issue->callback([&ctx, issue_args] {
        auto station = open_station(ctx);
        auto valid = parse_duration_ms(issue_args->expires, "expires");
        print_code(ctx, *station, station->issue_code(issue_args->unit, issue_args->role, valid), issue_args->server,
                   issue_args->qr);
    });

    CLI::App* devices = sub(app, ctx, "device", "Thiết bị đã ghi danh", "Enrolled devices");
    devices->require_subcommand(1);
    sub(*devices, ctx, "list", "Liệt kê thiết bị", "List devices")->callback([&ctx] {
        auto station = open_station(ctx);
        json out = json::array();
        for (const auto& d : station->devices()) {
            std::string seen = d.last_seen ? format_iso8601_ms(d.last_seen) : "-";
            if (ctx.json)
                out.push_back({{"id", d.id}, {"site", d.site}, {"label", d.label}, {"unit", d.unit}, {"role", d.role},
                               {"status", d.status}, {"enrolled_at", format_iso8601_ms(d.enrolled_at)},
                               {"last_seen", d.last_seen ? json(seen) : json(nullptr)}, {"public_key", d.public_key},
                               {"writes_granted", d.writes_granted}, {"client", d.client}, {"refused_last", d.refused_last}});
            else
                std::cout << d.id << '\t' << label_of(device_states(), d.status, ctx.lang) << '\t' << d.unit << '\t'
                          << label_of(device_roles(), d.role, ctx.lang) << '\t' << printable(d.label) << '\t'
                          << (d.last_seen ? format_date(iso_date_time_at(d.last_seen), ctx.lang) : "-") << '\t'
                          << (d.client.empty() ? "-" : printable(d.client)) << '\t'
                          << ctx.tr("bị từ chối: ", "refused: ") << d.refused_last << '\n';
        }
        // Labels stored before they were checked may hold broken UTF-8: shown replaced, never a failure.
        if (ctx.json) std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    });
    auto id = std::make_shared<std::string>();
    CLI::App* revoke = sub(*devices, ctx, "revoke", "Thu hồi quyền đồng bộ của thiết bị", "Revoke a device");
    revoke->add_option("ID", *id, ctx.tr("Mã thiết bị", "Device id"))->required();
    revoke->callback([&ctx, id] {
        open_station(ctx)->revoke(*id);
        std::cout << ctx.tr("Đã thu hồi ", "Revoked ") << *id << '\n';
    });
    auto rotate_expires = std::make_shared<std::string>("7d");
    auto rotate_role = std::make_shared<std::string>();
    CLI::App* rotate = sub(*devices, ctx, "rotate", "Đổi mã truy cập: thu hồi mã cũ, cấp mã ghi danh lại",
                           "Rotate the token: revoke it and issue a code that re-enrolls the device");
    rotate->add_option("ID", *id, ctx.tr("Mã thiết bị", "Device id"))->required();
    rotate->add_option("--expires", *rotate_expires, ctx.tr("Hiệu lực của mã", "Code valid for"))->capture_default_str();
    rotate->add_option("--role", *rotate_role,
                       ctx.tr("Vai trò mới khi ghi danh lại (mặc định: giữ nguyên)", "The role it re-enrolls in (default: unchanged)"))
        ->check(CLI::IsMember({"officer", "unit_head", "supervisor"}));
    rotate->callback([&ctx, id, rotate_expires, rotate_role] {
        auto station = open_station(ctx);
        print_code(ctx, *station, station->rotate(*id, parse_duration_ms(*rotate_expires, "expires"), *rotate_role), {}, {});
    });
    auto take_back = std::make_shared<bool>(false);
    CLI::App* grant = sub(*devices, ctx, "grant", "Cho thiết bị của cán bộ giám sát ghi hồ sơ địa bàn như cán bộ khu vực",
                          "Let a supervisor's device write field records as an officer does");
    grant->add_option("ID", *id, ctx.tr("Mã thiết bị", "Device id"))->required();
    grant->add_flag("--revoke", *take_back, ctx.tr("Thu hồi quyền ghi đã cấp", "Take the grant back"));
    grant->callback([&ctx, id, take_back] {
        open_station(ctx)->grant_writes(*id, !*take_back);
        std::cout << (*take_back ? ctx.tr("Đã thu hồi quyền ghi của ", "Writes taken back from ")
                                 : ctx.tr("Đã cấp quyền ghi cho ", "Writes granted to "))
                  << *id << '\n';
    });
    auto move_unit = std::make_shared<std::string>();
    CLI::App* move = sub(*devices, ctx, "move", "Chuyển thiết bị sang đơn vị khác", "Move a device to another unit");
    move->add_option("ID", *id, ctx.tr("Mã thiết bị", "Device id"))->required();
    move->add_option("--unit", *move_unit, ctx.tr("Đơn vị mới", "The new unit"))->required();
    move->callback([&ctx, id, move_unit] {
        open_station(ctx)->move(*id, *move_unit);
        std::cout << ctx.tr("Đã chuyển ", "Moved ") << *id << " → " << *move_unit << '\n';
    });
    add_change_file_commands(app, ctx);
    add_migrate_command(app, ctx);
    add_user_commands(app, ctx);
}

}  // namespace langnghe::server
