// The helper every end-to-end test stands on: running a command with its output captured, and
// signalling and waiting for a background process.
#include <signal.h>

#include <catch2/catch.hpp>

#include "support/process.h"

using namespace langnghe::test;
using namespace std::chrono_literals;

TEST_CASE("run_process captures exit code, stdout, stderr and feeds stdin", "[cli]") {
    ProcessOptions options;
    options.stdin_data = "héllo\nworld";
    ProcessResult r = run_process({"sh", "-c", "cat; echo oops >&2; exit 3"}, options);
    CHECK(r.exit_code == 3);
    CHECK(r.signal == 0);
    CHECK_FALSE(r.timed_out);
    CHECK(r.out == "héllo\nworld");
    CHECK(r.err == "oops\n");
}

TEST_CASE("run_process passes argv as given, with no shell in between", "[cli]") {
    ProcessResult r = run_process({"printf", "%s|", "a b", "$HOME", "*"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "a b|$HOME|*|");
}

TEST_CASE("run_process sets and unsets environment variables", "[cli]") {
    ::setenv("LANGNGHE_PROCESS_TEST_DROP", "dropped", 1);
    ProcessOptions options;
    options.env = {{"LANGNGHE_PROCESS_TEST", "giá trị"}};
    options.unset_env = {"LANGNGHE_PROCESS_TEST_DROP"};
    ProcessResult r = run_process({"env"}, options);
    ::unsetenv("LANGNGHE_PROCESS_TEST_DROP");
    CHECK(r.out.find("LANGNGHE_PROCESS_TEST=giá trị\n") != std::string::npos);
    CHECK(r.out.find("LANGNGHE_PROCESS_TEST_DROP") == std::string::npos);
}

TEST_CASE("run_process copes with output larger than a pipe buffer and a child that ignores stdin", "[cli]") {
    ProcessOptions options;
    options.stdin_data = std::string(1 << 20, 'x');
    ProcessResult r = run_process({"head", "-c", "3000000", "/dev/zero"}, options);
    CHECK(r.exit_code == 0);
    CHECK(r.out.size() == 3000000);
}

TEST_CASE("run_process kills a command that runs past its time bound", "[cli]") {
    ProcessOptions options;
    options.timeout = 200ms;
    ProcessResult r = run_process({"sleep", "30"}, options);
    CHECK(r.timed_out);
    CHECK(r.signal == SIGKILL);
}

TEST_CASE("run_process reports a program that cannot be started", "[cli]") {
    CHECK_THROWS(run_process({"/nonexistent/langnghe-no-such-binary"}));
}

TEST_CASE("a background process can be signalled and waited for", "[cli]") {
    Process p =
        Process::spawn({"sh", "-c", "trap 'echo got TERM; exit 7' TERM; echo ready; while :; do sleep 0.05; done"});
    REQUIRE(p.wait_for_stdout("ready", 30s));
    CHECK(p.running());
    CHECK_FALSE(p.wait(10ms).has_value());
    p.send_signal(SIGTERM);
    auto r = p.wait(30s);
    REQUIRE(r.has_value());
    CHECK(r->exit_code == 7);
    CHECK(r->out == "ready\ngot TERM\n");
    CHECK_FALSE(p.running());
}

TEST_CASE("kill ends a background process that ignores SIGTERM", "[cli]") {
    Process p = Process::spawn({"sh", "-c", "trap '' TERM; echo ready; exec sleep 30"});
    REQUIRE(p.wait_for_stdout("ready", 30s));
    ProcessResult r = p.kill();
    CHECK(r.signal == SIGKILL);
    CHECK(r.exit_code == -1);
}

TEST_CASE("wait_for_stdout gives up when the process ends without printing it", "[cli]") {
    Process p = Process::spawn({"sh", "-c", "echo something else"});
    CHECK_FALSE(p.wait_for_stdout("never printed", 30s));
    auto r = p.wait(30s);
    REQUIRE(r.has_value());
    CHECK(r->exit_code == 0);
}
