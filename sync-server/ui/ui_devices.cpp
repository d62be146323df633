// The devices pages (docs/dashboard.md, "Devices"): for admins only, and only the devices of the
// admin's unit subtree. Issuing a code, revoking and rotating are POSTs (the routes have checked
// the CSRF token); revoke and rotate first answer with a page that asks to confirm. Each act goes
// to the audit log.
#include <algorithm>

#include "langnghe/base/text.h"
#include "langnghe/sync/sync_protocol.h"
#include "langnghe/sync/enrollment_card.h"
#include "form.h"
#include "pages/pages.h"
#include "qr_svg.h"
#include "station.h"
#include "ui_context.h"

namespace langnghe::server::ui {

namespace {
constexpr std::int64_t day_ms = 86'400'000;

// A value from the form as a refusal names it: short, and "?" for bytes that are not text.
std::string shown(const std::string& typed) {
    return is_valid_utf8(typed) && !has_control_characters(typed) ? truncate_chars(typed, 64) : "?";
}

std::int64_t code_validity(const std::string& choice) {
    if (choice == "1d") return day_ms;
    if (choice == "7d" || choice.empty()) return 7 * day_ms;
    if (choice == "30d") return 30 * day_ms;
    throw_invalid("expires", "expires: '" + shown(choice) + "' is not 1d, 7d or 30d",
                  "expires: '" + shown(choice) + "' không phải 1d, 7d hoặc 30d");
}

bool within(const std::vector<std::string>& subtree, const std::string& unit) {
    return std::find(subtree.begin(), subtree.end(), unit) != subtree.end();
}

struct Card {
    std::string uri, qr;  // the QR code as an SVG element, to sit inside the page
};

// The card a device enrolls by with `code`, naming the server as the admin's browser reached it.
Card card_of(Station& station, const WebRequest& request, const IssuedCode& code, const std::string& qr_title) {
    auto key = station.data().station_key();
    std::string server = (request.tls ? "https://" : "http://") + request.host;
    Card card{card_uri({code.code, code.unit, code.role, key.site, key.public_key, server}), {}};
    std::string document = qr_svg(card.uri, qr_title);
    auto start = document.find("<svg");  // without its XML declaration
    card.qr = start == std::string::npos ? document : document.substr(start);
    return card;
}

[[noreturn]] void no_such_device(const std::string& id) {
    // The same answer for a device outside the admin's scope as for one that does not exist.
    throw Error(ErrorCode::not_found, "no device " + id + " within your scope", "device")
        .vi("không có thiết bị " + id + " trong phạm vi của bạn");
}
}  // namespace

WebReply UiRoutes::devices(Context& c) {
    if (c.user->role != "admin")
        return message_page(403, c.lang, "Bị từ chối", "Refused",
                            tr(c.lang, "Chỉ quản trị viên mới quản lý thiết bị.", "Only an admin manages devices."), c.signed_in());
    const std::string& path = c.request.path;
    bool post = c.request.method == "POST";
    if (post && path == "/ui/devices/code") return issue_code(c);
    if (post && path == "/ui/devices/revoke") return revoke_device(c, false);
    if (post && path == "/ui/devices/rotate") return revoke_device(c, true);
    if (post || path != "/ui/devices")
        return message_page(404, c.lang, "Không tìm thấy", "Not found", tr(c.lang, "Không có trang này.", "There is no such page."),
                            c.signed_in());
    DevicesView view;
    view.user_unit = c.user->unit;
    view.csrf = c.session->csrf;
    {
        std::lock_guard lock(m_station.mutex());
        auto subtree = m_station.data().unit_subtree(c.user->unit);
        for (auto& d : m_station.devices())
            if (within(subtree, d.unit)) view.devices.push_back(std::move(d));
    }
    std::sort(view.devices.begin(), view.devices.end(), [](const Device& a, const Device& b) {
        return std::tie(a.unit, a.label, a.id) < std::tie(b.unit, b.label, b.id);
    });
    // The notice names a device of the list, never the query's text.
    if (auto done = c.request.query.find("revoked"); done != c.request.query.end())
        for (const auto& d : view.devices)
            if (d.id == done->second) view.notice = tr(c.lang, "Đã thu hồi thiết bị ", "Revoked device ") + d.id + ".";
    return c.page(200, tr(c.lang, "Thiết bị", "Devices"), devices_body(c.lang, view));
}

WebReply UiRoutes::issue_code(Context& c) {
    std::string unit = clean_text(c.field("unit"), "unit", 64), role = c.field("role");
    // Checked here so the refusal names a forged value as "?", not as the bytes sent.
    if (!is_role(role))
        throw_invalid("role", "role: '" + shown(role) + "' is not a device's role", "role: '" + shown(role) + "' không phải vai trò của thiết bị");
    std::int64_t valid = code_validity(c.field("expires"));
    std::lock_guard lock(m_station.mutex());
    if (!within(m_station.data().unit_subtree(c.user->unit), unit))
        throw Error(ErrorCode::not_found, "unit '" + shown(unit) + "' is not within your scope", "unit")
            .vi("đơn vị '" + shown(unit) + "' không thuộc phạm vi của bạn");
    IssuedCode code = m_station.issue_code(unit, role, valid);
    m_accounts.audit({m_station.now_ms(), c.user->name, c.request.address, "code_issued", "unit=" + unit + " role=" + role, 0});
    Card card = card_of(m_station, c.request, code, tr(c.lang, "Thẻ ghi danh thiết bị, đơn vị ", "Device enrollment card, unit ") + code.unit);
    return c.page(200, tr(c.lang, "Mã ghi danh mới", "New enrollment code"), issued_code_body(c.lang, code, card.uri, card.qr, false));
}

WebReply UiRoutes::revoke_device(Context& c, bool rotate) {
    std::string id = c.field("device");
    std::lock_guard lock(m_station.mutex());
    std::optional<Device> device = m_station.data().find_device(id);
    if (!device || !within(m_station.data().unit_subtree(c.user->unit), device->unit)) no_such_device(shown(id));
    if (device->status != "active")
        throw Error(ErrorCode::invalid_state, "device " + id + " is already revoked", "device")
            .vi("thiết bị " + id + " đã bị thu hồi");
    std::string title = rotate ? tr(c.lang, "Đổi mã truy cập", "Rotate a token") : tr(c.lang, "Thu hồi thiết bị", "Revoke a device");
    if (c.field("confirm") != "yes") return c.page(200, title, device_confirm_body(c.lang, *device, rotate, c.session->csrf));
    if (!rotate) {
        m_station.revoke(id);
        m_accounts.audit({m_station.now_ms(), c.user->name, c.request.address, "device_revoked", id, 0});
        return redirect_reply("/ui/devices?revoked=" + query_encode(id));
    }
    IssuedCode code = m_station.rotate(id, 7 * day_ms);
    m_accounts.audit({m_station.now_ms(), c.user->name, c.request.address, "device_rotated", id, 0});
    Card card = card_of(m_station, c.request, code, tr(c.lang, "Thẻ ghi danh lại thiết bị ", "Card to re-enroll device ") + id);
    return c.page(200, tr(c.lang, "Mã ghi danh lại thiết bị", "Code to re-enroll the device"),
                  issued_code_body(c.lang, code, card.uri, card.qr, true));
}

}  // namespace langnghe::server::ui
