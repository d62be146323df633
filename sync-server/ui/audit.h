#pragma once
// One line of the dashboard's audit log (docs/dashboard.md, "Who sees what"): logins, failures,
// lockouts, password changes, views of residents' personal data (`view_personal`, `what` naming the
// records) and exports (`export`, `what` naming the format and the filter, `rows` the row count).
#include <cstdint>
#include <string>

namespace langnghe::server::ui {

struct AuditEntry {
    std::int64_t at = 0;
    std::string user, address, act, what;
    std::int64_t rows = 0;
};

}  // namespace langnghe::server::ui
