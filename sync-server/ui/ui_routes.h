#pragma once
// The dashboard's routes: the only file that knows its URLs. Every path under /ui/ comes here from
// the HTTP layer (web_handler.h). Without a live session, /ui/ shows the login form and every other
// path answers 303 to it; a user who must change the password sees only that form; every POST but
// the login carries the session's CSRF token.
#include <memory>
#include <mutex>

#include "accounts.h"
#include "page_cache.h"
#include "pages/pages.h"
#include "rate_limiter.h"
#include "sessions.h"
#include "web_handler.h"

namespace langnghe::server {
class Station;
}

namespace langnghe::server::ui {

// Login attempts from one address: 20, then 20 a minute (on top of the per-user lockout).
inline constexpr TokenBucketRate login_rate_per_address{20, 3000};
inline constexpr TokenBucketRate login_rate_global{200, 300};

class UiRoutes final : public WebHandler {
public:
    explicit UiRoutes(Station& station);
    WebReply answer(const WebRequest& request) noexcept override;

private:
    struct Context;
    WebReply route(Context& c);
    WebReply login(Context& c);
    WebReply change_password(Context& c);
    WebReply overview(Context& c);
    // The feedback pages (pages/feedback_pages.h) and the admin's audit log.
    WebReply feedback_table(Context& c);
    WebReply feedback_item(Context& c, const std::string& id);
    WebReply feedback_export(Context& c, bool csv);
    WebReply audit_log(Context& c);
    // ui_devices.cpp: the device list, enrollment codes, revoke and rotate (admins only).
    WebReply devices(Context& c);
    WebReply issue_code(Context& c);
    WebReply revoke_device(Context& c, bool rotate);
    // /ui/actions, /ui/forums, /ui/ballots: a page over the user's unit subtree.
    WebReply list_page(Context& c, std::string (*body)(Store&, Lang, const ListQuery&), std::string_view title_vi,
                       std::string_view title_en);
    WebReply minutes(Context& c, const std::string& forum_id);

    Station& m_station;
    Accounts m_accounts;
    Sessions m_sessions;
    EndpointLimit m_login_limit;
    PasswordHash m_dummy;
    PageCache m_pages;  // overviews, until the station's next change  // checked against for unknown names, so they take as long as known ones
};

}  // namespace langnghe::server::ui
