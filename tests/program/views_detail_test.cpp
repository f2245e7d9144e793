// <results-detail> (plan-format.md §7, §9.4, §9.7–9.9, §9.22) through the
// whole program, read back with `pdftotext -bbox-layout`: every page of a
// detail table is landscape and repeats the three header rows, each column's
// text over all pages is exactly the packet's (nothing lost or doubled where a
// tall row splits), the 達成率 and 達成 beside each indicator are the computed
// ones, and no word lies outside the page body or over another.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <regex>
#include <string>
#include <vector>

#include "harness.h"
#include "page_words.h"

namespace shiryo::testing {
namespace {

double layout_length(const std::string& name) {
  static const std::string xml = read_file(source_path("layouts/default/layout.xml"));
  const std::regex value("<length name=\"" + name + R"re(" value="([0-9.]+)(mm|pt)")re");
  std::smatch m;
  EXPECT_TRUE(std::regex_search(xml, m, value)) << name;
  return m.empty() ? 0 : std::stod(m[1]) * (m[2] == "mm" ? kPointsPerMillimetre : 1.0);
}

// The detail table's columns for a period of `years` years.
enum Column : std::size_t { kClass = 0, kTitle = 1, kDepts = 2, kMeasures = 3 };
std::size_t planned_column(std::size_t year) { return 4 + 2 * year; }
std::size_t done_column(std::size_t year) { return 5 + 2 * year; }
std::size_t indicator_column(std::size_t years) { return 4 + 2 * years; }
std::size_t label_column(std::size_t years) { return 5 + 2 * years; }  // 目標 / 実績
std::size_t figures_column(std::size_t years, std::size_t year) { return 6 + 2 * years + year; }
std::size_t rate_column(std::size_t years) { return 6 + 3 * years; }
std::size_t judgement_column(std::size_t years) { return 7 + 3 * years; }
std::size_t reason_column(std::size_t years) { return 8 + 3 * years; }
std::size_t next_column(std::size_t years) { return 9 + 3 * years; }
std::size_t column_count(std::size_t years) { return 10 + 3 * years; }

// The x of every vertical rule mutool traces on a page (1-based) that
// crosses the line at `across` (pt from the top), from the page's left,
// those nearer than half a point counted once: the table's column edges.
// The trace gives each path in PDF user space with the transform to the page.
std::vector<double> drawn_column_edges(const std::string& pdf, std::size_t page, double across) {
  const RunResult r = run("mutool draw -q -F trace -o - " + quote(pdf) + " " + std::to_string(page));
  EXPECT_EQ(r.status, 0) << r.err;
  const std::regex transform(R"re(<stroke_path[^>]*transform="([-0-9.e ]+)")re");
  const std::regex point(R"re(<(?:moveto|lineto) x="([-0-9.e]+)" y="([-0-9.e]+)")re");
  std::vector<double> xs;
  std::size_t at = 0;
  while ((at = r.out.find("<stroke_path", at)) != std::string::npos) {
    const std::size_t end = r.out.find("</stroke_path>", at);
    if (end == std::string::npos) break;
    const std::string path = r.out.substr(at, end - at);
    at = end;
    std::smatch m;
    if (!std::regex_search(path, m, transform)) continue;
    double t[6] = {};
    std::istringstream in(m[1].str());
    for (double& v : t) in >> v;
    std::vector<std::pair<double, double>> pts;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), point); it != std::sregex_iterator(); ++it) {
      const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
      pts.emplace_back(t[0] * x + t[2] * y + t[4], t[1] * x + t[3] * y + t[5]);
    }
    if (pts.size() == 2 && std::abs(pts[0].first - pts[1].first) < 0.1 && std::abs(pts[0].second - pts[1].second) > 1 &&
        std::min(pts[0].second, pts[1].second) < across && std::max(pts[0].second, pts[1].second) > across) {
      xs.push_back(pts[0].first);
    }
  }
  std::sort(xs.begin(), xs.end());
  std::vector<double> edges;
  for (double x : xs) {
    if (edges.empty() || x - edges.back() > 0.5) edges.push_back(x);
  }
  return edges;
}

std::size_t column_of(const std::vector<double>& edges, double x) {
  return static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin()) - 1;
}

// The header's cells, each label once per cell, for a period of those years.
std::vector<std::string> expected_header(const std::vector<std::string>& years) {
  std::vector<std::string> h{"分類", "計画名", "担当課", "取組内容", "計画と取組状況", "成果指標", "目標と実績",
                             "達成率", "達成", "未達成の理由", "今後の対応策"};
  for (const auto& y : years) {
    h.push_back(y);  // over 計画 / 取組状況
    h.push_back(y);  // over 目標 / 実績
    h.push_back("計画");
    h.push_back("取組状況");
  }
  std::sort(h.begin(), h.end());
  return h;
}

