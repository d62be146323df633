// `langnghe action add|list|show|update|start|done|cancel`: remediation plans with an owner and a
// deadline ("cụ thể, đề ra thời gian hoàn thành"), open → in progress → done | cancelled.
#include "commands.h"
#include "feedback_text.h"
#include "langnghe/base/dates.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/model/action.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/vocab.h"
#include "options.h"

namespace langnghe::cli {

namespace {
struct ActionArgs {
    ActionInput input;
    std::string id, text;
};

std::string today(Store& store) {
    return iso_date_at(store.clock().physical_ms());
}

std::string status_text(const Context& ctx, const Action& a, const std::string& today_iso) {
    std::string s(label_of(action_statuses(), a.status, ctx.lang()));
    if (a.overdue_on(today_iso)) s += ctx.tr(" (quá hạn)", " (overdue)");
    return s;
}

void add_field_options(CLI::App* cmd, Context& ctx, ActionInput& in, bool adding) {
    auto* unit = add_text_option(cmd, "--unit", in.unit, ctx.tr("Mã đơn vị", "Unit code"));
    auto* description =
        add_text_option(cmd, "--description", in.description, ctx.tr("Nội dung khắc phục", "What will be done"));
    auto* owner = add_text_option(cmd, "--owner", in.owner, ctx.tr("Cán bộ chịu trách nhiệm", "Responsible officer"));
    auto* due = add_text_option(cmd, "--due", in.due, ctx.tr("Hạn hoàn thành", "Due date") + date_hint(ctx));
    if (adding)
        for (auto* o : {unit, description, owner, due}) o->required();
    else
        unit->description(ctx.tr("Mã đơn vị (không đổi được)", "Unit code (cannot change)"));
    add_list_option(cmd, "--feedback", in.add_feedback,
                    ctx.tr("Ý kiến được khắc phục (lặp lại được)", "Feedback it addresses (repeatable)"));
    if (!adding) {
        add_text_option(cmd, "--result", in.result, ctx.tr("Kết quả", "Result"));
        add_list_option(cmd, "--remove-feedback", in.remove_feedback,
                        ctx.tr("Bỏ ý kiến khỏi kế hoạch (lặp lại được)", "Stop addressing feedback (repeatable)"));
    }
}

void print_action(Context& ctx, const Action& a, const std::vector<StatusEvent>& history) {
    std::string feedback;
    for (const auto& f : a.feedback) feedback += (feedback.empty() ? "" : ", ") + f;
    std::string cancel_reason;
    for (const auto& e : history)
        if (e.to == "cancelled") cancel_reason = e.note;  // the latest cancel's
    ctx.print_rows({
        {ctx.tr("Mã", "Id"), a.id},
        {ctx.tr("Đơn vị", "Unit"), a.unit},
        {ctx.tr("Nội dung", "Description"), a.description},
        {ctx.tr("Người chịu trách nhiệm", "Owner"), a.owner},
        {ctx.tr("Hạn", "Due"), ctx.date(a.due)},
        {ctx.tr("Trạng thái", "Status"), status_text(ctx, a, today(ctx.store()))},
        {ctx.tr("Kết quả", "Result"), a.result},
        {ctx.tr("Lý do hủy", "Why cancelled"), a.status == "cancelled" ? cancel_reason : ""},
        {ctx.tr("Ý kiến", "Feedback"), feedback},
        {ctx.tr("Người lập", "Created by"), a.created_by},
        {ctx.tr("Đã xóa", "Deleted"), a.deleted ? ctx.yes_no(true) : ""},
        {ctx.tr("Xung đột chưa xử lý", "Open conflicts"), a.conflicts ? std::to_string(a.conflicts) : ""},
    });
    if (history.empty()) return;
    ctx.print_line(ctx.tr("Lịch sử trạng thái (mọi thay đổi: `action history`):",
                          "Status history (every change: `action history`):"));
    print_history(ctx, history, action_statuses());
}

void print_result(Context& ctx, const std::string& id) {
    Action a = get_action(ctx.store(), id);
    if (ctx.json) return ctx.print_json(action_view(a));
    ctx.print_line(a.id + "  " + status_text(ctx, a, today(ctx.store())));
}

void add_add(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ActionArgs>();
    CLI::App* cmd = add_command(group, ctx, "add", "Lập kế hoạch khắc phục; in mã của nó",
                                "Create a remediation action; prints its id");
    add_field_options(cmd, ctx, args->input, true);
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        std::string id = add_action(store, ctx.actor(), args->input);
        if (ctx.json) return ctx.print_json(action_view(get_action(store, id)));
        ctx.print_line(id);
    });
}

