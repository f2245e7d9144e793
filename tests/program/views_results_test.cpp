// The results views (<results part="summary|by-goal|unmet">, <breakdown>,
// <period-comparison>) read back from built PDFs with poppler: the bundled
// packet's published figures, and small packets whose figures follow their data.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <vector>

#include "harness.h"
#include "page_words.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> tokens(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

std::string layout_text(const std::string& pdf, const std::string& pages = "") {
  return run("pdftotext -layout " + pages + " " + quote(pdf) + " -").out;
}

// The lines of `pdftotext -layout`, each squeezed (a table row's one-line
// cells run together).
std::vector<std::string> squeezed_lines(const std::string& layout) {
  std::vector<std::string> out;
  for (const auto& line : split_lines(layout)) out.push_back(squeeze(line));
  return out;
}

bool has_line(const std::vector<std::string>& lines, const std::string& squeezed) {
  for (const auto& l : lines) {
    if (l == squeezed) return true;
  }
  return false;
}

// A row's last cells: a line that ends with them (a spanning cell's lines
// may stand before them).
bool has_line_ending(const std::vector<std::string>& lines, const std::string& squeezed) {
  for (const auto& l : lines) {
    if (l.size() >= squeezed.size() && l.compare(l.size() - squeezed.size(), std::string::npos, squeezed) == 0) {
      return true;
    }
  }
  return false;
}

// The first line of `pdftotext -layout` whose squeezed text starts with `start`.
std::string layout_line(const std::string& layout, const std::string& start) {
  for (const auto& line : split_lines(layout)) {
    if (squeeze(line).rfind(start, 0) == 0) return line;
  }
  return {};
}

// Reading-order text, squeezed: a cell's wrapped lines join up again.
std::string reading_text(const std::string& pdf, const std::string& pages = "") {
  return squeeze(run("pdftotext " + pages + " " + quote(pdf) + " -").out);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// Builds `packet` (XML text) into dir/name.pdf; the build must succeed.
std::string build(const TempDir& dir, const std::string& name, const std::string& packet, RunResult* result = nullptr) {
  const std::string xml = (dir / (name + ".xml")).string();
  const std::string pdf = (dir / (name + ".pdf")).string();
  write_file(xml, packet);
  const RunResult r = shiryo("build " + quote(xml) + " -o " + quote(pdf));
  EXPECT_EQ(r.status, 0) << r.err;
  if (result) *result = r;
  return pdf;
}

class BundledResults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = (*dir_ / "packet.pdf").string();
    const RunResult r = shiryo("build " + quote(kPacket) + " -o " + quote(pdf_));
    ASSERT_EQ(r.status, 0) << r.err;
    layout_ = layout_text(pdf_);
    lines_ = squeezed_lines(layout_);
    text_ = reading_text(pdf_);
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::unique_ptr<TempDir> dir_;
  static std::string pdf_;
  static std::string layout_;
  static std::vector<std::string> lines_;
  static std::string text_;
};

std::unique_ptr<TempDir> BundledResults::dir_;
std::string BundledResults::pdf_;
std::string BundledResults::layout_;
std::vector<std::string> BundledResults::lines_;
std::string BundledResults::text_;

TEST_F(BundledResults, SummaryCountsWithTheirLabels) {
  EXPECT_TRUE(has_line(lines_, "令和5年度成果指標設定項目52項目"));
  EXPECT_TRUE(has_line(lines_, "目標達成項目23項目"));
  EXPECT_TRUE(has_line(lines_, "目標未達成項目16項目"));
  EXPECT_TRUE(has_line(lines_, "未定項目13項目"));
}

TEST_F(BundledResults, ByGoalRowsAndTotal) {
  EXPECT_TRUE(has_line(lines_, "強くしなやかな組織をつくる25項目7項目10項目8項目"));
  EXPECT_TRUE(has_line(lines_, "強い財政基盤を確立する18項目10項目5項目3項目"));
  EXPECT_TRUE(has_line(lines_, "市民協働により公共サービスを向上させる9項目6項目1項目2項目"));
  EXPECT_TRUE(has_line(lines_, "合計52項目23項目16項目13項目"));
  // The header, with its two-line heads.
  EXPECT_TRUE(has_line(lines_, "成果指標目標達成目標未達成"));
  EXPECT_TRUE(has_line(lines_, "重点目標未定項目"));
  EXPECT_TRUE(has_line(lines_, "設定項目項目項目"));
}

