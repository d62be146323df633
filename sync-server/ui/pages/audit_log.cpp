// The audit log (/ui/audit, admins only): logins, failures, lockouts, password changes, views of
// residents' personal data and exports, newest first, a page at a time.
#include "feedback_pages.h"
#include "form.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/text.h"
#include "langnghe/model/vocab.h"

namespace langnghe::server::ui {

namespace {
constexpr Label act_labels[] = {
    {"view_personal", "Xem thông tin cá nhân", "Viewed personal data"},
    {"export", "Xuất dữ liệu", "Export"},
    {"login", "Đăng nhập", "Login"},
    {"login_failed", "Đăng nhập sai", "Failed login"},
    {"lockout", "Khóa tài khoản", "Lockout"},
    {"password_changed", "Đổi mật khẩu", "Password changed"},
    {"device_revoked", "Thu hồi thiết bị", "Device revoked"},
    {"device_rotated", "Đổi mã truy cập thiết bị", "Device token rotated"},
    {"code_issued", "Cấp mã ghi danh", "Enrollment code issued"},
};

// Names typed at the login form may be anything: shown only when they are text.
std::string safe(const std::string& text) { return is_valid_utf8(text) ? text : "?"; }
}  // namespace

PageContent audit_page(Lang lang, const std::vector<AuditEntry>& lines, std::size_t page) {
    PageContent out;
    out.title = tr(lang, "Nhật ký truy cập", "Audit log");
    std::size_t first = (page - 1) * audit_page_size;
    std::string rows;
    for (std::size_t i = first; i < lines.size() && i < first + audit_page_size; ++i) {
        const AuditEntry& e = lines[i];
        rows += "<tr><td>" + esc(iso_instant_at(e.at)) + "</td><td>" + esc(safe(e.user)) + "</td><td>" + esc(safe(e.address)) +
                "</td><td>" + esc(label_of(act_labels, e.act, lang)) + "</td><td>" + esc(safe(e.what)) + "</td><td class=\"n\">" +
                (e.rows ? std::to_string(e.rows) : std::string()) + "</td></tr>\n";
    }
    if (rows.empty()) rows = "<tr><td colspan=\"6\">" + tr(lang, "Không có dòng nào.", "No lines.") + "</td></tr>";
    out.body = "<h1>" + esc(out.title) + "</h1>\n<p>" + tr(lang, "Mới nhất trước. Trang ", "Newest first. Page ") + std::to_string(page) +
               ".</p>\n<div class=\"box\"><table aria-label=\"" + esc(out.title) + "\"><thead><tr><th scope=\"col\">" +
               tr(lang, "Lúc", "At") + "</th><th scope=\"col\">" + tr(lang, "Người dùng", "User") + "</th><th scope=\"col\">" +
               tr(lang, "Địa chỉ", "Address") + "</th><th scope=\"col\">" + tr(lang, "Hành động", "Act") + "</th><th scope=\"col\">" +
               tr(lang, "Bản ghi hoặc bộ lọc", "Record or filter") + "</th><th scope=\"col\" class=\"n\">" + tr(lang, "Số dòng", "Rows") +
               "</th></tr></thead><tbody>" + rows + "</tbody></table></div>\n";
    bool more = lines.size() > first + audit_page_size;
    if (page > 1 || more) {
        out.body += "<nav aria-label=\"" + tr(lang, "Trang", "Pages") + "\"><p>";
        if (page > 1) out.body += "<a href=\"/ui/audit?page=" + std::to_string(page - 1) + "\" rel=\"prev\">" + tr(lang, "← Mới hơn", "← Newer") + "</a> ";
        if (more) out.body += "<a href=\"/ui/audit?page=" + std::to_string(page + 1) + "\" rel=\"next\">" + tr(lang, "Cũ hơn →", "Older →") + "</a>";
        out.body += "</p></nav>\n";
    }
    return out;
}

}  // namespace langnghe::server::ui
