// Exports of the feedback table's filter (/ui/feedback/export.csv, .json): every row the filter
// matches, in the table's order, made by the core's export_feedback (CSV with a BOM through
// csv_line, which keeps formulas as text; JSON of codes). Residents' names and phones are in it
// only for a viewer who may see them (docs/dashboard.md, "Who sees what").
#include "feedback_pages.h"

namespace langnghe::server::ui {

ExportFile feedback_export(Store& store, Lang lang, const Viewer& viewer, const FeedbackQuery& q, ExportFormat format,
                           const std::string& today) {
    std::vector<Feedback> rows = matching_feedback(store, q);
    ExportFile file;
    file.rows = rows.size();
    file.personal = viewer.sees_personal();
    file.body = export_feedback(rows, format, file.personal, lang);
    bool csv = format == ExportFormat::csv;
    file.content_type = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
    file.filename = "langnghe-feedback-" + today + (csv ? ".csv" : ".json");
    return file;
}

}  // namespace langnghe::server::ui
