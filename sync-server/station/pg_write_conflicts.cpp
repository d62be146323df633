#include "pg_write_conflicts.h"

namespace langnghe::server {

void refuse_conflicts(pg::Connection& db, std::int64_t from, std::int64_t to, const std::vector<RecordRow>& records,
                      const std::vector<LinkRow>& links, const std::string& station_site) {
    if (to <= from || (records.empty() && links.empty())) return;
    for (const auto& record : records)
        if (record.type == "redaction" || record.type == "unit")
            throw WriteConflict("a " + record.type + " written while another writer committed changes");
    std::vector<std::string> ids;
    for (const auto& record : records) ids.push_back(record.id);
    auto record_hit = db.exec(
        "SELECT id FROM records WHERE pos > $1 AND pos <= $2 AND (type IN ('unit', 'redaction') OR id = ANY($3::text[])) "
        "LIMIT 1",
        {std::to_string(from), std::to_string(to), pg::text_array(ids)});
    if (record_hit.rows() > 0)
        throw WriteConflict("record " + std::string(record_hit.text(0, 0)) + " changed by another writer");
    std::vector<std::string> keys;
    for (const auto& link : links) keys.push_back(link.site + ":" + std::to_string(link.n));
    auto link_hit = db.exec(
        "SELECT site || ':' || n FROM custody_links WHERE pos > $1 AND pos <= $2 AND "
        "(site = $3 OR site || ':' || n = ANY($4::text[])) LIMIT 1",
        {std::to_string(from), std::to_string(to), station_site, pg::text_array(keys)});
    if (link_hit.rows() > 0)
        throw WriteConflict("custody link " + std::string(link_hit.text(0, 0)) + " written by another writer");
}

void refuse_changed_since(pg::Connection& db, std::int64_t from, std::int64_t to, const std::vector<std::string>& ids) {
    if (to <= from || ids.empty()) return;
    auto hit = db.exec("SELECT id FROM records WHERE id = ANY($3::text[]) AND pos > $1 AND pos <= $2 LIMIT 1",
                       {std::to_string(from), std::to_string(to), pg::text_array(ids)});
    if (hit.rows() > 0) throw WriteConflict("record " + std::string(hit.text(0, 0)) + " changed before this write read it");
}

}  // namespace langnghe::server