// A header label wrapped in its cell (未達成 / の理由 under a three-row
// span) as one word: a word whose next line starts straight under it, less
// than half a line apart, within the same horizontal extent.
std::vector<Word> join_wrapped(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.y_min < b.y_min; });
  std::vector<Word> out;
  std::vector<bool> used(words.size(), false);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (used[i]) continue;
    Word w = words[i];
    for (std::size_t j = i + 1; j < words.size(); ++j) {
      const Word& n = words[j];
      const double height = w.y_max - w.y_min;
      const double gap = n.y_min - w.y_max;
      if (used[j] || gap < -0.5 || gap > height / 2) continue;
      if (n.x_min > w.x_max || n.x_max < w.x_min) continue;
      const double centre = (w.x_min + w.x_max) / 2, next_centre = (n.x_min + n.x_max) / 2;
      if (std::abs(centre - next_centre) > height) continue;
      w.text += n.text;
      w.x_min = std::min(w.x_min, n.x_min);
      w.x_max = std::max(w.x_max, n.x_max);
      w.y_max = n.y_max;
      used[j] = true;
    }
    out.push_back(w);
  }
  return out;
}

// One indicator's row as printed: its 成果指標 text and what stands beside
// its first line in the 達成率 and 達成 columns.
struct PrintedIndicator {
  std::string name, rate, judgement;
};

struct DetailPages {
  std::size_t pages = 0;             // pages with the table's header
  std::size_t first_pages = 0;       // of those, pages without the continuation mark
  std::vector<std::string> columns;  // each column's body text over all pages, squeezed
  std::vector<PrintedIndicator> indicators;
  // Measures whose mark (①, ②…) opens a cell in two or more year columns of
  // one page, all on one line.
  std::size_t measure_lines = 0;
  std::vector<std::size_t> detail_pages;  // 1-based page numbers
  std::vector<std::vector<double>> column_edges;  // of each detail page, from its rules
  std::vector<std::vector<std::vector<Word>>> page_columns;  // each detail page's body words by column
};

// Whether a word opens with a circled number ① … ⑳ (U+2460–U+2473).
bool opens_with_mark(const std::string& text) {
  return text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xE2 &&
         static_cast<unsigned char>(text[1]) == 0x91 && static_cast<unsigned char>(text[2]) >= 0xA0 &&
         static_cast<unsigned char>(text[2]) <= 0xB3;
}

