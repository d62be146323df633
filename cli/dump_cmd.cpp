// `langnghe dump`: every record's winning values and open conflicts as canonical JSON. Two
// replicas that have exchanged all their changes print byte-identical output.
#include <iostream>

#include "commands.h"

namespace langnghe::cli {

void add_dump_commands(CLI::App& app, Context& ctx) {
    CLI::App* cmd = add_command(app, ctx, "dump", "In toàn bộ dữ liệu dạng JSON chuẩn tắc (để so sánh thiết bị)",
                                "Print all data as canonical JSON (to compare replicas)");
    cmd->callback([&ctx] { std::cout << ctx.store().canonical_dump(); });
}

}  // namespace langnghe::cli
