// `langnghe commitment add|update|list|report`: the households of a residential group that signed
// the yearly commitments (ký cam kết), and the share signed rolled up the unit tree.
#include "commands.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/files.h"
#include "langnghe/model/commitment.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/commitment_report.h"
#include "options.h"

namespace langnghe::cli {

namespace {
CLI::Option* add_count_option(CLI::App* cmd, const std::string& name, std::optional<std::int64_t>& target,
                              const std::string& help) {
    return cmd->add_option_function<std::int64_t>(
        name, [&target](std::int64_t value) { target = value; }, help);
}

std::string kinds_hint(const Context& ctx) {
    std::string out;
    for (const auto& k : commitment_kinds())
        out += (out.empty() ? "" : ", ") + std::string(k.code) + " (" + std::string(k.text(ctx.lang())) + ")";
    return out;
}

void add_figure_options(CLI::App* cmd, Context& ctx, CommitmentInput& in, bool figures_required) {
    add_text_option(cmd, "--unit", in.unit, ctx.tr("Mã đơn vị (tổ dân phố, thôn)", "Unit code (residential group)"))
        ->required();
    add_count_option(cmd, "--year", in.year, ctx.tr("Năm ký cam kết", "Year of the commitments"))->required();
    add_text_option(cmd, "--kind", in.kind,
                    ctx.tr("Loại cam kết (mặc định security_order): ", "Kind (default security_order): ") +
                        kinds_hint(ctx));
    auto* households = add_count_option(cmd, "--households", in.households, ctx.tr("Tổng số hộ", "Households in the unit"));
    auto* signed_option = add_count_option(cmd, "--signed", in.signed_count, ctx.tr("Số hộ đã ký", "Households that signed"));
    if (figures_required) {
        households->required();
        signed_option->required();
    }
}

std::string kind_label(const Context& ctx, const std::string& kind) {
    return std::string(label_of(commitment_kinds(), kind, ctx.lang()));
}

std::string figures_line(const Context& ctx, const Commitment& c) {
    return c.id + "  " + c.unit + "  " + std::to_string(c.year) + "  " + kind_label(ctx, c.kind) + "  " +
           std::to_string(c.signed_count) + "/" + std::to_string(c.households) + ctx.tr(" hộ đã ký", " signed");
}

void add_add(CLI::App& group, Context& ctx) {
    auto in = std::make_shared<CommitmentInput>();
    CLI::App* cmd = add_command(group, ctx, "add", "Ghi số hộ đã ký cam kết của một đơn vị trong năm; in mã bản ghi",
                                "Record how many households of a unit signed a commitment in a year; prints its id");
    add_figure_options(cmd, ctx, *in, true);
    cmd->callback([&ctx, in] {
        Store& store = ctx.store();
        CommitmentAdded added = add_commitment(store, ctx.actor(), *in);
        if (!added.created) ctx.tell(ctx.tr("Số liệu này đã được ghi, không ghi thêm", "These figures are recorded already; nothing written"));
        if (ctx.json) return ctx.print_json(commitment_view(get_commitment(store, added.id)));
        ctx.print_line(added.id);
    });
}

void add_update(CLI::App& group, Context& ctx) {
    auto in = std::make_shared<CommitmentInput>();
    CLI::App* cmd = add_command(group, ctx, "update", "Sửa số liệu ký cam kết đã ghi (giữ lịch sử sửa đổi)",
                                "Correct recorded commitment figures (every change is kept)");
    add_figure_options(cmd, ctx, *in, false);
    cmd->callback([&ctx, in] {
        Commitment c = update_commitment(ctx.store(), ctx.actor(), *in);
        if (ctx.json) return ctx.print_json(commitment_view(c));
        ctx.print_line(figures_line(ctx, c));
    });
}

void add_list(CLI::App& group, Context& ctx) {
    struct Args {
        std::optional<std::string> unit;
        std::optional<std::int64_t> year;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê số liệu ký cam kết", "List recorded commitments");
    add_text_option(cmd, "--unit", args->unit, ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    add_count_option(cmd, "--year", args->year, ctx.tr("Năm", "Year"));
    cmd->callback([&ctx, args] {
        std::vector<Commitment> list = list_commitments(ctx.store(), args->unit, args->year);
        if (ctx.json) return ctx.print_json_text(to_json_array(list, commitment_view));
        std::vector<std::vector<std::string>> rows;
        for (const auto& c : list)
            rows.push_back({c.id, c.unit, std::to_string(c.year), kind_label(ctx, c.kind), std::to_string(c.households),
                            std::to_string(c.signed_count)});
        ctx.print_table({ctx.tr("Mã", "Id"), ctx.tr("Đơn vị", "Unit"), ctx.tr("Năm", "Year"), ctx.tr("Loại", "Kind"),
                         ctx.tr("Số hộ", "Households"), ctx.tr("Đã ký", "Signed")},
                        rows);
    });
}

void add_report(CLI::App& group, Context& ctx) {
    struct Args {
        std::string unit, format = "text", output;
        std::optional<std::int64_t> year;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(group, ctx, "report",
                                "Tỷ lệ hộ đã ký cam kết theo đơn vị và loại, cộng dồn lên đơn vị cấp trên",
                                "Share of households that signed, per unit and kind, rolled up the unit tree");
    cmd->add_option("--unit", args->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    add_count_option(cmd, "--year", args->year, ctx.tr("Năm (mặc định: năm nay)", "Year (default: this year)"));
    cmd->add_option("--format", args->format, "text | json | csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--output,-o", args->output, ctx.tr("Ghi vào tệp thay vì in ra", "Write to this file instead of printing"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        std::int64_t year = args->year.value_or(std::stoll(iso_date_at(store.clock().physical_ms()).substr(0, 4)));
        CommitmentReport report = commitment_report(store, args->unit, year);
        std::string format = ctx.json ? "json" : args->format;
        std::string content = format == "json"  ? commitment_report_json(report)
                              : format == "csv" ? commitment_report_csv(report, ctx.lang())
                                                : commitment_report_text(report, ctx.lang());
        if (args->output.empty())
            return ctx.print_line(content.ends_with('\n') ? content.substr(0, content.size() - 1) : content);
        write_file_durably(args->output, content);
        ctx.print_line(ctx.tr("Đã ghi ", "Wrote ") + args->output);
    });
}
}  // namespace

void add_commitment_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "commitment", "Ký cam kết của các hộ gia đình (an ninh trật tự, giao thông, PCCC)",
                                "Household commitments (security and order, road traffic, fire safety)");
    add_add(*group, ctx);
    add_update(*group, ctx);
    add_list(*group, ctx);
    add_report(*group, ctx);
}

}  // namespace langnghe::cli
