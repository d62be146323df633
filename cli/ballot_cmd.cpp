// `langnghe ballot add|list|void`: anonymous satisfaction ballots, written once, voidable.
#include "commands.h"
#include "langnghe/base/dates.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/vocab.h"
#include "options.h"

namespace langnghe::cli {

namespace {
std::string scores_text(const Ballot& b) {
    std::string out;
    for (const auto& c : ballot_criteria()) {
        auto it = b.scores.find(std::string(c.code));
        out += (out.empty() ? "" : " ") + (it == b.scores.end() ? std::string("-") : std::to_string(it->second));
    }
    return out;
}

void add_add(CLI::App& group, Context& ctx) {
    auto in = std::make_shared<BallotInput>();
    CLI::App* cmd = add_command(group, ctx, "add", "Ghi một phiếu đánh giá sự hài lòng (điểm 1–5); in mã của nó",
                                "Record a satisfaction ballot (scores 1-5); prints its id");
    add_text_option(cmd, "--unit", in->unit, ctx.tr("Mã đơn vị", "Unit code"))->required();
    add_text_option(cmd, "--forum", in->forum, ctx.tr("Mã hội nghị", "Forum id"));
    add_text_option(cmd, "--group", in->group, ctx.tr("Thành phần người trả lời", "Respondent group"));
    add_text_option(cmd, "--date", in->date, ctx.tr("Ngày", "Date") + date_hint(ctx));
    add_text_option(cmd, "--comment", in->comment, ctx.tr("Ý kiến thêm", "Comment"));
    for (const auto& c : ballot_criteria()) {
        std::string code(c.code);
        std::string option = "--" + code;
        cmd->add_option_function<int>(
               option, [in, code](int score) { in->scores[code] = score; },
               ctx.tr("Điểm (1–5): ", "Score (1-5): ") + std::string(c.text(ctx.lang())))
            ->required();
    }
    cmd->callback([&ctx, in] {
        Store& store = ctx.store();
        std::string id = add_ballot(store, ctx.actor(), *in);
        if (ctx.json) return ctx.print_json(ballot_view(get_ballot(store, id)));
        ctx.print_line(id);
    });
}

struct ListArgs {
    BallotFilter filter;
    std::optional<std::string> from, to;
};

void add_list(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ListArgs>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê phiếu đánh giá", "List ballots");
    add_text_option(cmd, "--unit", args->filter.unit,
                    ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    add_text_option(cmd, "--forum", args->filter.forum, ctx.tr("Mã hội nghị", "Forum id"));
    add_text_option(cmd, "--from", args->from, ctx.tr("Từ ngày", "On or after") + date_hint(ctx));
    add_text_option(cmd, "--to", args->to, ctx.tr("Đến ngày", "On or before") + date_hint(ctx));
    cmd->add_flag("--voided", args->filter.include_voided, ctx.tr("Gồm cả phiếu đã hủy", "Include voided ballots"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        BallotFilter filter = args->filter;
        filter.from_date = args->from;
        filter.to_date = args->to;
        std::vector<Ballot> ballots = list_ballots(store, filter);
        if (ctx.json) return ctx.print_json_text(to_json_array(ballots, ballot_view));
        std::string criteria;
        for (const auto& c : ballot_criteria())
            criteria += (criteria.empty() ? "" : " ") + std::string(c.code.substr(0, 3));
        std::vector<std::vector<std::string>> rows;
        for (const auto& b : ballots)
            rows.push_back({b.id, ctx.date(b.date), b.unit, scores_text(b),
                            b.voided ? ctx.tr("đã hủy: ", "voided: ") + b.void_reason : shorten(b.comment, 40)});
        ctx.print_table({ctx.tr("Mã", "Id"), ctx.tr("Ngày", "Date"), ctx.tr("Đơn vị", "Unit"),
                         ctx.tr("Điểm (", "Scores (") + criteria + ")", ctx.tr("Ý kiến", "Comment")},
                        rows);
    });
}

void add_void(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "void", "Hủy một phiếu (không sửa được phiếu)",
                                "Void a ballot (ballots are never edited)");
    cmd->add_option("ID", *id, ctx.tr("Mã phiếu", "Ballot id"))->required();
    cmd->add_option("--reason", *reason, ctx.tr("Lý do hủy", "Why it is voided"))->required();
    cmd->callback([&ctx, id, reason] {
        void_ballot(ctx.store(), ctx.actor(), *id, *reason);
        Ballot b = get_ballot(ctx.store(), *id);
        if (ctx.json) return ctx.print_json(ballot_view(b));
        ctx.print_line(b.id + "  " + ctx.tr("đã hủy", "voided"));
    });
}
}  // namespace

void add_ballot_commands(CLI::App& app, Context& ctx) {
    CLI::App* group =
        add_group(app, ctx, "ballot", "Phiếu đánh giá sự hài lòng của người dân", "Residents' satisfaction ballots");
    add_add(*group, ctx);
    add_list(*group, ctx);
    add_void(*group, ctx);
}

}  // namespace langnghe::cli
