#include "langnghe/merge/merge.h"

#include <algorithm>

#include "langnghe/base/error.h"

namespace langnghe {

namespace {
bool covered(const Dot& dot, const Context& context) {
    auto it = context.find(dot.site);
    return it != context.end() && it->second >= dot.stamp;
}

bool contains(const std::vector<Head>& heads, const Dot& dot) {
    return std::binary_search(heads.begin(), heads.end(), Head{dot, {}},
                              [](const Head& x, const Head& y) { return x.dot < y.dot; });
}

bool beats(const Head& a, const Head& b, Precedence precedence) {
    if (precedence) {
        auto pa = precedence(a.value), pb = precedence(b.value);
        if (pa != pb) return pa > pb;
    }
    return a.dot > b.dot;
}
}  // namespace

FieldState join(const FieldState& a, const FieldState& b) {
    FieldState out;
    for (const auto& h : a.heads)
        if (contains(b.heads, h.dot) || !covered(h.dot, b.context)) out.heads.push_back(h);
    for (const auto& h : b.heads)
        if (!contains(a.heads, h.dot) && !covered(h.dot, a.context)) out.heads.push_back(h);
    std::sort(out.heads.begin(), out.heads.end(), [](const Head& x, const Head& y) { return x.dot < y.dot; });
    out.context = a.context;
    for (const auto& [site, stamp] : b.context) {
        auto& mine = out.context[site];
        mine = std::max(mine, stamp);
    }
    return out;
}

FieldState overwrite(const FieldState& current, const Dot& dot, std::string value) {
    FieldState out;
    out.context = current.context;
    for (const auto& h : current.heads) {
        auto& seen = out.context[h.dot.site];
        seen = std::max(seen, h.dot.stamp);
    }
    auto& own = out.context[dot.site];
    own = std::max(own, dot.stamp);
    out.heads.push_back(Head{dot, std::move(value)});
    return out;
}

const Head& winner(const FieldState& field, Precedence precedence) {
    if (field.heads.empty()) throw Error(ErrorCode::internal, "field has no value");
    const Head* best = &field.heads.front();
    for (const auto& h : field.heads)
        if (beats(h, *best, precedence)) best = &h;
    return *best;
}

std::vector<Head> losers(const FieldState& field, Precedence precedence) {
    std::vector<Head> out;
    if (field.heads.size() < 2) return out;
    const Head& win = winner(field, precedence);
    // Two devices that wrote the same value without seeing each other (both imported the same
    // unit list) agree: nobody's words were lost, so there is nothing for a person to resolve.
    for (const auto& h : field.heads)
        if (h.dot != win.dot && h.value != win.value) out.push_back(h);
    return out;
}

bool join_into(RecordState& into, const RecordState& delta) {
    if (into.id.empty()) {
        into = delta;
        return true;
    }
    if (into.type != delta.type || into.unit != delta.unit)
        throw Error(ErrorCode::invalid_input,
                    "record " + delta.id + ": type/unit " + delta.type + "/" + delta.unit + " does not match stored " +
                        into.type + "/" + into.unit,
                    "unit", {delta.id});
    bool changed = false;
    for (const auto& [name, field] : delta.fields) {
        auto it = into.fields.find(name);
        if (it == into.fields.end()) {
            into.fields.emplace(name, field);
            changed = true;
            continue;
        }
        FieldState joined = join(it->second, field);
        if (!(joined == it->second)) {
            it->second = std::move(joined);
            changed = true;
        }
    }
    return changed;
}

Stamp max_stamp(const RecordState& record) {
    Stamp out = 0;
    for (const auto& [name, field] : record.fields) {
        for (const auto& [site, stamp] : field.context) out = std::max(out, stamp);
        for (const auto& head : field.heads) out = std::max(out, head.dot.stamp);
    }
    return out;
}

}  // namespace langnghe
