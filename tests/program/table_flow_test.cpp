// Long landscape tables (tests/tools/long_table.h) through the whole program,
// read back with `pdftotext -bbox-layout`: every page of a table repeats its
// header, every page's first body row shows its 分類 (a group continued from
// the page before shows it again, marked （続き）), every cell's text comes
// out exactly once and in order besides (nothing lost, nothing doubled
// across a split), and no word lies outside the page body or over another
// word.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "../tools/long_table.h"
#include "harness.h"
#include "page_words.h"

namespace shiryo::testing {
namespace {

// Column edges as the generic table's `<col width>` lay them out: percents
// and lengths first, `*` sharing the rest.
std::vector<double> column_edges(const Body& body) {
  const double measure = body.right - body.left;
  std::vector<double> widths;
  double taken = 0;
  int stars = 0;
  for (const auto& w : long_table_columns()) {
    double v = 0;
    if (w == "*") ++stars;
    else if (w.back() == '%') v = measure * std::stod(w) / 100;
    else v = std::stod(w) * kPointsPerMillimetre;
    widths.push_back(v);
    taken += v;
  }
  std::vector<double> edges{body.left};
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const double w = long_table_columns()[c] == "*" ? (measure - taken) / stars : widths[c];
    edges.push_back(edges.back() + w);
  }
  return edges;
}

struct Checked {
  std::size_t table_pages = 0;
};

void check_long_tables(uint64_t seed, int tables, int rows, Checked* checked = nullptr) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  TempDir dir;
  const LongTablePacket packet = make_long_table_packet(seed, tables, rows);
  write_file(dir / "p.xml", packet.xml);
  const RunResult built = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(built.err.find("warning"), std::string::npos) << built.err;

  const auto pages = read_words((dir / "p.pdf").string());
  const Body body = landscape_body();
  const std::vector<double> edges = column_edges(body);
  const std::size_t columns = long_table_columns().size();

