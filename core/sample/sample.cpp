#include "langnghe/sample/sample.h"

#include <algorithm>
#include <random>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/roles.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/store.h"

namespace langnghe {

namespace {

// The units at the bottom of `root`'s subtree (the communes of a province, the residential groups of a
// ward), or `root` itself when nothing is below it; `wanted` of them, evenly spread.
std::vector<Unit> target_units(Store& store, const std::string& root, std::size_t wanted) {
    std::vector<Unit> subtree = list_units(store, root);
    std::set<std::string> parents;
    for (const auto& u : subtree)
        if (!u.deleted) parents.insert(u.parent);
    std::vector<Unit> leaves;
    for (const auto& u : subtree)
        if (!u.deleted && !parents.contains(u.code)) leaves.push_back(u);
    std::sort(leaves.begin(), leaves.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    if (leaves.size() <= wanted) return leaves;
    std::vector<Unit> chosen;
    for (std::size_t i = 0; i < wanted; ++i) chosen.push_back(leaves[(2 * i + 1) * leaves.size() / (2 * wanted)]);
    return chosen;
}

// What happens to an item after it was heard. The shares are those a station that works its list
// would show: most acknowledged, over half answered, criticism and requests often planned as actions.
class Lifecycle {
public:
    Lifecycle(Store& store, const Actor& actor, Generator& gen, std::uint64_t seed, SampleResult& result)
        : m_store(store), m_actor(actor), m_gen(gen), m_rng(seed ^ 0x9e3779b97f4a7c15ULL), m_result(result) {}

    void follow_up(const std::string& id, const FeedbackInput& heard) {
        if (!chance(85)) return;
        acknowledge_feedback(m_store, m_actor, id);
        ++m_result.acknowledged;
        bool needs_fix = *heard.kind == "criticism" || *heard.kind == "request" || *heard.kind == "incident";
        if (needs_fix && chance(35)) plan(id, heard);
        if (chance(65)) {
            answer_feedback(m_store, m_actor, id, m_gen.answer(*heard.category));
            ++m_result.answered;
            if (chance(45)) {
                resolve_feedback(m_store, m_actor, id);
                ++m_result.resolved;
            }
        }
    }

private:
    void plan(const std::string& id, const FeedbackInput& heard) {
        if (!may(m_actor.role, Act::manage_action)) return;  // as this device could have written it
        std::string day = heard.received_at->substr(0, 10);
        std::string action = add_action(m_store, m_actor, m_gen.action(*heard.unit, *heard.category, {id}, day));
        ++m_result.actions;
        if (chance(50)) set_action_status(m_store, m_actor, action, "in_progress");
    }
    bool chance(int percent) { return static_cast<int>(m_rng() % 100) < percent; }

    Store& m_store;
    const Actor& m_actor;
    Generator& m_gen;
    std::mt19937_64 m_rng;
    SampleResult& m_result;
};

}  // namespace

SampleResult add_sample_data(Store& store, const Actor& actor, const SampleOptions& options) {
    require_unit(store, options.unit);
    if (options.units == 0) throw_invalid("units", "units: must be at least 1", "units: phải từ 1 trở lên");
    Generator gen(options.generator);
    SampleResult result;
    Lifecycle lifecycle(store, actor, gen, options.generator.seed, result);
    Store::Scope scope(store);
    for (const Unit& unit : target_units(store, options.unit, options.units)) {
        result.units.push_back(unit.code);
        std::vector<Forum> forums;
        for (std::size_t i = 0; i < options.forums; ++i) {
            std::string id = add_forum(store, actor, gen.forum(unit.code, unit.kind));
            set_forum_status(store, actor, id, "held");
            Forum forum = get_forum(store, id);
            for (std::size_t b = 0; b < options.ballots; ++b) {
                add_ballot(store, actor, gen.ballot(unit.code, id, forum.date));
                ++result.ballots;
            }
            forums.push_back(std::move(forum));
            ++result.forums;
        }
        for (std::size_t i = 0; i < options.feedback; ++i) {
            bool at_forum = !forums.empty() && i % 2 == 0;
            const Forum* forum = at_forum ? &forums[(i / 2) % forums.size()] : nullptr;
            FeedbackInput heard = forum ? gen.feedback(unit.code, forum->id, forum->date) : gen.feedback(unit.code);
            std::string id = add_feedback(store, actor, heard);
            ++result.feedback;
            lifecycle.follow_up(id, heard);
        }
        for (const Forum& forum : forums) set_forum_status(store, actor, forum.id, "reported");
    }
    scope.commit();
    return result;
}

}  // namespace langnghe
