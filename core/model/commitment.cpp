#include "langnghe/model/commitment.h"

#include <openssl/evp.h>

#include <algorithm>
#include <tuple>

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/document.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/history.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
using Values = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view default_kind = "security_order";
// An officer's name as a field name ("recorders/<name>"): field names are at most 120 bytes.
constexpr std::size_t max_recorder_chars = 40;

Commitment from_doc(const StoredRecord& r) {
    DocumentReader d(r.doc);
    Commitment c;
    c.id = r.id;
    c.unit = r.unit;
    c.kind = d.text("kind");
    c.year = d.integer("year");
    c.households = d.integer("households");
    c.signed_count = d.integer("signed");
    c.recorders = d.set("recorders");
    return c;
}

std::int64_t current_year(Store& store) { return std::stoll(iso_date_at(store.clock().physical_ms()).substr(0, 4)); }

std::int64_t require_year(Store& store, const std::optional<std::int64_t>& year) {
    if (!year) throw_invalid("year", "year: required", "year (năm): bắt buộc phải có");
    std::int64_t last = current_year(store);
    if (*year < first_commitment_year || *year > last) {
        std::string range = std::to_string(first_commitment_year) + "–" + std::to_string(last);
        throw_invalid("year", "year: " + std::to_string(*year) + " is outside " + range,
                      "year (năm): " + std::to_string(*year) + " nằm ngoài khoảng " + range);
    }
    return *year;
}

void require_count(std::int64_t value, const std::string& field, const std::string& field_vi) {
    if (value < 0)
        throw_invalid(field, field + ": must be 0 or more, not " + std::to_string(value),
                      field + " (" + field_vi + "): phải từ 0 trở lên, không phải " + std::to_string(value));
    if (value > 100'000'000)
        throw_invalid(field, field + ": " + std::to_string(value) + " is not a number of households",
                      field + " (" + field_vi + "): " + std::to_string(value) + " không phải là số hộ");
}

void require_signed_within(std::int64_t households, std::int64_t signed_count) {
    if (signed_count > households)
        throw_invalid("signed", "signed: " + std::to_string(signed_count) + " households signed, more than the " +
                                    std::to_string(households) + " households of the group",
                      "signed (số hộ đã ký): " + std::to_string(signed_count) + " hộ đã ký, nhiều hơn tổng số " +
                          std::to_string(households) + " hộ");
}

struct Key {
    std::string unit, kind;
    std::int64_t year = 0;
    std::string id;
};

Key require_key(Store& store, const CommitmentInput& in) {
    if (!in.unit) throw_invalid("unit", "unit: required", "unit (đơn vị): bắt buộc phải có");
    Key k;
    k.unit = require_unit(store, *in.unit);
    k.year = require_year(store, in.year);
    k.kind = in.kind ? require_code(commitment_kinds(), *in.kind, "kind") : std::string(default_kind);
    k.id = commitment_id(k.unit, k.year, k.kind);
    return k;
}

std::string recorder_field(const Actor& actor) {
    std::string name = truncate_chars(actor.officer, max_recorder_chars);
    return name.empty() ? std::string() : "recorders/" + name;
}
}  // namespace

std::string commitment_id(const std::string& unit, std::int64_t year, const std::string& kind) {
    std::string input = "commitment\n" + unit + '\n' + std::to_string(year) + '\n' + kind;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw Error(ErrorCode::internal, "SHA-256 failed");
    static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford, as new_record_id
    std::string out = "cm-";
    std::uint64_t acc = 0;
    int bits = 0;
    for (unsigned int i = 0; i < 10; ++i) {  // 80 bits: 16 characters
        acc = (acc << 8) | digest[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(alphabet[(acc >> bits) & 31]);
        }
    }
    return out;
}

CommitmentAdded add_commitment(Store& store, const Actor& actor, const CommitmentInput& in) {
    require_may(actor, Act::create);
    Store::Scope scope(store);
    Key k = require_key(store, in);
    if (!in.households) throw_invalid("households", "households: required", "households (số hộ): bắt buộc phải có");
    if (!in.signed_count) throw_invalid("signed", "signed: required", "signed (số hộ đã ký): bắt buộc phải có");
    require_count(*in.households, "households", "số hộ");
    require_count(*in.signed_count, "signed", "số hộ đã ký");
    require_signed_within(*in.households, *in.signed_count);
    if (auto held = find_record(store, k.id)) {
        Commitment c = from_doc(*held);
        if (c.households == *in.households && c.signed_count == *in.signed_count) return {k.id, false};
        std::string figures = std::to_string(c.signed_count) + "/" + std::to_string(c.households);
        throw Error(ErrorCode::invalid_state,
                    "commitment " + k.id + ": " + k.unit + " " + std::to_string(k.year) + " " + k.kind +
                        " is recorded already as " + figures + " signed; correct it with `langnghe commitment update`")
            .vi("cam kết " + k.id + ": " + k.unit + " năm " + std::to_string(k.year) + " (" + k.kind +
                ") đã ghi " + figures + " hộ ký; muốn sửa hãy dùng `langnghe commitment update`");
    }
    Values v{{"year", json_int(k.year)},
             {"kind", json_string(k.kind)},
             {"households", json_int(*in.households)},
             {"signed", json_int(*in.signed_count)}};
    if (std::string field = recorder_field(actor); !field.empty()) v.emplace_back(field, json_bool(true));
    store.write(k.id, "commitment", k.unit, v, store.next_dot());
    scope.commit();
    return {k.id, true};
}

Commitment update_commitment(Store& store, const Actor& actor, const CommitmentInput& in) {
    require_may(actor, Act::edit);
    Store::Scope scope(store);
    Key k = require_key(store, in);
    auto held = find_record(store, k.id);
    if (!held)
        throw Error(ErrorCode::not_found,
                    "no commitment recorded for " + k.unit + " " + std::to_string(k.year) + " " + k.kind +
                        " (record it with `langnghe commitment add`)",
                    "unit")
            .vi("chưa có cam kết nào của " + k.unit + " năm " + std::to_string(k.year) + " (" + k.kind +
                ") (ghi bằng `langnghe commitment add`)");
    Commitment c = from_doc(*held);
    std::int64_t households = in.households.value_or(c.households);
    std::int64_t signed_count = in.signed_count.value_or(c.signed_count);
    if (in.households) require_count(households, "households", "số hộ");
    if (in.signed_count) require_count(signed_count, "signed", "số hộ đã ký");
    require_signed_within(households, signed_count);
    Values v;
    if (households != c.households) v.emplace_back("households", json_int(households));
    if (signed_count != c.signed_count) v.emplace_back("signed", json_int(signed_count));
    require_some_change(v);
    if (std::string field = recorder_field(actor); !field.empty()) v.emplace_back(field, json_bool(true));
    write_revised(store, actor, *held, v, store.next_dot());
    scope.commit();
    return get_commitment(store, k.id);
}

Commitment get_commitment(Store& store, const std::string& id) { return from_doc(require_record(store, id, "commitment")); }

std::vector<Commitment> list_commitments(Store& store, const std::optional<std::string>& unit,
                                         const std::optional<std::int64_t>& year) {
    if (unit) require_unit(store, *unit);
    std::vector<Commitment> out;
    for (const auto& row : RecordQuery("commitment").in_subtree(store, unit).run(store, "$.kind")) {
        Commitment c = from_doc(row);
        if (!year || c.year == *year) out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const Commitment& a, const Commitment& b) {
        return std::tie(a.unit, a.year, a.kind) < std::tie(b.unit, b.year, b.kind);
    });
    return out;
}

}  // namespace langnghe
