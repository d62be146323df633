// Assessments of criteria: one record per (unit, period, set, criterion), and periods.
#include <algorithm>

#include <openssl/evp.h>

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/document.h"
#include "langnghe/model/criteria.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/history.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

Assessment from_doc(const StoredRecord& r) {
    DocumentReader d(r.doc);
    return {r.id,           r.unit,           d.text("period"),      d.text("set"),        d.text("criterion"),
            d.text("result"), d.text("evidence"), d.text("assessed_by"), d.text("assessed_at")};
}
}  // namespace

std::string parse_period(std::string_view text, std::string_view field) {
    std::string f(field);
    auto bad = [&]() -> std::string {
        throw_invalid(f, f + ": '" + std::string(text) + "' is not a period; write a year (2026), a quarter (2026-Q4) or a month (2026-11)",
                      f + ": '" + std::string(text) + "' không phải một kỳ; hãy ghi năm (2026), quý (2026-Q4) hoặc tháng (2026-11)");
    };
    if (text.size() < 4 || !digits(text.substr(0, 4)) || text[0] == '0') return bad();
    std::string year(text.substr(0, 4));
    if (text.size() == 4) return year;
    if (text[4] != '-') return bad();
    std::string_view rest = text.substr(5);
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4')
        return year + "-Q" + rest[1];
    if (rest.size() == 2 && digits(rest)) {
        int month = (rest[0] - '0') * 10 + (rest[1] - '0');
        if (month >= 1 && month <= 12) return year + "-" + std::string(rest);
    }
    return bad();
}

std::string previous_period(std::string_view period) {
    std::string p = parse_period(period);
    int year = std::stoi(p.substr(0, 4));
    if (p.size() == 4) return std::to_string(year - 1);
    if (p[5] == 'Q') {
        int q = p[6] - '0';
        return q == 1 ? std::to_string(year - 1) + "-Q4" : std::to_string(year) + "-Q" + std::to_string(q - 1);
    }
    int month = std::stoi(p.substr(5));
    return month == 1 ? std::to_string(year - 1) + "-12" : std::to_string(year) + "-" + two_digits(month - 1);
}

std::string assessment_id(std::string_view unit, std::string_view period, std::string_view set_key,
                          std::string_view criterion) {
    std::string input = std::string(unit) + '\n' + std::string(period) + '\n' + std::string(set_key) + '\n' + std::string(criterion);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw Error(ErrorCode::internal, "SHA-256 failed");
    static constexpr std::string_view crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string id = "as-";
    // 80 bits: 16 characters of 5 bits from the first 10 bytes.
    for (int i = 0; i < 16; ++i) {
        int bit = i * 5, byte = bit / 8, shift = bit % 8;
        unsigned value = (static_cast<unsigned>(digest[byte]) << 8) | digest[byte + 1];
        id.push_back(crockford[(value >> (11 - shift)) & 31]);
    }
    return id;
}

std::string assess(Store& store, const Actor& actor, const AssessmentInput& in) {
    require_field_writer(actor);
    Store::Scope scope(store);
    std::string unit = require_unit(store, in.unit);
    std::string period = parse_period(in.period);
    CriteriaSet set = find_criteria_set(store, in.set);
    if (!set.find(in.criterion))
        throw_invalid("criterion", "criterion: '" + in.criterion + "' is not in the criteria set " + set.key() +
                                       " (langnghe criteria list)",
                      "criterion: '" + in.criterion + "' không có trong bộ tiêu chí " + set.key() + " (langnghe criteria list)");
    std::string result = require_code(criteria_results(), in.result, "result");
    std::optional<std::string> evidence;
    if (in.evidence) evidence = clean_text(*in.evidence, "evidence", max_long_text, true);
    std::string id = assessment_id(unit, period, set.key(), in.criterion);
    std::vector<std::pair<std::string, std::string>> values = {
        {"set", json_string(set.key())},
        {"period", json_string(period)},
        {"criterion", json_string(in.criterion)},
        {"result", json_string(result)},
        {"assessed_by", json_string(actor.officer)},
        {"assessed_at", json_string(iso_date_time_at(store.clock().physical_ms()))}};
    // Evidence not given leaves the evidence as it was, as an update changes only what it is given.
    if (evidence) values.emplace_back("evidence", json_string(*evidence));
    StoredRecord before;
    before.id = id;
    before.type = "assessment";
    before.unit = unit;
    write_revised(store, actor, before, values, store.next_dot());
    scope.commit();
    return id;
}

std::vector<Assessment> list_assessments(Store& store, const std::string& unit, const std::string& period,
                                         const std::string& set_key) {
    require_unit(store, unit);
    auto rows = RecordQuery("assessment")
                    .in_subtree(store, unit)
                    .equals("$.period", parse_period(period))
                    .equals("$.set", set_key)
                    .run(store, "$.criterion");
    std::vector<Assessment> out;
    for (const auto& row : rows) out.push_back(from_doc(row));
    return out;
}

}  // namespace langnghe
