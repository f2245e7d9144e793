#include "cli/watch.h"

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "cli/build.h"
#include "cli/output.h"

namespace shiryo::cli {
namespace {

namespace fs = std::filesystem;

// Quiet time after the last change before building: an editor's save is a
// burst of events (write, rename, chmod), and a script may touch several files.
constexpr int kSettleMilliseconds = 200;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_;
};

// The stop signals are blocked while watching and read from a signalfd
// between builds, so a Ctrl-C during a build ends the watch after that build
// (output.cpp's temporary file is then already renamed or removed).
class BlockedSignals {
 public:
  BlockedSignals() {
    sigemptyset(&set_);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set_, s);
    sigprocmask(SIG_BLOCK, &set_, &saved_);
  }
  ~BlockedSignals() { sigprocmask(SIG_SETMASK, &saved_, nullptr); }
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;
  const sigset_t& set() const { return set_; }

 private:
  sigset_t set_{};
  sigset_t saved_{};
};

// Watches the directories of the files, not the files: an editor that saves
// by writing a new file and renaming it over the old one replaces the inode
// a file watch would hold.
class DirectoryWatch {
 public:
  DirectoryWatch() : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}
  explicit operator bool() const { return static_cast<bool>(fd_); }
  int fd() const { return fd_.get(); }

  // False with `error` set when the directory of `file` cannot be watched.
  bool add(const std::string& file, std::string& error) {
    const fs::path path = fs::absolute(file).lexically_normal();
    const std::string dir = path.parent_path().string();
    const int wd = inotify_add_watch(fd_.get(), dir.c_str(),
                                     IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                         IN_DELETE | IN_ATTRIB);
    if (wd < 0) {
      error = "cannot watch " + dir + ": " + std::strerror(errno);
      return false;
    }
    names_[wd].insert(path.filename().string());
    return true;
  }

  // Reads the pending events; true when one names a watched file.
  bool drain() {
    bool relevant = false;
    alignas(inotify_event) char buffer[16 * 1024];
    for (;;) {
      const ssize_t n = ::read(fd_.get(), buffer, sizeof buffer);
      if (n <= 0) return relevant;
      for (ssize_t at = 0; at + static_cast<ssize_t>(sizeof(inotify_event)) <= n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        const auto it = names_.find(event->wd);
        if (event->len > 0 && it != names_.end() && it->second.count(event->name)) relevant = true;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
  }

 private:
  FileDescriptor fd_;
  std::map<int, std::set<std::string>> names_;  // watch → file names in its directory
};

}  // namespace

std::string watch_help_text() {
  return "usage: shiryo watch PACKET.xml [-o OUT.pdf] [--layout NAME] [--date DATE]\n"
         "                    [--pdfa 3a|3u|2u|none] [--pdfua] [-W error]\n\n"
         "Builds the packet as build does, then again whenever the packet, its\n"
         "spreadsheets (<results-data>), its figures' files, its layout sets or the\n"
         "font configuration change, and prints each build's diagnostics.\n"
         "The PDF is replaced whole by renaming, so viewers that reload show the new\n"
         "version; a build that fails leaves the last good PDF in place. The\n"
         "directories holding those files are watched, so editors that save by\n"
         "renaming a new file over the old one are seen. Ctrl-C stops (status 0).\n";
}

int run_watch(const Options& options, std::ostream& err) {
  Options build = options;
  build.command = Command::build;
  const std::string output = options.output ? *options.output : default_output(options.input);

  const BlockedSignals blocked;
  const FileDescriptor signals(signalfd(-1, &blocked.set(), SFD_CLOEXEC));
  DirectoryWatch watch;
  if (!signals || !watch) {
    err << "shiryo: error: cannot watch files: " << std::strerror(errno) << "\n";
    return kEnvironment;
  }

  std::set<std::string> watched;
  for (;;) {
    // Every file the build read is watched from now on, also when a later
    // build fails before reading it again.
    std::vector<InputFile> read{{options.input, "the packet"}};
    int status = kEnvironment;
    try {
      status = run_build(build, err, nullptr, &read);
    } catch (const std::exception& e) {
      err << "shiryo: error: " << e.what() << "\n";
    }
    std::string added;
    for (const auto& file : read) {
      if (watched.count(file.path)) continue;
      std::string error;
      if (!watch.add(file.path, error)) {
        if (file.path == options.input) {
          err << "shiryo: error: " << error << "\n";
          return kEnvironment;
        }
        // A spreadsheet or figure in a folder that does not exist (yet):
        // tried again after the next build.
        err << "shiryo: warning: " << error << "\n";
        continue;
      }
      watched.insert(file.path);
      added += (added.empty() ? "" : ", ") + file.path;
    }
    if (status == kSuccess) {
      err << "shiryo: wrote " << output << "\n";
    } else {
      err << "shiryo: build failed; " << output << " left as it was\n";
    }
    if (!added.empty()) err << "shiryo: watching " << added << "\n";
    err << "shiryo: waiting for changes (Ctrl-C stops)" << std::endl;

    // Wait for a change to a watched file, then for the changes to settle.
    bool changed = false;
    for (;;) {
      pollfd fds[2] = {{watch.fd(), POLLIN, 0}, {signals.get(), POLLIN, 0}};
      const int ready = ::poll(fds, 2, changed ? kSettleMilliseconds : -1);
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) {
        err << "shiryo: error: cannot watch files: " << std::strerror(errno) << "\n";
        return kEnvironment;
      }
      if (fds[1].revents & POLLIN) {
        signalfd_siginfo info{};
        [[maybe_unused]] const ssize_t n = ::read(signals.get(), &info, sizeof info);
        err << "shiryo: stopped watching\n";
        return kSuccess;
      }
      if (ready == 0) break;  // settled
      if (watch.drain()) changed = true;
    }
  }
}

}  // namespace shiryo::cli