TEST_F(BundledResults, GoalColumnsTableOfFy2022) {
  EXPECT_TRUE(has_line(lines_, "成果指標強い組織強い財政市民協働合計"));
  const auto met = tokens(layout_line(layout_, "達成項目（未設定を含む。）"));
  EXPECT_EQ(met, (std::vector<std::string>{"達成項目（未設定を含む。）", "21", "16", "10", "47"}));
  const auto unmet = tokens(layout_line(layout_, "未達成項目6"));
  EXPECT_EQ(unmet, (std::vector<std::string>{"未達成項目", "6", "2", "0", "8"}));
  const auto total = tokens(layout_line(layout_, "合計27"));
  EXPECT_EQ(total, (std::vector<std::string>{"合計", "27", "18", "10", "55"}));
  // Nothing is pending in FY2022, so there is no 未定 row.
  EXPECT_EQ(layout_line(layout_, "未定項目0"), "");
  EXPECT_NE(text_.find("85.5%（47/55）"), std::string::npos);
}

TEST_F(BundledResults, RatesAsComputed) {
  const std::string& text = text_;
  EXPECT_NE(text.find("46.2%（66.0%）"), std::string::npos);
  EXPECT_EQ(run("pdftotext " + quote(pdf_) + " - | grep -c '66\\.6'").out, "0\n");
  EXPECT_NE(text.find("84.4%（93.8%）"), std::string::npos);
  // 0 of 4 件 and 0% of 50%: the rate prints one decimal.
  EXPECT_NE(text.find("4件0件（0.0%）"), std::string::npos);
  EXPECT_NE(text.find("50%0%（0.0%）"), std::string::npos);
  EXPECT_EQ(text.find("（0%）"), std::string::npos);
  // A text result prints as written, without a rate; a result known only by
  // its judgement prints （－） under a numeric target.
  EXPECT_NE(text.find("前年度比5%減時間外の削減はなし"), std::string::npos);
  EXPECT_NE(text.find("70.0%（－）"), std::string::npos);
}

TEST_F(BundledResults, BreakdownPartsAndMean) {
  EXPECT_TRUE(has_line(lines_, "No.項目令和5年度実績"));
  const std::vector<std::string> parts = {"1市税99.4%",        "2国民健康保険料93.8%", "3後期高齢者医療保険料99.5%",
                                          "4介護保険料98.7%",  "5保育料99.1%",         "6市営住宅使用料97.7%",
                                          "7学校給食費71.0%"};
  for (const auto& p : parts) EXPECT_TRUE(has_line(lines_, p)) << p;
  EXPECT_TRUE(has_line(lines_, "平均94.2%"));
}

TEST_F(BundledResults, PeriodComparisonCounts) {
  EXPECT_TRUE(has_line(lines_, "第1期実施計画第2期実施計画"));
  EXPECT_TRUE(has_line(lines_, "取組数67取組数60"));
  EXPECT_TRUE(has_line(lines_, "完了した取組25新規の取組19"));
  EXPECT_TRUE(has_line(lines_, "継続が必要な取組42継続する取組41"));
}

struct Word {
  double x_min = 0, y_min = 0, x_max = 0;
  std::string text;
};

// The words of `pdftotext -bbox` on one page.
std::vector<Word> words_of(const std::string& pdf, int page) {
  const std::string p = std::to_string(page);
  const std::string out = run("pdftotext -bbox -f " + p + " -l " + p + " " + quote(pdf) + " -").out;
  std::vector<Word> words;
  const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>)re");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), word); it != std::sregex_iterator(); ++it) {
    words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), (*it)[4]});
  }
  return words;
}