void add_update(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ActionArgs>();
    CLI::App* cmd = add_command(group, ctx, "update", "Sửa kế hoạch khắc phục", "Change fields of an action");
    cmd->add_option("ID", args->id, ctx.tr("Mã kế hoạch", "Action id"))->required();
    add_field_options(cmd, ctx, args->input, false);
    cmd->callback([&ctx, args] {
        update_action(ctx.store(), ctx.actor(), args->id, args->input);
        if (ctx.json) return ctx.print_json(action_view(get_action(ctx.store(), args->id)));
        ctx.print_line(args->id);
    });
}

void add_transition(CLI::App& group, Context& ctx, const std::string& name, const std::string& status,
                    std::string_view help_vi, std::string_view help_en, const std::string& text_option = {},
                    std::string_view text_vi = {}, std::string_view text_en = {}) {
    auto args = std::make_shared<ActionArgs>();
    CLI::App* cmd = add_command(group, ctx, name, help_vi, help_en);
    cmd->add_option("ID", args->id, ctx.tr("Mã kế hoạch", "Action id"))->required();
    if (!text_option.empty()) cmd->add_option(text_option, args->text, ctx.tr(text_vi, text_en))->required();
    cmd->callback([&ctx, args, status] {
        set_action_status(ctx.store(), ctx.actor(), args->id, status, args->text);
        print_result(ctx, args->id);
    });
}

// Done, and what became of the feedback it addresses: each item's status, resolved with
// --resolve-feedback, else a hint that it may be.
void add_done(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ActionArgs>();
    auto resolve = std::make_shared<bool>(false);
    CLI::App* cmd = add_command(group, ctx, "done", "Hoàn thành (cần kết quả)", "Mark done (needs the result)");
    cmd->add_option("ID", args->id, ctx.tr("Mã kế hoạch", "Action id"))->required();
    cmd->add_option("--result", args->text, ctx.tr("Kết quả thực hiện", "What was achieved"))->required();
    cmd->add_flag("--resolve-feedback", *resolve,
                  ctx.tr("Đồng thời giải quyết các ý kiến mà kế hoạch xử lý", "Also resolve the feedback the action addresses"));
    cmd->callback([&ctx, args, resolve] {
        Store& store = ctx.store();
        std::vector<AddressedFeedback> addressed = finish_action(store, ctx.actor(), args->id, args->text, *resolve);
        if (ctx.json) {
            ViewObject view = action_view(get_action(store, args->id));
            NestedViews items;
            for (const auto& f : addressed)
                items.objects.push_back({{"id", f.id}, {"status", f.status}, {"resolved_now", f.resolved_now}});
            view.emplace_back("addressed_feedback", std::move(items));
            return ctx.print_json(view);
        }
        print_result(ctx, args->id);
        bool any_open = false;
        for (const auto& f : addressed) {
            std::string line = "  " + ctx.tr("Ý kiến ", "Feedback ") + f.id + ": " +
                               std::string(label_of(feedback_statuses(), f.status, ctx.lang()));
            if (f.resolved_now) line += ctx.tr(" (vừa giải quyết)", " (resolved now)");
            any_open = any_open || (!f.resolved_now && f.status != "resolved" && f.status != "referred");
            ctx.print_line(line);
        }
        if (any_open)
            ctx.print_line(ctx.tr("Ý kiến chưa được giải quyết: thêm --resolve-feedback, hoặc dùng `feedback resolve ID`.",
                                  "Feedback not yet resolved: add --resolve-feedback, or use `feedback resolve ID`."));
    });
}

struct ListArgs {
    ActionFilter filter;
    std::optional<std::string> due_before;
    bool overdue = false;
};

void print_actions(Context& ctx, const std::vector<Action>& actions, const std::string& now) {
    if (ctx.json) return ctx.print_json_text(to_json_array(actions, action_view));
    if (actions.empty()) return ctx.print_line(ctx.tr("Không có kế hoạch nào.", "No actions."));
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : actions)
        rows.push_back({a.id, ctx.date(a.due), a.owner, status_text(ctx, a, now), shorten(a.description, 50)});
    ctx.print_table({ctx.tr("Mã", "Id"), ctx.tr("Hạn", "Due"), ctx.tr("Người chịu trách nhiệm", "Owner"),
                     ctx.tr("Trạng thái", "Status"), ctx.tr("Nội dung", "Description")},
                    rows);
}

