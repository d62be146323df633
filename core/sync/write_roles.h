#pragma once
// The role matrix (model/roles.h) applied to received merge state: which acts a record's new
// writes are, and whether the devices that wrote them may do them. Used by check_received.
#include <optional>
#include <string>

#include "langnghe/merge/merge.h"
#include "langnghe/sync/record_check.h"

namespace langnghe {

// Why `record` is refused, or nothing: every write it holds that `held` (the receiver's state of
// it, if any) has not seen is judged by the role `role_of_site` gives its site. Sites with no
// role are not judged.
std::optional<std::string> role_fault(const RecordState& record, const std::optional<RecordState>& held,
                                      const SiteRoles& role_of_site);

}  // namespace langnghe
