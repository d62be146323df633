#include "report_terms.h"

#include <cstdio>

namespace langnghe::report_detail {
namespace {

struct Term {
    std::string_view key, vi, en;
};

constexpr Term report_terms[] = {
    {"title", "BÁO CÁO ĐƠN VỊ", "UNIT REPORT"},
    {"unit", "Đơn vị", "Unit"},
    {"unit_name", "Tên đơn vị", "Unit name"},
    {"from", "Từ ngày", "From"},
    {"to", "Đến ngày", "To"},
    {"today", "Ngày lập báo cáo", "Report date"},
    {"period", "Kỳ báo cáo", "Period"},
    {"feedback", "Ý kiến, phản ánh, kiến nghị", "Feedback"},
    {"feedback_total", "Tổng số ý kiến", "Feedback received"},
    {"acknowledged_share", "Tỷ lệ đã ghi nhận", "Share acknowledged"},
    {"answered_share", "Tỷ lệ đã giải đáp", "Share answered"},
    {"resolved_share", "Tỷ lệ đã giải quyết", "Share resolved"},
    {"median_days_to_answer", "Số ngày đến khi giải đáp (trung vị)", "Median days to answer"},
    {"by_kind", "Ý kiến theo loại", "Feedback by kind"},
    {"by_category", "Ý kiến theo lĩnh vực", "Feedback by category"},
    {"count", "Số lượng", "Count"},
    {"overdue_actions", "Kế hoạch khắc phục quá hạn", "Overdue actions"},
    {"none", "Không có", "None"},
    {"id", "Mã", "Id"},
    {"owner", "Người phụ trách", "Owner"},
    {"due", "Hạn hoàn thành", "Due"},
    {"description", "Nội dung", "Description"},
    {"days_overdue", "Số ngày quá hạn", "Days overdue"},
    {"satisfaction", "Sự hài lòng của nhân dân", "Residents' satisfaction"},
    {"ballots", "Số phiếu đánh giá", "Ballots"},
    {"satisfied_share", "Tỷ lệ hài lòng (đánh giá chung ≥ 4)", "Share satisfied (overall ≥ 4)"},
    {"mean_by_criterion", "Điểm trung bình theo tiêu chí", "Mean score by criterion"},
    {"criterion", "Tiêu chí", "Criterion"},
    {"mean", "Điểm trung bình", "Mean"},
    {"by_month", "Theo tháng", "By month"},
    {"month", "Tháng", "Month"},
    {"month_ballots", "Số phiếu trong tháng", "Ballots in month"},
    {"month_mean_overall", "Điểm đánh giá chung trung bình", "Mean overall score"},
    {"children", "Các đơn vị trực thuộc", "Units side by side"},
    {"chart_satisfaction", "Đánh giá chung trung bình theo tháng (thang điểm 5)", "Mean overall score by month (out of 5)"},
    {"no_ballots", "Chưa có phiếu đánh giá trong kỳ", "No ballots in the period"},
    {"overdue_count", "Số kế hoạch quá hạn", "Overdue actions"},
    // The side-by-side table's narrow column heads.
    {"col_feedback", "Ý kiến", "Feedback"},
    {"col_acknowledged", "Ghi nhận", "Ack."},
    {"col_answered", "Giải đáp", "Answered"},
    {"col_resolved", "Giải quyết", "Resolved"},
    {"col_days", "Ngày giải đáp", "Days to answer"},
    {"col_overdue", "Quá hạn", "Overdue"},
    {"col_ballots", "Phiếu", "Ballots"},
    {"col_satisfied", "Hài lòng", "Satisfied"},
    {"empty_units", "đơn vị không có ý kiến, phiếu hay kế hoạch quá hạn trong kỳ",
     "units with no feedback, ballots or overdue actions in the period"},
    {"and_more", "và", "and"},
    {"more_units", "đơn vị khác", "more"},
    // Criteria and commitments (issue 15).
    {"practice", "Tiêu chí mô hình và cam kết của hộ gia đình", "Model-unit criteria and household commitments"},
    {"criteria_set", "Bộ tiêu chí", "Criteria set"},
    {"criteria_period", "Kỳ đánh giá", "Assessed period"},
    {"units_assessed", "Số đơn vị được đánh giá", "Units assessed"},
    {"units_meeting_all", "Số đơn vị đạt đủ tiêu chí", "Units meeting all criteria"},
    {"commitments", "Hộ gia đình ký cam kết", "Households signing commitments"},
    {"commitment_kind", "Loại cam kết", "Commitment"},
    {"households", "Số hộ", "Households"},
    {"signed", "Số hộ đã ký", "Signed"},
    {"signed_share", "Tỷ lệ ký", "Share signed"},
    {"year", "Năm", "Year"},
    {"col_criteria", "Tiêu chí", "Criteria"},
    {"col_commitments", "Ký cam kết", "Commitments"},
    {"no_ballots_month", "không có phiếu", "no ballots"},
    // CSV column heads not named above.
    {"code", "Mã", "Code"},
    {"name", "Tên", "Name"},
    {"label", "Tên", "Label"},
    {"kind", "Loại", "Kind"},
    {"category", "Lĩnh vực", "Category"},
    {"criteria_met", "Số tiêu chí đạt", "Criteria met"},
    {"criteria_total", "Tổng số tiêu chí", "Criteria in the set"},
    {"commitment_households", "Số hộ (cam kết)", "Households (commitments)"},
    {"commitment_signed", "Số hộ đã ký (cam kết)", "Signed (commitments)"},
    {"commitment_share", "Tỷ lệ ký cam kết", "Share signed (commitments)"},
};

}  // namespace

std::string_view term(std::string_view key, Lang lang) {
    for (const auto& t : report_terms)
        if (t.key == key) return lang == Lang::vi ? t.vi : t.en;
    return key;
}

std::string fixed(double value, int decimals) { return decimal_text(value, decimals, Lang::en); }

std::string month_label(const std::string& month, Lang lang) {
    if (lang == Lang::vi && month.size() == 7) return "Tháng " + month.substr(5, 2) + "/" + month.substr(0, 4);
    return month;
}

std::string unit_display_name(const UnitReport& r, Lang lang) {
    return lang == Lang::en && !r.name_en.empty() ? r.name_en : r.name;
}

std::string child_display_name(const UnitHeadline& h, Lang lang) {
    return lang == Lang::en && !h.name_en.empty() ? h.name_en : h.name;
}

std::vector<std::string> months_between(const std::string& from, const std::string& to) {
    std::vector<std::string> months;
    int year = std::stoi(from.substr(0, 4)), month = std::stoi(from.substr(5, 2));
    const int last_year = std::stoi(to.substr(0, 4)), last_month = std::stoi(to.substr(5, 2));
    while (year < last_year || (year == last_year && month <= last_month)) {
        char code[8];
        std::snprintf(code, sizeof code, "%04d-%02d", year, month);
        months.emplace_back(code);
        if (++month > 12) month = 1, ++year;
    }
    return months;
}

std::size_t count_of(const std::map<std::string, std::size_t>& counts, std::string_view code) {
    auto it = counts.find(std::string(code));
    return it == counts.end() ? 0 : it->second;
}

}  // namespace langnghe::report_detail