void add_list(CLI::App& group, Context& ctx) {
    auto args = std::make_shared<ListArgs>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê kế hoạch khắc phục", "List actions");
    add_text_option(cmd, "--unit", args->filter.unit,
                    ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    add_text_option(
        cmd, "--status", args->filter.status,
        ctx.tr("Trạng thái: open, in_progress, done, cancelled", "Status: open, in_progress, done, cancelled"));
    add_text_option(cmd, "--owner", args->filter.owner, ctx.tr("Người chịu trách nhiệm", "Owner"));
    add_text_option(cmd, "--feedback", args->filter.feedback,
                    ctx.tr("Chỉ kế hoạch khắc phục ý kiến này", "Only actions addressing this feedback"));
    add_text_option(cmd, "--due-before", args->due_before, ctx.tr("Hạn đến ngày", "Due on or before") + date_hint(ctx));
    cmd->add_flag("--overdue", args->overdue, ctx.tr("Chỉ kế hoạch quá hạn hôm nay", "Only actions overdue today"));
    cmd->add_flag("--deleted", args->filter.include_deleted, ctx.tr("Gồm cả kế hoạch đã xóa", "Include deleted"));
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        ActionFilter filter = args->filter;
        filter.due_before = args->due_before;
        std::string now = today(store);
        if (args->overdue) filter.overdue_on = now;
        print_actions(ctx, list_actions(store, filter), now);
    });
}

// Past due and not done or cancelled, as of today on this device's clock: no network needed.
void add_overdue(CLI::App& group, Context& ctx) {
    auto unit = std::make_shared<std::optional<std::string>>();
    CLI::App* cmd = add_command(group, ctx, "overdue", "Kế hoạch quá hạn (tính trên máy, không cần mạng)",
                                "Overdue actions (computed on the device, offline)");
    add_text_option(cmd, "--unit", *unit, ctx.tr("Đơn vị này và các đơn vị trực thuộc", "This unit and the units below it"));
    cmd->callback([&ctx, unit] {
        Store& store = ctx.store();
        ActionFilter filter;
        filter.unit = *unit;
        std::string now = today(store);
        filter.overdue_on = now;
        print_actions(ctx, list_actions(store, filter), now);
    });
}

// The acting officer's own open actions due within the next days, overdue ones first.
void add_due_soon(CLI::App& group, Context& ctx) {
    auto days = std::make_shared<int>(7);
    auto owner = std::make_shared<std::optional<std::string>>();
    CLI::App* cmd = add_command(group, ctx, "due-soon", "Kế hoạch của tôi sắp đến hạn", "My actions due soon");
    cmd->add_option("--days", *days, ctx.tr("Trong số ngày tới", "Within this many days"))
        ->check(CLI::Range(0, 3650))
        ->capture_default_str();
    add_text_option(cmd, "--owner", *owner,
                    ctx.tr("Của cán bộ này (mặc định: cán bộ đang dùng máy)", "Of this officer (default: the acting officer)"));
    cmd->callback([&ctx, days, owner] {
        Store& store = ctx.store();
        std::string now = today(store);
        ActionFilter filter;
        filter.owner = owner->value_or(ctx.actor().officer);
        filter.due_before = iso_from_days(days_from_iso(now) + *days);
        print_actions(ctx, list_actions(store, filter), now);
    });
}

void add_show(CLI::App& group, Context& ctx) {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "show", "Xem một kế hoạch khắc phục", "Show an action");
    cmd->add_option("ID", *id, ctx.tr("Mã kế hoạch", "Action id"))->required();
    cmd->callback([&ctx, id] {
        Action a = get_action(ctx.store(), *id);
        std::vector<StatusEvent> history = status_history(ctx.store(), a.id);
        if (ctx.json) {
            ViewObject view = action_view(a);
            NestedViews events;
            for (const auto& e : history) events.objects.push_back(status_event_view(e));
            view.emplace_back("status_history", std::move(events));
            return ctx.print_json(view);
        }
        print_action(ctx, a, history);
    });
}
}  // namespace

void add_action_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "action", "Kế hoạch khắc phục: ai làm, hạn khi nào",
                                "Remediation actions: who does what, by when");
    add_add(*group, ctx);
    add_list(*group, ctx);
    add_show(*group, ctx);
    add_overdue(*group, ctx);
    add_due_soon(*group, ctx);
    add_update(*group, ctx);
    add_transition(*group, ctx, "start", "in_progress", "Bắt đầu thực hiện", "Start working on the action");
    add_done(*group, ctx);
    add_transition(*group, ctx, "cancel", "cancelled", "Hủy kế hoạch (cần lý do)", "Cancel (needs a reason)",
                   "--reason", "Lý do hủy", "Why it is cancelled");
    add_action_history_command(*group, ctx);
}

}  // namespace langnghe::cli
