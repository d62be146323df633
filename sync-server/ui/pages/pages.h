#pragma once
// The dashboard's pages: each renders the <main> content of one page from what the routes give it;
// none reads a request or writes a header (ui_routes.cpp does).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "html.h"
#include "station.h"

namespace langnghe {
class Store;
}

namespace langnghe::server::ui {

// The login form at /ui/ (fields `username` and `password`), with the refusal when there was one.
std::string login_body(Lang lang, const std::string& error);
// The form that changes the password (the one-time one at first login).
std::string password_body(Lang lang, const std::string& csrf, bool first_login, const std::string& error);

// What the overview is asked for: the unit (the user's own, or one below it) and the period, as the
// query gave them (`quarter`, `month` or `year`; none: the quarter of `today`).
struct OverviewQuery {
    std::string unit;
    std::map<std::string, std::string> query;
    std::string today;  // YYYY-MM-DD
};
// The overview of `q.unit`'s subtree from the core's unit report (the figures `langnghe report`
// prints). Throws invalid_input for a malformed period, naming it.
std::string overview_body(Store& store, Lang lang, const OverviewQuery& q, const std::string& user_unit);

// The devices of an admin's subtree (pages/devices.cpp): role, unit, last sync, client version and
// the records refused in its latest push, each active one with revoke and rotate buttons, and the
// form that issues an enrollment code. `notice` is a line of what was just done, "" for none.
struct DevicesView {
    std::vector<Device> devices;
    std::string user_unit, csrf, notice;
};
std::string devices_body(Lang lang, const DevicesView& view);
// The confirmation a revoke or a rotate asks for, naming the device.
std::string device_confirm_body(Lang lang, const Device& device, bool rotate, const std::string& csrf);
// A code just issued (or the code a rotate re-enrolls with): the code, the card URI and its QR code
// as inline SVG, shown this once.
std::string issued_code_body(Lang lang, const IssuedCode& code, const std::string& card, const std::string& qr, bool rotated);
// What a list page (actions, forums, ballots) is asked for: the user's unit, whose subtree is the
// page's scope, the query as given, and the station's day.
struct ListQuery {
    std::string unit;
    std::map<std::string, std::string> query;
    std::string today;  // YYYY-MM-DD
};
// Open actions of the subtree that are overdue or due within `?days=` (default 7), grouped by unit
// and owner, each linked to the feedback it addresses. Throws invalid_input for a bad `days`.
std::string actions_body(Store& store, Lang lang, const ListQuery& q);
// The forums of the subtree, newest first, within the period the query names (all when none), each
// linked to its minutes.
std::string forums_body(Store& store, Lang lang, const ListQuery& q);
// The printable minutes of a forum (the core's HTML document, as `langnghe forum report --format
// html` writes it); none when there is no such forum, it is deleted, or its unit is not in `subtree`:
// the three answer alike.
std::optional<std::string> minutes_document(Store& store, Lang lang, const std::string& forum_id,
                                            const std::vector<std::string>& subtree);
// Satisfaction ballots of the subtree in the period (default: the quarter of today) by criterion,
// the figures of `langnghe report`, and the same for each unit below.
std::string ballots_body(Store& store, Lang lang, const ListQuery& q);

}  // namespace langnghe::server::ui