TEST_F(BundledResults, ComparisonHalvesLineUpWithTheLabelsAbove) {
  const int pages = std::stoi(run("pdfinfo " + quote(pdf_) + " | sed -n 's/^Pages: *//p'").out);
  const std::vector<Word> words = words_of(pdf_, pages);
  // The labels' row (…第1期実施計画 | …第2期実施計画(案)) and the view's heading
  // row (第1期実施計画 | 第2期実施計画), both centred in their cells: the two
  // tables' halves line up when each half's text has the same centre.
  std::map<double, std::vector<const Word*>> rows;
  for (const auto& w : words) rows[w.y_min].push_back(&w);
  std::vector<std::pair<double, double>> centres;  // per row: left half's, right half's
  // The landscape page's margins are equal, so the measure's middle is the page's.
  const std::string size = run("pdfinfo -f " + std::to_string(pages) + " -l " + std::to_string(pages) + " " +
                               quote(pdf_) + " | sed -n 's/^Page *[0-9]* size: *\\([0-9.]*\\) x.*/\\1/p'").out;
  ASSERT_FALSE(size.empty());
  const double middle = std::stod(size) / 2;
  for (const auto& [y, row] : rows) {
    std::string text;
    for (const auto* w : row) text += w->text;
    if (text.find("期実施計画") == std::string::npos) continue;
    double left_min = 1e9, left_max = 0, right_min = 1e9, right_max = 0;
    for (const auto* w : row) {
      if (w->x_max < middle) {
        left_min = std::min(left_min, w->x_min), left_max = std::max(left_max, w->x_max);
      } else {
        right_min = std::min(right_min, w->x_min), right_max = std::max(right_max, w->x_max);
      }
    }
    centres.emplace_back((left_min + left_max) / 2, (right_min + right_max) / 2);
  }
  ASSERT_EQ(centres.size(), 2u);
  EXPECT_NEAR(centres[0].first, centres[1].first, 0.5);
  EXPECT_NEAR(centres[0].second, centres[1].second, 0.5);
}

// Each unmet indicator's name once in the table of its goal (twice where two
// unmet indicators share a name), from the computed list of `shiryo figures`.
TEST(ResultsUnmet, EachUnmetIndicatorOncePerTable) {
  const std::string full = read_file(kPacket);
  const std::string plan = full.substr(0, full.find("</plan>") + std::string("</plan>").size());
  struct Table {
    std::string view;
    int fy;
    std::string goal;  // the classification's start for the goal shown, or empty for all
    std::size_t rows;
  };
  const std::vector<Table> tables = {
      {R"(<results fy="2023" period="p1" part="unmet" goal="I"/>)", 2023, "Ⅰ-", 10},
      {R"(<results fy="2023" period="p1" part="unmet" goal="II"/>)", 2023, "Ⅱ-", 5},
      {R"(<results fy="2023" period="p1" part="unmet" goal="III"/>)", 2023, "Ⅲ-", 1},
      {R"(<results fy="2022" period="p1" part="unmet" unset="met" reasons="no"/>)", 2022, "", 8},
  };
  TempDir dir;
  int n = 0;
  for (const auto& t : tables) {
    const RunResult figures =
        shiryo("figures " + quote(kPacket) + " --period p1 --fy " + std::to_string(t.fy));
    ASSERT_EQ(figures.status, 0) << figures.err;
    std::vector<std::string> names;
    std::string all_names;
    for (const auto& line : split_lines(figures.out)) {
      std::vector<std::string> f;
      std::istringstream in(line);
      for (std::string field; std::getline(in, field, '\t');) f.push_back(field);
      if (f.size() < 9 || f[8] != "未達成" || f[2].rfind(t.goal, 0) != 0) continue;
      names.push_back(squeeze(f[4]));
      all_names += names.back() + "|";
    }
    ASSERT_EQ(names.size(), t.rows) << t.view;
    const std::string pdf =
        build(dir, "t" + std::to_string(n++), plan + "\n<document id=\"d\" title=\"表\">" + t.view + "</document></packet>\n");
    const std::string text = reading_text(pdf);
    const auto lines = squeezed_lines(layout_text(pdf));
    for (const auto& name : names) {
      EXPECT_EQ(count_of(text, name), count_of(all_names, name)) << name << " in " << t.view;
    }
    if (t.goal.empty()) {
      // All goals in one table: the full classification.
      EXPECT_NE(text.find("Ⅰ-(1)-ウ技術職員の更なる専門性向上"), std::string::npos);
      EXPECT_EQ(text.find("未達成の理由"), std::string::npos);
      EXPECT_EQ(text.find("今後の対応策"), std::string::npos);
    } else if (t.goal == "Ⅰ-") {
      // One goal's table: the classification without the goal numeral.
      EXPECT_NE(text.find("(1)-ア職員の人材育成"), std::string::npos);
      EXPECT_EQ(text.find("Ⅰ-(1)-ア"), std::string::npos);
      EXPECT_TRUE(has_line_ending(lines, "今後の対応策回答の理由欄を分析し、効果的な人材育成のための参考とする。"));
      EXPECT_TRUE(has_line_ending(lines, "未達成の理由資格取得の希望がなかったため。"));
    }
  }
}

