// `langnghe report` (a unit over its subtree, for a period) and `langnghe forum report` (minutes).
// Both are computed offline from what the device holds, printed or written to a file.
#include <filesystem>

#include "commands.h"
#include "langnghe/base/files.h"
#include "langnghe/base/dates.h"
#include "langnghe/outputs/minutes.h"
#include "langnghe/outputs/period_choice.h"
#include "langnghe/outputs/report.h"
#include "langnghe/outputs/report_period.h"

namespace langnghe::cli {

namespace {
void emit(Context& ctx, const std::string& output, const std::string& content) {
    if (output.empty()) return ctx.print_line(content.ends_with('\n') ? content.substr(0, content.size() - 1) : content);
    write_file_durably(output, content);
    ctx.print_line(ctx.tr("Đã ghi ", "Wrote ") + output);
}

// Every section of the CSV report into `directory`, a file each named after its section.
void write_sections(Context& ctx, const UnitReport& report, const std::string& directory) {
    std::error_code failed;
    std::filesystem::create_directories(directory, failed);
    if (failed || !std::filesystem::is_directory(directory))
        throw Error(ErrorCode::io, "output: " + directory + " is not a directory that can be written", "output")
            .vi("output: " + directory + " không phải thư mục ghi được");
    for (const auto& section : report_csv_sections()) {
        std::string path = (std::filesystem::path(directory) / (section + ".csv")).string();
        write_file_durably(path, report_csv(report, section, ctx.lang()));
        ctx.print_line(ctx.tr("Đã ghi ", "Wrote ") + path);
    }
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
        std::string unit, format = "text", output, section;
        PeriodOptions period;
        std::optional<std::string> criteria_set;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(app, ctx, "report",
                                "Báo cáo của đơn vị (gồm các đơn vị trực thuộc) trong một kỳ; theo tháng, quý, năm thì so với kỳ trước",
                                "Report for a unit and the units below it, over a period; a month, quarter or year is shown beside the one before");
    cmd->add_option("--unit", args->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    cmd->add_option("--from", args->period.from, ctx.tr("Từ ngày (mặc định: 01/01 năm nay)", "From (default: 1 January this year)"));
    cmd->add_option("--to", args->period.to, ctx.tr("Đến ngày (mặc định: hôm nay)", "To (default: today)"));
    cmd->add_option("--month", args->period.month,
                    ctx.tr("Một tháng (2026-11), so với tháng trước", "A month (2026-11), beside the month before"));
    cmd->add_option("--quarter", args->period.quarter,
                    ctx.tr("Một quý (2026-Q4), so với quý trước", "A quarter (2026-Q4), beside the quarter before"));
    cmd->add_option("--year", args->period.year, ctx.tr("Một năm (2026), so với năm trước", "A year (2026), beside the year before"));
    cmd->add_option("--format", args->format, "text | json | csv | svg")
        ->check(CLI::IsMember({"text", "json", "csv", "svg"}))
        ->capture_default_str();
    cmd->add_option("--section", args->section,
                    ctx.tr("CSV: một bảng (summary, kinds, categories, units, overdue_actions, satisfaction, months, "
                           "commitments); không có --section thì --output là thư mục nhận mỗi bảng một tệp",
                           "CSV: one table (summary, kinds, categories, units, overdue_actions, satisfaction, months, "
                           "commitments); without --section, --output is a directory that gets a file per table"));
    cmd->add_option("--criteria-set", args->criteria_set,
                    ctx.tr("Bộ tiêu chí cho cột điểm tiêu chí (khi đã nhập nhiều bộ)",
                           "Criteria set for the criteria column (when several are imported)"));
    cmd->add_option("--output,-o", args->output, ctx.tr("Ghi vào tệp thay vì in ra", "Write to this file instead of printing"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        std::string format = ctx.json ? "json" : args->format;
        if (!args->section.empty() && format != "csv")
            throw_invalid("section", "--section picks a table of the CSV report: add --format csv",
                          "--section chọn một bảng của báo cáo CSV: thêm --format csv");
        if (format == "csv" && args->section.empty() && args->output.empty())
            throw_invalid("section", "the CSV report is one table per section: name one with --section, or a directory "
                                     "for all of them with --output",
                          "báo cáo CSV gồm mỗi phần một bảng: chọn một phần bằng --section, hoặc một thư mục nhận "
                          "tất cả bằng --output");
        std::string now = today(store);
        ChosenPeriod period = choose_period(args->period, now);
        UnitReport report = period.calendar ? unit_report(store, args->unit, *period.calendar, now, args->criteria_set)
                                            : unit_report(store, args->unit, period.dates, now);
        if (format == "csv" && args->section.empty()) return write_sections(ctx, report, args->output);
        std::string content = format == "json"  ? report_json(report)
                              : format == "csv" ? report_csv(report, args->section, ctx.lang())
                              : format == "svg" ? report_svg(report, ctx.lang())
                                                : report_text(report, ctx.lang());
        emit(ctx, args->output, content);
    });
}

}  // namespace langnghe::cli
