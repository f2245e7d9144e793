#include "cli/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

namespace shiryo::cli {
namespace {

namespace fs = std::filesystem;

// The temporary file being written, for the signal handler to remove: a
// handler can reach nothing but static storage, so this is the one global.
char pending_temp[4096];
volatile std::sig_atomic_t pending = 0;

extern "C" void remove_pending_temp(int signal) {
  if (pending) ::unlink(pending_temp);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};

// A temporary file beside the target: removed on every way out unless
// renamed into place, and by the signals above meanwhile. SIGXFSZ is
// ignored while it lives, so a file-size limit is a write error (EFBIG)
// rather than a kill that leaves the file behind.
class TempFile {
 public:
  explicit TempFile(const fs::path& target) {
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    path_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    if (path_.size() >= sizeof pending_temp) {
      errno = ENAMETOOLONG;
      return;
    }
    struct sigaction cleanup {};
    cleanup.sa_handler = remove_pending_temp;
    sigemptyset(&cleanup.sa_mask);
    for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) {
      sigaction(kCleanupSignals[i], &cleanup, &saved_[i]);
    }
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGXFSZ, &ignore, &saved_xfsz_);
    armed_ = true;
    fd_ = mkstemp(path_.data());
    if (fd_ < 0) return;
    std::memcpy(pending_temp, path_.c_str(), path_.size() + 1);
    pending = 1;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (fd_ >= 0 && !renamed_) ::unlink(path_.c_str());
    pending = 0;
    if (!armed_) return;
    for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) sigaction(kCleanupSignals[i], &saved_[i], nullptr);
    sigaction(SIGXFSZ, &saved_xfsz_, nullptr);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  bool rename_to(const std::string& target) {
    renamed_ = std::rename(path_.c_str(), target.c_str()) == 0;
    return renamed_;
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool armed_ = false;
  bool renamed_ = false;
  struct sigaction saved_[std::size(kCleanupSignals)] {};
  struct sigaction saved_xfsz_ {};
};

// Writes all of `bytes`; false with errno set on the first failure.
bool write_all(int fd, const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return true;
}

bool fail(const std::string& what, std::string& error) {
  error = "cannot write " + what + ": " + std::strerror(errno);
  return false;
}

bool write_directly(const std::string& path, const std::string& bytes, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return fail(path, error);
  const bool ok = write_all(fd, bytes);
  const int saved = errno;
  const bool closed = ::close(fd) == 0;
  if (!ok) errno = saved;
  return ok && closed ? true : fail(path, error);
}

bool write_by_rename(const std::string& path, const std::string& bytes, std::string& error) {
  TempFile temp{fs::path(path)};
  if (temp.fd() < 0) return fail(path, error);
  if (!write_all(temp.fd(), bytes) || fchmod(temp.fd(), 0644) != 0 || ::fsync(temp.fd()) != 0 ||
      !temp.rename_to(path)) {
    return fail(path, error);
  }
  return true;
}

}  // namespace

std::optional<std::string> output_overwrites_input(const std::string& output, const std::vector<InputFile>& inputs) {
  struct stat out {};
  if (output == "-" || ::lstat(output.c_str(), &out) != 0) return std::nullopt;
  for (const auto& input : inputs) {
    struct stat in {};
    if (::stat(input.path.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      return "the output " + output + " is the same file as " + input.role + " " + input.path +
             "; nothing written; choose another -o";
    }
  }
  return std::nullopt;
}

bool write_output(const std::string& path, const std::string& bytes, std::string& error) {
  if (path == "-") return write_all(STDOUT_FILENO, bytes) ? true : fail("standard output", error);
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
    return write_directly(path, bytes, error);
  }
  return write_by_rename(path, bytes, error);
}

}  // namespace shiryo::cli
