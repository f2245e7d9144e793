// Reading a built PDF back as positioned words (`pdftotext -bbox-layout`)
// and the page body of the default layout set, for tests that check where
// text lies on a page.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "harness.h"

namespace shiryo::testing {

inline constexpr double kPointsPerMillimetre = 72.0 / 25.4;

struct Word {
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
  std::string text;
};

struct PageWords {
  double width = 0, height = 0;
  std::vector<Word> words;
};

inline std::string unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, std::string(from).size(), to);
    }
  }
  return s;
}

inline std::vector<PageWords> read_words(const std::string& pdf) {
  const RunResult r = run("pdftotext -bbox-layout " + quote(pdf) + " -");
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<PageWords> pages;
  const std::regex page(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
  const std::regex word(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::size_t line_start = 0;
  while (line_start < r.out.size()) {
    std::size_t end = r.out.find('\n', line_start);
    if (end == std::string::npos) end = r.out.size();
    const std::string line = r.out.substr(line_start, end - line_start);
    line_start = end + 1;
    std::smatch m;
    if (std::regex_search(line, m, page)) {
      pages.push_back(PageWords{std::stod(m[1]), std::stod(m[2]), {}});
    } else if (std::regex_search(line, m, word) && !pages.empty()) {
      pages.back().words.push_back(
          Word{std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), unescape(m[5])});
    }
  }
  return pages;
}

// A page master's body in the default layout set, in points.
struct Body {
  double left = 0, top = 0, right = 0, bottom = 0;
};

// The attribute `name` of an element of the default layout set, which
// starts with `element_start`, as a length in points.
inline double layout_length(const std::string& element_start, const std::string& name) {
  const std::string xml = read_file(source_path("layouts/default/layout.xml"));
  const std::size_t at = xml.find(element_start);
  EXPECT_NE(at, std::string::npos) << element_start;
  if (at == std::string::npos) return 0;
  const std::string element = xml.substr(at, xml.find("/>", at) - at);
  const std::regex value(" " + name + R"re(="([0-9.]+)(mm|pt)")re");
  std::smatch m;
  EXPECT_TRUE(std::regex_search(element, m, value)) << element_start << " " << name;
  if (m.empty()) return 0;
  return std::stod(m[1]) * (m[2] == "mm" ? kPointsPerMillimetre : 1.0);
}

// A `<length name>` of the default layout set, in points.
inline double layout_length(const std::string& name) {
  return layout_length("<length name=\"" + name + "\"", "value");
}

// The body of the page master `page` ("portrait", "landscape").
inline Body page_body(const std::string& page) {
  auto length = [&](const std::string& name) { return layout_length("<page name=\"" + page + "\"", name); };
  return Body{length("margin-left"), length("margin-top"), length("width") - length("margin-right"),
              length("height") - length("margin-bottom")};
}

inline Body landscape_body() { return page_body("landscape"); }

inline bool is_page_number(const Word& w) {
  return !w.text.empty() && w.text.find_first_not_of("-0123456789") == std::string::npos;
}

// Words in lines (tops within 2pt), top to bottom, each left to right.
inline std::vector<std::vector<Word>> lines_of(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.y_min < b.y_min; });
  std::vector<std::vector<Word>> lines;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t j = i;
    while (j < words.size() && words[j].y_min - words[i].y_min < 2.0) ++j;
    std::vector<Word> line(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(j));
    std::sort(line.begin(), line.end(), [](const Word& a, const Word& b) { return a.x_min < b.x_min; });
    lines.push_back(std::move(line));
    i = j;
  }
  return lines;
}

// The words of one column on one page in reading order.
inline std::string column_text(const std::vector<Word>& words) {
  std::string out;
  for (const auto& line : lines_of(words)) {
    for (const Word& w : line) out += w.text;
  }
  return out;
}

// On a page a row group continues onto, a label column's first cell may be
// the label drawn again, its text followed by `mark` (（続き）): the words of
// that cell, from the column's top to the mark, taken off `column` (empty
// when its text up to its first mark does not start the column).
inline std::vector<Word> take_continued_label(std::vector<Word>& column, const std::string& mark) {
  std::vector<Word> label;
  std::string text;
  for (const auto& line : lines_of(column)) {
    for (const Word& w : line) {
      label.push_back(w);
      text += w.text;
      if (text.find(mark) == std::string::npos) continue;
      column.erase(std::remove_if(column.begin(), column.end(),
                                  [&](const Word& c) {
                                    return std::any_of(label.begin(), label.end(), [&](const Word& l) {
                                      return l.x_min == c.x_min && l.y_min == c.y_min && l.text == c.text;
                                    });
                                  }),
                   column.end());
      return label;
    }
  }
  return {};
}

// Words of a line closer than a padding's width, as one: a label that spans
// columns (令和 3 年度, spaced between kanji and digit) counts where it starts.
inline std::vector<Word> join_spaced(const std::vector<Word>& words) {
  std::vector<Word> out;
  for (const auto& line : lines_of(words)) {
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (k > 0 && line[k].x_min - out.back().x_max < 4.0) {
        out.back().text += line[k].text;
        out.back().x_max = line[k].x_max;
      } else {
        out.push_back(line[k]);
      }
    }
  }
  return out;
}

// No word outside the page body but the page number below it, and none over
// another.
inline void expect_inside_and_apart(const PageWords& page, const Body& body) {
  for (std::size_t i = 0; i < page.words.size(); ++i) {
    const Word& w = page.words[i];
    const bool inside = w.x_min >= body.left - 0.5 && w.x_max <= body.right + 0.5 &&
                        w.y_min >= body.top - 0.5 && w.y_max <= body.bottom + 0.5;
    EXPECT_TRUE(inside || (is_page_number(w) && w.y_min > body.bottom))
        << "\"" << w.text << "\" at " << w.x_min << "," << w.y_min << "–" << w.x_max << "," << w.y_max;
    for (std::size_t j = i + 1; j < page.words.size(); ++j) {
      const Word& v = page.words[j];
      const double dx = std::min(w.x_max, v.x_max) - std::max(w.x_min, v.x_min);
      const double dy = std::min(w.y_max, v.y_max) - std::max(w.y_min, v.y_min);
      EXPECT_FALSE(dx > 0.1 && dy > 0.1) << "\"" << w.text << "\" overlaps \"" << v.text << "\"";
    }
  }
}

}  // namespace shiryo::testing
