#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace langnghe::test {

namespace {
using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

// The child's environment: ours, minus unset names, with overrides replacing or adding.
std::vector<std::string> child_environment(const ProcessOptions& options) {
    auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
    std::vector<std::string> out;
    for (char** e = environ; *e; ++e) {
        std::string entry = *e, name = name_of(entry);
        bool dropped = false;
        for (const auto& u : options.unset_env) dropped = dropped || u == name;
        for (const auto& [k, v] : options.env) dropped = dropped || k == name;
        if (!dropped) out.push_back(std::move(entry));
    }
    for (const auto& [k, v] : options.env) out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// posix_spawn with stdin/stdout/stderr taken from the given descriptors. Everything else we hold
// is close-on-exec, so the child inherits nothing more.
pid_t spawn_with(const std::vector<std::string>& argv, const ProcessOptions& options, int in_fd, int out_fd,
                 int err_fd) {
    if (argv.empty()) throw std::invalid_argument("spawn: empty argv");
    std::vector<std::string> args = argv, env = child_environment(options);
    auto c_args = c_strings(args);
    auto c_env = c_strings(env);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_fd, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
    if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
    // The child starts with default signal handling even if the test ignores SIGPIPE.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);

    pid_t pid = -1;
    bool search_path = argv[0].find('/') == std::string::npos;
    int rc = search_path ? posix_spawnp(&pid, args[0].c_str(), &actions, &attr, c_args.data(), c_env.data())
                         : posix_spawn(&pid, args[0].c_str(), &actions, &attr, c_args.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        errno = rc;
        fail("cannot start " + argv[0]);
    }
    return pid;
}

struct Pipe {
    int read = -1, write = -1;
    Pipe() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
        read = fds[0];
        write = fds[1];
    }
    ~Pipe() {
        close_read();
        close_write();
    }
    void close_read() {
        if (read >= 0) ::close(read);
        read = -1;
    }
    void close_write() {
        if (write >= 0) ::close(write);
        write = -1;
    }
};

double mib(const rusage& usage) {
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Waits for `pid` until `deadline`; true when it was reaped.
bool wait_until(pid_t pid, int& status, rusage& usage, Clock::time_point deadline) {
    for (auto pause = std::chrono::microseconds(200);; pause = std::min(pause * 2, std::chrono::microseconds(20000))) {
        pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
        if (r == pid) return true;
        if (r < 0 && errno != EINTR) fail("wait4");
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(pause);
    }
}

void fill_status(ProcessResult& r, int status) {
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
}

std::string read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

std::string ProcessResult::describe() const {
    std::string what = timed_out ? "timed out"
                       : signal  ? "signal " + std::to_string(signal)
                                 : "exit " + std::to_string(exit_code);
    return what + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    // A child that exits without reading its stdin must not kill the test with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    Pipe in, out, err;
    auto started = Clock::now();
    pid_t pid = spawn_with(argv, options, in.read, out.write, err.write);
    in.close_read();
    out.close_write();
    err.close_write();
    if (options.stdin_data.empty())
        in.close_write();
    else if (::fcntl(in.write, F_SETFL, O_NONBLOCK) != 0)
        fail("fcntl");

    ProcessResult result;
    auto deadline = Clock::now() + options.timeout;
    std::size_t written = 0;
    char buf[65536];
    while (out.read >= 0 || err.read >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        pollfd fds[3];
        nfds_t n = 0;
        for (int fd : {out.read, err.read})
            if (fd >= 0) fds[n++] = {fd, POLLIN, 0};
        if (in.write >= 0) fds[n++] = {in.write, POLLOUT, 0};
        int ready = ::poll(fds, n, static_cast<int>(std::min<long long>(left, 1000)));
        if (ready < 0 && errno != EINTR) fail("poll");
        for (nfds_t i = 0; i < n && ready > 0; ++i) {
            if (!fds[i].revents) continue;
            int fd = fds[i].fd;
            if (fd == in.write) {
                ssize_t w = ::write(fd, options.stdin_data.data() + written, options.stdin_data.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == options.stdin_data.size())
                    in.close_write();
                continue;
            }
            ssize_t got = ::read(fd, buf, sizeof buf);
            if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (got <= 0) {
                (fd == out.read ? out : err).close_read();
                continue;
            }
            (fd == out.read ? result.out : result.err).append(buf, static_cast<std::size_t>(got));
        }
    }
    in.close_write();
    int status = 0;
    rusage usage{};
    // The pipes closed (or time ran out and it was killed): reaping takes at most a moment now,
    // unless the child closed its outputs and kept running.
    if (!wait_until(pid, status, usage, std::max(deadline, Clock::now()) + std::chrono::seconds(5))) {
        result.timed_out = true;
        ::kill(pid, SIGKILL);
        wait_until(pid, status, usage, Clock::now() + std::chrono::seconds(30));
    }
    fill_status(result, status);
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    result.peak_rss_mib = mib(usage);
    return result;
}

Process Process::spawn(const std::vector<std::string>& argv, const ProcessOptions& options) {
    std::string pattern = (std::filesystem::temp_directory_path() / "langnghe-proc-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) fail("mkdtemp");
    Process p;
    p.m_dir = pattern;
    int out = ::open((p.m_dir + "/stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int err = ::open((p.m_dir + "/stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || err < 0 || in < 0) fail("cannot open output files in " + p.m_dir);
    try {
        p.m_started = Clock::now();
        p.m_pid = spawn_with(argv, options, in, out, err);
    } catch (...) {
        ::close(out), ::close(err), ::close(in);
        throw;
    }
    ::close(out), ::close(err), ::close(in);
    return p;
}

Process::Process(Process&& other) noexcept
    : m_pid(std::exchange(other.m_pid, -1)),
      m_reaped(other.m_reaped),
      m_status(other.m_status),
      m_started(other.m_started),
      m_seconds(other.m_seconds),
      m_peak_rss_mib(other.m_peak_rss_mib),
      m_dir(std::exchange(other.m_dir, {})) {}

Process& Process::operator=(Process&& other) noexcept {
    if (this != &other) {
        release();
        m_pid = std::exchange(other.m_pid, -1);
        m_reaped = other.m_reaped;
        m_status = other.m_status;
        m_started = other.m_started;
        m_seconds = other.m_seconds;
        m_peak_rss_mib = other.m_peak_rss_mib;
        m_dir = std::exchange(other.m_dir, {});
    }
    return *this;
}

Process::~Process() {
    release();
}

void Process::release() noexcept {
    if (m_pid > 0 && !m_reaped) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    if (!m_dir.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    m_pid = -1;
    m_dir.clear();
}

bool Process::reap(bool block) {
    if (m_reaped) return true;
    rusage usage{};
    pid_t r;
    while ((r = ::wait4(m_pid, &m_status, block ? 0 : WNOHANG, &usage)) < 0 && errno == EINTR) {
    }
    if (r < 0) fail("wait4");
    if (r != m_pid) return false;
    m_reaped = true;
    m_seconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    m_peak_rss_mib = mib(usage);
    return true;
}

bool Process::running() {
    if (m_pid <= 0) return false;
    return !reap(false);
}

void Process::send_signal(int signal) {
    if (m_pid > 0 && !m_reaped && ::kill(m_pid, signal) != 0 && errno != ESRCH) fail("kill");
}

std::optional<ProcessResult> Process::wait(std::chrono::milliseconds timeout) {
    if (m_pid <= 0) throw std::logic_error("wait on a process that was never started");
    auto deadline = Clock::now() + timeout;
    for (auto pause = std::chrono::microseconds(200); !reap(false);
         pause = std::min(pause * 2, std::chrono::microseconds(20000))) {
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(pause);
    }
    return result();
}

ProcessResult Process::wait_to_end() {
    if (m_pid <= 0) throw std::logic_error("wait on a process that was never started");
    reap(true);
    return result();
}

ProcessResult Process::kill() {
    send_signal(SIGKILL);
    // SIGKILL cannot be caught; only an uninterruptible kernel wait delays it.
    auto r = wait(std::chrono::seconds(60));
    if (!r) throw std::runtime_error("process " + std::to_string(m_pid) + " survived SIGKILL for a minute");
    return *r;
}

ProcessResult Process::result() const {
    ProcessResult r;
    fill_status(r, m_status);
    r.seconds = m_seconds;
    r.peak_rss_mib = m_peak_rss_mib;
    r.out = stdout_text();
    r.err = stderr_text();
    return r;
}

std::string Process::stdout_text() const {
    return read_whole(m_dir + "/stdout");
}
std::string Process::stderr_text() const {
    return read_whole(m_dir + "/stderr");
}

bool Process::wait_for_stdout(const std::string& text, std::chrono::milliseconds timeout) {
    return wait_for_output(text, timeout, false);
}

bool Process::wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout) {
    return wait_for_output(text, timeout, true);
}

bool Process::wait_for_output(const std::string& text, std::chrono::milliseconds timeout, bool from_stderr) {
    auto output = [&] { return from_stderr ? stderr_text() : stdout_text(); };
    auto deadline = Clock::now() + timeout;
    for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, std::chrono::milliseconds(20))) {
        if (output().find(text) != std::string::npos) return true;
        if (!running()) return output().find(text) != std::string::npos;
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(pause);
    }
}

}  // namespace langnghe::test
