#pragma once
// A realistic season of work written through the core, as officers would write it: forums held in
// the lowest-level units under a unit, what residents said there and on patrol, answers, remediation
// with deadlines, satisfaction ballots. The demo fills the wards around its own with it; tests and
// benchmarks get data with every figure of a report populated.
//
// The same options and seed write the same content (record ids still come from secure random).
#include <cstddef>
#include <string>
#include <vector>

#include "langnghe/model/records.h"
#include "langnghe/sample/generator.h"

namespace langnghe {

class Store;

struct SampleOptions {
    std::string unit;              // must exist in the store; data goes to units at the bottom of its subtree
    std::size_t units = 3;         // how many of those units get data, spread evenly over the subtree
    std::size_t forums = 1;        // per unit
    std::size_t feedback = 12;     // per unit, about half of it raised at the unit's forums
    std::size_t ballots = 8;       // per forum
    GeneratorOptions generator;    // seed and the window of days the data falls in
};

struct SampleResult {
    std::vector<std::string> units;
    std::size_t forums = 0, feedback = 0, ballots = 0, actions = 0;
    std::size_t acknowledged = 0, answered = 0, resolved = 0;
};

// One transaction: all of it is written, or (on an error) none. Written as `actor` could: remediation
// actions only when its role manages actions (a unit head), none for an officer.
SampleResult add_sample_data(Store& store, const Actor& actor, const SampleOptions& options);

}  // namespace langnghe
