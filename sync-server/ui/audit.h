#pragma once
// One line of the dashboard's audit log (docs/dashboard.md, "Who sees what"): logins, failures,
// lockouts and password changes now; views of personal data and exports as those pages come.
#include <cstdint>
#include <string>

namespace langnghe::server::ui {

struct AuditEntry {
    std::int64_t at = 0;
    std::string user, address, act, what;
    std::int64_t rows = 0;
};

}  // namespace langnghe::server::ui
