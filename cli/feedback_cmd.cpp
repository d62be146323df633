// `langnghe feedback add|list|show|update`: what residents said. Status changes, delete and restore
// are in feedback_status_cmd.cpp.
#include <iostream>

#include "commands.h"
#include "feedback_text.h"
#include "langnghe/base/files.h"
#include "langnghe/base/dates.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/feedback_export.h"
#include "options.h"

namespace langnghe::cli {

namespace {
std::string codes(std::span<const Label> vocabulary) {
    std::string out;
    for (const auto& l : vocabulary) out += (out.empty() ? "" : ", ") + std::string(l.code);
    return out;
}

// The field options shared by `add` and `update`.
void add_field_options(CLI::App* cmd, Context& ctx, FeedbackInput& in, bool adding) {
    auto* unit = add_text_option(cmd, "--unit", in.unit, ctx.tr("Mã đơn vị", "Unit code"));
    auto* kind = add_text_option(cmd, "--kind", in.kind, ctx.tr("Loại ý kiến: ", "Kind: ") + codes(feedback_kinds()));
    auto* category =
        add_text_option(cmd, "--category", in.category, ctx.tr("Lĩnh vực: ", "Category: ") + codes(categories()));
    auto* text = add_text_option(cmd, "--text", in.text, ctx.tr("Nội dung ý kiến", "What the resident said"));
    if (adding) {
        for (auto* o : {unit, kind, category, text}) o->required();
    }
    add_text_option(cmd, "--channel", in.channel, ctx.tr("Kênh tiếp nhận: ", "Channel: ") + codes(channels()));
    add_text_option(cmd, "--forum", in.forum, ctx.tr("Mã hội nghị (fo-…)", "Forum id (fo-…)"));
    add_text_option(cmd, "--group", in.group, ctx.tr("Tổ dân phố, thôn, ấp, bản", "Residential group"));
    add_text_option(cmd, "--resident-name", in.resident_name, ctx.tr("Họ tên người dân", "Resident's name"));
    add_text_option(cmd, "--resident-phone", in.resident_phone, ctx.tr("Số điện thoại người dân", "Resident's phone"));
    cmd->add_flag_function(
        "--anonymous", [&in](std::int64_t) { in.anonymous = true; },
        ctx.tr("Người dân không để lại tên", "The resident stays anonymous"));
    add_text_option(cmd, "--received-at", in.received_at,
                    ctx.tr("Thời điểm tiếp nhận", "When it was received") + date_hint(ctx) + " [hh:mm]");
    add_text_option(cmd, "--officer", in.officer, ctx.tr("Cán bộ được phản ánh", "The officer it concerns"));
    add_list_option(cmd, "--tag", in.add_tags, ctx.tr("Thêm nhãn (lặp lại được)", "Add a tag (repeatable)"));
    if (!adding)
        add_list_option(cmd, "--remove-tag", in.remove_tags,
                        ctx.tr("Bỏ nhãn (lặp lại được)", "Remove a tag (repeatable)"));
}

void add_add(CLI::App& group, Context& ctx) {
    auto in = std::make_shared<FeedbackInput>();
    CLI::App* cmd =
        add_command(group, ctx, "add", "Ghi một ý kiến mới; in mã của nó", "Record new feedback; prints its id");
    add_field_options(cmd, ctx, *in, true);
    cmd->callback([&ctx, in] {
        Store& store = ctx.store();
        std::string id = add_feedback(store, ctx.actor(), *in);
        if (ctx.json) return ctx.print_json(feedback_view(get_feedback(store, id)));
        ctx.print_line(id);
        ctx.tell(ctx.tr("Mã biên nhận (đọc cho người dân): ", "Receipt code (read it to the resident): ") + receipt_code(id));
    });
}

void add_update(CLI::App& group, Context& ctx) {
    auto in = std::make_shared<FeedbackInput>();
    auto id = std::make_shared<std::string>();
    CLI::App* cmd =
        add_command(group, ctx, "update", "Sửa các trường của một ý kiến", "Change fields of a feedback item");
    cmd->add_option("ID", *id, ctx.tr("Mã ý kiến hoặc mã biên nhận", "Feedback id or receipt code"))->required();
    add_field_options(cmd, ctx, *in, false);
    cmd->callback([&ctx, in, id] {
        Store& store = ctx.store();
        std::string full_id = get_feedback(store, *id).id;
        update_feedback(store, ctx.actor(), full_id, *in);
        if (ctx.json) return ctx.print_json(feedback_view(get_feedback(store, full_id)));
        ctx.print_line(full_id);
    });
}

struct ListOptions {
    FeedbackFilter filter;
    std::optional<std::string> from, to;
    int limit = 0, offset = 0;
};

void add_list(CLI::App& group, Context& ctx) {
    auto o = std::make_shared<ListOptions>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê ý kiến", "List feedback");
    add_text_option(cmd, "--unit", o->filter.unit,
                    ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    cmd->add_option("--status", o->filter.statuses,
                    ctx.tr("Trạng thái, có thể nhiều (--status new,acknowledged): ",
                           "Status, one or more (--status new,acknowledged): ") +
                        codes(feedback_statuses()))
        ->delimiter(',');
    cmd->add_flag("--open", o->filter.open_only,
                  ctx.tr("Chỉ ý kiến đang mở (new, acknowledged, answered, planned)",
                         "Only open feedback (new, acknowledged, answered, planned)"));
    add_text_option(cmd, "--kind", o->filter.kind, ctx.tr("Loại ý kiến", "Kind"));
    add_text_option(cmd, "--category", o->filter.category, ctx.tr("Lĩnh vực", "Category"));
    add_text_option(cmd, "--channel", o->filter.channel, ctx.tr("Kênh tiếp nhận", "Channel"));
    add_text_option(cmd, "--forum", o->filter.forum, ctx.tr("Mã hội nghị", "Forum id"));
    add_text_option(cmd, "--group", o->filter.group,
                    ctx.tr("Tổ dân phố, thôn (mã hoặc tên, không cần dấu)", "Residential group (code or name, marks optional)"));
    add_text_option(cmd, "--officer", o->filter.officer,
                    ctx.tr("Cán bộ được phản ánh (họ tên, không cần cấp bậc và dấu)",
                           "Officer concerned (name; rank and marks optional)"));
    add_text_option(cmd, "--recorded-by", o->filter.recorded_by,
                    ctx.tr("Cán bộ đã ghi (họ tên, không cần cấp bậc và dấu)", "Officer who recorded it (name; rank and marks optional)"));
    add_text_option(cmd, "--from", o->from, ctx.tr("Tiếp nhận từ ngày", "Received on or after") + date_hint(ctx));
    add_text_option(cmd, "--to", o->to, ctx.tr("Tiếp nhận đến ngày", "Received on or before") + date_hint(ctx));
    cmd->add_option("--limit", o->limit,
                    ctx.tr("Số dòng tối đa (0: không giới hạn)", "At most this many (0: no limit)"))
        ->check(CLI::Range(0, 1000000));
    cmd->add_option("--offset", o->offset, ctx.tr("Bỏ qua bấy nhiêu dòng đầu (xem tiếp trang sau)", "Skip this many first (the next page)"))
        ->check(CLI::Range(0, 100000000));
    cmd->add_flag("--deleted", o->filter.include_deleted, ctx.tr("Gồm cả ý kiến đã xóa", "Include deleted feedback"));
    cmd->callback([&ctx, o] {
        Store& store = ctx.store();
        FeedbackFilter filter = o->filter;
        filter.from_date = o->from;  // list_feedback checks every filter: a typo is an error, not an empty list
        filter.to_date = o->to;
        filter.limit = static_cast<std::size_t>(o->limit);
        filter.offset = static_cast<std::size_t>(o->offset);
        std::vector<Feedback> items = list_feedback(store, filter);
        if (ctx.json) return ctx.print_json_text(to_json_array(items, feedback_view));
        print_feedback_table(ctx, items);
    });
}

void add_show(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd =
        add_command(group, ctx, "show", "Xem một ý kiến và lịch sử của nó", "Show a feedback item and its history");
    cmd->add_option("ID", *id, ctx.tr("Mã ý kiến hoặc mã biên nhận", "Feedback id or receipt code"))->required();
    cmd->callback([&ctx, id] {
        Store& store = ctx.store();
        Feedback f = get_feedback(store, *id);
        std::vector<StatusEvent> history = status_history(store, f.id);
        std::size_t revisions = revision_count(store, f.id);
        if (ctx.json) {
            ViewObject view = feedback_view(f);
            view.emplace_back("history", views_of(history, status_event_view));
            view.emplace_back("revisions", static_cast<std::int64_t>(revisions));
            return ctx.print_json(view);
        }
        auto unit = find_unit(store, f.unit);
        print_feedback(ctx, f, unit ? unit->name : "", history, revisions);
    });
}
}  // namespace

// Exports leave residents' names and phones out unless --include-pii, and say which it was.
void add_export(CLI::App& group, Context& ctx) {
    struct Args {
        FeedbackFilter filter;
        std::string format = "csv", output;
        std::optional<std::string> from, to;
        bool include_pii = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(group, ctx, "export", "Xuất ý kiến ra tệp CSV hoặc JSON (không kèm thông tin cá nhân)",
                                "Export feedback as CSV or JSON (without personal data)");
    cmd->add_option("--format", args->format, "csv | json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
    cmd->add_option("--output,-o", args->output, ctx.tr("Tệp ghi ra (mặc định: in ra)", "File to write (default: print)"));
    add_text_option(cmd, "--unit", args->filter.unit, ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    add_text_option(cmd, "--from", args->from, ctx.tr("Từ ngày", "On or after") + date_hint(ctx));
    add_text_option(cmd, "--to", args->to, ctx.tr("Đến ngày", "On or before") + date_hint(ctx));
    cmd->add_flag("--include-pii", args->include_pii,
                  ctx.tr("Kèm họ tên và số điện thoại người dân", "Include residents' names and phone numbers"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        FeedbackFilter filter = args->filter;
        filter.from_date = args->from;
        filter.to_date = args->to;
        auto items = list_feedback(store, filter);
        std::string content = export_feedback(items, parse_export_format(args->format), args->include_pii, ctx.lang());
        if (args->output.empty()) std::cout << content;
        else write_file_durably(args->output, content);
        std::cerr << std::to_string(items.size()) << ctx.tr(" ý kiến đã xuất", " items exported")
                  << (args->output.empty() ? std::string() : ctx.tr(" vào ", " to ") + args->output) << "; "
                  << (args->include_pii ? ctx.tr("CÓ kèm họ tên và số điện thoại người dân — hãy bảo mật tệp này.",
                                                 "residents' names and phones ARE included — keep this file safe.")
                                        : ctx.tr("không kèm họ tên, số điện thoại người dân (thêm --include-pii nếu cần).",
                                                 "residents' names and phones are left out (add --include-pii to include them)."))
                  << '\n';
    });
}

void add_feedback_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "feedback", "Ý kiến, phản ánh, kiến nghị của người dân",
                                "What residents said: feedback, complaints, requests");
    add_add(*group, ctx);
    add_list(*group, ctx);
    add_show(*group, ctx);
    add_update(*group, ctx);
    add_export(*group, ctx);
    add_feedback_status_commands(*group, ctx);
    add_feedback_history_command(*group, ctx);
    add_feedback_redact_command(*group, ctx);
}

}  // namespace langnghe::cli