// Reads every page that holds a detail table's header and checks it on the
// way. `names` (squeezed) tell a cell split at a page's end, whose text is
// no name yet, from a cell that starts the next page.
void read_detail_pages(const std::string& pdf, const std::vector<std::string>& years,
                       const std::set<std::string>& names, DetailPages& out) {
  const std::vector<PageWords> pages = read_words(pdf);
  const Body body = landscape_body();
  const std::size_t columns = column_count(years.size());
  out.columns.assign(columns, "");
  int first = -1, last = -1;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const PageWords& page = pages[p];
    SCOPED_TRACE("page " + std::to_string(p + 1));
    const auto group = std::find_if(page.words.begin(), page.words.end(),
                                    [](const Word& w) { return w.text == "計画と取組状況"; });
    if (group == page.words.end()) continue;
    if (first >= 0) {
      EXPECT_EQ(last, static_cast<int>(p) - 1) << "detail pages are not one run";
    }
    if (first < 0) first = static_cast<int>(p);
    last = static_cast<int>(p);
    ++out.pages;
    EXPECT_GT(page.width, page.height) << "a detail page is not landscape";

    expect_inside_and_apart(page, body);

    // The header ends with the line of the three 計画 / 取組状況 pairs.
    const double header_top = group->y_min - 0.5;
    double header_bottom = -1;
    for (const auto& line : lines_of(page.words)) {
      if (line.front().y_min < header_top) continue;
      const auto pairs = std::count_if(line.begin(), line.end(), [](const Word& w) { return w.text == "取組状況"; });
      if (static_cast<std::size_t>(pairs) == years.size()) {
        for (const Word& w : line) header_bottom = std::max(header_bottom, w.y_max);
        break;
      }
    }
    ASSERT_GT(header_bottom, header_top) << "no header";
    std::vector<Word> header_words;
    bool continued = false;
    for (const Word& w : page.words) {
      if (w.y_min >= header_top && w.y_max <= header_bottom + 0.5) header_words.push_back(w);
      if (w.y_max <= header_top && w.text == "（続き）") continued = true;
    }
    std::vector<std::string> header;
    for (const Word& w : join_wrapped(join_spaced(header_words))) {
      // Columns as narrow as their headers (the figures' years, 達成率 and
      // 達成) stand so close that pdftotext may read two headers as one word.
      std::string rest = w.text;
      std::vector<std::string> parts;
      const std::vector<std::string> labels = expected_header(years);
      while (!rest.empty()) {
        std::string longest;
        for (const auto& l : labels) {
          if (l.size() > longest.size() && rest.compare(0, l.size(), l) == 0) longest = l;
        }
        if (longest.empty()) break;
        parts.push_back(longest);
        rest.erase(0, longest.size());
      }
      if (!rest.empty() || parts.empty()) parts = {w.text};
      for (auto& part : parts) header.push_back(part);
    }
    std::sort(header.begin(), header.end());
    EXPECT_EQ(header, expected_header(years));
    if (!continued) ++out.first_pages;

    // The body, by column, as the rules under the header part them.
    const std::vector<double> edges = drawn_column_edges(pdf, p + 1, header_bottom + 2);
    ASSERT_EQ(edges.size(), columns + 1) << "column rules";
    out.column_edges.push_back(edges);
    std::vector<std::vector<Word>> by_column(columns);
    for (const Word& w : page.words) {
      if (w.y_min <= header_bottom || w.y_min > body.bottom) continue;
      const std::size_t c = column_of(edges, (w.x_min + w.x_max) / 2);
      ASSERT_LT(c, columns) << w.text;
      by_column[c].push_back(w);
    }
    // A page an item continues onto shows its 分類, 計画名, 担当課 and the
    // continued indicator's name again at the top, marked （続き）: each the
    // text its cell printed before, not counted as more of the column.
    const std::size_t ind = indicator_column(years.size());
    if (continued) {
      std::size_t labels = 0;
      bool class_label = false;
      double body_top = body.bottom;
      for (const auto& words : by_column) {
        for (const Word& w : words) body_top = std::min(body_top, w.y_min);
      }
      for (std::size_t c : {std::size_t{kClass}, std::size_t{kTitle}, std::size_t{kDepts}, ind}) {
        const std::vector<Word> label = take_continued_label(by_column[c], "（続き）");
        if (label.empty()) continue;
        ++labels;
        if (c == kClass) class_label = true;
        std::string text = squeeze(column_text(label));
        text.erase(text.size() - std::string("（続き）").size());
        EXPECT_GE(out.columns[c].size(), text.size()) << text;
        EXPECT_EQ(out.columns[c].compare(out.columns[c].size() - std::min(text.size(), out.columns[c].size()),
                                         text.size(), text),
                  0)
            << "column " << c + 1 << " repeats " << text << " after " << out.columns[c];
        EXPECT_LT(label.front().y_min - body_top, 2.0) << "the repeated label is not at the body's top";
      }
      // A page that opens on the rest of an item shows that item's 分類.
      EXPECT_TRUE(labels == 0 || class_label) << "a continued item without its 分類";
    }
    for (std::size_t c = 0; c < columns; ++c) out.columns[c] += squeeze(column_text(by_column[c]));
    out.detail_pages.push_back(p + 1);
    out.page_columns.push_back(by_column);

    // Each measure is a row: the cells its mark opens in the years' 計画 /
    // 取組状況 columns start on one line, within the item (the band from one
    // 分類 line to the next).
    std::vector<double> items;
    for (const auto& line : lines_of(by_column[kClass])) items.push_back(line.front().y_min);
    std::map<std::pair<std::size_t, std::string>, std::vector<double>> marks;
    for (std::size_t c = planned_column(0); c < indicator_column(years.size()); ++c) {
      for (const auto& line : lines_of(by_column[c])) {
        // A mark inside a line ("①. ②見直し": a point naming two measures)
        // opens no cell of its own.
        const Word& w = line.front();
        if (!opens_with_mark(w.text)) continue;
        const auto item = static_cast<std::size_t>(
            std::upper_bound(items.begin(), items.end(), w.y_min + 0.5) - items.begin());
        marks[{item, w.text.substr(0, 3)}].push_back(w.y_min);
      }
    }
    for (const auto& [key, tops] : marks) {
      const auto [low, high] = std::minmax_element(tops.begin(), tops.end());
      EXPECT_LT(*high - *low, 0.5) << key.second << " of the item at line " << key.first
                                   << " opens its year cells on different lines";
      if (tops.size() >= 2) ++out.measure_lines;
    }

    // Indicator cells: lines further apart than a line's pitch start a new cell.
    bool first_cell = true;
    double previous = -1;
    for (const auto& line : lines_of(by_column[ind])) {
      std::string text;
      for (const Word& w : line) text += w.text;
      const double top = line.front().y_min;
      const bool new_cell = previous < 0 || top - previous > 11.0;
      previous = top;
      if (!new_cell) {
        out.indicators.back().name += squeeze(text);
        continue;
      }
      auto beside = [&](std::size_t column) {
        std::string s;
        for (const Word& w : by_column[column]) {
          if (std::abs(w.y_min - top) < 1.0) s += w.text;
        }
        return s;
      };
      PrintedIndicator printed{squeeze(text), beside(rate_column(years.size())),
                               beside(judgement_column(years.size()))};
      // The rest of a cell split at the page's end, under the repeated header.
      if (first_cell && !out.indicators.empty() && names.count(out.indicators.back().name) == 0) {
        out.indicators.back().name += printed.name;
      } else {
        out.indicators.push_back(std::move(printed));
      }
      first_cell = false;
    }
  }
  EXPECT_GE(first, 0) << "no detail table";
  // The tables start a landscape part: the page before them is portrait.
  if (first > 0) {
    const PageWords& before = pages[static_cast<std::size_t>(first) - 1];
    EXPECT_LT(before.width, before.height);
  }
}

