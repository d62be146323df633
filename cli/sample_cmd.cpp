// `langnghe sample`: realistic Vietnamese data for trying the tool, training officers and the demo,
// written through the core as officers would write it (sample.h).
#include "commands.h"
#include "langnghe/base/dates.h"
#include "langnghe/sample/sample.h"

namespace langnghe::cli {

namespace {
struct SampleArgs {
    SampleOptions options;
    std::string from;
};

ViewObject result_view(const SampleResult& r) {
    return {{"units", r.units},
            {"forums", static_cast<std::int64_t>(r.forums)},
            {"feedback", static_cast<std::int64_t>(r.feedback)},
            {"ballots", static_cast<std::int64_t>(r.ballots)},
            {"actions", static_cast<std::int64_t>(r.actions)},
            {"acknowledged", static_cast<std::int64_t>(r.acknowledged)},
            {"answered", static_cast<std::int64_t>(r.answered)},
            {"resolved", static_cast<std::int64_t>(r.resolved)}};
}
}  // namespace

void add_sample_commands(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<SampleArgs>();
    args->options.generator.days = 90;
    CLI::App* cmd = add_command(
        app, ctx, "sample",
        "Ghi dữ liệu mẫu giống thực tế (hội nghị, ý kiến, giải đáp, kế hoạch, phiếu đánh giá) cho các đơn vị cấp cuối "
        "thuộc một đơn vị",
        "Write realistic sample data (forums, feedback, answers, actions, ballots) for the lowest-level units under "
        "a unit");
    cmd->add_option("--unit", args->options.unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    auto count = [&](const char* name, std::size_t& value, std::string_view vi, std::string_view en) {
        cmd->add_option(name, value, ctx.tr(vi, en))->check(CLI::Range(std::size_t{0}, std::size_t{100000}))->capture_default_str();
    };
    count("--units", args->options.units, "Số đơn vị được ghi dữ liệu", "How many units get data");
    count("--forums", args->options.forums, "Số hội nghị mỗi đơn vị", "Forums per unit");
    count("--feedback", args->options.feedback, "Số ý kiến mỗi đơn vị", "Feedback items per unit");
    count("--ballots", args->options.ballots, "Số phiếu đánh giá mỗi hội nghị", "Ballots per forum");
    cmd->add_option("--seed", args->options.generator.seed, ctx.tr("Hạt giống ngẫu nhiên: cùng hạt giống, cùng nội dung",
                                                                   "Random seed: the same seed writes the same content"))
        ->capture_default_str();
    cmd->add_option("--from", args->from, ctx.tr("Ngày đầu của kỳ (mặc định: 90 ngày trước)", "First day of the period (default: 90 days ago)"));
    cmd->add_option("--days", args->options.generator.days, ctx.tr("Số ngày của kỳ", "Days in the period"))
        ->check(CLI::Range(1, 3660))
        ->capture_default_str();
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        SampleOptions options = args->options;
        options.generator.first_day =
            args->from.empty()
                ? iso_from_days(days_from_iso(iso_date_at(store.clock().physical_ms())) - options.generator.days + 1)
                : parse_date(args->from, "from");
        SampleResult result = add_sample_data(store, ctx.actor(), options);
        if (ctx.json) return ctx.print_json(result_view(result));
        std::string units;
        for (const auto& u : result.units) units += (units.empty() ? "" : ", ") + u;
        ctx.print_rows({{ctx.tr("Đơn vị", "Units"), units},
                        {ctx.tr("Hội nghị", "Forums"), std::to_string(result.forums)},
                        {ctx.tr("Ý kiến", "Feedback"), std::to_string(result.feedback)},
                        {ctx.tr("Đã tiếp nhận", "Acknowledged"), std::to_string(result.acknowledged)},
                        {ctx.tr("Đã giải đáp", "Answered"), std::to_string(result.answered)},
                        {ctx.tr("Đã giải quyết xong", "Resolved"), std::to_string(result.resolved)},
                        {ctx.tr("Kế hoạch khắc phục", "Actions"), std::to_string(result.actions)},
                        {ctx.tr("Phiếu đánh giá", "Ballots"), std::to_string(result.ballots)}});
    });
}

}  // namespace langnghe::cli
