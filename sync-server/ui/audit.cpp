#include "audit.h"

#include "langnghe/storage/sqlite.h"

namespace langnghe::server::ui {

void audit(sql::Database& db, const AuditEntry& e) {
    auto st = db.prepare("INSERT INTO ui_audit(at, user, address, act, what, rows) VALUES(?,?,?,?,?,?)");
    st.bind(1, e.at).bind(2, e.user).bind(3, e.address).bind(4, e.act).bind(5, e.what).bind(6, e.rows);
    st.run();
}

}  // namespace langnghe::server::ui
