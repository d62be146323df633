#include "child_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <cstring>
#include <utility>

#include "langnghe/base/error.h"

extern char** environ;

namespace langnghe::bench {

namespace {
double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

Child::Child(const std::vector<std::string>& argv, const std::string& output_prefix) : m_prefix(output_prefix) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (m_prefix + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (m_prefix + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    m_started = now_seconds();
    int rc = posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw Error(ErrorCode::io, "cannot start " + argv[0] + ": " + std::strerror(rc));
}

Child::Child(Child&& other) noexcept
    : m_pid(std::exchange(other.m_pid, -1)), m_prefix(std::move(other.m_prefix)), m_started(other.m_started) {}

Child::~Child() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
}

void Child::signal(int signo) const {
    if (m_pid > 0) ::kill(m_pid, signo);
}

std::string Child::out_so_far() const { return slurp(m_prefix + ".out"); }

ChildResult Child::wait() {
    int status = 0;
    rusage usage{};
    while (::wait4(m_pid, &status, 0, &usage) < 0)
        if (errno != EINTR) throw Error(ErrorCode::io, std::string("wait4: ") + std::strerror(errno));
    m_pid = -1;
    ChildResult r;
    r.seconds = now_seconds() - m_started;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
    r.out = slurp(m_prefix + ".out");
    r.err = slurp(m_prefix + ".err");
    return r;
}

ChildResult run_checked(const std::vector<std::string>& argv, const std::string& output_prefix) {
    ChildResult r = Child(argv, output_prefix).wait();
    if (r.exit_code != 0) {
        std::string command;
        for (const auto& a : argv) command += " " + a;
        throw Error(ErrorCode::internal, "failed (exit " + std::to_string(r.exit_code) + "):" + command + "\n" + r.err);
    }
    return r;
}

}  // namespace langnghe::bench
