// `langnghe verify`: re-checks this device's chain of custody offline (docs/custody.md) and names
// the first link or value that does not hold.
#include "commands.h"
#include "langnghe/sync/custody_check.h"

namespace langnghe::cli {

void add_verify_commands(CLI::App& app, Context& ctx) {
    CLI::App* cmd = add_command(app, ctx, "verify", "Kiểm tra lại chuỗi lưu vết và dữ liệu của thiết bị (ngoại tuyến)",
                                "Re-check this device's chain of custody and its data (offline)");
    cmd->callback([&ctx] {
        CustodyReport report = verify_replica(ctx.store());
        if (report.fault)
            throw Error(ErrorCode::storage, "custody check failed: " + *report.fault)
                .vi("kiểm tra chuỗi lưu vết không đạt: " + *report.fault);
        if (ctx.json)
            return ctx.print_json({{"ok", true},
                                   {"chains", static_cast<std::int64_t>(report.chains)},
                                   {"links", static_cast<std::int64_t>(report.links)},
                                   {"entries", static_cast<std::int64_t>(report.entries)},
                                   {"values", static_cast<std::int64_t>(report.values)},
                                   {"unsigned_links", static_cast<std::int64_t>(report.unsigned_links)},
                                   {"unsealed_entries", static_cast<std::int64_t>(report.unsealed_entries)}});
        ctx.print_line(ctx.tr("Chuỗi lưu vết nguyên vẹn: ", "Custody intact: ") + std::to_string(report.chains) +
                       ctx.tr(" chuỗi, ", " chains, ") + std::to_string(report.links) + ctx.tr(" mắt xích, ", " links, ") +
                       std::to_string(report.values) + ctx.tr(" giá trị đã đối chiếu", " values checked"));
        // Checked by their hashes; they are signed as they leave the device (docs/custody.md).
        if (report.unsigned_links > 0)
            ctx.print_line(std::to_string(report.unsigned_links) +
                           ctx.tr(" mắt xích mới của thiết bị sẽ được ký khi rời thiết bị (đồng bộ hoặc xuất tệp)",
                                  " of this device's newest links will be signed when they leave it (sync or change file)"));
        // Checked against their values; they are sealed into a link as they leave the device.
        if (report.unsealed_entries > 0)
            ctx.print_line(std::to_string(report.unsealed_entries) +
                           ctx.tr(" lần ghi mới nhất của thiết bị sẽ được đóng vào mắt xích khi rời thiết bị",
                                  " of this device's newest writes will be sealed into a link when they leave it"));
    });
}

}  // namespace langnghe::cli
