#include "archive/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace shiryo::archive {
namespace {

// The bytes of a regular file, or nullopt when there is none by that name.
std::optional<std::string> existing(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) return std::nullopt;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec))) {
    throw std::runtime_error(path + " is in the way: not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read " + path);
  return bytes.str();
}

// Writes all of `bytes` to `fd` and flushes them to the disk.
bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0;
}

}  // namespace

Placed place_file(const std::string& dir, const std::string& name, const std::string& bytes) {
  const std::string target = (std::filesystem::path(dir) / name).string();
  if (const auto there = existing(target)) return *there == bytes ? Placed::same : Placed::clash;
  std::string temporary = (std::filesystem::path(dir) / ".shiryo-add-XXXXXX").string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) throw std::runtime_error("cannot write in " + dir + ": " + std::strerror(errno));
  // mkstemp makes the file private; an archived packet is read by others.
  const bool written = ::fchmod(fd, 0644) == 0 && write_all(fd, bytes);
  const int saved = errno;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    throw std::runtime_error("cannot write " + target + ": " + std::strerror(saved));
  }
  // link() refuses an existing name: a file that appeared meanwhile stays.
  const int linked = ::link(temporary.c_str(), target.c_str());
  const int link_error = errno;
  ::unlink(temporary.c_str());
  if (linked != 0) {
    if (link_error == EEXIST) {
      const auto there = existing(target);
      return there && *there == bytes ? Placed::same : Placed::clash;
    }
    throw std::runtime_error("cannot write " + target + ": " + std::strerror(link_error));
  }
  return Placed::copied;
}

}  // namespace shiryo::archive
