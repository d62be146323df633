// `langnghe status`: what this device is and holds. Items are gathered as a list so other parts
// (sync: unpushed changes, last sync, clock offset) add theirs without changing the printing.
#include <cstdlib>
#include <map>

#include "commands.h"
#include "langnghe/base/dates.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/model/vocab.h"
#include "langnghe/storage/queries.h"
#include "langnghe/sync/sync_client.h"

namespace langnghe::cli {

namespace {
struct StatusItem {
    std::string key;    // the JSON member
    std::string label;  // in the user's language
    ViewValue value;
    std::string text;  // the value as printed
};

struct RecordCounts {
    std::map<std::string, std::int64_t> live;  // per type, tombstones left out
    std::int64_t deleted = 0, conflicts = 0;
};

RecordCounts record_counts(Store& store) {
    RecordCounts c;
    for (const auto& count : langnghe::count_records(store)) {
        if (count.deleted)
            c.deleted += count.records;
        else
            c.live[count.type] += count.records;
        c.conflicts += count.conflicts;
    }
    return c;
}

std::vector<StatusItem> device_items(Context& ctx) {
    Store& store = ctx.store();
    Actor actor = ctx.actor();
    auto seq = static_cast<std::int64_t>(store.current_seq());
    std::string clock = store.clock().last() ? format_iso8601_ms(stamp_ms(store.clock().last())) : "";
    RecordCounts counts = record_counts(store);
    ViewObject by_type;
    std::string by_type_text;
    for (const auto& [type, n] : counts.live) {
        by_type.emplace_back(type, n);
        by_type_text += (by_type_text.empty() ? "" : ", ") + std::string(label_of(record_types(), type, ctx.lang())) + " " +
                        std::to_string(n);
    }
    return {
        {"db", ctx.tr("Cơ sở dữ liệu", "Database"), ctx.db_path, ctx.db_path},
        {"site", ctx.tr("Mã thiết bị", "Site id"), store.site_id(), store.site_id()},
        {"officer", ctx.tr("Cán bộ", "Officer"), actor.officer, actor.officer},
        {"role", ctx.tr("Vai trò", "Role"), actor.role, std::string(label_of(device_roles(), actor.role, ctx.lang()))},
        {"seq", ctx.tr("Số thứ tự thay đổi", "Change sequence"), seq, std::to_string(seq)},
        {"clock", ctx.tr("Đồng hồ (lần ghi cuối)", "Clock (last write)"), clock, clock},
        {"records", ctx.tr("Bản ghi", "Records"), NestedView{by_type}, by_type_text.empty() ? "0" : by_type_text},
        {"deleted", ctx.tr("Đã xóa (có thể khôi phục)", "Deleted (restorable)"), counts.deleted,
         std::to_string(counts.deleted)},
        {"conflicts", ctx.tr("Xung đột chưa xử lý", "Open conflicts"), counts.conflicts,
         std::to_string(counts.conflicts)},
    };
}

// Sync: the station, the enrolled unit and role, what waits to be pushed, the last sync, the clock.
std::vector<StatusItem> sync_items(Context& ctx) {
    SyncStatus s = sync_status(ctx.store());
    if (!s.enrollment) return {{"enrolled", ctx.tr("Ghi danh", "Enrolled"), false, ctx.tr("chưa", "no")}};
    const Enrollment& e = *s.enrollment;
    std::string last_iso = s.last_sync_ms ? format_iso8601_ms(s.last_sync_ms) : "";
    std::string last = s.last_sync_ms ? format_date(iso_date_time_at(s.last_sync_ms), ctx.lang()) : ctx.tr("chưa bao giờ", "never");
    auto unpushed = static_cast<std::int64_t>(s.unpushed), refused = static_cast<std::int64_t>(s.refused);
    return {
        {"enrolled", ctx.tr("Ghi danh", "Enrolled"), true, e.revoked ? ctx.tr("đã bị thu hồi", "revoked") : ctx.tr("có", "yes")},
        {"server", ctx.tr("Máy chủ", "Server"), e.server, e.server},
        {"device_id", ctx.tr("Mã thiết bị tại trạm", "Device id at the station"), e.device_id, e.device_id},
        {"unit", ctx.tr("Đơn vị", "Unit"), e.unit, e.unit},
        {"sync_role", ctx.tr("Vai trò đồng bộ", "Sync role"), e.role, std::string(label_of(device_roles(), e.role, ctx.lang()))},
        {"unpushed", ctx.tr("Thay đổi chưa gửi", "Unpushed changes"), unpushed, std::to_string(unpushed)},
        {"refused", ctx.tr("Bị trạm từ chối (để riêng, vẫn giữ trên máy)", "Refused by the station (set aside, kept here)"),
         refused, std::to_string(refused)},
        {"set_aside", ctx.tr("Bản ghi để riêng", "Set-aside records"), set_aside_json(ctx, s.set_aside), ""},
        {"last_sync", ctx.tr("Đồng bộ thành công lần cuối", "Last successful sync"), last_iso, last},
        {"clock_offset_ms", ctx.tr("Lệch đồng hồ so với máy chủ (ms)", "Clock offset from the server (ms)"), s.clock_offset_ms,
         std::to_string(s.clock_offset_ms)},
    };
}
}  // namespace

NestedViews set_aside_json(Context& ctx, const std::vector<SetAside>& records) {
    return views_of(records, [&](const SetAside& r) -> ViewObject {
        Advice advice = set_aside_advice(r.code);
        return {{"id", r.id}, {"code", r.code}, {"reason", r.reason}, {"what_to_do", ctx.tr(advice.vi, advice.en)}};
    });
}

void print_set_aside(Context& ctx, const std::vector<SetAside>& records) {
    for (const auto& r : records) {
        Advice advice = set_aside_advice(r.code);
        ctx.print_line(ctx.tr("Để riêng ", "Set aside ") + r.id + " (" + r.code + "): " + ctx.tr(advice.vi, advice.en) +
                       ". " + r.reason);
    }
}

std::string clock_warning(Context& ctx, std::int64_t offset_ms) {
    if (std::llabs(offset_ms) <= clock_skew_tolerance_ms) return "";
    std::string minutes = std::to_string((std::llabs(offset_ms) + 30000) / 60000);
    if (offset_ms > 0)
        return ctx.tr("Đồng hồ thiết bị chậm " + minutes + " phút so với trạm: hãy chỉnh lại giờ (đến khi đó, dấu thời gian theo giờ của trạm)",
                      "The device clock is " + minutes + " min behind the station's: set it right (until then, stamps follow the station's time)");
    return ctx.tr("Đồng hồ thiết bị nhanh " + minutes + " phút so với trạm: hãy chỉnh lại giờ (đến khi đó, dấu thời gian theo giờ của trạm)",
                  "The device clock is " + minutes + " min ahead of the station's: set it right (until then, stamps follow the station's time)");
}

void add_status_commands(CLI::App& app, Context& ctx) {
    CLI::App* cmd = add_command(app, ctx, "status", "Tình trạng thiết bị: mã, cán bộ, số bản ghi, xung đột",
                                "Device status: site id, officer, record counts, conflicts");
    cmd->callback([&ctx] {
        std::vector<StatusItem> items = device_items(ctx);
        for (auto& item : sync_items(ctx)) items.push_back(std::move(item));
        if (ctx.json) {
            ViewObject out;
            for (auto& item : items) out.emplace_back(item.key, std::move(item.value));
            return ctx.print_json(out);
        }
        std::vector<Row> rows;
        for (const auto& item : items) rows.emplace_back(item.label, item.text);
        ctx.print_rows(rows);
        SyncStatus s = sync_status(ctx.store());
        print_set_aside(ctx, s.set_aside);
        if (auto warning = clock_warning(ctx, s.clock_offset_ms); !warning.empty()) ctx.print_line(warning);
    });
}

}  // namespace langnghe::cli
