// `langnghe forum add|list|show|update|hold|mark-reported`: the ward forums where residents speak,
// planned → held → reported. `forum report` is in report_cmd.cpp, `forum summary` in
// forum_summary_cmd.cpp.
#include "commands.h"
#include "feedback_text.h"
#include "langnghe/base/dates.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/minutes_layout.h"
#include "options.h"

namespace langnghe::cli {

namespace {
struct ForumArgs {
    ForumInput input;
    std::string id;
};

void add_field_options(CLI::App* cmd, Context& ctx, ForumInput& in, bool adding) {
    auto* unit = add_text_option(cmd, "--unit", in.unit, ctx.tr("Mã đơn vị", "Unit code"));
    auto* title = add_text_option(cmd, "--title", in.title, ctx.tr("Tên hội nghị", "Title"));
    auto* date = add_text_option(cmd, "--date", in.date, ctx.tr("Ngày tổ chức", "Date") + date_hint(ctx));
    if (adding)
        for (auto* o : {unit, title, date}) o->required();
    add_text_option(cmd, "--venue", in.venue, ctx.tr("Địa điểm", "Venue"));
    add_text_option(cmd, "--chair", in.chair, ctx.tr("Người chủ trì", "Who chairs it"));
    add_text_option(cmd, "--secretary", in.secretary, ctx.tr("Thư ký hội nghị", "Secretary who keeps the minutes"));
    add_text_option(cmd, "--start", in.start_time, ctx.tr("Giờ bắt đầu (HH:MM)", "Start time (HH:MM)"));
    add_text_option(cmd, "--end", in.end_time,
                    ctx.tr("Giờ kết thúc (HH:MM, sau giờ bắt đầu)", "End time (HH:MM, after the start)"));
    add_text_option(cmd, "--summary", in.summary, ctx.tr("Tóm tắt", "Summary"));
    // A bare number is the total; GROUP=N the people of one group, so older scripts keep working.
    cmd->add_option_function<std::vector<std::string>>(
           "--attendees",
           [&in](const std::vector<std::string>& values) {
               for (const auto& value : values) {
                   bool count = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
                   if (count)
                       in.attendee_count = value.size() > 7 ? 10000000 : std::stoi(value);
                   else
                       in.group_attendees.push_back(value);
               }
           },
           ctx.tr("Số người dự, hoặc THÀNH_PHẦN=SỐ cho từng thành phần (lặp lại được)",
                  "Number of attendees, or GROUP=N for one group (repeatable)"))
        ->allow_extra_args(false);
    std::string groups;
    for (const auto& l : attendee_groups()) groups += (groups.empty() ? "" : ", ") + std::string(l.code);
    add_list_option(cmd, "--group", in.add_groups,
                    ctx.tr("Thành phần dự (lặp lại được): ", "Attendee group (repeatable): ") + groups);
    if (!adding)
        add_list_option(cmd, "--remove-group", in.remove_groups,
                        ctx.tr("Bỏ thành phần dự (lặp lại được)", "Remove an attendee group (repeatable)"));
}

void print_forum(Context& ctx, const Forum& f) {
    std::string groups = groups_present(f, ctx.lang());
    std::string time = time_span(f.start_time, f.end_time, ctx.lang());
    ctx.print_rows({
        {ctx.tr("Mã", "Id"), f.id},
        {ctx.tr("Đơn vị", "Unit"), f.unit},
        {ctx.tr("Tên hội nghị", "Title"), f.title},
        {ctx.tr("Ngày", "Date"), ctx.date(f.date)},
        {ctx.tr("Địa điểm", "Venue"), f.venue},
        {ctx.tr("Thời gian", "Time"), time},
        {ctx.tr("Chủ trì", "Chair"), f.chair},
        {ctx.tr("Thư ký", "Secretary"), f.secretary},
        {ctx.tr("Số người dự", "Attendees"), f.attendee_count ? std::to_string(f.attendee_count) : ""},
        {ctx.tr("Thành phần", "Attendee groups"), groups},
        {ctx.tr("Tóm tắt", "Summary"), f.summary},
        {ctx.tr("Trạng thái", "Status"), std::string(label_of(forum_statuses(), f.status, ctx.lang()))},
        {ctx.tr("Đã xóa", "Deleted"), f.deleted ? ctx.yes_no(true) : ""},
        {ctx.tr("Xung đột chưa xử lý", "Open conflicts"), f.conflicts ? std::to_string(f.conflicts) : ""},
    });
}

void print_forum_result(Context& ctx, const std::string& id) {
    Forum f = get_forum(ctx.store(), id);
    if (ctx.json) return ctx.print_json(forum_view(f));
    ctx.print_line(f.id + "  " + std::string(label_of(forum_statuses(), f.status, ctx.lang())));
}

void add_add(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ForumArgs>();
    CLI::App* cmd = add_command(group, ctx, "add", "Tạo hội nghị (trạng thái: dự kiến); in mã của nó",
                                "Create a forum (status: planned); prints its id");
    add_field_options(cmd, ctx, args->input, true);
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        std::string id = add_forum(store, ctx.actor(), args->input);
        if (ctx.json) return ctx.print_json(forum_view(get_forum(store, id)));
        ctx.print_line(id);
    });
}

