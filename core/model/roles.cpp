#include "langnghe/model/roles.h"

#include <string>

#include "langnghe/base/error.h"
#include "langnghe/model/records.h"

namespace langnghe {

ActNoun act_noun(Act act) {
    switch (act) {
        case Act::create: return {"create records", "tạo hồ sơ"};
        case Act::edit: return {"edit records", "sửa hồ sơ"};
        case Act::answer: return {"answer feedback", "trả lời ý kiến"};
        case Act::resolve: return {"resolve feedback", "giải quyết ý kiến"};
        case Act::refer: return {"refer feedback", "chuyển ý kiến"};
        case Act::reopen: return {"reopen feedback", "mở lại ý kiến"};
        case Act::delete_restore: return {"delete or restore records", "xóa hoặc khôi phục hồ sơ"};
        case Act::redact: return {"redact records", "che nội dung hồ sơ"};
        case Act::void_ballot: return {"void ballots", "hủy phiếu đánh giá"};
        case Act::manage_action: return {"manage actions", "quản lý kế hoạch"};
    }
    return {"act", "thao tác"};
}

bool may(std::string_view role, Act act) {
    if (role == "unit_head") return true;
    if (role != "officer") return false;  // supervisor, and roles this table does not know
    switch (act) {
        case Act::delete_restore:
        case Act::redact:
        case Act::void_ballot:
        case Act::manage_action: return false;
        default: return true;
    }
}

std::vector<Act> acts_of_field_write(std::string_view type, std::string_view field) {
    std::vector<Act> acts;
    if (type == "action") acts.push_back(Act::manage_action);
    if (type == "redaction") acts.push_back(Act::redact);
    if (field == "deleted" && (type == "feedback" || type == "forum" || type == "action")) acts.push_back(Act::delete_restore);
    if (type == "ballot" && (field == "voided" || field == "void_reason" || field == "voided_by"))
        acts.push_back(Act::void_ballot);
    return acts;
}

bool may_do_everything(std::string_view role) {
    for (Act act : {Act::create, Act::edit, Act::answer, Act::resolve, Act::refer, Act::reopen, Act::delete_restore,
                    Act::redact, Act::void_ballot, Act::manage_action})
        if (!may(role, act)) return false;
    return true;
}

bool writes_field_records(std::string_view role) { return may(role, Act::create); }

void require_field_writer(const Actor& actor) {
    if (!writes_field_records(actor.role))
        throw Error(ErrorCode::forbidden, "a device enrolled as " + actor.role +
                                              " reads field records and does not write them; ask the unit's officers or its head",
                    "role")
            .vi("thiết bị ghi danh với vai trò " + actor.role +
                " chỉ xem, không ghi hồ sơ của địa bàn; hãy đề nghị cán bộ hoặc trưởng đơn vị thực hiện");
}

void require_may(const Actor& actor, Act act) {
    require_field_writer(actor);
    if (may(actor.role, act)) return;
    ActNoun noun = act_noun(act);
    throw Error(ErrorCode::forbidden, "a device enrolled as " + actor.role + " may not " + noun.en + "; ask the unit head",
                "role")
        .vi("thiết bị ghi danh với vai trò " + actor.role + " không được " + noun.vi + "; hãy đề nghị trưởng đơn vị thực hiện");
}

}  // namespace langnghe
