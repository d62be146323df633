// `langnghe changes export|import`: sync by file, for places with no network at all. A change file
// carries full record states, so importing is idempotent and order does not matter.
#include "commands.h"
#include "langnghe/base/files.h"
#include "langnghe/sync/change_file.h"

namespace langnghe::cli {

namespace {
struct ExportArgs {
    std::string file;
    std::uint64_t since = 0;
};

void add_export(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ExportArgs>();
    CLI::App* cmd = add_command(group, ctx, "export", "Ghi các thay đổi của thiết bị ra tệp",
                                "Write this device's changes to a file");
    cmd->add_option("FILE", args->file, ctx.tr("Tệp thay đổi sẽ ghi", "The change file to write"))->required();
    cmd->add_option("--since", args->since,
                    ctx.tr("Chỉ các thay đổi sau số thứ tự này (last_seq của lần xuất trước); mặc định 0: tất cả",
                           "Only changes after this sequence (the last export's last_seq); default 0: all"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        ChangeFile file = export_changes(store, args->since);
        write_file_durably(args->file, encode_change_file(file));
        auto count = static_cast<std::int64_t>(file.records.size());
        if (ctx.json)
            return ctx.print_json({{"file", args->file},
                                   {"site", file.site},
                                   {"since", static_cast<std::int64_t>(file.since)},
                                   {"last_seq", static_cast<std::int64_t>(file.last_seq)},
                                   {"count", count}});
        ctx.print_line(ctx.tr("Đã ghi ", "Wrote ") + std::to_string(count) + ctx.tr(" bản ghi vào ", " records to ") +
                       args->file);
        ctx.print_line(ctx.tr("Lần sau chỉ xuất phần mới: --since ", "To export only what is new next time: --since ") +
                       std::to_string(file.last_seq));
    });
}

void add_import(CLI::App& group, Context& ctx) {
    auto path = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "import", "Nhận các thay đổi từ tệp (tất cả hoặc không gì cả)",
                                "Apply the changes in a file (all of them or none)");
    cmd->add_option("FILE", *path, ctx.tr("Tệp thay đổi", "The change file"))->required();
    cmd->callback([&ctx, path] {
        ChangeFile file = decode_change_file(read_file(*path));
        Store& store = ctx.store();
        ApplyResult r = import_changes(store, file);
        if (ctx.json)
            return ctx.print_json({{"file", *path},
                                   {"site", file.site},
                                   {"received", static_cast<std::int64_t>(r.received)},
                                   {"changed", static_cast<std::int64_t>(r.changed)}});
        ctx.print_line(ctx.tr("Đã nhận ", "Received ") + std::to_string(r.received) +
                       ctx.tr(" bản ghi từ thiết bị ", " records from device ") + file.site +
                       ctx.tr(", thay đổi ", ", ") + std::to_string(r.changed) + ctx.tr(" bản ghi", " changed"));
    });
}
}  // namespace

void add_changes_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "changes", "Đồng bộ qua tệp (USB), không cần mạng",
                                "Sync by file (USB stick), no network needed");
    add_export(*group, ctx);
    add_import(*group, ctx);
}

}  // namespace langnghe::cli