  // Per table, per column: the text of its body cells over all pages.
  std::vector<std::vector<std::string>> printed(packet.tables.size(), std::vector<std::string>(columns));
  int table = -1;
  int group = 0;  // the number of the last 分類 printed (分野N)
  std::size_t table_pages = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const PageWords& page = pages[p];
    if (page.width < page.height) continue;  // the agenda
    SCOPED_TRACE("page " + std::to_string(p + 1));
    for (const Word& w : page.words) {
      if (w.text == "表" + std::to_string(table + 2)) {
        ++table;
        group = 0;
      }
    }
    expect_inside_and_apart(page, body);
    if (table < 0) continue;  // the document's title page
    ++table_pages;
    // Above the header: the table's heading on its first page, the
    // continuation mark on the others.
    double header_top = -1;
    for (const Word& w : page.words) {
      if (w.text == "（続き）" || w.text == "表" + std::to_string(table + 1)) {
        EXPECT_LT(header_top, 0) << "a second heading or mark: " << w.text;
        header_top = w.y_max;
      }
    }
    ASSERT_GE(header_top, 0) << "no heading or continuation mark";
    // The second header row's 取組状況 (no body text has that word) ends the header.
    double header_bottom = 0;
    for (const Word& w : page.words) {
      if (w.text == "取組状況") header_bottom = std::max(header_bottom, w.y_max);
    }
    ASSERT_GT(header_bottom, header_top);
    // The header, whole, on every page of the table.
    std::vector<Word> header_words;
    for (const Word& w : page.words) {
      if (w.y_min > header_top && w.y_max <= header_bottom + 0.5) header_words.push_back(w);
    }
    std::vector<std::vector<Word>> header(columns);
    for (const Word& w : join_spaced(header_words)) {
      const auto c = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), w.x_min + 0.5) - edges.begin());
      ASSERT_TRUE(c >= 1 && c <= columns) << w.text;
      header[c - 1].push_back(w);
    }
    for (std::size_t c = 0; c < columns; ++c) {
      EXPECT_EQ(squeeze(column_text(header[c])), long_table_header_columns()[c]) << "column " << c + 1;
    }
    std::vector<std::vector<Word>> by_column(columns);
    for (const Word& w : page.words) {
      if (w.y_min <= header_bottom || w.y_min > body.bottom) continue;
      const double centre = (w.x_min + w.x_max) / 2;
      const auto c = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), centre) - edges.begin());
      ASSERT_TRUE(c >= 1 && c <= columns) << w.text;
      by_column[c - 1].push_back(w);
    }
    // The first body row holds its 分類: a new group's, or, on a page a
    // group continues onto, that group's again with （続き） at the row's top
    // (not counted as more of the column's text).
    std::string classes = squeeze(column_text(by_column[0]));
    const std::string continued = "分野" + std::to_string(group) + "（続き）";
    if (classes.rfind(continued, 0) == 0) {
      double body_top = body.bottom, label_top = body.bottom;
      for (const auto& words : by_column) {
        for (const Word& w : words) body_top = std::min(body_top, w.y_min);
      }
      for (const Word& w : by_column[0]) label_top = std::min(label_top, w.y_min);
      EXPECT_LT(label_top - body_top, 2.0) << "the continued 分類 is not at the top of the page's first row";
      classes.erase(0, continued.size());
    } else {
      EXPECT_EQ(classes.rfind("分野" + std::to_string(group + 1), 0), 0u)
          << "the first body row shows neither its group's 分類 nor a new one: " << classes;
    }
    const std::regex number("分野([0-9]+)");
    for (auto m = std::sregex_iterator(classes.begin(), classes.end(), number); m != std::sregex_iterator(); ++m) {
      group = std::stoi((*m)[1].str());
    }
    printed[static_cast<std::size_t>(table)][0] += classes;
    by_column[0].clear();
    for (std::size_t c = 0; c < columns; ++c) printed[static_cast<std::size_t>(table)][c] += column_text(by_column[c]);
  }
  EXPECT_EQ(table + 1, tables);
  for (std::size_t t = 0; t < packet.tables.size(); ++t) {
    std::vector<std::string> expected(columns);
    for (const auto& cell : packet.tables[t].cells) expected[cell.column] += cell.text;
    for (std::size_t c = 0; c < columns; ++c) {
      EXPECT_EQ(squeeze(printed[t][c]), squeeze(expected[c])) << "table " << t + 1 << ", column " << c + 1;
    }
  }
  if (checked) checked->table_pages = table_pages;
}

TEST(LongTables, GeneratorIsDeterministic) {
  EXPECT_EQ(make_long_table_packet(5, 2, 30).xml, make_long_table_packet(5, 2, 30).xml);
  EXPECT_NE(make_long_table_packet(5, 2, 30).xml, make_long_table_packet(6, 2, 30).xml);
}

TEST(LongTables, GeneratorProgramWritesThePacket) {
  const RunResult r = run(quote(LONG_TABLE_BINARY) + " 5 2 30");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, make_long_table_packet(5, 2, 30).xml);
}

TEST(LongTables, GeneratedRowsRunOverSeveralPages) {
  // The generator's promise: 19 columns, and rows 2–4 pages tall.
  const LongTablePacket packet = make_long_table_packet(1, 1, 30);
  EXPECT_GE(long_table_columns().size(), 17u);
  std::size_t longest = 0;
  for (const auto& cell : packet.tables[0].cells) longest = std::max(longest, cell.text.size() / 3);
  EXPECT_GE(longest, 350u);  // about two pages of a 取組状況 column
}

TEST(LongTables, Seed1) {
  Checked checked;
  check_long_tables(1, 2, 30, &checked);
  EXPECT_GE(checked.table_pages, 10u);
}

TEST(LongTables, Seed2) { check_long_tables(2, 1, 40); }

TEST(LongTables, Seed3) { check_long_tables(3, 3, 15); }

TEST(LongTables, Seed4) { check_long_tables(4, 1, 60); }

