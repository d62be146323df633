#pragma once
// Running the real binaries from tests and benchmarks: a command run to completion with its output
// captured, or a background process (a server) that is signalled and waited for. No shell is involved: argv is
// passed as given. Every wait is bounded; a process still running when its handle is destroyed is
// killed and reaped, so a failing test leaves nothing behind.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace langnghe::test {

struct ProcessOptions {
    // Added to (or replacing in) the test's own environment.
    std::vector<std::pair<std::string, std::string>> env;
    // Removed from the environment (e.g. LANGNGHE_DB, so a developer's settings do not leak in).
    std::vector<std::string> unset_env;
    std::string stdin_data;
    std::string cwd;  // empty: the test's working directory
    std::chrono::milliseconds timeout{60000};
};

struct ProcessResult {
    int exit_code = -1;  // -1 when killed by a signal
    int signal = 0;      // the signal that ended it, 0 when it exited
    bool timed_out = false;
    std::string out, err;
    double seconds = 0;       // wall time from start to end
    double peak_rss_mib = 0;  // the child's maximum resident set
    // "exit 2" / "signal 9" / "timed out", plus stderr: for test failure messages.
    std::string describe() const;
};

// Runs argv[0] (a path, or a name looked up in PATH) to completion. On timeout the process is
// killed (SIGKILL) and timed_out is set.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// A process running in the background; stdout and stderr go to files the test can read at any
// time (a pipe nobody reads would block a chatty server).
class Process {
public:
    // Starts argv; throws std::runtime_error when it cannot be started. options.timeout is unused.
    static Process spawn(const std::vector<std::string>& argv, const ProcessOptions& options = {});

    Process(Process&& other) noexcept;
    Process& operator=(Process&& other) noexcept;
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    // Kills (SIGKILL) a process still running, reaps it and removes the output files.
    ~Process();

    pid_t pid() const { return m_pid; }
    // True until the process has been reaped.
    bool running();
    void send_signal(int signal);
    // Waits for the process to end; nullopt if it is still running after `timeout`.
    std::optional<ProcessResult> wait(std::chrono::milliseconds timeout);
    // Waits as long as it takes, for benchmarks whose children always end; tests use the bounded
    // wait. The end is seen the moment it happens (no polling), so `seconds` is exact.
    ProcessResult wait_to_end();
    // SIGKILL, then wait: always ends it.
    ProcessResult kill();

    std::string stdout_text() const;
    std::string stderr_text() const;
    // Waits until stdout contains `text` (e.g. "listening on 127.0.0.1:"); false when the process
    // ended or `timeout` passed first.
    bool wait_for_stdout(const std::string& text, std::chrono::milliseconds timeout);
    bool wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout);

private:
    Process() = default;
    ProcessResult result() const;
    bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout, bool from_stderr);
    bool reap(bool block);
    void release() noexcept;

    pid_t m_pid = -1;
    bool m_reaped = false;
    int m_status = 0;
    std::chrono::steady_clock::time_point m_started;
    double m_seconds = 0, m_peak_rss_mib = 0;
    std::string m_dir;  // holds stdout and stderr files
};

}  // namespace langnghe::test