// A text split before each circled number ① … ⑳.
std::vector<std::string> circled_points(const std::string& text) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (opens_with_mark(text.substr(i, 3)) && !out.back().empty()) out.emplace_back();
    out.back() += text[i];
  }
  return out;
}

const PrintedIndicator* find(const DetailPages& d, const std::string& name) {
  for (const auto& i : d.indicators) {
    if (i.name == squeeze(name)) return &i;
  }
  return nullptr;
}

const std::vector<std::string> kYears = {"令和3年度", "令和4年度", "令和5年度"};

std::string built_pdf(const TempDir& dir, const std::string& xml, const std::string& name) {
  write_file(dir / (name + ".xml"), xml);
  const RunResult built =
      shiryo("build " + quote((dir / (name + ".xml")).string()) + " -o " + quote((dir / (name + ".pdf")).string()));
  EXPECT_EQ(built.status, 0) << built.err;
  return (dir / (name + ".pdf")).string();
}

std::set<std::string> squeezed(const std::vector<std::string>& texts) {
  std::set<std::string> out;
  for (const auto& t : texts) out.insert(squeeze(t));
  return out;
}

// The indicator names of period p1 of the worked example, in document order.
std::vector<std::string> p1_indicator_names(const std::string& xml) {
  const std::size_t from = xml.find("<period id=\"p1\"");
  const std::size_t to = xml.find("</period>", from);
  const std::string period = xml.substr(from, to - from);
  std::vector<std::string> names;
  const std::regex indicator(R"re(<indicator id="[^"]*" name="([^"]*)")re");
  for (auto it = std::sregex_iterator(period.begin(), period.end(), indicator); it != std::sregex_iterator(); ++it) {
    names.push_back(unescape((*it)[1]));
  }
  return names;
}

TEST(ResultsDetail, WorkedExampleTablesAreLandscapeWithTheHeaderOnEveryPage) {
  TempDir dir;
  const std::string xml = read_file(source_path("input/atsugi-r5-2.xml"));
  const std::string pdf = built_pdf(dir, xml, "atsugi");
  const std::vector<std::string> names = p1_indicator_names(xml);
  DetailPages d;
  read_detail_pages(pdf, kYears, squeezed(names), d);
  EXPECT_EQ(d.first_pages, 3u);  // one table per goal, each under its heading
  EXPECT_GT(d.pages, 6u);

  // Every indicator of p1, in order, and nothing else in the 成果指標 column.
  ASSERT_GT(names.size(), 40u);
  std::string all;
  for (const auto& n : names) all += squeeze(n);
  EXPECT_EQ(d.columns[indicator_column(3)], all);
  EXPECT_EQ(d.indicators.size(), names.size());

  // Every numbered point of every year's 計画 / 取組状況, whole in its year's
  // column (read a column at a time: the cells of a measure's row stand on
  // one line, so tools reading across the page interleave them).
  const std::size_t from = xml.find("<period id=\"p1\"");
  const std::string period = xml.substr(from, xml.find("</period>", from) - from);
  const std::regex year(R"re(<year fy="(\d{4})">([\s\S]*?)</year>)re");
  const std::regex plan_text(R"re(<(planned|done)>([^<]*)</(?:planned|done)>)re");
  std::size_t points = 0;
  for (auto y = std::sregex_iterator(period.begin(), period.end(), year); y != std::sregex_iterator(); ++y) {
    const std::size_t index = static_cast<std::size_t>(std::stoi((*y)[1]) - 2021);
    ASSERT_LT(index, 3u);
    const std::string body = (*y)[2];
    for (auto t = std::sregex_iterator(body.begin(), body.end(), plan_text); t != std::sregex_iterator(); ++t) {
      const std::size_t column = (*t)[1] == "planned" ? planned_column(index) : done_column(index);
      for (const std::string& point : circled_points(squeeze(unescape((*t)[2])))) {
        ++points;
        EXPECT_NE(d.columns[column].find(point), std::string::npos) << "column " << column + 1 << ": " << point;
      }
    }
  }
  EXPECT_GT(points, 150u);

  // 84.4 / 90 → 93.8% ×; 46.2 / 70 → 66.0% × (exact decimals, never 66.6%).
  const PrintedIndicator* a = find(d, "職員アンケート「職務遂行能力が向上していると感じている」と回答した割合");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->rate, "93.8%");
  EXPECT_EQ(a->judgement, "×");
  const PrintedIndicator* b = find(d, "職員アンケート「柔軟な人材活用が図られている」と回答した割合");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->rate, "66.0%");
  EXPECT_EQ(b->judgement, "×");
  // A result not known yet: no rate, 未定.
  const PrintedIndicator* c = find(d, "年休取得率");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->rate, "－");
  EXPECT_EQ(c->judgement, "未定");

  const RunResult text = run("pdftotext " + quote(pdf) + " -");
  EXPECT_EQ(text.out.find("66.6%"), std::string::npos);
}

