#include "langnghe/model/vocab.h"

#include <algorithm>
#include <vector>

#include "langnghe/merge/lattice.h"

namespace langnghe {

namespace {
constexpr Label category_list[] = {
    {"conduct", "Thái độ, tác phong, ứng xử", "Conduct"},
    {"responsiveness", "Có mặt kịp thời", "Responsiveness"},
    {"procedures", "Thủ tục hành chính, cư trú, định danh điện tử", "Procedures"},
    {"enforcement", "Xử lý vi phạm", "Enforcement"},
    {"traffic", "An toàn giao thông", "Traffic"},
    {"theft", "Trộm cắp tài sản", "Theft"},
    {"public_order", "Gây rối trật tự công cộng", "Public order"},
    {"drugs", "Ma túy", "Drugs"},
    {"loan_sharks", "Tín dụng đen", "Loan sharks"},
    {"business", "Cơ sở kinh doanh có điều kiện", "Regulated businesses"},
    {"environment", "Ô nhiễm môi trường", "Environment"},
    {"urban_order", "Trật tự đô thị, lòng đường hè phố", "Urban order"},
    {"fire_safety", "Phòng cháy chữa cháy", "Fire safety"},
    {"staffing", "Bổ sung quân số, tăng cường tuần tra", "Staffing and patrols"},
    {"other", "Khác", "Other"},
};
constexpr Label kind_list[] = {
    {"praise", "Khen ngợi", "Praise"},        {"criticism", "Phê bình", "Criticism"},
    {"suggestion", "Góp ý", "Suggestion"},     {"request", "Kiến nghị", "Request"},
    {"question", "Câu hỏi", "Question"},       {"incident", "Phản ánh vụ việc", "Incident report"},
};
constexpr Label channel_list[] = {
    {"forum", "Hội nghị", "Forum"},           {"patrol", "Tuần tra", "Patrol"},
    {"door_to_door", "Đến từng nhà", "Door to door"}, {"reception", "Tiếp dân", "Reception desk"},
    {"hotline", "Đường dây nóng", "Hotline"}, {"letter", "Thư, đơn", "Letter"},
};
// In the order Vietnamese minutes name those present: the Party committee and local government,
// the Fatherland Front and its mass organisations in their customary order, the heads of residential
// groups, schools and businesses, and last the residents.
constexpr Label group_list[] = {
    {"leaders", "Lãnh đạo cấp ủy, chính quyền", "Party committee and local government"},
    {"fatherland_front", "Mặt trận Tổ quốc", "Fatherland Front"},
    {"veterans", "Hội Cựu chiến binh", "Veterans' Association"},
    {"womens_union", "Hội Phụ nữ", "Women's Union"},
    {"youth_union", "Đoàn thanh niên", "Youth Union"},
    {"group_heads", "Tổ trưởng tổ dân phố", "Heads of residential groups"},
    {"schools", "Ban giám hiệu nhà trường", "School boards"},
    {"businesses", "Doanh nghiệp, cơ sở kinh doanh", "Businesses"},
    {"residents", "Nhân dân", "Residents"},
};
constexpr Label unit_kind_list[] = {
    {"province", "Tỉnh", "Province"},
    {"city", "Thành phố trực thuộc trung ương", "Centrally-run city"},
    {"district", "Quận, huyện, thị xã", "District"},
    {"ward", "Phường", "Ward"},
    {"commune", "Xã", "Commune"},
    {"special_zone", "Đặc khu", "Special zone"},
    {"town", "Thị trấn", "Township"},
    {"residential_group", "Tổ dân phố, thôn, ấp, bản", "Residential group"},
};
// The bilingual labels of each lifecycle's statuses; the codes and their order are the lifecycle's
// (merge/lattice.h): status_vocabulary lists exactly those.
constexpr Label feedback_status_labels[] = {
    {"new", "Mới", "New"},
    {"acknowledged", "Đã ghi nhận", "Acknowledged"},
    {"answered", "Đã giải đáp", "Answered"},
    {"planned", "Có kế hoạch khắc phục", "Action planned"},
    {"resolved", "Đã giải quyết", "Resolved"},
    {"referred", "Đã chuyển cơ quan khác", "Referred"},
};
constexpr Label action_status_labels[] = {
    {"open", "Chưa thực hiện", "Open"},
    {"in_progress", "Đang thực hiện", "In progress"},
    {"done", "Hoàn thành", "Done"},
    {"cancelled", "Đã hủy", "Cancelled"},
};
constexpr Label forum_status_labels[] = {
    {"planned", "Dự kiến", "Planned"},
    {"held", "Đã tổ chức", "Held"},
    {"reported", "Đã báo cáo", "Reported"},
};
constexpr Label criteria_list[] = {
    {"attitude", "Thái độ", "Attitude"},
    {"responsibility", "Trách nhiệm", "Responsibility"},
    {"competence", "Năng lực, trình độ", "Competence"},
    {"timeliness", "Kịp thời", "Timeliness"},
    {"transparency", "Công khai, minh bạch", "Transparency"},
    {"overall", "Đánh giá chung", "Overall"},
};

// The lifecycle's statuses in its order, each with its label (the code itself when none is written).
std::vector<Label> status_vocabulary(const Lifecycle& lifecycle, std::span<const Label> labels) {
    std::vector<Label> out;
    for (const auto& status : lifecycle.statuses) {
        auto it = std::find_if(labels.begin(), labels.end(), [&](const Label& l) { return l.code == status.code; });
        out.push_back(it != labels.end() ? *it : Label{status.code, status.code, status.code});
    }
    return out;
}
}  // namespace

std::span<const Label> categories() { return category_list; }
std::span<const Label> feedback_kinds() { return kind_list; }
std::span<const Label> channels() { return channel_list; }
std::span<const Label> attendee_groups() { return group_list; }
std::span<const Label> unit_kinds() { return unit_kind_list; }
std::span<const Label> feedback_statuses() {
    static const std::vector<Label> list = status_vocabulary(feedback_lifecycle(), feedback_status_labels);
    return list;
}
std::span<const Label> action_statuses() {
    static const std::vector<Label> list = status_vocabulary(action_lifecycle(), action_status_labels);
    return list;
}
std::span<const Label> forum_statuses() {
    static const std::vector<Label> list = status_vocabulary(forum_lifecycle(), forum_status_labels);
    return list;
}
std::span<const Label> ballot_criteria() { return criteria_list; }
std::span<const Label> device_roles() {
    static const Label list[] = {{"officer", "Cán bộ", "Officer"},
                                 {"unit_head", "Lãnh đạo đơn vị", "Unit head"},
                                 {"supervisor", "Giám sát", "Supervisor"}};
    return list;
}
std::string_view field_label(std::string_view field, Lang lang) {
    static const Label list[] = {
        {"status", "Trạng thái", "Status"},           {"category", "Lĩnh vực", "Category"},
        {"kind", "Loại", "Kind"},                     {"channel", "Kênh tiếp nhận", "Channel"},
        {"group", "Tổ dân phố", "Residential group"}, {"forum", "Hội nghị", "Forum"},
        {"officer", "Cán bộ", "Officer"},             {"anonymous", "Ẩn danh", "Anonymous"},
        {"received_at", "Tiếp nhận lúc", "Received at"}, {"deleted", "Đã xóa", "Deleted"},
        {"title", "Tiêu đề", "Title"},                {"date", "Ngày", "Date"},
        {"venue", "Địa điểm", "Venue"},               {"chair", "Chủ trì", "Chair"},
        {"attendee_count", "Số người dự", "Attendees"}, {"owner", "Người phụ trách", "Owner"},
        {"due", "Hạn", "Due"},                        {"comment", "Ý kiến thêm", "Comment"},
        {"tags/", "Nhãn", "Tags"},                    {"groups/", "Thành phần dự", "Attendee groups"},
        {"feedback/", "Ý kiến liên quan", "Feedback addressed"}, {"scores.", "Điểm", "Scores"},
        {"name", "Tên", "Name"},                      {"parent", "Đơn vị cấp trên", "Parent unit"},
        {"secretary", "Thư ký", "Secretary"},         {"start_time", "Giờ bắt đầu", "Start time"},
        {"end_time", "Giờ kết thúc", "End time"},     {"attendees.", "Số người dự theo thành phần", "Attendees by group"},
    };
    if (const Label* revised = find_label(revised_fields(), field)) return revised->text(lang);
    for (const auto& l : list) {
        bool family = l.code.ends_with('/') || l.code.ends_with('.');
        if (family ? field.starts_with(l.code) : field == l.code) return l.text(lang);
    }
    return field;
}
std::span<const Label> device_states() {
    static const Label list[] = {{"active", "Đang hoạt động", "Active"}, {"revoked", "Đã thu hồi", "Revoked"}};
    return list;
}
std::span<const Label> record_types() {
    static const Label list[] = {{"unit", "Đơn vị", "Units"},
                                 {"feedback", "Ý kiến", "Feedback"},
                                 {"forum", "Hội nghị", "Forums"},
                                 {"action", "Việc khắc phục", "Actions"},
                                 {"ballot", "Phiếu đánh giá", "Ballots"},
                                 {"note", "Ghi chú", "Notes"},
                                 {"status_event", "Thay đổi trạng thái", "Status changes"},
                                 {"revision", "Lần sửa", "Revisions"},
                                 {"redaction", "Lần xóa thông tin", "Redactions"},
                                 {"assessment", "Đánh giá tiêu chí", "Criteria assessments"},
                                 {"commitment", "Cam kết hộ gia đình", "Household commitments"}};
    return list;
}
std::span<const Label> criteria_results() {
    static const Label list[] = {
        {"met", "Đạt", "Met"}, {"partly", "Đạt một phần", "Partly met"}, {"not_met", "Không đạt", "Not met"}};
    return list;
}
std::span<const Label> record_events() {
    static const Label list[] = {{"deleted", "Đã xóa", "Deleted"}, {"restored", "Đã khôi phục", "Restored"}};
    return list;
}
std::span<const Label> revised_fields() {
    static const Label list[] = {{"text", "Nội dung", "Text"},
                                 {"answer", "Trả lời", "Answer"},
                                 {"referred_to", "Chuyển đến", "Referred to"},
                                 {"resident_name", "Họ tên người dân", "Resident's name"},
                                 {"resident_phone", "Số điện thoại người dân", "Resident's phone"},
                                 {"description", "Nội dung khắc phục", "Description"},
                                 {"result", "Kết quả", "Result"},
                                 {"summary", "Tóm tắt", "Summary"},
                                 {"evidence", "Minh chứng", "Evidence"},
                                 {"households", "Số hộ", "Households"},
                                 {"signed", "Số hộ đã ký cam kết", "Households signed"}};
    return list;
}
std::span<const Label> commitment_kinds() {
    static const Label list[] = {{"security_order", "An ninh trật tự", "Security and order"},
                                 {"traffic", "An toàn giao thông", "Road traffic safety"},
                                 {"fire_safety", "Phòng cháy chữa cháy", "Fire safety"}};
    return list;
}
std::span<const Label> redactable_fields() {
    static const Label list[] = {{"text", "Nội dung", "Text"},
                                 {"resident_name", "Họ tên người dân", "Resident's name"},
                                 {"resident_phone", "Số điện thoại người dân", "Resident's phone"}};
    return list;
}

std::vector<std::string> in_vocabulary_order(std::span<const Label> vocabulary, std::vector<std::string> codes) {
    auto rank = [&](const std::string& code) {
        auto it = std::find_if(vocabulary.begin(), vocabulary.end(), [&](const Label& l) { return l.code == code; });
        return it - vocabulary.begin();
    };
    std::stable_sort(codes.begin(), codes.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    return codes;
}

const Label* find_label(std::span<const Label> vocabulary, std::string_view code) {
    for (const auto& l : vocabulary)
        if (l.code == code) return &l;
    return nullptr;
}

std::string_view label_of(std::span<const Label> vocabulary, std::string_view code, Lang lang) {
    const Label* l = find_label(vocabulary, code);
    return l ? l->text(lang) : code;
}

std::string require_code(std::span<const Label> vocabulary, std::string_view code, std::string_view field) {
    if (find_label(vocabulary, code)) return std::string(code);
    std::string allowed;
    for (const auto& l : vocabulary) allowed += (allowed.empty() ? "" : ", ") + std::string(l.code);
    throw_invalid(std::string(field),
                  std::string(field) + ": unknown value '" + std::string(code) + "' (one of: " + allowed + ")",
                  std::string(field) + ": giá trị không hợp lệ '" + std::string(code) + "' (chọn một trong: " + allowed + ")");
}

}  // namespace langnghe
