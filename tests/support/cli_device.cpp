#include "support/cli_device.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "langnghe/model/feedback.h"
#include "langnghe/sample/generator.h"
#include "langnghe/storage/store.h"

namespace langnghe::test {

std::string cli_path() {
    return LANGNGHE_CLI;
}

CliDevice::CliDevice(const TempDir& dir, std::string name, std::string officer)
    : m_db(dir.file(name + ".db")), m_officer(std::move(officer)) {}

ProcessResult CliDevice::run(const std::vector<std::string>& args, const ProcessOptions& extra) const {
    std::vector<std::string> argv{cli_path(), "--db", m_db};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options = extra;
    options.unset_env.insert(options.unset_env.end(), {"LANG", "LC_ALL", "LANGUAGE", "LANGNGHE_DB", "XDG_DATA_HOME"});
    bool officer_given = false;
    for (const auto& [k, v] : options.env) officer_given = officer_given || k == "LANGNGHE_OFFICER";
    if (!officer_given) options.env.emplace_back("LANGNGHE_OFFICER", m_officer);
    options.timeout = std::chrono::seconds(60);
    return run_process(argv, options);
}

std::string CliDevice::ok(const std::vector<std::string>& args) const {
    ProcessResult r = run(args);
    std::string command;
    for (const auto& a : args) command += " " + a;
    INFO("langnghe" << command << "\n" << r.describe());
    REQUIRE(r.exit_code == 0);
    return r.out;
}

void CliDevice::init() const {
    ok({"init", "--officer", m_officer});
}

void CliDevice::act_as(const std::string& role) const { Store::open_existing(m_db)->set_meta("role", role); }

void CliDevice::import_units(const TempDir& dir) const {
    dir.write("units.csv",
              "code,name,kind,parent_code\n"
              "01,Thành phố Hà Nội,city,\n"
              "00004,Phường Ba Đình,ward,01\n"
              "TDP1,Tổ dân phố số 1,residential_group,00004\n"
              "00007,Phường Ngọc Hà,ward,01\n");
    ok({"unit", "import", dir.file("units.csv")});
}

void CliDevice::write_feedback(int count, std::uint64_t seed) const {
    auto store = Store::open_existing(m_db);
    Generator generator({.seed = seed});
    Actor actor{"Thượng úy Nguyễn Văn An"};
    Store::Scope scope(*store);
    for (int i = 0; i < count; ++i) add_feedback(*store, actor, generator.feedback("00004"));
    scope.commit();
}

std::set<std::string> feedback_ids(const std::string& dump) {
    std::set<std::string> ids;
    nlohmann::json parsed = nlohmann::json::parse(dump);  // kept: the loop must not walk a member of a temporary
    for (const auto& record : parsed["records"])
        if (record["type"] == "feedback") ids.insert(record["id"].get<std::string>());
    return ids;
}

}  // namespace langnghe::test