// Whether a word is a figure as the detail table prints one: a number with
// its decimals and unit (90.0%, 1,390人, 300,000千円). A text target that
// starts with digits (3 (4)) is more than one word on its line.
bool is_figure(const std::string& text) {
  static const std::regex figure(R"re([0-9][0-9,]*(\.[0-9]+)?([%a-z]|[^\x00-\x7F]+)?)re");
  return std::regex_match(text, figure);
}

// The 目標 / 実績 labels stand in a column of their own, and every year's
// figures end on one edge beside them: the column's right edge less its
// padding, the same on every page.
TEST(ResultsDetail, FiguresStandFlushRightBesideTheirOwnLabels) {
  TempDir dir;
  const std::string xml = read_file(source_path("input/atsugi-r5-2.xml"));
  const std::string pdf = built_pdf(dir, xml, "atsugi");
  DetailPages d;
  read_detail_pages(pdf, kYears, squeezed(p1_indicator_names(xml)), d);
  ASSERT_FALSE(d.page_columns.empty());
  std::size_t figures = 0, on_edge = 0, labels = 0;
  std::vector<double> insets;  // of every figure from its column's right rule
  for (std::size_t p = 0; p < d.page_columns.size(); ++p) {
    SCOPED_TRACE("page " + std::to_string(d.detail_pages[p]));
    const auto& columns = d.page_columns[p];
    const auto& edges = d.column_edges[p];
    // The label column holds the labels and nothing else, one a line.
    for (const auto& line : lines_of(columns[label_column(kYears.size())])) {
      ASSERT_EQ(line.size(), 1u);
      EXPECT_TRUE(line.front().text == "目標" || line.front().text == "実績") << line.front().text;
      ++labels;
    }
    for (std::size_t y = 0; y < kYears.size(); ++y) {
      const std::size_t c = figures_column(kYears.size(), y);
      for (const auto& line : lines_of(columns[c])) {
        for (const Word& w : line) EXPECT_TRUE(w.text != "目標" && w.text != "実績") << "a label beside its figure";
        if (line.size() != 1 || !is_figure(line.front().text)) continue;
        ++figures;
        insets.push_back(edges[c + 1] - line.front().x_max);
      }
    }
  }
  EXPECT_GT(labels, 80u);
  EXPECT_GT(figures, 100u);
  // Every figure of every year ends the same distance in from its column's
  // right rule: on one edge (the cell's padding, less the rule's half width).
  // A result the packet types as text (<actual>42.3%</actual>) reads as
  // text, from the left: four of the bundled packet's 106.
  ASSERT_FALSE(insets.empty());
  const double edge = *std::min_element(insets.begin(), insets.end());
  EXPECT_GT(edge, 0.5);
  EXPECT_LT(edge, 4.0);
  for (double inset : insets) on_edge += std::abs(inset - edge) < 0.3;
  EXPECT_GE(on_edge + 4, figures) << "figures off their column's right edge";
  EXPECT_GE(100 * on_edge, 95 * figures);
}

