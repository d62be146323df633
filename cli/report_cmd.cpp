// `langnghe report` (a unit over its subtree, for a period) and `langnghe forum report` (minutes).
// Both are computed offline from what the device holds, printed or written to a file.
#include "commands.h"
#include "langnghe/base/files.h"
#include "langnghe/base/dates.h"
#include "langnghe/outputs/minutes.h"
#include "langnghe/outputs/report.h"

namespace langnghe::cli {

namespace {
void emit(Context& ctx, const std::string& output, const std::string& content) {
    if (output.empty()) return ctx.print_line(content.ends_with('\n') ? content.substr(0, content.size() - 1) : content);
    write_file_durably(output, content);
    ctx.print_line(ctx.tr("Đã ghi ", "Wrote ") + output);
}

std::string today(Store& store) { return iso_date_at(store.clock().physical_ms()); }
}  // namespace

void add_forum_report_command(CLI::App& forum, Context& ctx) {
    struct Args {
        std::vector<std::string> ids;
        std::string format = "text", output;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(forum, ctx, "report", "Biên bản hội nghị: thành phần, ý kiến, giải đáp, kế hoạch, phiếu đánh giá",
                                "Forum minutes: attendance, what was raised and answered, actions, ballots");
    cmd->add_option("ID", args->ids, ctx.tr("Mã hội nghị (một hoặc nhiều; HTML: mỗi hội nghị một trang)",
                                            "Forum ids (one or more; HTML puts each on its own page)"))
        ->required();
    cmd->add_option("--format", args->format, "text | md | html | json")
        ->check(CLI::IsMember({"text", "md", "html", "json"}))
        ->capture_default_str();
    cmd->add_option("--output,-o", args->output, ctx.tr("Ghi vào tệp thay vì in ra", "Write to this file instead of printing"));
    cmd->callback([&ctx, args] {
        std::vector<ForumMinutes> minutes;
        for (const auto& id : args->ids) minutes.push_back(forum_minutes(ctx.store(), id));
        emit(ctx, args->output, render_minutes(minutes, parse_minutes_format(ctx.json ? "json" : args->format), ctx.lang()));
    });
}

void add_report_commands(CLI::App& app, Context& ctx) {
    struct Args {
        std::string unit, from, to, format = "text", output;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(app, ctx, "report",
                                "Báo cáo của đơn vị (gồm các đơn vị trực thuộc) trong một kỳ",
                                "Report for a unit and the units below it, over a period");
    cmd->add_option("--unit", args->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    cmd->add_option("--from", args->from, ctx.tr("Từ ngày (mặc định: 01/01 năm nay)", "From (default: 1 January this year)"));
    cmd->add_option("--to", args->to, ctx.tr("Đến ngày (mặc định: hôm nay)", "To (default: today)"));
    cmd->add_option("--format", args->format, "text | json | csv | svg")
        ->check(CLI::IsMember({"text", "json", "csv", "svg"}))
        ->capture_default_str();
    cmd->add_option("--output,-o", args->output, ctx.tr("Ghi vào tệp thay vì in ra", "Write to this file instead of printing"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        std::string now = today(store);
        ReportPeriod period{args->from.empty() ? now.substr(0, 4) + "-01-01" : args->from, args->to.empty() ? now : args->to};
        UnitReport report = unit_report(store, args->unit, period, now);
        std::string format = ctx.json ? "json" : args->format;
        std::string content = format == "json"  ? report_json(report)
                              : format == "csv" ? report_csv(report, ctx.lang())
                              : format == "svg" ? report_svg(report, ctx.lang())
                                                : report_text(report, ctx.lang());
        emit(ctx, args->output, content);
    });
}

}  // namespace langnghe::cli
