// The devices page (/ui/devices, admins only): the enrolled devices of the admin's subtree and the
// forms that issue, revoke and rotate, every one a POST with the session's CSRF token.
#include "langnghe/base/dates.h"
#include "langnghe/model/vocab.h"
#include "pages.h"

namespace langnghe::server::ui {

namespace {
std::string th(std::string_view text) { return "<th scope=\"col\">" + esc(text) + "</th>"; }
std::string td(std::string_view text) { return "<td>" + esc(text) + "</td>"; }

std::string when(std::int64_t ms, Lang lang) {
    if (ms == 0) return tr(lang, "chưa đồng bộ", "never");
    std::string at = iso_date_time_at(ms);  // the station's time of day, YYYY-MM-DDTHH:MM
    at[10] = ' ';
    return format_date(at, lang);
}

std::string device_form(Lang lang, const std::string& action, const Device& d, const std::string& csrf, std::string_view vi,
                        std::string_view en) {
    return "<form method=\"post\" action=\"" + action + "\" class=\"inline\">" + csrf_field(csrf) +
           "<input type=\"hidden\" name=\"device\" value=\"" + esc(d.id) + "\"><button type=\"submit\" aria-label=\"" +
           esc(tr(lang, vi, en) + " " + d.id) + "\">" + esc(tr(lang, vi, en)) + "</button></form>";
}

std::string device_row(Lang lang, const Device& d, const std::string& csrf) {
    std::string row = "<tr><th scope=\"row\"><code>" + esc(d.id) + "</code></th>" + td(d.label) + td(d.unit) +
                      td(label_of(device_roles(), d.role, lang)) + td(label_of(device_states(), d.status, lang)) +
                      td(when(d.last_seen, lang)) + td(d.client.empty() ? "–" : d.client) +
                      "<td class=\"n\">" + std::to_string(d.refused_last) + "</td><td>";
    if (d.status == "active")
        row += device_form(lang, "/ui/devices/revoke", d, csrf, "Thu hồi", "Revoke") + " " +
               device_form(lang, "/ui/devices/rotate", d, csrf, "Đổi mã", "Rotate");
    return row + "</td></tr>\n";
}

std::string select(const std::string& name, std::span<const Label> choices, std::string_view chosen, Lang lang) {
    std::string out = "<select id=\"" + name + "\" name=\"" + name + "\">";
    for (const auto& c : choices)
        out += "<option value=\"" + esc(c.code) + "\"" + (c.code == chosen ? " selected" : "") + ">" + esc(c.text(lang)) + "</option>";
    return out + "</select>";
}

std::string issue_form(Lang lang, const DevicesView& view) {
    static constexpr Label durations[] = {{"1d", "1 ngày", "1 day"}, {"7d", "7 ngày", "7 days"}, {"30d", "30 ngày", "30 days"}};
    return "<h2 id=\"issue\">" + tr(lang, "Cấp mã ghi danh", "Issue an enrollment code") +
           "</h2>\n<form method=\"post\" action=\"/ui/devices/code\" class=\"stacked issue\">" + csrf_field(view.csrf) +
           "<label for=\"unit\">" + tr(lang, "Mã đơn vị", "Unit code") + "</label><input id=\"unit\" name=\"unit\" required value=\"" +
           esc(view.user_unit) + "\"><label for=\"role\">" + tr(lang, "Vai trò", "Role") + "</label>" +
           select("role", device_roles(), "officer", lang) + "<label for=\"expires\">" + tr(lang, "Hiệu lực", "Valid for") +
           "</label>" + select("expires", durations, "7d", lang) + "<button type=\"submit\">" +
           tr(lang, "Cấp mã", "Issue the code") + "</button></form>\n";
}
}  // namespace

std::string devices_body(Lang lang, const DevicesView& view) {
    std::string out = "<h1>" + tr(lang, "Thiết bị", "Devices") + "</h1>\n";
    if (!view.notice.empty()) out += "<p class=\"notice\" role=\"status\">" + esc(view.notice) + "</p>\n";
    out += "<h2 id=\"list\">" + tr(lang, "Thiết bị đã ghi danh", "Enrolled devices") + " (" + std::to_string(view.devices.size()) + ")</h2>\n";
    if (view.devices.empty()) {
        out += "<p>" + tr(lang, "Chưa có thiết bị nào trong phạm vi của bạn.", "No device within your scope yet.") + "</p>\n";
    } else {
        out += "<div class=\"box\"><table aria-labelledby=\"list\"><thead><tr>" + th(tr(lang, "Mã thiết bị", "Device")) +
               th(tr(lang, "Tên", "Label")) + th(tr(lang, "Đơn vị", "Unit")) + th(tr(lang, "Vai trò", "Role")) +
               th(tr(lang, "Trạng thái", "State")) + th(tr(lang, "Đồng bộ lần cuối", "Last sync")) +
               th(tr(lang, "Phiên bản", "Version")) + th(tr(lang, "Hồ sơ bị từ chối lần gửi cuối", "Refused in its last push")) +
               th(tr(lang, "Thao tác", "Actions")) + "</tr></thead><tbody>\n";
        for (const auto& d : view.devices) out += device_row(lang, d, view.csrf);
        out += "</tbody></table></div>\n";
    }
    return out + issue_form(lang, view);
}

std::string device_confirm_body(Lang lang, const Device& d, bool rotate, const std::string& csrf) {
    std::string out = "<h1>" + (rotate ? tr(lang, "Đổi mã truy cập của thiết bị", "Rotate a device's token")
                                       : tr(lang, "Thu hồi thiết bị", "Revoke a device")) + "</h1>\n<p>";
    out += rotate ? tr(lang, "Mã truy cập hiện tại của thiết bị sẽ bị thu hồi ngay và một mã ghi danh lại được cấp. Thiết bị chỉ đồng bộ được sau khi ghi danh lại bằng mã đó.",
                       "The device's current token is revoked at once and a code to re-enroll it is issued. It syncs again only once it re-enrolls with that code.")
                  : tr(lang, "Thiết bị sẽ không đồng bộ được nữa. Hồ sơ nó đã gửi vẫn được giữ nguyên.",
                       "The device can no longer sync. What it has already sent is kept.");
    out += "</p>\n<dl><dt>" + tr(lang, "Mã thiết bị", "Device") + "</dt><dd><code>" + esc(d.id) + "</code></dd><dt>" +
           tr(lang, "Tên", "Label") + "</dt><dd>" + esc(d.label) + "</dd><dt>" + tr(lang, "Đơn vị", "Unit") + "</dt><dd>" +
           esc(d.unit) + "</dd></dl>\n<form method=\"post\" action=\"/ui/devices/" + (rotate ? "rotate" : "revoke") + "\">" +
           csrf_field(csrf) + "<input type=\"hidden\" name=\"device\" value=\"" + esc(d.id) +
           "\"><input type=\"hidden\" name=\"confirm\" value=\"yes\"><button type=\"submit\">" +
           (rotate ? tr(lang, "Xác nhận đổi mã", "Confirm the rotation") : tr(lang, "Xác nhận thu hồi", "Confirm the revocation")) +
           "</button> <a href=\"/ui/devices\">" + tr(lang, "Hủy", "Cancel") + "</a></form>\n";
    return out;
}

std::string issued_code_body(Lang lang, const IssuedCode& code, const std::string& card, const std::string& qr, bool rotated) {
    std::string out = "<h1>" + (rotated ? tr(lang, "Mã ghi danh lại thiết bị", "Code to re-enroll the device")
                                        : tr(lang, "Mã ghi danh mới", "New enrollment code")) + "</h1>\n";
    out += "<p>" + tr(lang, "Mã chỉ hiện một lần. Điện thoại quét mã QR, hoặc nhập mã cùng thẻ ghi danh.",
                      "The code is shown this once. A phone scans the QR code, or takes the code with the card.") + "</p>\n";
    out += "<dl><dt>" + tr(lang, "Mã", "Code") + "</dt><dd><code id=\"enroll-code\">" + esc(code.code) + "</code></dd><dt>" +
           tr(lang, "Đơn vị", "Unit") + "</dt><dd>" + esc(code.unit) + "</dd><dt>" + tr(lang, "Vai trò", "Role") + "</dt><dd>" +
           esc(label_of(device_roles(), code.role, lang)) + "</dd>";
    if (!code.device_id.empty())
        out += "<dt>" + tr(lang, "Thiết bị", "Device") + "</dt><dd><code>" + esc(code.device_id) + "</code></dd>";
    out += "<dt>" + tr(lang, "Hết hạn", "Expires") + "</dt><dd>" + esc(when(code.expires_at, lang)) + "</dd><dt>" +
           tr(lang, "Thẻ ghi danh (URI)", "Enrollment card (URI)") + "</dt><dd><code id=\"enroll-card\" class=\"wrap\">" + esc(card) +
           "</code></dd></dl>\n";
    // The SVG is made here from the card (qr_svg), its title escaped there: safe to inline.
    out += "<figure class=\"qr\">" + qr + "<figcaption>" + tr(lang, "Quét để ghi danh", "Scan to enroll") + "</figcaption></figure>\n";
    return out + "<p><a href=\"/ui/devices\">" + tr(lang, "Về danh sách thiết bị", "Back to the devices") + "</a></p>\n";
}

}  // namespace langnghe::server::ui