const std::vector<std::string> kSmall = {
    R"(<?xml version="1.0" encoding="UTF-8"?>)",
    R"(<packet version="1">)",
    R"(  <meta><title>テスト委員会</title><held start="2024-03-14T14:00"/></meta>)",
    R"(  <plan id="t" title="大綱" from-fy="2021" to-fy="2026">)",
    R"(    <period id="p1" title="前期計画" from-fy="2021" to-fy="2023">)",
    R"(      <goal id="I" title="強い組織をつくる" short="組織">)",
    R"(        <area id="I-1" title="能力向上">)",
    R"(          <item id="I-1-a" title="人材育成">)",
    R"(            <measure status="completed">研修を充実する。</measure>)",
    R"(            <indicator id="A" name="研修満足度" unit="%" decimals="1">)",
    R"(              <target fy="2023" value="90"/>)",
    R"(              <actual fy="2023" value="84.4"/>)",
    R"(              <reason fy="2023">理由Aの文。</reason>)",
    R"(              <next fy="2023">対応Aの文。</next>)",
    R"(            </indicator>)",
    R"(            <indicator id="B" name="資格取得件数" unit="件">)",
    R"(              <target fy="2023" value="4"/>)",
    R"(              <actual fy="2023" value="0"/>)",
    R"(            </indicator>)",
    R"(          </item>)",
    R"(        </area>)",
    R"(      </goal>)",
    R"(      <goal id="II" title="強い財政をつくる" short="財政">)",
    R"(        <area id="II-1" title="歳入">)",
    R"(          <item id="II-1-a" title="収納">)",
    R"(            <measure status="continued">収納率を高める。</measure>)",
    R"(            <indicator id="C" name="合算収納率" unit="%" decimals="1">)",
    R"(              <target fy="2023" value="100"/>)",
    R"(              <actual fy="2023"><part name="市税" value="99.4"/><part name="保育料" value="71.0"/></actual>)",
    R"(            </indicator>)",
    R"(            <indicator id="D" name="寄附件数" unit="件">)",
    R"(              <target fy="2023" value="10"/>)",
    R"(              <actual fy="2023" value="12"/>)",
    R"(            </indicator>)",
    R"(            <indicator id="E" name="利用者満足度" unit="%" decimals="1">)",
    R"(              <target fy="2023" value="80"/>)",
    R"(              <actual fy="2023" pending="集計中"/>)",
    R"(            </indicator>)",
    R"(          </item>)",
    R"(        </area>)",
    R"(      </goal>)",
    R"(    </period>)",
    R"(    <period id="p2" title="後期計画" from-fy="2024" to-fy="2026">)",
    R"(      <goal id="I" title="強い組織をつくる">)",
    R"(        <area id="I-1" title="能力向上">)",
    R"(          <item id="I-1-a" title="人材育成">)",
    R"(            <measure status="new">新しい研修を始める。</measure>)",
    R"(            <measure status="continued">収納率を高める。</measure>)",
    R"(            <measure status="continued">研修を続ける。</measure>)",
    R"(          </item>)",
    R"(        </area>)",
    R"(      </goal>)",
    R"(    </period>)",
    R"(  </plan>)",
    R"(  <document id="d" title="結果">)",
    R"(    <results fy="2023" period="p1" part="summary"/>)",
    R"(    <results fy="2023" period="p1" part="by-goal"/>)",
    R"(    <results fy="2023" period="p1" part="by-goal" columns="goals"/>)",
    R"(    <p>達成率は<tally fy="2023" period="p1" what="rate"/>です。</p>)",
    R"(    <results fy="2023" period="p1" part="unmet"/>)",
    R"(    <breakdown indicator="C" fy="2023"/>)",
    R"(    <period-comparison from="p1" to="p2"/>)",
    R"(  </document>)",
    R"(</packet>)",
};