// The font sizes mutool reads from the glyphs drawn on the given pages.
std::vector<double> drawn_sizes(const std::string& pdf, const std::vector<std::size_t>& pages) {
  std::vector<double> sizes;
  const std::regex size(R"re(<font name="[^"]*" size="([0-9.]+)")re");
  for (std::size_t p : pages) {
    const RunResult r = run("mutool draw -q -F stext -o - " + quote(pdf) + " " + std::to_string(p));
    EXPECT_EQ(r.status, 0) << r.err;
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), size); it != std::sregex_iterator(); ++it) {
      sizes.push_back(std::stod((*it)[1]));
    }
  }
  return sizes;
}

TEST(ResultsDetail, MeasuresAreRowsAndTheTypeIsNoSmallerThanTheLayoutMinimum) {
  TempDir dir;
  const std::string xml = read_file(source_path("input/atsugi-r5-2.xml"));
  const double minimum = layout_length("results-detail.min-size");
  EXPECT_GE(minimum, 7.5);
  // The default set, and a set that asks for smaller type: raised to the minimum.
  std::filesystem::create_directories(dir / "small");
  write_file(dir / "small" / "layout.xml",
             "<layout-set name=\"small\" base=\"" + source_path("layouts/default") +
                 "\">\n"
                 "  <style name=\"results-detail.cell\" base=\"results-detail.cell\" size=\"6pt\"/>\n"
                 "  <style name=\"results-detail.center\" base=\"results-detail.cell\" align=\"center\"/>\n"
                 "  <style name=\"results-detail.header\" base=\"results-detail.cell\" font=\"gothic\" "
                 "align=\"center\"/>\n"
                 "</layout-set>\n");
  write_file(dir / "p.xml", xml);
  for (const std::string& layout : std::vector<std::string>{"", " --layout " + quote((dir / "small").string())}) {
    SCOPED_TRACE(layout.empty() ? "default" : "small");
    const std::string pdf = (dir / "p.pdf").string();
    const RunResult built = shiryo("build " + quote((dir / "p.xml").string()) + layout + " -o " + quote(pdf));
    ASSERT_EQ(built.status, 0) << built.err;
    EXPECT_EQ(built.err.find("warning"), std::string::npos) << built.err;
    DetailPages d;
    read_detail_pages(pdf, kYears, squeezed(p1_indicator_names(xml)), d);
    // I-(2)-イ alone has three measures in each of six year columns.
    EXPECT_GT(d.measure_lines, 30u);
    const std::vector<double> sizes = drawn_sizes(pdf, d.detail_pages);
    ASSERT_FALSE(sizes.empty());
    const double smallest = *std::min_element(sizes.begin(), sizes.end());
    EXPECT_NEAR(smallest, minimum, 0.01) << "the detail tables' smallest type";
  }
}

TEST(ResultsDetail, WorkedExampleInAnotherYear) {
  // 令和4年度 of the overtime indicator (lower is better): 105 / 175 → 60.0% ×.
  TempDir dir;
  std::string xml = read_file(source_path("input/atsugi-r5-2.xml"));
  const std::string view = "<results-detail period=\"p1\" goal=\"I\"/>";
  const std::size_t at = xml.find(view);
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, view.size(), "<results-detail period=\"p1\" goal=\"I\" fy=\"2022\"/>");
  DetailPages d;
  read_detail_pages(built_pdf(dir, xml, "fy2022"), kYears, squeezed(p1_indicator_names(xml)), d);
  const PrintedIndicator* overtime = find(d, "職員1人当たりの時間外勤務時間数(選挙を除く。)");
  ASSERT_NE(overtime, nullptr);
  EXPECT_EQ(overtime->rate, "60.0%");
  EXPECT_EQ(overtime->judgement, "×");
}

// A small plan: ア ordinary, イ with texts long enough that its rows run over
// pages, ウ with text targets.
struct Synthetic {
  std::string xml;
  std::vector<std::string> columns;  // each column's expected text, squeezed
  std::set<std::string> names;       // of the indicators, squeezed
};

std::string long_text(const std::string& mark, int phrases) {
  static const std::vector<std::string> list = {
      "研修内容の充実を図り、", "職員ニーズを把握するため調査を行い、", "業務の効率化に取り組んだ。",
      "関係部署と連携して検討を進め、", "市民サービスの向上に努めた。", "電子申請の対象手続を拡充し、"};
  std::string out = mark;
  for (int k = 0; k < phrases; ++k) out += list[static_cast<std::size_t>(k) % list.size()];
  return out;
}

