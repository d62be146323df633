#include "langnghe/base/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "langnghe/base/error.h"

namespace langnghe {

namespace {
[[noreturn]] void io_error(const std::string& path, std::string_view en, std::string_view vi, int err) {
    std::string reason = std::strerror(err);
    throw Error(ErrorCode::io, std::string(en) + " " + path + ": " + reason, "file")
        .vi(std::string(vi) + " " + path + ": " + reason);
}

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};
}  // namespace

std::string read_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorCode::not_found, "file " + path + " does not exist", "file")
            .vi("tệp " + path + " không tồn tại");
    if (std::filesystem::is_directory(path, ec))
        throw Error(ErrorCode::io, path + " is a directory, not a file", "file")
            .vi(path + " là thư mục, không phải tệp");
    std::ifstream in(path, std::ios::binary);
    if (!in) io_error(path, "cannot open", "không mở được", errno);
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) io_error(path, "cannot read", "không đọc được", errno);
    return content.str();
}

void write_file_durably(const std::string& path, std::string_view content) {
    std::filesystem::path target(path);
    std::string temp = path + ".part";
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) io_error(path, "cannot create", "không tạo được", errno);
    for (std::size_t done = 0; done < content.size();) {
        ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            ::unlink(temp.c_str());
            io_error(path, "cannot write", "không ghi được", err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        io_error(path, "cannot write", "không ghi được", err);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        io_error(path, "cannot write", "không ghi được", err);
    }
    // The rename itself is durable only once the directory is synced.
    auto dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
}

}  // namespace langnghe