TEST(ResultsSmall, FiguresFollowTheData) {
  TempDir dir;
  const std::string pdf = build(dir, "before", lines_with(kSmall, {}));
  const std::string layout = layout_text(pdf);
  const auto lines = squeezed_lines(layout);
  const std::string text = reading_text(pdf);
  // Met: D. Unmet: A, B and C (the mean of its parts, 85.2%). Pending: E.
  EXPECT_TRUE(has_line(lines, "令和5年度成果指標設定項目5項目"));
  EXPECT_TRUE(has_line(lines, "目標達成項目1項目"));
  EXPECT_TRUE(has_line(lines, "目標未達成項目3項目"));
  EXPECT_TRUE(has_line(lines, "未定項目1項目"));
  EXPECT_TRUE(has_line(lines, "強い組織をつくる2項目0項目2項目0項目"));
  EXPECT_TRUE(has_line(lines, "強い財政をつくる3項目1項目1項目1項目"));
  EXPECT_TRUE(has_line(lines, "合計5項目1項目3項目1項目"));
  EXPECT_EQ(tokens(layout_line(layout, "成果指標組織")), (std::vector<std::string>{"成果指標", "組織", "財政", "合計"}));
  EXPECT_EQ(tokens(layout_line(layout, "達成項目0")), (std::vector<std::string>{"達成項目", "0", "1", "1"}));
  EXPECT_EQ(tokens(layout_line(layout, "未達成項目2")), (std::vector<std::string>{"未達成項目", "2", "1", "3"}));
  // Something is pending, so the turned table has its 未定 row.
  EXPECT_EQ(tokens(layout_line(layout, "未定項目0")), (std::vector<std::string>{"未定項目", "0", "1", "1"}));
  EXPECT_NE(text.find("達成率は20.0%です。"), std::string::npos);
  EXPECT_NE(text.find("研修満足度"), std::string::npos);
  EXPECT_NE(text.find("90.0%84.4%（93.8%）"), std::string::npos);
  EXPECT_NE(text.find("4件0件（0.0%）"), std::string::npos);
  EXPECT_NE(text.find("100.0%85.2%（85.2%）"), std::string::npos);
  EXPECT_NE(text.find("Ⅰ-(1)-ア人材育成"), std::string::npos);
  EXPECT_TRUE(has_line_ending(lines, "未達成の理由理由Aの文。"));
  EXPECT_TRUE(has_line_ending(lines, "今後の対応策対応Aの文。"));
  EXPECT_TRUE(has_line(lines, "1市税99.4%"));
  EXPECT_TRUE(has_line(lines, "2保育料71.0%"));
  EXPECT_TRUE(has_line(lines, "平均85.2%"));
  EXPECT_TRUE(has_line(lines, "前期計画後期計画"));
  EXPECT_TRUE(has_line(lines, "取組数2取組数3"));
  EXPECT_TRUE(has_line(lines, "完了した取組1新規の取組1"));
  EXPECT_TRUE(has_line(lines, "継続が必要な取組1継続する取組2"));

  // A's result reaches its target: one more met, one fewer unmet, the rate
  // and the unmet list follow.
  const std::string after = build(dir, "after", lines_with(kSmall, {{12, R"(<actual fy="2023" value="90.0"/>)"}}));
  const auto after_lines = squeezed_lines(layout_text(after));
  const std::string after_text = reading_text(after);
  EXPECT_TRUE(has_line(after_lines, "令和5年度成果指標設定項目5項目"));
  EXPECT_TRUE(has_line(after_lines, "目標達成項目2項目"));
  EXPECT_TRUE(has_line(after_lines, "目標未達成項目2項目"));
  EXPECT_TRUE(has_line(after_lines, "強い組織をつくる2項目1項目1項目0項目"));
  EXPECT_TRUE(has_line(after_lines, "合計5項目2項目2項目1項目"));
  EXPECT_NE(after_text.find("達成率は40.0%です。"), std::string::npos);
  EXPECT_EQ(after_text.find("研修満足度"), std::string::npos);
  EXPECT_EQ(after_text.find("理由Aの文。"), std::string::npos);
  EXPECT_NE(after_text.find("資格取得件数"), std::string::npos);

  // Every unmet met: the list says so rather than printing an empty table.
  const std::string none = build(dir, "none", lines_with(kSmall, {{12, R"(<actual fy="2023" value="90.0"/>)"},
                                                                {18, R"(<actual fy="2023" value="4"/>)"},
                                                                {29, R"(<actual fy="2023"><part name="市税" value="100"/><part name="保育料" value="100"/></actual>)"}}));
  const std::string none_text = reading_text(none);
  EXPECT_NE(none_text.find("該当なし"), std::string::npos);
  EXPECT_NE(none_text.find("達成率は80.0%です。"), std::string::npos);
}

