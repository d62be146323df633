#pragma once
// The sync benchmark runs the real binaries, as a station and its phones do: `langnghe-server` and
// `langnghe` processes on loopback, each with its output in a file and its peak memory from wait4.
#include <sys/types.h>

#include <string>
#include <vector>

namespace langnghe::bench {

struct ChildResult {
    int exit_code = -1;  // 128 + signal when killed
    std::string out, err;
    double seconds = 0;        // wall time from spawn to exit
    double peak_rss_mib = 0;   // the child's maximum resident set
};

class Child {
public:
    // Starts argv[0] (a path) with stdout and stderr to `output_prefix`.out / .err.
    Child(const std::vector<std::string>& argv, const std::string& output_prefix);
    Child(Child&& other) noexcept;
    Child& operator=(Child&&) = delete;
    Child(const Child&) = delete;
    ~Child();  // kills a child still running

    ChildResult wait();
    void signal(int signo) const;
    // stdout so far (the server prints its address when it listens).
    std::string out_so_far() const;

private:
    pid_t m_pid = -1;
    std::string m_prefix;
    double m_started = 0;
};

// Runs to completion; throws langnghe::Error when the exit code is not 0.
ChildResult run_checked(const std::vector<std::string>& argv, const std::string& output_prefix);

}  // namespace langnghe::bench
