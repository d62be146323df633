// `langnghe forum summary`: the forums of a unit's subtree over a period, summarised for the
// conference of the level above (a city's or province's "Công an lắng nghe ý kiến nhân dân").
#include "commands.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/files.h"
#include "langnghe/outputs/forum_summary.h"
#include "langnghe/outputs/period_choice.h"

namespace langnghe::cli {

void add_forum_summary_command(CLI::App& forum, Context& ctx) {
    struct Args {
        std::string unit, format = "text", output;
        PeriodOptions period;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(
        forum, ctx, "summary",
        "Tổng hợp các hội nghị của đơn vị và các đơn vị trực thuộc trong một kỳ: số hội nghị, số người dự, thành phần, "
        "ý kiến theo lĩnh vực, giải đáp tại hội nghị, kế hoạch khắc phục",
        "Summary of the forums of a unit and the units below it over a period: forums held, attendees and groups, "
        "what was raised by category, answered on the spot, turned into actions");
    cmd->add_option("--unit", args->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    cmd->add_option("--from", args->period.from,
                    ctx.tr("Từ ngày (mặc định: 01/01 năm nay)", "From (default: 1 January this year)"));
    cmd->add_option("--to", args->period.to, ctx.tr("Đến ngày (mặc định: hôm nay)", "To (default: today)"));
    cmd->add_option("--month", args->period.month, ctx.tr("Một tháng (2026-11)", "A month (2026-11)"));
    cmd->add_option("--quarter", args->period.quarter, ctx.tr("Một quý (2026-Q4)", "A quarter (2026-Q4)"));
    cmd->add_option("--year", args->period.year, ctx.tr("Một năm (2026)", "A year (2026)"));
    cmd->add_option("--format", args->format, "text | json | csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--output,-o", args->output,
                    ctx.tr("Ghi vào tệp thay vì in ra", "Write to this file instead of printing"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        ChosenPeriod period = choose_period(args->period, iso_date_at(store.clock().physical_ms()));
        ForumSummary summary = period.calendar ? forum_summary(store, args->unit, *period.calendar)
                                               : forum_summary(store, args->unit, period.dates);
        std::string format = ctx.json ? "json" : args->format;
        std::string content = format == "json"  ? forum_summary_json(summary)
                              : format == "csv" ? forum_summary_csv(summary, ctx.lang())
                                                : forum_summary_text(summary, ctx.lang());
        if (args->output.empty())
            return ctx.print_line(content.substr(0, content.size() - (content.ends_with('\n') ? 1 : 0)));
        write_file_durably(args->output, content);
        ctx.print_line(ctx.tr("Đã ghi ", "Wrote ") + args->output);
    });
}

}  // namespace langnghe::cli