TEST(ResultsSmall, BreakdownNeedsParts) {
  TempDir dir;
  write_file(dir / "p.xml", lines_with(kSmall, {{59, R"(    <breakdown indicator="D" fy="2023"/>)"}}));
  const RunResult r = shiryo("check " + quote((dir / "p.xml").string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(":59:5: error: <breakdown> shows the parts of indicator D's FY2023 result, but that result "
                       "has no <part>"),
            std::string::npos)
      << r.err;
}

// The unmet tables' figures (目標 above 実績（達成率）) are set flush right in
// their column: on every page, each figure line ends on one edge, so that
// digits line up down the column.
TEST_F(BundledResults, UnmetFiguresEndOnOneEdge) {
  const std::regex figure(R"re(.*[0-9].*(%|人|件|円|）)$)re");
  int tables = 0;
  for (const PageWords& page : read_words(pdf_)) {
    bool unmet = false;
    for (const testing::Word& w : page.words) unmet = unmet || w.text == "実績（達成率）";
    if (!unmet) continue;
    ++tables;
    double low = 1e9, high = 0;
    std::size_t figures = 0;
    for (const auto& line : lines_of(page.words)) {
      const testing::Word& last = line.back();
      if (last.x_min < page.width * 0.7 || !std::regex_match(last.text, figure)) continue;
      // A figure in a cell of its own, not the end of a line of running text.
      if (line.size() > 1 && last.x_min - line[line.size() - 2].x_max < 6.0) continue;
      low = std::min(low, last.x_max);
      high = std::max(high, last.x_max);
      ++figures;
    }
    EXPECT_GE(figures, 4u) << "unmet table page " << tables;
    EXPECT_LT(high - low, 1.0) << "unmet table page " << tables;
  }
  EXPECT_GE(tables, 3);
}

// Many unmet indicators with long reasons: the table runs over pages, each
// continuation under （続き） and the repeated header, the item's 分類 drawn
// again beside its continued rows; a figure too wide for its column breaks
// only before the bracketed rate.
TEST(ResultsLong, UnmetTableRepeatsItsHeader) {
  std::string packet = R"(<?xml version="1.0" encoding="UTF-8"?>
<packet version="1">
  <meta><title>テスト委員会</title><held start="2024-03-14T14:00"/></meta>
  <plan id="t" title="大綱" from-fy="2021" to-fy="2023">
    <period id="p1" title="第1期" from-fy="2021" to-fy="2023">
      <goal id="I" title="強い組織">
        <area id="I-1" title="能力向上">
          <item id="I-1-a" title="人材育成">
            <indicator id="W" name="設備投資額" unit="千円">
              <target fy="2023" value="123456789"/>
              <actual fy="2023" value="103456788"/>
            </indicator>
)";
  const int kCount = 24;
  for (int i = 1; i <= kCount; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    packet += "            <indicator id=\"X" + n + "\" name=\"指標第" + n + "号の割合\" unit=\"%\" decimals=\"1\">\n"
              "              <target fy=\"2023\" value=\"90\"/><actual fy=\"2023\" value=\"45\"/>\n"
              "              <reason fy=\"2023\">未達成の事情は多岐にわたり、関係課と協議を重ねたものの、年度内に"
              "十分な成果を得ることができなかったため、次年度以降に改めて取り組むこととした。</reason>\n"
              "              <next fy=\"2023\">関係課と連携し、対象を見直したうえで、引き続き取組を進める。</next>\n"
              "            </indicator>\n";
  }
  packet += R"(          </item>
        </area>
      </goal>
    </period>
  </plan>
  <document id="d" title="結果">
    <results fy="2023" part="unmet"/>
  </document>
</packet>
)";
  TempDir dir;
  RunResult r;
  const std::string pdf = build(dir, "long", packet, &r);
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
  const int pages = std::stoi(run("pdfinfo " + quote(pdf) + " | sed -n 's/^Pages: *//p'").out);
  ASSERT_GE(pages, 3);
  for (int p = 1; p <= pages; ++p) {
    const std::string range = "-f " + std::to_string(p) + " -l " + std::to_string(p);
    const std::string text = reading_text(pdf, range);
    // A continuation: the mark above the header, and the item's 分類 drawn
    // again with （続き） at the top of its rows.
    EXPECT_EQ(count_of(text, "（続き）"), p == 1 ? 0u : 2u) << "page " << p;
    EXPECT_EQ(count_of(text, "Ⅰ-(1)-ア人材育成（続き）"), p == 1 ? 0u : 1u) << "page " << p;
    EXPECT_EQ(count_of(text, "Ⅰ-(1)-ア人材育成"), 1u) << "page " << p;
    EXPECT_EQ(count_of(text, "実績（達成率）"), 1u) << "page " << p;
    EXPECT_EQ(count_of(text, "分類"), 1u) << "page " << p;
    // An indicator's reasons are on the page of its name: the page's first
    // body line naming an indicator comes before any reason row.
    const auto lines = squeezed_lines(layout_text(pdf, range));
    std::size_t first_name = lines.size(), first_reason = lines.size();
    for (std::size_t i = lines.size(); i-- > 0;) {
      if (lines[i].find("指標第") != std::string::npos || lines[i].find("設備投資額") != std::string::npos) first_name = i;
      if (lines[i].find("未達成の理由") != std::string::npos || lines[i].find("今後の対応策") != std::string::npos) {
        first_reason = i;
      }
    }
    EXPECT_LT(first_name, first_reason) << "page " << p;
  }
  const std::string text = reading_text(pdf);
  for (int i = 1; i <= kCount; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    EXPECT_EQ(count_of(text, "指標第" + n + "号の割合"), 1u) << n;
  }
  EXPECT_EQ(count_of(text, "45.0%（50.0%）"), static_cast<std::size_t>(kCount));

  // 103,456,788千円（83.8%） is wider than the figure column: the number and
  // its unit stay whole on one line, the rate goes to the next.
  const auto lines = squeezed_lines(layout_text(pdf, "-f 1 -l 1"));
  bool whole_number = false;
  bool whole_rate = false;
  for (const auto& l : lines) {
    if (l.find("123,456,789千円") != std::string::npos) {
      EXPECT_EQ(l.find("103,456"), std::string::npos);
    }
    if (l.size() >= std::string("103,456,788千円").size() &&
        l.compare(l.size() - std::string("103,456,788千円").size(), std::string::npos, "103,456,788千円") == 0) {
      whole_number = true;
    }
    if (l.find("（83.8%）") != std::string::npos) whole_rate = true;
  }
  EXPECT_TRUE(whole_number);
  EXPECT_TRUE(whole_rate);
}

}  // namespace
}  // namespace shiryo::testing
