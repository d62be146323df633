#include "langnghe/outputs/feedback_export.h"

#include <nlohmann/json.hpp>

#include "langnghe/base/csv.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

ExportFormat parse_export_format(const std::string& name) {
    if (name == "csv") return ExportFormat::csv;
    if (name == "json") return ExportFormat::json;
    throw_invalid("format", "format: '" + name + "' is not csv or json", "format: '" + name + "' không phải csv hoặc json");
}

std::string export_feedback(const std::vector<Feedback>& items, ExportFormat format, bool include_pii, Lang lang) {
    if (format == ExportFormat::json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& f : items) {
            nlohmann::json row = {{"id", f.id},           {"code", f.code},         {"unit", f.unit},
                                  {"received_at", f.received_at}, {"channel", f.channel}, {"kind", f.kind},
                                  {"category", f.category}, {"group", f.group},     {"text", f.text},
                                  {"status", f.status},     {"answer", f.answer},   {"anonymous", f.anonymous}};
            if (include_pii) {
                row["resident_name"] = f.resident_name;
                row["resident_phone"] = f.resident_phone;
            }
            out.push_back(std::move(row));
        }
        return out.dump(2) + "\n";
    }
    bool vi = lang == Lang::vi;
    std::vector<std::string> header{"id", vi ? "ma_bien_nhan" : "receipt", vi ? "don_vi" : "unit",
                                    vi ? "ngay_tiep_nhan" : "received_at", vi ? "kenh" : "channel",
                                    vi ? "loai" : "kind", vi ? "linh_vuc" : "category", vi ? "to_dan_pho" : "group",
                                    vi ? "noi_dung" : "text", vi ? "trang_thai" : "status", vi ? "tra_loi" : "answer"};
    if (include_pii) {
        header.push_back(vi ? "ho_ten_nguoi_dan" : "resident_name");
        header.push_back(vi ? "dien_thoai" : "resident_phone");
    }
    std::string out(utf8_bom);
    out += csv_line(header);
    for (const auto& f : items) {
        std::vector<std::string> row{f.id, f.code, f.unit, f.received_at,
                                     std::string(label_of(channels(), f.channel, lang)),
                                     std::string(label_of(feedback_kinds(), f.kind, lang)),
                                     std::string(label_of(categories(), f.category, lang)), f.group, f.text,
                                     std::string(label_of(feedback_statuses(), f.status, lang)), f.answer};
        if (include_pii) {
            row.push_back(f.resident_name);
            row.push_back(f.resident_phone);
        }
        out += csv_line(row);
    }
    return out;
}

}  // namespace langnghe
