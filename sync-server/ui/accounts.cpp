#include "accounts.h"

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "station.h"

namespace langnghe::server::ui {

namespace {
Error unknown_user(const std::string& name) {
    return Error(ErrorCode::not_found, "no dashboard user named '" + name + "' (see `user list`)", "name")
        .vi("không có người dùng '" + name + "' (xem `user list`)");
}
}  // namespace

bool is_ui_role(const std::string& role) { return role == "supervisor" || role == "unit_head" || role == "admin"; }

Accounts::Accounts(Station& station) : m_station(station), m_tables(ui_tables(station)) {}

std::string Accounts::add(const std::string& name_in, const std::string& unit, const std::string& role) {
    std::string name = clean_text(name_in, "name", 64);
    if (has_control_characters(name) || name.find_first_of(" \t") != std::string::npos)
        throw_invalid("name", "name: must be one word without spaces or control characters",
                      "name: phải là một từ, không có khoảng trắng hay ký tự điều khiển");
    if (!is_ui_role(role))
        throw_invalid("role", "role: '" + role + "' is not supervisor, unit_head or admin",
                      "role: '" + role + "' không phải supervisor, unit_head hoặc admin");
    m_station.data().require_unit(unit);
    if (find(name))
        throw Error(ErrorCode::already_exists, "a dashboard user named '" + name + "' exists already", "name")
            .vi("đã có người dùng tên '" + name + "'");
    std::string password = one_time_password();
    UiUser user;
    user.name = name;
    user.unit = unit;
    user.role = role;
    user.hash = hash_password(password);
    user.created_at = m_station.now_ms();
    m_tables->add_user(user);
    return password;
}

void Accounts::disable(const std::string& name) {
    if (!find(name)) throw unknown_user(name);
    m_tables->disable(name);
}

std::string Accounts::reset(const std::string& name) {
    if (!find(name)) throw unknown_user(name);
    std::string password = one_time_password();
    m_tables->set_hash(name, hash_password(password), HashChange::one_time);
    return password;
}

bool Accounts::login_failed(const std::string& name) {
    auto user = find(name);
    if (!user) return false;
    std::int64_t now = m_station.now_ms();
    if (user->locked_until > now) return false;  // already locked: the lock does not grow with each try
    int failed = user->failed_logins + 1;
    bool locks = failed >= max_failed_logins;
    m_tables->set_login_state(name, locks ? 0 : failed, locks ? now + lockout_ms : 0);
    return locks;
}

void Accounts::login_succeeded(const std::string& name) { m_tables->set_last_login(name, m_station.now_ms()); }

}  // namespace langnghe::server::ui
