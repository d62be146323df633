#pragma once
// A field device in a test: its own temp database, driven through the real `langnghe` binary.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"

namespace langnghe::test {

// Where the test binary finds `langnghe` (a compile definition of the test target).
std::string cli_path();

class CliDevice {
public:
    // `officer` is the acting officer (LANGNGHE_OFFICER); the database is `dir/<name>.db`.
    CliDevice(const TempDir& dir, std::string name, std::string officer = "Cán bộ thử nghiệm");

    const std::string& db() const { return m_db; }
    // Runs `langnghe --db DB args…` in English unless args say otherwise; LANG and
    // LANGNGHE_* from the developer's environment are cleared.
    ProcessResult run(const std::vector<std::string>& args, const ProcessOptions& extra = {}) const;
    // Runs and requires exit 0 (REQUIREs with the output on failure); returns stdout.
    std::string ok(const std::vector<std::string>& args) const;

    void init() const;
    // Acts in `role` from now on: what enrollment with that role leaves in the database, for a
    // device that does what only a unit head may without a station in the test.
    void act_as(const std::string& role) const;
    // Imports a small unit tree: province 01 › ward 00004 (› group TDP1) and ward 00007.
    void import_units(const TempDir& dir) const;
    std::string dump() const { return ok({"dump"}); }
    // Generated feedback of ward 00004 written in one transaction through the core, as the app would.
    void write_feedback(int count, std::uint64_t seed) const;

private:
    std::string m_db, m_officer;
};

// The ids of the feedback records in a dump (a device's or the station's `dump`).
std::set<std::string> feedback_ids(const std::string& dump);

}  // namespace langnghe::test
