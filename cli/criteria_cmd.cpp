// `langnghe criteria import|list|assess|history|report`: model-unit criteria (Bộ tiêu chí),
// docs/criteria.md.
#include "commands.h"
#include "langnghe/base/files.h"
#include "langnghe/model/criteria.h"
#include "langnghe/model/history.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/criteria_report.h"
#include "options.h"

namespace langnghe::cli {

namespace {
std::string set_hint(const Context& ctx) {
    return ctx.tr("Bộ tiêu chí MÃ@PHIÊN_BẢN (mặc định: bộ duy nhất đã nhập)",
                  "Criteria set CODE@VERSION (default: the only one imported)");
}

void add_import(CLI::App& group, Context& ctx) {
    struct Args {
        std::string file;
        std::optional<std::string> set;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(group, ctx, "import", "Nhập một bộ tiêu chí từ tệp JSON hoặc CSV",
                                "Import a criteria set from a JSON or CSV file");
    cmd->add_option("FILE", args->file, ctx.tr("Tệp JSON hoặc CSV", "JSON or CSV file"))->required();
    add_text_option(cmd, "--set", args->set,
                    ctx.tr("Tên bộ tiêu chí MÃ@PHIÊN_BẢN (bắt buộc với CSV)", "Set name CODE@VERSION (required for CSV)"));
    cmd->callback([&ctx, args] {
        std::string text = read_file(args->file);
        CriteriaImportResult r = import_criteria_set(ctx.store(), text, args->set);
        if (ctx.json)
            return ctx.print_json_text("{\"set\":\"" + r.set.key() + "\",\"criteria\":" + std::to_string(r.set.criteria.size()) +
                                       ",\"added\":" + (r.added ? "true" : "false") + "}");
        ctx.print_line(r.set.key() + "  " + std::to_string(r.set.criteria.size()) + ctx.tr(" tiêu chí", " criteria") + "  " +
                       (r.added ? ctx.tr("đã nhập", "imported") : ctx.tr("đã có, không đổi", "already there, unchanged")));
        if (r.set.example)
            ctx.tell(ctx.tr("Lưu ý: đây là bộ tiêu chí VÍ DỤ, không phải danh sách của Bộ Công an.",
                            "Note: this is an EXAMPLE criteria set, not the Ministry's list."));
    });
}

void add_list(CLI::App& group, Context& ctx) {
    auto set = std::make_shared<std::optional<std::string>>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê các bộ tiêu chí, hoặc các tiêu chí của một bộ (--set)",
                                "List criteria sets, or the criteria of one set (--set)");
    add_text_option(cmd, "--set", *set, ctx.tr("Bộ tiêu chí MÃ@PHIÊN_BẢN", "Criteria set CODE@VERSION"));
    cmd->callback([&ctx, set] {
        Store& store = ctx.store();
        std::vector<std::vector<std::string>> rows;
        if (!*set) {
            for (const auto& s : list_criteria_sets(store))
                rows.push_back({s.key(), std::to_string(s.criteria.size()), ctx.tr(s.title_vi, s.title_en),
                                s.example ? ctx.tr("ví dụ", "example") : ""});
            return ctx.print_table({ctx.tr("Bộ", "Set"), ctx.tr("Số tiêu chí", "Criteria"), ctx.tr("Tên", "Title"), ""}, rows);
        }
        CriteriaSet s = find_criteria_set(store, *set);
        for (const auto& c : s.criteria) rows.push_back({c.group, c.code, ctx.tr(c.title_vi, c.title_en)});
        ctx.print_table({ctx.tr("Nhóm", "Group"), ctx.tr("Mã", "Code"), ctx.tr("Tiêu chí", "Criterion")}, rows);
    });
}

void add_assess(CLI::App& group, Context& ctx) {
    auto in = std::make_shared<AssessmentInput>();
    CLI::App* cmd = add_command(group, ctx, "assess", "Ghi kết quả đánh giá một tiêu chí của đơn vị trong một kỳ; in mã",
                                "Record the result of one criterion for a unit and period; prints its id");
    cmd->add_option("--unit", in->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    cmd->add_option("--period", in->period, ctx.tr("Kỳ: 2026, 2026-Q4 hoặc 2026-11", "Period: 2026, 2026-Q4 or 2026-11"))
        ->required();
    cmd->add_option("--criterion", in->criterion, ctx.tr("Mã tiêu chí", "Criterion code"))->required();
    cmd->add_option("--result", in->result, "met | partly | not_met")->required();
    add_text_option(cmd, "--evidence", in->evidence, ctx.tr("Minh chứng", "Evidence"));
    add_text_option(cmd, "--set", in->set, set_hint(ctx));
    cmd->callback([&ctx, in] { ctx.print_line(assess(ctx.store(), ctx.actor(), *in)); });
}

void add_history(CLI::App& group, Context& ctx) {
    auto in = std::make_shared<AssessmentInput>();
    CLI::App* cmd = add_command(group, ctx, "history", "Các lần đánh giá một tiêu chí: ai, khi nào, kết quả, minh chứng",
                                "Every assessment of one criterion: who, when, result, evidence");
    cmd->add_option("--unit", in->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    cmd->add_option("--period", in->period, ctx.tr("Kỳ", "Period"))->required();
    cmd->add_option("--criterion", in->criterion, ctx.tr("Mã tiêu chí", "Criterion code"))->required();
    add_text_option(cmd, "--set", in->set, set_hint(ctx));
    cmd->callback([&ctx, in] {
        Store& store = ctx.store();
        CriteriaSet set = find_criteria_set(store, in->set);
        std::string id = assessment_id(in->unit, parse_period(in->period), set.key(), in->criterion);
        auto entries = record_history(store, id);
        if (ctx.json) return ctx.print_json_text(to_json_array(entries, history_entry_view));
        if (entries.empty()) return ctx.print_line(ctx.tr("Chưa có đánh giá nào.", "Not assessed yet."));
        for (const auto& e : entries) {
            auto value = [&](const std::string& v) {
                return e.field == "result" ? std::string(label_of(criteria_results(), v, ctx.lang())) : "\"" + v + "\"";
            };
            ctx.print_line(ctx.date(e.at.substr(0, 19)) + "  " + (e.officer.empty() ? "-" : e.officer) + "  " +
                           std::string(label_of(revised_fields(), e.field, ctx.lang())) + ": " +
                           (e.old_value.empty() ? "-" : value(e.old_value)) + " → " + value(e.new_value));
        }
    });
}

void add_report(CLI::App& group, Context& ctx) {
    struct Args {
        std::string unit, period, format = "text", output;
        std::optional<std::string> set;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(group, ctx, "report",
                                "Điểm theo bộ tiêu chí của đơn vị và các đơn vị trực thuộc trong một kỳ, so với kỳ trước",
                                "Criteria scores of a unit and the units below it for a period, against the period before");
    cmd->add_option("--unit", args->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    cmd->add_option("--period", args->period, ctx.tr("Kỳ: 2026, 2026-Q4 hoặc 2026-11", "Period: 2026, 2026-Q4 or 2026-11"))
        ->required();
    add_text_option(cmd, "--set", args->set, set_hint(ctx));
    cmd->add_option("--format", args->format, "text | json | csv | svg")
        ->check(CLI::IsMember({"text", "json", "csv", "svg"}))
        ->capture_default_str();
    cmd->add_option("--output,-o", args->output, ctx.tr("Ghi vào tệp thay vì in ra", "Write to this file instead of printing"));
    cmd->callback([&ctx, args] {
        CriteriaReport report = criteria_report(ctx.store(), args->unit, args->period, args->set);
        std::string format = ctx.json ? "json" : args->format;
        std::string content = format == "json"  ? criteria_report_json(report)
                              : format == "csv" ? criteria_report_csv(report, ctx.lang())
                              : format == "svg" ? criteria_report_svg(report, ctx.lang())
                                                : criteria_report_text(report, ctx.lang());
        if (args->output.empty())
            return ctx.print_line(content.ends_with('\n') ? content.substr(0, content.size() - 1) : content);
        write_file_durably(args->output, content);
        ctx.print_line(ctx.tr("Đã ghi ", "Wrote ") + args->output);
    });
}
}  // namespace

void add_criteria_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "criteria", "Bộ tiêu chí đơn vị kiểu mẫu: nhập, đánh giá, báo cáo",
                                "Model-unit criteria: import, assess, report");
    add_import(*group, ctx);
    add_list(*group, ctx);
    add_assess(*group, ctx);
    add_history(*group, ctx);
    add_report(*group, ctx);
}

}  // namespace langnghe::cli
