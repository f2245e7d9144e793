// `shiryo watch`: a change to the packet is built, a failed build keeps the
// last good PDF and prints its diagnostics, a change to a layout set is
// built, and SIGINT ends it cleanly. Each step waits for its result with a
// generous bound: the machine may be slow, and no step is timed.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "harness.h"

extern char** environ;

namespace shiryo::testing {
namespace {

namespace fs = std::filesystem;

// Polls `done` until it holds or the bound passes; true when it held.
bool eventually(const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// `shiryo watch ARGS…` in the background with stderr to a file; stopped
// with SIGINT by the test, killed if the test ends first.
class Watcher {
 public:
  Watcher(const std::vector<std::string>& args, const fs::path& err) {
    std::vector<std::string> argv{SHIRYO_BINARY, "watch"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, SHIRYO_BINARY, &actions, nullptr, raw.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Watcher() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;
  bool started() const { return pid_ > 0; }

  // Sends SIGINT and waits for the exit; the raw wait status, or -1 when it
  // did not end within the bound.
  int interrupt() {
    kill(pid_, SIGINT);
    int status = -1;
    const bool ended = eventually([&] { return waitpid(pid_, &status, WNOHANG) == pid_; });
    if (!ended) return -1;
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
};

// Writes `text` as editors that save by renaming do: a new file renamed over
// the old one.
void save_by_rename(const fs::path& path, const std::string& text) {
  const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".swp");
  write_file(temp, text);
  fs::rename(temp, path);
}

TEST(Watch, RebuildsOnChangesKeepsTheLastGoodPdfAndStopsOnSigint) {
  TempDir dir;
  ASSERT_EQ(shiryo("init " + quote((dir / "p").string())).status, 0);
  // A layout set of its own, to change.
  fs::copy(source_path("layouts/default"), dir / "layout");
  const fs::path packet = dir / "p/packet.xml";
  const fs::path pdf = dir / "out.pdf";
  const fs::path err = dir / "err.txt";
  auto log = [&] { return read_file(err); };
  auto text = [&] { return squeeze(run("pdftotext " + quote(pdf.string()) + " -").out); };

  Watcher watcher({packet.string(), "-o", pdf.string(), "--layout", (dir / "layout").string()}, err);
  ASSERT_TRUE(watcher.started());
  ASSERT_TRUE(eventually([&] { return count(log(), "shiryo: wrote ") == 1; })) << log();
  EXPECT_NE(log().find("layout/layout.xml"), std::string::npos) << "the layout set is watched\n" << log();
  EXPECT_NE(text().find("研修の時期を見直す。"), std::string::npos) << text();

  // An editor's save by rename is seen, and the PDF shows the new text.
  std::string source = read_file(packet);
  const std::string old_words = "研修の時期を見直す。";
  ASSERT_NE(source.find(old_words), std::string::npos);
  source.replace(source.find(old_words), old_words.size(), "研修の時期を改める。");
  save_by_rename(packet, source);
  ASSERT_TRUE(eventually([&] { return count(log(), "shiryo: wrote ") == 2; })) << log();
  EXPECT_NE(text().find("研修の時期を改める。"), std::string::npos) << text();
  EXPECT_EQ(text().find("研修の時期を見直す。"), std::string::npos);
  const std::string good = read_file(pdf);

  // An error written in place: its diagnostic at its line, and the PDF kept.
  std::string broken = source;
  broken.replace(broken.find("<roster"), 7, "<rooster");
  broken.replace(broken.find("</roster>"), 9, "</rooster>");
  write_file(packet, broken);
  ASSERT_TRUE(eventually([&] { return log().find("left as it was") != std::string::npos; })) << log();
  EXPECT_NE(log().find("packet.xml:"), std::string::npos) << log();
  EXPECT_NE(log().find("error: unknown element <rooster>"), std::string::npos) << log();
  EXPECT_EQ(read_file(pdf), good);

  // Mended, and then a change to the layout set alone: both are built.
  write_file(packet, source);
  ASSERT_TRUE(eventually([&] { return count(log(), "shiryo: wrote ") == 3; })) << log();
  const std::string layout_file = (dir / "layout/layout.xml").string();
  std::string layout = read_file(layout_file);
  const std::string word = "text=\"目標達成項目\"";
  ASSERT_NE(layout.find(word), std::string::npos);
  EXPECT_NE(text().find("目標達成項目1項目"), std::string::npos) << text();
  layout.replace(layout.find(word), word.size(), "text=\"達成した項目\"");
  save_by_rename(layout_file, layout);
  ASSERT_TRUE(eventually([&] { return count(log(), "shiryo: wrote ") == 4; })) << log();
  EXPECT_NE(text().find("達成した項目1項目"), std::string::npos) << text();

  // SIGINT ends it with status 0 and leaves no temporary file.
  const int status = watcher.interrupt();
  ASSERT_NE(status, -1) << "watch did not stop on SIGINT";
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(log().find("stopped watching"), std::string::npos) << log();
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_NE(entry.path().filename().string().rfind(".out.pdf", 0), 0u) << entry.path();
  }
}

}  // namespace
}  // namespace shiryo::testing