// The cells of a row start on the same line unless the packet asks for
// the middle: a short cell beside a long one is not centred half a line
// down; a cell spanning rows (a group's label) and valign="middle" are.
TEST(GenericTables, CellsOfARowStartOnTheSameLine) {
  TempDir dir;
  write_file(dir / "p.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>表の試験</title>"
             "<held start=\"2024-03-14\"/></meta>\n<document id=\"d\" title=\"表\">\n<table><col width=\"50%\"/>"
             "<col width=\"50%\"/><tbody>"
             "<tr><td>長い課題<br/>二行目の説明<br/>三行目の説明<br/>四行目の説明</td><td>短い取組</td></tr>"
             "<tr><td rowspan=\"2\">まとめ</td><td>上段の取組</td></tr>"
             "<tr><td>下段の取組<br/>続きの説明<br/>さらに続き</td></tr>"
             "<tr><td>左の一<br/>左の二<br/>左の三</td><td valign=\"middle\">中央の取組</td></tr>"
             "</tbody></table>\n</document></packet>\n");
  const RunResult built = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  ASSERT_EQ(built.status, 0) << built.err;
  const auto pages = read_words((dir / "p.pdf").string());
  ASSERT_FALSE(pages.empty());
  const auto find = [&](const std::string& text) -> const Word* {
    for (const auto& w : pages[0].words)
      if (w.text == text) return &w;
    return nullptr;
  };
  const Word* long_cell = find("長い課題");
  const Word* short_cell = find("短い取組");
  const Word* label = find("まとめ");
  const Word* upper = find("上段の取組");
  const Word* lower_last = find("さらに続き");
  const Word* left_first = find("左の一");
  const Word* left_second = find("左の二");
  const Word* middle = find("中央の取組");
  ASSERT_TRUE(long_cell && short_cell && label && upper && lower_last && left_first && left_second && middle);
  EXPECT_NEAR(short_cell->y_min, long_cell->y_min, 0.5);
  // The label of two rows sits between its rows' text, not on the first line.
  EXPECT_GT(label->y_min, upper->y_min + 1);
  EXPECT_LT(label->y_max, lower_last->y_max);
  // valign="middle": level with the middle line of its neighbour.
  EXPECT_NEAR(middle->y_min, left_second->y_min, 0.5);
  EXPECT_GT(middle->y_min, left_first->y_min + 1);
}

// The peers' comparison: a generic <table> of 60 rows whose 30pt figure
// columns are narrower than 「100.0%」 in the cell style. The columns grow to
// their widest figure from the * column, so no figure is broken and the
// build does not warn.
TEST(LongTables, FiguresInNarrowColumnsAreNeverBroken) {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<packet version="1">
  <meta><title>テスト委員会</title><held start="2024-03-14T14:00"/></meta>
  <document id="d" title="他市の状況">
    <table>
      <col/><col width="30pt"/><col width="30pt"/><col width="30pt"/>
      <thead><tr><th>市</th><th>率</th><th>率</th><th>率</th></tr></thead>
      <tbody>
)";
  const std::regex figure("[0-9]+\\.[0-9]%");
  for (int i = 1; i <= 60; ++i) {
    xml += "        <tr><td>第" + std::to_string(i) + "市</td><td>100.0%</td><td>" + std::to_string(10 + i) + "." +
           std::to_string(i % 10) + "%</td><td>" + std::to_string(i % 10) + ".5%</td></tr>\n";
  }
  xml += "      </tbody>\n    </table>\n  </document>\n</packet>\n";
  TempDir dir;
  write_file(dir / "peers.xml", xml);
  const RunResult built =
      shiryo("build " + quote((dir / "peers.xml").string()) + " -o " + quote((dir / "peers.pdf").string()));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(built.err.find("warning"), std::string::npos) << built.err;
  std::size_t whole = 0;
  for (const PageWords& page : read_words((dir / "peers.pdf").string())) {
    for (const Word& w : page.words) {
      if (std::regex_match(w.text, figure)) {
        ++whole;
      } else {
        // A piece of a figure: digits or a dot or % without the rest.
        EXPECT_EQ(w.text.find_first_of(".%"), std::string::npos) << "a broken figure: " << w.text;
      }
    }
  }
  EXPECT_EQ(whole, 180u);
}

}  // namespace
}  // namespace shiryo::testing
