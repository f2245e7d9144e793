// Every diagnostic the code can emit is in docs/diagnostics.md. The sources
// under src/ are scanned for the places a message is made — calls of
// Diagnostics::error/warning/note/error_without_position (and the readers'
// wrappers of them), the CLI's "shiryo: error:" / "shiryo: warning:" lines,
// and the `error = …` / `problem = …` sentences the CLI prints — and the
// longest fixed piece of each message must appear verbatim in the table.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "harness.h"

namespace shiryo::testing {
namespace {

namespace fs = std::filesystem;

struct Site {
  std::string file;
  std::size_t line = 0;
  std::string key;  // the longest fixed piece of the message
};

// The string literals between `begin` and `end` of `text`, unescaped, with
// the CLI's severity prefixes and line ends removed; comments are skipped.
std::vector<std::string> literals(const std::string& text, std::size_t begin, std::size_t end) {
  std::vector<std::string> out;
  for (std::size_t i = begin; i < end; ++i) {
    if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
      continue;
    }
    if (text[i] == '\'') {  // a character literal, such as '"'
      i = text.find('\'', i + (text[i + 1] == '\\' ? 3 : 2));
      continue;
    }
    if (text[i] != '"') continue;
    std::string s;
    for (++i; i < end && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < end) {
        ++i;
        s += text[i] == 'n' ? '\n' : text[i];
      } else {
        s += text[i];
      }
    }
    for (const char* prefix : {"shiryo: error: ", "shiryo: warning: ", "shiryo: note: ", "shiryo: "}) {
      if (s.rfind(prefix, 0) == 0) s.erase(0, std::string(prefix).size());
    }
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    out.push_back(s);
  }
  return out;
}

// The end of the call whose '(' is at `open` (balanced parentheses).
std::size_t call_end(const std::string& text, std::size_t open) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (in_string) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '"') in_string = false;
      continue;
    }
    if (text[i] == '"') in_string = true;
    else if (text[i] == '(') ++depth;
    else if (text[i] == ')' && --depth == 0) return i;
  }
  return text.size();
}

std::size_t statement_end(const std::string& text, std::size_t from) {
  bool in_string = false;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (in_string) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '"') in_string = false;
    } else if (text[i] == '"') {
      in_string = true;
    } else if (text[i] == ';') {
      return i;
    }
  }
  return text.size();
}

std::vector<Site> message_sites() {
  // Where a message is made: a diagnostic call, a CLI line, or a sentence
  // kept for one.
  static const std::regex call(R"((?:^|[^\w:])(?:error|warning|note|error_without_position|runtime_error)\s*\()");
  static const std::regex cli(R"(<<\s*"shiryo: (?:error|warning|note): |<<\s*"shiryo: "\s*<<\s*severity)");
  static const std::regex sentence(
      R"(\b(?:error|problem|message)\s*\+?=\s*(?:std::string\()?"|return \{std::nullopt, |return "[^"\n]* [^"\n]*"\s*[;+])");
  std::vector<Site> sites;
  for (const auto& entry : fs::recursive_directory_iterator(source_path("src"))) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
    const std::string text = read_file(entry.path());
    const std::string file = fs::relative(entry.path(), source_path("")).string();
    auto add = [&](std::size_t at, std::size_t begin, std::size_t end) {
      std::string key;
      for (const auto& l : literals(text, begin, end)) {
        if (l.size() > key.size()) key = l;
      }
      // A message made wholly elsewhere (std::move(message)) is found there.
      if (key.size() < 4) return;
      sites.push_back({file, static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1, key});
    };
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it) {
      const auto open = static_cast<std::size_t>(it->position() + it->length() - 1);
      add(open, open, call_end(text, open));
    }
    for (const std::regex* r : {&cli, &sentence}) {
      for (auto it = std::sregex_iterator(text.begin(), text.end(), *r); it != std::sregex_iterator(); ++it) {
        const auto at = static_cast<std::size_t>(it->position());
        add(at, at, statement_end(text, at));
      }
    }
  }
  return sites;
}

TEST(DiagnosticsTable, TheScanFindsTheKnownMessages) {
  // The scan itself must work: these come from a diagnostic call, a CLI
  // line, and a sentence the CLI prints.
  std::vector<std::string> keys;
  for (const auto& s : message_sites()) keys.push_back(s.key);
  for (const char* known : {"invalid UTF-8: the file must be encoded in UTF-8", "' not found; looked for",
                            "cannot write", "not a PDF (no %PDF- header)", "' is not a fiscal year; expected e.g. 2023"}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), known), keys.end()) << known;
  }
  EXPECT_GT(keys.size(), 80u);
}

TEST(DiagnosticsTable, EveryMessageTheCodeCanEmitIsInDocsDiagnostics) {
  const std::string table = read_file(source_path("docs/diagnostics.md"));
  ASSERT_FALSE(table.empty());
  std::string missing;
  std::size_t count = 0;
  for (const auto& s : message_sites()) {
    if (table.find(s.key) != std::string::npos) continue;
    ++count;
    missing += "  " + s.file + ":" + std::to_string(s.line) + ": \"" + s.key + "\"\n";
  }
  EXPECT_EQ(count, 0u) << count
                       << " message(s) missing from docs/diagnostics.md; add a row for each, quoting its text "
                          "as below (the longest fixed piece of the message):\n"
                       << missing;
}

}  // namespace
}  // namespace shiryo::testing
