// `langnghe-bench ui` (issue 16): the dashboard's answer time on a big station. The real
// `langnghe-server` on its embedded store, filled by one province device's sync with `--records`
// generated feedback (untimed); an admin of the province logged in over loopback; then each page
// asked for `--runs` times after two untimed warm-up requests, twice: "cold", each request right
// after a ward device synced one new record (so no page kept from before the change can answer),
// and "warm", the same page again with nothing changed. The time is from the request sent to the
// whole answer read, on loopback: the server's time plus a loopback round trip.
#include <CLI/CLI.hpp>

#include <httplib.h>

#include <iostream>
#include <regex>

#include "bench.h"
#include "langnghe/base/error.h"

namespace langnghe::bench {

namespace {

struct UiBenchOptions {
    std::size_t records = 100000, runs = 30;
    std::uint64_t seed = 1;
    StationSetup station;
    std::string dir;
    bool keep = false;
    // The generated records are dated in the second half of 2025 (Generator's defaults).
    std::vector<std::string> pages{"/ui/?year=2025",
                                   "/ui/?quarter=2025-Q4",
                                   "/ui/?quarter=2025-Q4&unit=00004",
                                   "/ui/feedback?status=new&category=traffic",
                                   "/ui/feedback?unit=00004",
                                   "/ui/feedback"};
};

[[noreturn]] void fail(const std::string& what) { throw Error(ErrorCode::internal, "langnghe-bench ui: " + what); }

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
    httplib::Params params(fields.begin(), fields.end());
    return httplib::detail::params_to_query_str(params);
}

// A browser's session: logged in as `name` with its one-time password changed.
class Session {
public:
    Session(const std::string& url, const std::string& name, const std::string& one_time) : m_http(url) {
        m_http.set_read_timeout(120);
        auto login = m_http.Post("/ui/login", form({{"username", name}, {"password", one_time}}), "application/x-www-form-urlencoded");
        if (!login || login->status != 303) fail("the login was refused");
        std::string set = login->get_header_value("Set-Cookie");
        m_headers = {{"Cookie", set.substr(0, set.find(';'))}};
        auto page = m_http.Get("/ui/password", m_headers);
        std::smatch csrf;
        if (!page || !std::regex_search(page->body, csrf, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")))
            fail("no password form after the login");
        std::string fresh = "benchmark password " + one_time;
        auto changed = m_http.Post("/ui/password", m_headers,
                                   form({{"csrf", csrf[1]}, {"current", one_time}, {"new_password", fresh}, {"confirm", fresh}}),
                                   "application/x-www-form-urlencoded");
        if (!changed || changed->status != 303) fail("the password change was refused");
    }

    // Milliseconds for one page, which must answer 200.
    double time_page(const std::string& path) {
        Stopwatch watch;
        watch.start();
        auto answer = m_http.Get(path, m_headers);
        watch.stop();
        if (!answer || answer->status != 200) fail(path + " answered " + (answer ? std::to_string(answer->status) : "nothing"));
        return watch.seconds() * 1000;
    }

private:
    httplib::Client m_http;
    httplib::Headers m_headers;
};

void run_ui(const UiBenchOptions& o) {
    ScratchDir dir(o.dir, o.keep);
    std::cout << "langnghe-bench ui: sqlite store, " << with_thousands(static_cast<double>(o.records)) << " records, seed " << o.seed
              << ", " << o.runs << " runs a page\n";
    StationSetup setup = o.station;
    setup.location = {"--data", dir.file("station")};
    Station station(setup, dir);
    std::string bulk = station.enroll("bulk", province, "officer");
    run_checked({setup.cli, "--db", bulk, "sync"});  // the unit list
    std::vector<std::string> wards = wards_of(bulk);
    std::string changer = station.enroll("changer", wards.front(), "officer");
    run_checked({setup.cli, "--db", changer, "sync"});
    write_feedback(bulk, o.records, o.seed, wards);
    run_checked({setup.cli, "--db", bulk, "sync"});
    std::uint64_t change_seed = o.seed + 1;
    auto change_station = [&] {
        write_feedback(changer, 1, ++change_seed, {wards.front()});
        run_checked({setup.cli, "--db", changer, "sync"});
    };

    std::vector<std::string> add_user{setup.server};
    add_user.insert(add_user.end(), setup.location.begin(), setup.location.end());
    add_user.insert(add_user.end(), {"user", "add", "--name", "bench", "--unit", province, "--role", "admin"});
    std::smatch otp;
    std::string printed = run_checked(add_user).out;
    if (!std::regex_search(printed, otp, std::regex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"))) fail("no one-time password");
    Session session(station.url(), "bench", otp[0]);

    std::vector<std::pair<std::string, std::optional<double>>> figures;
    for (std::size_t i = 0; i < o.pages.size(); ++i) {
        const std::string& page = o.pages[i];
        session.time_page(page);
        session.time_page(page);
        std::vector<double> cold, warm;
        for (std::size_t run = 0; run < o.runs; ++run) {
            change_station();
            cold.push_back(session.time_page(page));
        }
        for (std::size_t run = 0; run < o.runs; ++run) warm.push_back(session.time_page(page));
        std::cout << "  " << page << "\n    after a change: median " << percentile(cold, 0.5) << " ms, p95 " << percentile(cold, 0.95)
                  << " ms\n    unchanged:      median " << percentile(warm, 0.5) << " ms, p95 " << percentile(warm, 0.95) << " ms\n";
        std::string name = "page" + std::to_string(i + 1);
        figures.emplace_back(name + "_cold_median_ms", percentile(cold, 0.5));
        figures.emplace_back(name + "_cold_p95_ms", percentile(cold, 0.95));
        figures.emplace_back(name + "_warm_median_ms", percentile(warm, 0.5));
        figures.emplace_back(name + "_warm_p95_ms", percentile(warm, 0.95));
    }
    std::string paths;
    for (std::size_t i = 0; i < o.pages.size(); ++i) paths += (i ? " " : "") + o.pages[i];
    print_json_line(figures, "ui", {{"store", "sqlite"}, {"records", std::to_string(o.records)}, {"pages", paths}});
}
}  // namespace

void add_ui_command(CLI::App& app) {
    auto options = std::make_shared<UiBenchOptions>();
    auto* cmd = app.add_subcommand("ui", "the web dashboard's answer time per page on a big station (median and p95)");
    cmd->add_option("--records", options->records, "feedback records the station is filled with")->check(CLI::PositiveNumber);
    cmd->add_option("--runs", options->runs, "timed requests per page")->check(CLI::PositiveNumber);
    cmd->add_option("--page", options->pages, "a dashboard path to time (repeat; replaces the default pages)");
    add_station_run_options(*cmd, options->station, options->seed, options->dir, options->keep);
    cmd->callback([options] { run_ui(*options); });
}

}  // namespace langnghe::bench
