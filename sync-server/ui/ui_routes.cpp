#include "ui_routes.h"

#include <algorithm>

#include "form.h"
#include "html.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/base/text.h"
#include "langnghe/storage/custody_crypto.h"
#include "pages/feedback_pages.h"
#include "pages/pages.h"
#include "station.h"
#include "ui_context.h"

namespace langnghe::server::ui {

namespace {
constexpr std::string_view lang_cookie = "langnghe_lang";

std::string cookie_attributes(bool tls) { return std::string("; Path=/ui/; HttpOnly; SameSite=Strict") + (tls ? "; Secure" : ""); }

// The page's path and query without `lang`, for the language switch.
std::string here_of(const WebRequest& r) {
    std::string query;
    for (const auto& [name, value] : r.query)
        if (name != "lang") query += (query.empty() ? "?" : "&") + query_encode(name) + "=" + query_encode(value);
    return r.path + query;
}

// A name as typed at the login form, for the audit log an admin reads on a terminal: cut short,
// and never bytes that are not text or that a terminal would act on.
std::string typed_name(const std::string& name) {
    if (!is_valid_utf8(name) || has_control_characters(name)) return "(not a name)";
    return truncate_chars(name, 64);
}

bool same_origin(const WebRequest& r) {
    if (r.origin.empty()) return true;  // browsers send Origin with every POST; SameSite=Strict covers the rest
    return r.origin == (r.tls ? "https://" : "http://") + r.host;
}
}  // namespace

std::optional<SignedIn> UiRoutes::Context::signed_in() const {
    if (!user || !session) return std::nullopt;
    return SignedIn{user->name, user->unit, session->csrf, user->role};
}

WebReply UiRoutes::Context::page(int status, const std::string& title, std::string body) const {
    Frame f;
    f.lang = lang;
    f.title = title;
    f.body = std::move(body);
    f.here = here_of(request);
    f.user = signed_in();
    return page_reply(status, render(f));
}

std::string UiRoutes::Context::field(const std::string& name) const {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
}

UiRoutes::UiRoutes(Station& station)
    : m_station(station),
      m_accounts(station),
      m_sessions(m_accounts.tables()),
      m_login_limit("ui_login", login_rate_per_address, login_rate_global, std::make_shared<MemoryRateStore>()),
      m_dummy(hash_password(random_hex(16))) {}

WebReply UiRoutes::answer(const WebRequest& request) noexcept {
    Context c(request);
    try {
        std::string chosen;
        if (auto it = request.query.find("lang"); it != request.query.end()) chosen = it->second;
        if (chosen == "vi" || chosen == "en") c.set_lang = chosen;
        else chosen = cookie_value(request.cookie, lang_cookie);
        c.lang = chosen == "en" ? Lang::en : Lang::vi;
        WebReply reply = route(c);
        if (c.set_lang)
            reply.headers.emplace_back("Set-Cookie", std::string(lang_cookie) + "=" + *c.set_lang + "; Max-Age=31536000" +
                                                         cookie_attributes(request.tls));
        return reply;
    } catch (const Error& e) {
        bool ours = e.code() == ErrorCode::internal || e.code() == ErrorCode::storage || e.code() == ErrorCode::io;
        try {
            if (!ours)
                return message_page(e.code() == ErrorCode::not_found ? 404 : 400, c.lang, "Yêu cầu không hợp lệ", "Invalid request",
                                    e.message(c.lang), c.signed_in());
        } catch (...) {
        }
    } catch (...) {
    }
    WebReply failed;
    failed.status = 500;
    failed.content_type = "text/plain; charset=utf-8";
    failed.body = "Lỗi nội bộ tại máy chủ / internal error at the station\n";
    return failed;
}

WebReply UiRoutes::route(Context& c) {
    const WebRequest& r = c.request;
    if (r.refused == 405)
        return message_page(405, c.lang, "Không hỗ trợ", "Not supported", tr(c.lang, "Phương thức này không được hỗ trợ.", "This method is not supported."));
    if (r.refused)
        return message_page(r.refused, c.lang, "Biểu mẫu bị từ chối", "Form refused",
                            tr(c.lang, "Biểu mẫu quá lớn hoặc không đúng định dạng.", "The form is too large or not a form."));
    if (r.path == "/ui/style.css") return stylesheet_reply();
    if (r.path == "/ui") return redirect_reply("/ui/");  // the cookies' Path is /ui/, which /ui is not under
    bool post = r.method == "POST";
    if (post && !same_origin(r))
        return message_page(403, c.lang, "Bị từ chối", "Refused",
                            tr(c.lang, "Biểu mẫu được gửi từ một trang khác.", "The form was sent from another site."));
    if (post) c.form = parse_form(r.body);
    if (r.path == "/ui/login") return post ? login(c) : redirect_reply("/ui/");

    c.cookie = cookie_value(r.cookie, session_cookie);
    if (!c.cookie.empty()) {
        std::lock_guard lock(m_station.mutex());
        c.session = m_sessions.find(c.cookie, m_station.now_ms());
        if (c.session) c.user = m_accounts.find(c.session->user);
        if (c.user && c.user->disabled) c.user.reset();
    }
    bool home = r.path == "/ui/";
    if (!c.user) {
        if (home && !post) return c.page(200, tr(c.lang, "Đăng nhập", "Log in"), login_body(c.lang, {}));
        return redirect_reply("/ui/");
    }
    if (post) {
        auto token = c.form.find("csrf");
        if (token == c.form.end() || !secrets_equal(token->second, c.session->csrf))
            return message_page(403, c.lang, "Bị từ chối", "Refused",
                                tr(c.lang, "Biểu mẫu thiếu mã bảo vệ (CSRF) hoặc mã không đúng. Hãy tải lại trang rồi thử lại.",
                                   "The form's protection token (CSRF) is missing or wrong. Reload the page and try again."),
                                c.signed_in());
    }
    if (r.path == "/ui/logout" && post) {
        std::lock_guard lock(m_station.mutex());
        m_sessions.end(c.cookie);
        WebReply reply = redirect_reply("/ui/");
        reply.headers.emplace_back("Set-Cookie", std::string(session_cookie) + "=; Max-Age=0" + cookie_attributes(r.tls));
        return reply;
    }
    if (r.path == "/ui/password") return change_password(c);
    if (c.user->must_change) return redirect_reply("/ui/password");
    if (home && !post) return overview(c);
    if (!post && r.path == "/ui/feedback") return feedback_table(c);
    if (!post && (r.path == "/ui/feedback/export.csv" || r.path == "/ui/feedback/export.json"))
        return feedback_export(c, r.path.ends_with(".csv"));
    if (!post && r.path.rfind("/ui/feedback/", 0) == 0 && r.path.size() > 13) return feedback_item(c, r.path.substr(13));
    if (!post && r.path == "/ui/audit") return audit_log(c);
    if (r.path == "/ui/devices" || r.path.starts_with("/ui/devices/")) return devices(c);
    if (!post && r.path == "/ui/actions") return list_page(c, actions_body, "Kế hoạch khắc phục", "Actions");
    if (!post && r.path == "/ui/forums") return list_page(c, forums_body, "Hội nghị", "Forums");
    if (!post && r.path == "/ui/ballots") return list_page(c, ballots_body, "Phiếu đánh giá", "Ballots");
    if (constexpr std::string_view forums = "/ui/forums/", tail = "/minutes";
        !post && r.path.size() > forums.size() + tail.size() && r.path.starts_with(forums) && r.path.ends_with(tail)) {
        std::string id = r.path.substr(forums.size(), r.path.size() - forums.size() - tail.size());
        if (id.find('/') == std::string::npos) return minutes(c, id);
    }
    return message_page(404, c.lang, "Không tìm thấy", "Not found", tr(c.lang, "Không có trang này.", "There is no such page."),
                        c.signed_in());
}

WebReply UiRoutes::login(Context& c) {
    const WebRequest& r = c.request;
    std::string name = c.form["username"], password = c.form["password"];
    std::int64_t now = m_station.now_ms();
    std::string refused = tr(c.lang, "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa. Hãy thử lại sau.",
                             "Wrong user name or password, or the account is locked for a while. Try again later.");
    if (!m_login_limit.admit(r.address, now).allowed)
        return c.page(429, tr(c.lang, "Đăng nhập", "Log in"), login_body(c.lang, refused));
    std::optional<UiUser> user;
    {
        std::lock_guard lock(m_station.mutex());
        user = m_accounts.find(name);
    }
    bool usable = user && !user->disabled && user->locked_until <= now;
    // Outside the lock: a hash takes a tenth of a second and sync requests must not wait for it.
    bool matches = password_matches(password, user ? user->hash : m_dummy);
    // A hash made under parameters since raised is made again while the password is at hand.
    std::optional<PasswordHash> rehashed;
    if (usable && matches && !(user->hash.params == ScryptParams{})) rehashed = hash_password(password);
    std::lock_guard lock(m_station.mutex());
    if (!usable || !matches) {
        bool locked = user && m_accounts.login_failed(user->name);
        m_accounts.audit({now, typed_name(name), r.address, "login_failed", {}, 0});
        if (locked) m_accounts.audit({now, user->name, r.address, "lockout", {}, 0});
        return c.page(401, tr(c.lang, "Đăng nhập", "Log in"), login_body(c.lang, refused));
    }
    m_login_limit.give_back(r.address, now);
    m_accounts.login_succeeded(user->name);
    if (rehashed) m_accounts.rehash(user->name, *rehashed);
    m_accounts.audit({now, user->name, r.address, "login", {}, 0});
    std::string id = m_sessions.start(user->name, now);
    WebReply reply = redirect_reply(user->must_change ? "/ui/password" : "/ui/");
    reply.headers.emplace_back("Set-Cookie", std::string(session_cookie) + "=" + id + cookie_attributes(r.tls));
    return reply;
}

WebReply UiRoutes::change_password(Context& c) {
    std::string title = tr(c.lang, "Đổi mật khẩu", "Change your password");
    bool first = c.user->must_change;
    if (c.request.method != "POST") return c.page(200, title, password_body(c.lang, c.session->csrf, first, {}));
    std::string current = c.form["current"], fresh = c.form["new_password"], again = c.form["confirm"];
    auto refuse = [&](const std::string& why) { return c.page(400, title, password_body(c.lang, c.session->csrf, first, why)); };
    if (!password_matches(current, c.user->hash))
        return refuse(tr(c.lang, "Mật khẩu hiện tại không đúng.", "The current password is wrong."));
    if (fresh != again) return refuse(tr(c.lang, "Hai lần nhập mật khẩu mới không giống nhau.", "The two new passwords differ."));
    try {
        check_new_password(fresh, current);
    } catch (const Error& e) {
        return refuse(e.message(c.lang));
    }
    PasswordHash h = hash_password(fresh);
    std::lock_guard lock(m_station.mutex());
    m_accounts.set_password(c.user->name, h);
    m_accounts.audit({m_station.now_ms(), c.user->name, c.request.address, "password_changed", {}, 0});
    return redirect_reply("/ui/");
}

WebReply UiRoutes::overview(Context& c) {
    OverviewQuery q;
    q.query = c.request.query;
    q.unit = c.user->unit;
    std::lock_guard lock(m_station.mutex());
    q.today = iso_date_at(m_station.now_ms());
    if (auto it = q.query.find("unit"); it != q.query.end() && !it->second.empty() && it->second != q.unit) {
        // Only units of the user's subtree; any other answers as a unit that does not exist would.
        auto subtree = m_station.data().unit_subtree(c.user->unit);
        if (std::find(subtree.begin(), subtree.end(), it->second) == subtree.end())
            return message_page(404, c.lang, "Không tìm thấy", "Not found",
                                tr(c.lang, "Không có đơn vị này trong phạm vi của bạn.", "No such unit within your scope."),
                                c.signed_in());
        q.unit = it->second;
    }
    std::string what = "overview|" + c.user->unit + "|" + q.unit + "|" + (c.lang == Lang::vi ? "vi" : "en") + "|" + q.today;
    for (const char* period : {"month", "quarter", "year"})
        if (auto it = q.query.find(period); it != q.query.end()) what += std::string("|") + period + "=" + it->second;
    std::uint64_t cursor = m_station.data().newest_cursor();
    std::optional<std::string> body = m_pages.find(what, cursor);
    if (!body) {
        body = overview_body(records_to_read(m_station), c.lang, q, c.user->unit);
        m_pages.keep(what, cursor, *body);
    }
    return c.page(200, tr(c.lang, "Tổng quan", "Overview"), std::move(*body));
}

namespace {
Viewer viewer_of(const UiUser& user) { return Viewer{user.name, user.unit, user.role}; }

// One `view_personal` line per page view that showed a resident's name or phone, naming the records.
AuditEntry personal_view(std::int64_t at, const UiUser& user, const std::string& address, const std::vector<std::string>& ids) {
    std::string what = "feedback";
    for (const auto& id : ids) what += (what.size() == 8 ? " " : ",") + id;
    return {at, user.name, address, "view_personal", what, static_cast<std::int64_t>(ids.size())};
}
}  // namespace

WebReply UiRoutes::feedback_table(Context& c) {
    Viewer viewer = viewer_of(*c.user);
    std::lock_guard lock(m_station.mutex());
    std::int64_t now = m_station.now_ms();
    Store& store = records_to_read(m_station);
    FeedbackQuery q = parse_feedback_query(store, viewer, c.request.query, iso_date_at(now));
    PageContent page = ui::feedback_table(store, c.lang, viewer, q);
    if (!page.personal_ids.empty()) m_accounts.audit(personal_view(now, *c.user, c.request.address, page.personal_ids));
    return c.page(200, page.title, std::move(page.body));
}

WebReply UiRoutes::feedback_item(Context& c, const std::string& id) {
    Viewer viewer = viewer_of(*c.user);
    std::lock_guard lock(m_station.mutex());
    std::int64_t now = m_station.now_ms();
    PageContent page = feedback_detail(records_to_read(m_station), c.lang, viewer, id);
    if (!page.personal_ids.empty()) m_accounts.audit(personal_view(now, *c.user, c.request.address, page.personal_ids));
    return c.page(200, page.title, std::move(page.body));
}

WebReply UiRoutes::feedback_export(Context& c, bool csv) {
    Viewer viewer = viewer_of(*c.user);
    std::lock_guard lock(m_station.mutex());
    std::int64_t now = m_station.now_ms();
    Store& store = records_to_read(m_station);
    FeedbackQuery q = parse_feedback_query(store, viewer, c.request.query, iso_date_at(now));
    ExportFile file = ui::feedback_export(store, c.lang, viewer, q, csv ? ExportFormat::csv : ExportFormat::json, iso_date_at(now));
    // One line per export, with the filter and the row count, whoever exports.
    m_accounts.audit({now, c.user->name, c.request.address, "export",
                      std::string(csv ? "csv" : "json") + (file.personal ? " with personal data " : " ") + filter_text(q),
                      static_cast<std::int64_t>(file.rows)});
    WebReply reply = page_reply(200, std::move(file.body));
    reply.content_type = file.content_type;
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
    return reply;
}

WebReply UiRoutes::audit_log(Context& c) {
    if (c.user->role != "admin")
        return message_page(403, c.lang, "Bị từ chối", "Refused",
                            tr(c.lang, "Chỉ quản trị viên xem được nhật ký truy cập.", "Only an admin reads the audit log."), c.signed_in());
    std::size_t page = page_number(c.request.query);
    std::vector<AuditEntry> lines;
    {
        std::lock_guard lock(m_station.mutex());
        lines = m_accounts.audit_log(page * audit_page_size + 1);
    }
    PageContent content = audit_page(c.lang, lines, page);
    return c.page(200, content.title, std::move(content.body));
}

WebReply UiRoutes::list_page(Context& c, std::string (*body)(Store&, Lang, const ListQuery&), std::string_view title_vi,
                             std::string_view title_en) {
    ListQuery q;
    q.unit = c.user->unit;  // the page's scope: this unit's subtree, applied in the core's query
    q.query = c.request.query;
    std::lock_guard lock(m_station.mutex());
    q.today = iso_date_at(m_station.now_ms());
    std::string html = body(records_to_read(m_station), c.lang, q);
    return c.page(200, tr(c.lang, title_vi, title_en), std::move(html));
}

// A forum outside the user's subtree answers as a missing one does, so its existence stays unknown.
WebReply UiRoutes::minutes(Context& c, const std::string& forum_id) {
    std::optional<std::string> document;
    {
        std::lock_guard lock(m_station.mutex());
        document = minutes_document(records_to_read(m_station), c.lang, forum_id, m_station.data().unit_subtree(c.user->unit));
    }
    if (!document)
        return message_page(404, c.lang, "Không tìm thấy", "Not found",
                            tr(c.lang, "Không có hội nghị này trong phạm vi của bạn.", "No such forum within your scope."), c.signed_in());
    return printable_reply(std::move(*document));
}

}  // namespace langnghe::server::ui
