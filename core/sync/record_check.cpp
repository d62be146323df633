#include "langnghe/sync/record_check.h"

#include <algorithm>
#include <map>
#include <optional>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/model/records.h"
#include "langnghe/sync/sync_client.h"
#include "write_roles.h"

namespace langnghe {

namespace {
[[noreturn]] void refuse(const RecordState& record, const std::string& field, const std::string& what) {
    throw Error(ErrorCode::invalid_input, "record " + printable_id(record.id) + ": " + what, field, {record.id});
}

void check_merge_state(const RecordState& record, const Receiver& receiver) {
    for (const auto& [name, field] : record.fields) {
        if (field.heads.empty()) refuse(record, name, "field '" + name + "' has no value");
        for (const auto& [site, stamp] : field.context) {
            if (!is_site_id(site)) refuse(record, name, "field '" + name + "' names a malformed site id in its context");
            if (site == receiver.site && stamp > receiver.own_latest)
                refuse(record, name, "field '" + name + "' claims a write of this replica (" + site +
                                         ") that it never made: a forged context");
        }
        for (std::size_t i = 0; i < field.heads.size(); ++i) {
            const Dot& dot = field.heads[i].dot;
            if (!is_site_id(dot.site)) refuse(record, name, "field '" + name + "' has a value of a malformed site id");
            if (dot.stamp == 0) refuse(record, name, "field '" + name + "' has a value stamped 0");
            if (i > 0 && !(field.heads[i - 1].dot < dot))
                refuse(record, name, "field '" + name + "' has values out of order or repeated");
            auto seen = field.context.find(dot.site);
            if (seen == field.context.end() || seen->second < dot.stamp)
                refuse(record, name, "field '" + name + "' has a value its own site's context entry does not cover");
        }
    }
}

// Contexts cover their site's heads (check_merge_state), so the contexts bound every stamp.
bool stamped_after(const RecordState& record, Stamp latest) {
    for (const auto& [name, field] : record.fields) {
        for (const auto& [site, stamp] : field.context)
            if (stamp > latest) return true;
        for (const auto& head : field.heads)
            if (head.dot.stamp > latest) return true;
    }
    return false;
}

// The records of one kind of fault: the first fault's words, and every record that has it.
struct Refusals {
    std::vector<std::string> ids;
    std::string first_message, first_field;

    void add(const std::string& id, const std::string& message, const std::string& field) {
        if (ids.empty()) {
            first_message = message;
            first_field = field;
        }
        if (ids.empty() || ids.back() != id) ids.push_back(id);
    }
    [[noreturn]] void raise(ErrorCode code, const std::string& en, const std::string& vi) {
        std::string count = std::to_string(ids.size());
        throw Error(code, count + " record(s) refused, " + en + " (first: " + first_message + ")", first_field, ids)
            .vi(count + " bản ghi bị từ chối, " + vi + " (đầu tiên: " + first_message + ")");
    }
};

struct Known {
    std::string type, unit;
};

// The stored type and unit of every id in `ids`, in one query.
std::map<std::string, Known, std::less<>> stored_records(Store& store, const std::set<std::string>& ids) {
    std::map<std::string, Known, std::less<>> out;
    if (ids.empty()) return out;
    for (auto& key : find_keys(store, {ids.begin(), ids.end()}))
        out.emplace(std::move(key.id), Known{std::move(key.type), std::move(key.unit)});
    return out;
}

// What role judging needs of one received record: whether one of its sites has a role that may
// not do everything (else it is not judged), and what the receiver holds of it.
struct RoleJudgement {
    bool judged = false;
    std::optional<RecordState> held;
};

// Which records are held is found for the whole batch in one query, so only records the receiver
// holds already, and a role restricts, are loaded.
std::vector<RoleJudgement> role_judgements(Store& store, const std::vector<RecordState>& records,
                                           const SiteRoles& role_of_site) {
    auto restricted = [&](const std::string& site) {
        auto role = role_of_site(site);
        return role && !may_do_everything(*role);
    };
    auto judged = [&](const RecordState& record) {
        for (const auto& [name, field] : record.fields) {
            for (const auto& head : field.heads)
                if (restricted(head.dot.site)) return true;
            for (const auto& [site, stamp] : field.context)
                if (restricted(site)) return true;
        }
        return false;
    };
    std::vector<RoleJudgement> out(records.size());
    std::set<std::string> ids;
    for (std::size_t i = 0; i < records.size(); ++i)
        if ((out[i].judged = judged(records[i]))) ids.insert(records[i].id);
    auto known = stored_records(store, ids);
    for (std::size_t i = 0; i < records.size(); ++i)
        if (out[i].judged && known.contains(records[i].id)) out[i].held = store.load(records[i].id);
    return out;
}

class ReferenceCheck {
public:
    ReferenceCheck(Store& store, const std::vector<RecordState>& records, const WriterScope& scope)
        : m_store(store), m_scope(scope) {
        std::set<std::string> wanted;
        for (const auto& r : records) m_known.emplace(r.id, Known{r.type, r.unit});
        for (const auto& r : records) {
            auto refs = record_references(r);
            for (const auto& ref : refs)
                if (!m_known.contains(ref.target_id)) wanted.insert(ref.target_id);
            m_references.push_back(std::move(refs));
        }
        m_known.merge(stored_records(store, wanted));
    }