Synthetic synthetic_packet(const std::string& view_attributes) {
  Synthetic s;
  s.columns.assign(column_count(3), "");
  auto expect = [&](std::size_t column, const std::string& text) {
    s.columns[column] += squeeze(text);
    if (column == indicator_column(3)) s.names.insert(squeeze(text));
  };
  std::string& x = s.xml;
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\" lang=\"ja\">\n";
  x += "  <meta><title>詳細表の試験</title><held start=\"2024-03-14T14:00\" place=\"本庁舎\"/></meta>\n";
  x += "  <plan id=\"p\" title=\"大綱\" from-fy=\"2021\" to-fy=\"2023\">\n";
  x += "    <period id=\"p1\" title=\"第1期\" from-fy=\"2021\" to-fy=\"2023\" achieved-at=\"100\">\n";
  x += "      <goal id=\"G\" title=\"強い組織\">\n        <area id=\"A\" title=\"能力\">\n";

  // ア
  x += "          <item id=\"a\" title=\"職員の人材育成\" depts=\"職員課 行政経営課\">\n";
  x += "            <measure>研修を充実する。</measure><measure>環境を整える。</measure>\n";
  expect(kClass, "Ⅰ-(1)-ア");
  expect(kTitle, "職員の人材育成");
  expect(kDepts, "職員課行政経営課");
  expect(kMeasures, "①研修を充実する。②環境を整える。");
  for (int y = 0; y < 3; ++y) {
    // Numbered points, text without numbers, and a number that holds only a dot.
    const std::string planned =
        y == 0 ? "職員ニーズを把握するため、アンケートを実施" : "①計画" + std::to_string(y + 1) + "を立てる ②見直す";
    const std::string done = y == 2 ? "①. ②見直し項目等の検討を行った。" : "①取組" + std::to_string(y + 1) + "を行った。 ②見直した。";
    x += "            <year fy=\"" + std::to_string(2021 + y) + "\"><planned>" + planned + "</planned><done>" + done +
         "</done></year>\n";
    expect(planned_column(static_cast<std::size_t>(y)), planned);
    expect(done_column(static_cast<std::size_t>(y)), done);
  }
  x += "            <indicator id=\"a1\" name=\"研修が充実していると回答した割合\" unit=\"%\" decimals=\"1\">\n"
       "              <target fy=\"2021\" value=\"90\"/><target fy=\"2022\" value=\"90\"/><target fy=\"2023\" value=\"90\"/>\n"
       "              <actual fy=\"2021\" value=\"88.0\"/><actual fy=\"2022\" value=\"95.0\"/><actual fy=\"2023\" value=\"84.4\"/>\n"
       "              <reason fy=\"2023\">参加者が少なかったため。</reason><next fy=\"2023\">周知に努める。</next>\n"
       "            </indicator>\n          </item>\n";
  expect(indicator_column(3), "研修が充実していると回答した割合");
  expect(label_column(3), "目標実績");
  expect(figures_column(3, 0), "90.0%88.0%");
  expect(figures_column(3, 1), "90.0%95.0%");
  expect(figures_column(3, 2), "90.0%84.4%");
  expect(rate_column(3), "93.8%");
  expect(judgement_column(3), "×");
  expect(reason_column(3), "参加者が少なかったため。");
  expect(next_column(3), "周知に努める。");

  // イ: a measure and a 取組状況 long enough to run over pages.
  const std::string long_measure = long_text("", 30);
  const std::string long_done = long_text("①", 90) + " " + long_text("②", 60);
  x += "          <item id=\"b\" title=\"技術職員の確保\" depts=\"職員課\">\n";
  x += "            <measure>" + long_measure + "</measure>\n";
  x += "            <year fy=\"2022\"><planned>①採用試験の実施</planned><done>" + long_done + "</done></year>\n";
  expect(kClass, "Ⅰ-(1)-イ");
  expect(kTitle, "技術職員の確保");
  expect(kDepts, "職員課");
  expect(kMeasures, "①" + long_measure);
  expect(planned_column(1), "①採用試験の実施");
  expect(done_column(1), long_done);
  x += "            <indicator id=\"b1\" name=\"社会人の採用人数\" unit=\"人\">\n"
       "              <target fy=\"2022\" value=\"3\"/><target fy=\"2023\" value=\"3\"/>\n"
       "              <actual fy=\"2022\" value=\"3\"/><actual fy=\"2023\" value=\"1\"/>\n"
       "              <reason fy=\"2022\">（なし）</reason>\n"
       "            </indicator>\n";
  expect(indicator_column(3), "社会人の採用人数");
  expect(label_column(3), "目標実績");
  expect(figures_column(3, 1), "3人3人");
  expect(figures_column(3, 2), "3人1人");
  x += "            <indicator id=\"b2\" name=\"時間外勤務時間数\" unit=\"時間\" better=\"lower\">\n"
       "              <target fy=\"2021\" value=\"110\"/><target fy=\"2022\" value=\"105\"/><target fy=\"2023\" value=\"100\"/>\n"
       "              <actual fy=\"2021\" value=\"161\"/><actual fy=\"2022\" value=\"175\"/>\n"
       "              <actual fy=\"2023\" pending=\"新年度集計のため未定\"/>\n"
       "              <next fy=\"2022\">" + long_text("", 12) + "</next>\n"
       "            </indicator>\n          </item>\n";
  expect(indicator_column(3), "時間外勤務時間数");
  expect(label_column(3), "目標実績");
  expect(figures_column(3, 0), "110時間161時間");
  expect(figures_column(3, 1), "105時間175時間");
  expect(figures_column(3, 2), "100時間新年度集計のため未定");

  // ウ: text targets judged by `achieved`; 達成率 －.
  x += "          <item id=\"c\" title=\"市有財産の有効活用\" depts=\"財産管理課\">\n"
       "            <measure>方針を見直す。</measure>\n"
       "            <indicator id=\"c1\" name=\"見直しの進捗状況\">\n"
       "              <target fy=\"2022\">見直し方針の作成</target><target fy=\"2023\">方針に基づく運用</target>\n"
       "              <actual fy=\"2022\" achieved=\"yes\">作成済み</actual><actual fy=\"2023\" achieved=\"no\">一部運用</actual>\n"
       "            </indicator>\n          </item>\n";
  expect(kClass, "Ⅰ-(1)-ウ");
  expect(kTitle, "市有財産の有効活用");
  expect(kDepts, "財産管理課");
  expect(kMeasures, "①方針を見直す。");
  expect(indicator_column(3), "見直しの進捗状況");
  expect(label_column(3), "目標実績");
  expect(figures_column(3, 1), "見直し方針の作成作成済み");
  expect(figures_column(3, 2), "方針に基づく運用一部運用");

  x += "        </area>\n      </goal>\n    </period>\n  </plan>\n";
  x += "  <document id=\"s1\" label=\"資料1\" title=\"詳細表\" orientation=\"landscape\">\n";
  x += "    <h2>Ⅰ 強い組織</h2>\n    <results-detail period=\"p1\" goal=\"G\"" + view_attributes + "/>\n";
  x += "  </document>\n</packet>\n";
  return s;
}

