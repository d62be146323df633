// `langnghe-server changes import|export`: change files carried by hand between the station and
// devices with no network (docs/custody.md, "Enrollment by file").
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "admin.h"
#include "langnghe/base/files.h"
#include "station.h"

namespace langnghe::server {

void add_change_file_commands(CLI::App& app, AdminContext& ctx) {
    CLI::App* group = app.add_subcommand("changes", ctx.tr("Đồng bộ qua tệp (USB) với thiết bị không có mạng",
                                                           "Sync by file (USB stick) with devices that have no network"));
    group->require_subcommand(1);

    auto path = std::make_shared<std::string>();
    CLI::App* import = group->add_subcommand(
        "import", ctx.tr("Nhận tệp thay đổi của một thiết bị như một lần đẩy của nó (ghi danh thiết bị ghi danh bằng thẻ)",
                         "Take a device's change file as its push (enrolling a device enrolled by card)"));
    import->add_option("FILE", *path, ctx.tr("Tệp thay đổi", "The change file"))->required();
    import->callback([&ctx, path] {
        ChangeFile file = decode_change_file(read_file(*path));
        auto station = open_station(ctx);
        FileImport r = station->import_changes(file);
        if (ctx.json) {
            std::cout << nlohmann::json{{"file", *path}, {"device_id", r.device_id}, {"enrolled", r.enrolled},
                                        {"received", r.received}, {"changed", r.changed}, {"units_skipped", r.units_skipped}}
                             .dump(2)
                      << '\n';
            return;
        }
        if (r.enrolled) std::cout << ctx.tr("Đã ghi danh thiết bị ", "Enrolled device ") << r.device_id << '\n';
        std::cout << ctx.tr("Đã nhận ", "Received ") << r.received << ctx.tr(" bản ghi từ thiết bị ", " records from device ")
                  << r.device_id << ctx.tr(", thay đổi ", ", ") << r.changed << ctx.tr(" bản ghi", " changed") << '\n';
    });

    struct ExportArgs {
        std::string unit, out;
    };
    auto args = std::make_shared<ExportArgs>();
    CLI::App* exporter = group->add_subcommand(
        "export", ctx.tr("Ghi ra tệp những gì thiết bị của một đơn vị nhận khi đồng bộ, có chữ ký của trạm",
                         "Write what a device of a unit would pull, signed by the station, to a file"));
    exporter->add_option("--unit", args->unit, ctx.tr("Đơn vị của thiết bị", "The device's unit"))->required();
    exporter->add_option("--out", args->out, ctx.tr("Tệp thay đổi sẽ ghi", "The change file to write"))->required();
    exporter->callback([&ctx, args] {
        auto station = open_station(ctx);
        ChangeFile file = station->export_changes(args->unit);
        write_file_durably(args->out, encode_change_file(file));
        if (ctx.json) {
            std::cout << nlohmann::json{{"file", args->out}, {"site", file.site}, {"count", file.records.size()},
                                        {"keys", file.keys.size()}}
                             .dump(2)
                      << '\n';
            return;
        }
        std::cout << ctx.tr("Đã ghi ", "Wrote ") << file.records.size() << ctx.tr(" bản ghi vào ", " records to ") << args->out
                  << '\n';
    });
}

}  // namespace langnghe::server