    // Why the i-th record's references are refused, or nothing.
    std::optional<std::pair<std::string, std::string>> fault(const RecordState& record, std::size_t i) {
        for (const auto& ref : m_references[i]) {
            auto target = m_known.find(ref.target_id);
            auto names = "field '" + ref.field + "' names " + ref.target_id;
            if (target == m_known.end())
                return std::pair{ref.field, names + ", which is not in the writer's scope or was never received"};
            const Known& t = target->second;
            if (std::find(ref.target_types.begin(), ref.target_types.end(), t.type) == ref.target_types.end())
                return std::pair{ref.field, names + ", a " + t.type + ", not a " + std::string(ref.target_types.front())};
            if (!m_scope.units.contains(t.unit))
                return std::pair{ref.field, names + " of unit " + t.unit + ", outside the writer's scope"};
            if (ref.unit == TargetUnit::same && t.unit != record.unit)
                return std::pair{ref.field, names + " of unit " + t.unit + ", but a " + record.type +
                                                " must be of its target's unit (" + record.unit + " given)"};
            if (ref.unit == TargetUnit::in_subtree && t.unit != record.unit && !subtree(record.unit).contains(t.unit))
                return std::pair{ref.field, names + " of unit " + t.unit + ", outside unit " + record.unit +
                                                " and the units below it"};
        }
        return std::nullopt;
    }

private:
    const std::set<std::string>& subtree(const std::string& unit) {
        auto it = m_subtrees.find(unit);
        if (it != m_subtrees.end()) return it->second;
        auto units = unit_subtree(m_store, unit);
        return m_subtrees.emplace(unit, std::set<std::string>(units.begin(), units.end())).first->second;
    }

    Store& m_store;
    const WriterScope& m_scope;
    std::map<std::string, Known, std::less<>> m_known;
    std::vector<std::vector<Reference>> m_references;
    std::map<std::string, std::set<std::string>> m_subtrees;
};
}  // namespace

Receiver receiver_of(Store& store) {
    std::int64_t now = store.clock().physical_ms();
    Stamp end_of_now = stamp_from_ms(now + 1) - 1;  // every counter value of this millisecond
    return {store.site_id(), std::max(store.clock().last(), end_of_now),
            stamp_from_ms(now + store.options().max_clock_lead_ms + 1) - 1, store.options().max_clock_lead_ms};
}

void check_record_stamps(const RecordState& record, const Receiver& receiver) {
    check_merge_state(record, receiver);
    if (stamped_after(record, receiver.latest))
        throw Error(ErrorCode::clock_skew,
                    "record " + record.id + " carries a timestamp more than " +
                        std::to_string(receiver.lead_ms / 60000) + " minutes ahead of this clock",
                    "records", {record.id});
}

void check_received(Store& store, const std::vector<RecordState>& records, const Receiver& receiver,
                    const WriterScope& scope) {
    Refusals malformed;
    for (const auto& record : records) {
        try {
            check_record_shape(record);
            check_merge_state(record, receiver);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::invalid_input) throw;
            malformed.add(record.id, e.what(), e.field());
        }
    }
    if (!malformed.ids.empty())
        malformed.raise(ErrorCode::invalid_input, "malformed or forged", "sai dạng hoặc giả mạo");

    Refusals outside;
    ReferenceCheck references(store, records, scope);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const RecordState& record = records[i];
        if (scope.records_in_scope && (record.type == "unit" || !scope.units.contains(record.unit)))
            outside.add(record.id, "record " + record.id + " is of unit " + record.unit + ", outside the writer's scope",
                        "records");
        else if (auto fault = references.fault(record, i))
            outside.add(record.id, "record " + record.id + ": " + fault->second, fault->first);
    }
    if (!outside.ids.empty())
        outside.raise(ErrorCode::forbidden, "outside the writer's unit scope or naming records outside it",
                      "ngoài phạm vi đơn vị của người ghi hoặc tham chiếu bản ghi ngoài phạm vi");

    if (scope.role_of_site) {
        Refusals unauthorised;
        auto judgements = role_judgements(store, records, scope.role_of_site);
        for (std::size_t i = 0; i < records.size(); ++i)
            if (judgements[i].judged)
                if (auto fault = role_fault(records[i], judgements[i].held, scope.role_of_site))
                    unauthorised.add(records[i].id, *fault, "records");
        if (!unauthorised.ids.empty())
            unauthorised.raise(ErrorCode::forbidden,
                               "written by devices whose enrolled role may not do what the write does (a supervisor "
                               "writes no field records; deleting, restoring, voiding ballots and managing actions are a unit head's)",
                               "do thiết bị có vai trò không được phép ghi như vậy (vai trò giám sát chỉ xem, không ghi hồ sơ "
                               "địa bàn; xóa, khôi phục, hủy phiếu và quản lý kế hoạch là việc của trưởng đơn vị)");
    }

    Refusals future;
    for (const auto& record : records)
        if (stamped_after(record, receiver.latest))
            future.add(record.id, "record " + record.id + " is stamped after " + format_iso8601_ms(stamp_ms(receiver.latest)),
                       "records");
    if (!future.ids.empty()) {
        auto minutes = std::to_string(receiver.lead_ms / 60000);
        future.raise(ErrorCode::clock_skew,
                     "carrying timestamps more than " + minutes +
                         " minutes ahead of the receiving clock; correct the clock of the device that wrote them",
                     "có thời điểm ghi sớm hơn đồng hồ bên nhận quá " + minutes +
                         " phút; hãy chỉnh đồng hồ của thiết bị đã ghi chúng");
    }
}

}  // namespace langnghe
