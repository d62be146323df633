#include "langnghe/model/conflicts.h"

#include <openssl/evp.h>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/model/history.h"
#include "langnghe/storage/queries.h"

namespace langnghe {

namespace {
std::string conflict_id(const std::string& record_id, const std::string& field, const Dot& lost) {
    std::string input = record_id + '\n' + field + '\n' + std::to_string(lost.stamp) + '\n' + lost.site;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw Error(ErrorCode::internal, "SHA-256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < 6; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 15]);
    }
    return out;
}

void collect(const RecordState& record, std::vector<Conflict>& out) {
    for (const auto& [name, field] : record.fields) {
        auto lost_values = conflicting_values(record.type, name, field);
        if (lost_values.empty()) continue;
        const Head& win = winner(field);
        for (const auto& lost : lost_values)
            out.push_back({conflict_id(record.id, name, lost.dot), record.id, record.type, record.unit, name, lost.value,
                           win.value, lost.dot.stamp, win.dot.stamp, lost.dot.site, win.dot.site});
    }
}

void settle(Store& store, const Actor& actor, const std::string& id, bool take_lost_value) {
    require_field_writer(actor);
    Store::Scope scope(store);
    Conflict c = get_conflict(store, id);
    for (Act act : acts_of_field_write(c.record_type, c.field)) require_may(actor, act);
    StoredRecord before = require_record(store, c.record_id, c.record_type);
    // A new write that has seen every head supersedes them all: the conflict is gone on every
    // replica that receives it, and the chosen value is a fresh write that wins from now on.
    // Taking the lost value back is a change of the field: a revised field keeps it as a revision.
    write_revised(store, actor, before, {{c.field, take_lost_value ? c.lost_value : c.winning_value}}, store.next_dot());
    scope.commit();
}
}  // namespace

std::vector<Conflict> list_conflicts(Store& store) {
    std::vector<Conflict> out;
    for (const auto& record : records_in_conflict(store)) collect(record, out);
    return out;
}

Conflict get_conflict(Store& store, const std::string& id) {
    for (auto& c : list_conflicts(store))
        if (c.id == id) return c;
    throw Error(ErrorCode::not_found, "no open conflict with id " + id + " (see `langnghe conflicts`)", "id")
        .vi("không có xung đột nào đang mở với mã " + id + " (xem `langnghe conflicts`)");
}

void reapply_conflict(Store& store, const Actor& actor, const std::string& id) {
    settle(store, actor, id, true);
}

void dismiss_conflict(Store& store, const Actor& actor, const std::string& id) {
    settle(store, actor, id, false);
}

}  // namespace langnghe
