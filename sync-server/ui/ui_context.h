#pragma once
// One dashboard request as the routes see it once its language, session and form are known; shared
// by the files that hold UiRoutes' handlers (ui_routes.cpp, ui_devices.cpp).
#include <map>
#include <optional>
#include <string>

#include "html.h"
#include "ui_routes.h"

namespace langnghe::server::ui {

struct UiRoutes::Context {
    explicit Context(const WebRequest& r) : request(r) {}
    const WebRequest& request;
    Lang lang = Lang::vi;
    std::optional<std::string> set_lang;  // the cookie to set when ?lang= chose
    std::string cookie;                   // the session cookie's value
    std::optional<Session> session;
    std::optional<UiUser> user;
    std::map<std::string, std::string> form;

    std::optional<SignedIn> signed_in() const;
    // The page in the frame, with the signed-in line when there is a user.
    WebReply page(int status, const std::string& title, std::string body) const;
    // A field of the posted form, "" when absent.
    std::string field(const std::string& name) const;
};

}  // namespace langnghe::server::ui