void add_update(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ForumArgs>();
    CLI::App* cmd = add_command(group, ctx, "update", "Sửa thông tin hội nghị", "Change fields of a forum");
    cmd->add_option("ID", args->id, ctx.tr("Mã hội nghị", "Forum id"))->required();
    add_field_options(cmd, ctx, args->input, false);
    cmd->callback([&ctx, args] {
        update_forum(ctx.store(), ctx.actor(), args->id, args->input);
        if (ctx.json) return ctx.print_json(forum_view(get_forum(ctx.store(), args->id)));
        ctx.print_line(args->id);
    });
}

void add_transition(CLI::App& group, Context& ctx, const std::string& name, const std::string& status,
                    std::string_view help_vi, std::string_view help_en) {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, name, help_vi, help_en);
    cmd->add_option("ID", *id, ctx.tr("Mã hội nghị", "Forum id"))->required();
    cmd->callback([&ctx, id, status] {
        set_forum_status(ctx.store(), ctx.actor(), *id, status);
        print_forum_result(ctx, *id);
    });
}

struct ListArgs {
    ForumFilter filter;
    std::optional<std::string> from, to;
};

void add_list(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ListArgs>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê hội nghị", "List forums");
    add_text_option(cmd, "--unit", args->filter.unit,
                    ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    add_text_option(cmd, "--status", args->filter.status,
                    ctx.tr("Trạng thái: planned, held, reported", "Status: planned, held, reported"));
    add_text_option(cmd, "--from", args->from, ctx.tr("Từ ngày", "On or after") + date_hint(ctx));
    add_text_option(cmd, "--to", args->to, ctx.tr("Đến ngày", "On or before") + date_hint(ctx));
    cmd->add_flag("--deleted", args->filter.include_deleted, ctx.tr("Gồm cả hội nghị đã xóa", "Include deleted"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        ForumFilter filter = args->filter;
        filter.from_date = args->from;
        filter.to_date = args->to;
        std::vector<Forum> forums = list_forums(store, filter);
        if (ctx.json) return ctx.print_json_text(to_json_array(forums, forum_view));
        std::vector<std::vector<std::string>> rows;
        for (const auto& f : forums)
            rows.push_back({f.id, ctx.date(f.date), f.unit,
                            std::string(label_of(forum_statuses(), f.status, ctx.lang())), shorten(f.title, 50)});
        ctx.print_table({ctx.tr("Mã", "Id"), ctx.tr("Ngày", "Date"), ctx.tr("Đơn vị", "Unit"),
                         ctx.tr("Trạng thái", "Status"), ctx.tr("Tên hội nghị", "Title")},
                        rows);
    });
}

void add_show(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "show", "Xem hội nghị và các ý kiến ghi tại đó",
                                "Show a forum and the feedback recorded at it");
    cmd->add_option("ID", *id, ctx.tr("Mã hội nghị", "Forum id"))->required();
    cmd->callback([&ctx, id] {
        Store& store = ctx.store();
        Forum f = get_forum(store, *id);
        FeedbackFilter filter;
        filter.forum = f.id;
        std::vector<Feedback> feedback = list_feedback(store, filter);
        if (ctx.json) {
            ViewObject view = forum_view(f);
            view.emplace_back("feedback", views_of(feedback, feedback_view));
            return ctx.print_json(view);
        }
        print_forum(ctx, f);
        if (feedback.empty()) return;
        ctx.print_line(ctx.tr("Ý kiến tại hội nghị:", "Feedback at this forum:"));
        print_feedback_table(ctx, feedback);
    });
}
}  // namespace

void add_forum_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "forum", "Hội nghị \"Công an lắng nghe ý kiến nhân dân\"",
                                "Forums where the police hear residents");
    add_add(*group, ctx);
    add_list(*group, ctx);
    add_show(*group, ctx);
    add_update(*group, ctx);
    add_transition(*group, ctx, "hold", "held", "Đánh dấu hội nghị đã tổ chức", "Mark the forum held");
    add_transition(*group, ctx, "mark-reported", "reported", "Đánh dấu đã báo cáo kết quả hội nghị",
                   "Mark the forum reported");
    add_forum_report_command(*group, ctx);
    add_forum_summary_command(*group, ctx);
}

}  // namespace langnghe::cli