TEST(ResultsDetail, TallRowsSplitWithoutLosingOrDoublingText) {
  TempDir dir;
  Synthetic s = synthetic_packet("");
  // The view year's results, 令和5年度.
  s.columns[rate_column(3)] += "33.3%－－";
  s.columns[judgement_column(3)] += "×未定×";
  write_file(dir / "p.xml", s.xml);
  const RunResult built = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(built.err.find("warning"), std::string::npos) << built.err;
  DetailPages d;
  read_detail_pages((dir / "p.pdf").string(), kYears, s.names, d);
  EXPECT_GE(d.pages, 3u);  // イ's rows run over pages
  EXPECT_EQ(d.first_pages, 1u);
  for (std::size_t c = 0; c < column_count(3); ++c) {
    EXPECT_EQ(d.columns[c], s.columns[c]) << "column " << c + 1;
  }
}

TEST(ResultsDetail, FyChoosesTheYearOfRateAndJudgement) {
  TempDir dir;
  const Synthetic last = synthetic_packet("");
  const Synthetic earlier = synthetic_packet(" fy=\"2022\"");
  DetailPages d2023, d2022;
  read_detail_pages(built_pdf(dir, last.xml, "last"), kYears, last.names, d2023);
  read_detail_pages(built_pdf(dir, earlier.xml, "earlier"), kYears, earlier.names, d2022);
  EXPECT_EQ(d2023.columns[rate_column(3)], "93.8%33.3%－－");
  EXPECT_EQ(d2023.columns[judgement_column(3)], "××未定×");
  // 95.0 / 90 → 105.6%; 3 / 3; 105 / 175 (lower is better) → 60.0%.
  EXPECT_EQ(d2022.columns[rate_column(3)], "105.6%100.0%60.0%－");
  EXPECT_EQ(d2022.columns[judgement_column(3)], "○○×○");
  // 未達成の理由 and 今後の対応策 follow the year; 目標 / 実績 show every year alike.
  EXPECT_EQ(d2022.columns[reason_column(3)], squeeze("（なし）"));
  EXPECT_EQ(d2022.columns[next_column(3)], squeeze(long_text("", 12)));
  for (std::size_t y = 0; y < 3; ++y) {
    EXPECT_EQ(d2022.columns[figures_column(3, y)], d2023.columns[figures_column(3, y)]);
  }
}

}  // namespace
}  // namespace shiryo::testing
