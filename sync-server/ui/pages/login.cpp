// The login and change-password forms. Every input has a <label>; the only <h1> is the form's.
#include "pages.h"

namespace langnghe::server::ui {

namespace {
std::string error_line(const std::string& error) {
    return error.empty() ? std::string() : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>\n";
}
}  // namespace

std::string login_body(Lang lang, const std::string& error) {
    return "<h1>" + tr(lang, "Đăng nhập", "Log in") + "</h1>\n" + error_line(error) +
           "<form class=\"login stacked\" method=\"post\" action=\"/ui/login\">\n"
           "<label for=\"username\">" + tr(lang, "Tên đăng nhập", "User name") + "</label>\n"
           "<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" autocapitalize=\"none\" required>\n"
           "<label for=\"password\">" + tr(lang, "Mật khẩu", "Password") + "</label>\n"
           "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n"
           "<button type=\"submit\">" + tr(lang, "Đăng nhập", "Log in") + "</button>\n</form>\n"
           "<p class=\"muted\">" +
           tr(lang, "Chưa có tài khoản? Quản trị viên của trạm tạo bằng lệnh langnghe-server user add.",
              "No account? The station's administrator makes one with langnghe-server user add.") +
           "</p>";
}

std::string password_body(Lang lang, const std::string& csrf, bool first_login, const std::string& error) {
    std::string intro = first_login ? tr(lang, "Đây là lần đăng nhập đầu tiên: hãy đặt mật khẩu của riêng bạn (ít nhất 10 ký tự).",
                                         "This is your first login: choose a password of your own (at least 10 characters).")
                                    : tr(lang, "Mật khẩu mới cần ít nhất 10 ký tự.", "The new password needs at least 10 characters.");
    return "<h1>" + tr(lang, "Đổi mật khẩu", "Change your password") + "</h1>\n<p>" + esc(intro) + "</p>\n" + error_line(error) +
           "<form class=\"login stacked\" method=\"post\" action=\"/ui/password\">\n" + csrf_field(csrf) + "\n"
           "<label for=\"current\">" + tr(lang, "Mật khẩu hiện tại", "Current password") + "</label>\n"
           "<input id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" required>\n"
           "<label for=\"new_password\">" + tr(lang, "Mật khẩu mới", "New password") + "</label>\n"
           "<input id=\"new_password\" name=\"new_password\" type=\"password\" autocomplete=\"new-password\" minlength=\"10\" required>\n"
           "<label for=\"confirm\">" + tr(lang, "Nhập lại mật khẩu mới", "New password again") + "</label>\n"
           "<input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" minlength=\"10\" required>\n"
           "<button type=\"submit\">" + tr(lang, "Lưu mật khẩu", "Save the password") + "</button>\n</form>";
}

}  // namespace langnghe::server::ui
