// Runs the shiryo binary and the independent PDF tools the tests read its
// output with.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace shiryo::testing {

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "shiryo-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Runs `command` through the shell with stdout and stderr captured.
inline RunResult run(const std::string& command) {
  TempDir capture;
  const std::string full = "( " + command + " ) >" + (capture / "out").string() + " 2>" +
                           (capture / "err").string();
  const int raw = std::system(full.c_str());
  RunResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(capture / "out");
  r.err = read_file(capture / "err");
  return r;
}

// `text` without ASCII spaces, line breaks and ideographic spaces.
inline std::string squeeze(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\n' || text[i] == '\f') continue;
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

// The text of page `page` (from 1) of `pdf` as laid out (a note's number
// beside its text), squeezed.
inline std::string page_text(const std::string& pdf, int page) {
  const std::string n = std::to_string(page);
  return squeeze(run("pdftotext -layout -f " + n + " -l " + n + " " + quote(pdf) + " -").out);
}

// A small packet given as lines, with some lines (numbered from 1) replaced.
inline std::string lines_with(const std::vector<std::string>& base,
                              std::initializer_list<std::pair<std::size_t, std::string>> changes) {
  std::vector<std::string> lines = base;
  for (const auto& [line, text] : changes) lines[line - 1] = text;
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

inline RunResult shiryo(const std::string& args, const std::string& env = "") {
  return run(env + (env.empty() ? "" : " ") + quote(SHIRYO_BINARY) + " " + args);
}

inline std::string source_path(const std::string& relative) {
  return std::string(SHIRYO_SOURCE_DIR) + "/" + relative;
}

// A one-pixel grey PNG, black or white: the smallest figure file a build
// draws, for tests about figure files rather than images.
inline std::string one_pixel_png(bool white = false) {
  static const char black_png[] =
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00"
      "\x00\x00\x3a\x7e\x9b\x55\x00\x00\x00\x0a\x49\x44\x41\x54\x78\x9c\x63\x60\x00\x00\x00\x02\x00\x01\x48\xaf\xa4"
      "\x71\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
  static const char white_png[] =
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00"
      "\x00\x00\x3a\x7e\x9b\x55\x00\x00\x00\x0a\x49\x44\x41\x54\x78\x9c\x63\xf8\x0f\x00\x01\x01\x01\x00\xb1\x38\xf6"
      "\x14\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
  return white ? std::string(white_png, sizeof white_png - 1) : std::string(black_png, sizeof black_png - 1);
}

}  // namespace shiryo::testing
