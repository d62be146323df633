// `langnghe enroll` and `langnghe sync`: joining a station and exchanging changes with it.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "commands.h"
#include "langnghe/sync/sync_client.h"

namespace langnghe::cli {

namespace {
std::string kib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
    return text;
}

// The card a device with no network enrolls by: scanned from the QR code (--card) or typed from
// paper (--offline with the code, unit, role and station key).
EnrollmentCard card_of(const std::string& card, const std::string& code, const std::string& unit, const std::string& role,
                       const std::string& station_key) {
    if (!card.empty()) return parse_card_uri(card);
    auto colon = station_key.find(':');
    if (colon == std::string::npos)
        throw_invalid("station-key", "--station-key: must be SITE:KEY as the card prints it",
                      "--station-key: phải có dạng SITE:KHÓA như in trên thẻ");
    return parse_card_uri(card_uri({code, unit, role, station_key.substr(0, colon), station_key.substr(colon + 1), {}}));
}

void add_enroll(CLI::App& app, Context& ctx) {
    struct Args {
        std::string server, code, cacert, card, unit, role, station_key;
        bool offline = false, no_pull = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(app, ctx, "enroll", "Ghi danh thiết bị với trạm bằng mã dùng một lần (qua mạng hoặc bằng thẻ)",
                                "Enroll this device with the station using a one-time code (over the network or by card)");
    cmd->add_option("--server", args->server, ctx.tr("Địa chỉ máy chủ, ví dụ http://10.0.0.5:8470",
                                                     "Server URL, e.g. http://10.0.0.5:8470"));
    cmd->add_option("--code", args->code, ctx.tr("Mã ghi danh do trạm cấp", "The enrollment code from the station"));
    cmd->add_option("--cacert", args->cacert, ctx.tr("Chứng chỉ CA của trạm (https)", "The station's CA certificate (https)"))
        ->check(CLI::ExistingFile);
    cmd->add_option("--card", args->card,
                    ctx.tr("Thẻ ghi danh (langnghe://enroll?…, từ mã QR)", "The enrollment card (langnghe://enroll?…, from its QR code)"));
    cmd->add_flag("--offline", args->offline,
                  ctx.tr("Ghi danh không cần mạng: trạm nhận khóa của thiết bị từ tệp thay đổi đầu tiên",
                         "Enroll with no network: the station registers this device's key from its first change file"));
    cmd->add_option("--unit", args->unit, ctx.tr("Đơn vị in trên thẻ (với --offline)", "The unit on the card (with --offline)"));
    cmd->add_option("--role", args->role, ctx.tr("Vai trò in trên thẻ (với --offline)", "The role on the card (with --offline)"));
    cmd->add_option("--station-key", args->station_key,
                    ctx.tr("Khóa của trạm in trên thẻ, SITE:KHÓA (với --offline)", "The station's key on the card, SITE:KEY (with --offline)"));
    cmd->add_flag("--no-pull", args->no_pull,
                  ctx.tr("Không nhận dữ liệu của phạm vi ngay sau khi ghi danh", "Do not pull the scope's data right after enrolling"));
    cmd->callback([&ctx, args] {
        std::optional<EnrollmentCard> card;
        if (!args->card.empty() || args->offline) card = card_of(args->card, args->code, args->unit, args->role, args->station_key);
        std::string server = args->server.empty() && card && !args->offline ? card->server : args->server;
        std::string code = card ? card->code : args->code;
        if (card && (args->offline || server.empty())) {
            enroll_by_card(ctx.store(), *card, ctx.actor().officer);
            if (ctx.json) return ctx.print_json({{"by_file", true}, {"unit", card->unit}, {"role", card->role}, {"station", card->station_site}});
            ctx.print_line(ctx.tr("Đã ghi danh bằng thẻ: đơn vị ", "Enrolled by card: unit ") + card->unit + ", " +
                           ctx.tr("vai trò ", "role ") + card->role + ". " +
                           ctx.tr("Trạm ghi nhận thiết bị khi nhận tệp thay đổi đầu tiên của nó (langnghe changes export).",
                                  "The station registers this device when its first change file arrives (langnghe changes export)."));
            return;
        }
        if (server.empty() || code.empty())
            throw_invalid("server", "enroll: give --server and --code, a --card, or --offline with the card's details",
                          "enroll: hãy cho --server và --code, một --card, hoặc --offline với thông tin trên thẻ");
        Enrollment e = enroll_device(ctx.store(), server, code, args->cacert, ctx.actor().officer);
        if (!ctx.json)
            ctx.print_line(ctx.tr("Đã ghi danh: thiết bị ", "Enrolled: device ") + e.device_id + ", " +
                           ctx.tr("đơn vị ", "unit ") + e.unit + ", " + ctx.tr("vai trò ", "role ") + e.role);
        // An officer who enrolls at the station and goes straight to the field must find the
        // units (and records) of the scope on the device: nothing can be recorded without them.
        // A failed first pull leaves the enrollment standing; the error says to sync.
        SyncSummary first;
        if (!args->no_pull) {
            try {
                first = sync_device(ctx.store(), SyncOptions{});
            } catch (const Error& error) {
                throw Error(error.code(),
                            "enrolled, but the first sync failed (run `langnghe sync` with a network): " + error.message(Lang::en),
                            error.field(), error.details())
                    .vi("đã ghi danh, nhưng lần đồng bộ đầu tiên thất bại (hãy chạy `langnghe sync` khi có mạng): " +
                        error.message(Lang::vi));
            }
        }
        if (ctx.json)
            return ctx.print_json({{"server", e.server}, {"device_id", e.device_id}, {"unit", e.unit}, {"role", e.role},
                                   {"pulled", static_cast<std::int64_t>(first.pulled)}});
        if (!args->no_pull)
            ctx.print_line(ctx.tr("Đã nhận ", "Pulled ") + std::to_string(first.pulled) +
                           ctx.tr(" bản ghi của phạm vi (đơn vị và hồ sơ); thiết bị sẵn sàng ghi ngoài hiện trường",
                                  " records of the scope (units and records); the device is ready for the field"));
    });
}

void add_sync(CLI::App& app, Context& ctx) {
    CLI::App* cmd = add_command(app, ctx, "sync", "Đồng bộ với máy chủ: gửi thay đổi rồi nhận thay đổi",
                                "Sync with the server: push local changes, then pull");
    auto batches = std::make_shared<std::pair<std::size_t, std::size_t>>(default_push_batch, default_pull_batch);
    cmd->add_option("--push-batch", batches->first, ctx.tr("Số bản ghi mỗi lần gửi", "Records per push request"))
        ->check(CLI::Range(1, 5000))
        ->capture_default_str();
    cmd->add_option("--pull-batch", batches->second, ctx.tr("Số bản ghi mỗi lần nhận", "Records per pull request"))
        ->check(CLI::Range(1, static_cast<int>(max_pull_batch)))
        ->capture_default_str();
    auto full = std::make_shared<bool>(false);
    cmd->add_flag("--full", *full,
                  ctx.tr("Gửi và nhận lại toàn bộ (sau khi trạm khôi phục bản sao lưu)",
                         "Push and pull everything again (after the station restored a backup)"));
    cmd->callback([&ctx, batches, full] {
        SyncOptions options;
        options.full = *full;
        options.push_batch = batches->first;
        options.pull_batch = batches->second;
        bool tty = isatty(STDERR_FILENO) && !ctx.json;
        options.progress = [&ctx, tty](const SyncProgress& p) {
            std::string phase = p.phase == "push" ? ctx.tr("Gửi", "Push") : ctx.tr("Nhận", "Pull");
            std::string line = phase + ": " + std::to_string(p.records) + ctx.tr(" bản ghi", " records") + " (" +
                               std::to_string(static_cast<long long>(p.records_per_s)) + ctx.tr(" bản ghi/giây)", " records/s)");
            if (tty) std::cerr << "\r\033[K" << line << std::flush;
            else if (!ctx.json) std::cerr << line << '\n';
        };
        SyncSummary s = sync_device(ctx.store(), options);
        if (tty) std::cerr << '\n';
        std::vector<SetAside> set_aside = sync_status(ctx.store()).set_aside;
        std::string warning = s.clock_measured ? clock_warning(ctx, s.clock_offset_ms) : "";
        if (ctx.json)
            return ctx.print_json({{"pushed", static_cast<std::int64_t>(s.pushed)},
                                   {"pulled", static_cast<std::int64_t>(s.pulled)},
                                   {"changed", static_cast<std::int64_t>(s.changed)},
                                   {"refused", s.refused},
                                   {"set_aside", set_aside_json(ctx, set_aside)},
                                   {"purged", static_cast<std::int64_t>(s.purged)},
                                   {"restamped", static_cast<std::int64_t>(s.restamped)},
                                   {"retries", static_cast<std::int64_t>(s.retries)},
                                   {"clock_measured", s.clock_measured},
                                   {"clock_offset_ms", s.clock_offset_ms},
                                   {"clock_wrong", !warning.empty()},
                                   {"clock_warning", warning},
                                   {"unit", s.unit},
                                   {"role", s.role},
                                   {"scope_changed", s.scope_changed},
                                   {"duration_ms", s.duration_ms},
                                   {"bytes_sent", static_cast<std::int64_t>(s.bytes_sent)},
                                   {"bytes_received", static_cast<std::int64_t>(s.bytes_received)}});
        ctx.print_line(ctx.tr("Đã gửi ", "Pushed ") + std::to_string(s.pushed) + ctx.tr(", đã nhận ", ", pulled ") +
                       std::to_string(s.pulled) + ctx.tr(" bản ghi (", " records (") + std::to_string(s.changed) +
                       ctx.tr(" thay đổi) trong ", " changed) in ") + std::to_string(s.duration_ms) + " ms, " +
                       kib(s.bytes_sent) + ctx.tr(" gửi đi, ", " sent, ") + kib(s.bytes_received) +
                       ctx.tr(" nhận về", " received"));
        if (!warning.empty()) ctx.print_line(warning);
        if (!set_aside.empty())
            ctx.print_line(ctx.tr("Bản ghi để riêng (trạm từ chối, vẫn giữ trên máy, phần còn lại đã đồng bộ): ",
                                  "Records set aside (refused by the station, kept here; everything else synced): ") +
                           std::to_string(set_aside.size()));
        print_set_aside(ctx, set_aside);
        if (s.scope_changed)
            ctx.print_line(ctx.tr("Phạm vi đã đổi: đơn vị ", "Scope changed: unit ") + s.unit + ", " +
                           ctx.tr("vai trò ", "role ") + s.role);
        if (s.purged)
            ctx.print_line(ctx.tr("Đã xóa khỏi máy ", "Removed from this device ") + std::to_string(s.purged) +
                           ctx.tr(" bản ghi ngoài phạm vi mới (đã có trên máy chủ)",
                                  " records outside the new scope (the server has them)"));
        if (s.restamped)
            ctx.print_line(ctx.tr("Đã đóng dấu thời gian lại ", "Re-stamped ") + std::to_string(s.restamped) +
                           ctx.tr(" giá trị chưa gửi theo giờ của trạm", " unsent values with the station's time"));
    });
}
}  // namespace

void add_sync_commands(CLI::App& app, Context& ctx) {
    add_enroll(app, ctx);
    add_sync(app, ctx);
}

}  // namespace langnghe::cli
