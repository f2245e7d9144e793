// The glyph-level typography check (tools/typography_check.cpp) on the
// bundled packet and on test packets, and on pages made with known defects
// so that each of its figures is seen to count what it names. The defect
// pages are drawn by `mutool run` with the BIZ UD faces, a glyph at a time,
// where the test places it.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "harness.h"

namespace shiryo::testing {
namespace {

using Figures = std::map<std::string, int>;

Figures check(const std::string& pdf) {
  const RunResult r = run(quote(TYPOGRAPHY_CHECK_BINARY) + " " + quote(pdf) + " --list");
  EXPECT_EQ(r.status, 0) << r.err;
  Figures figures;
  std::istringstream in(r.out);
  std::string name;
  int count = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    if (line.rfind("  ", 0) != 0 && fields >> name >> count) figures[name] = count;
  }
  EXPECT_GT(figures["lines"], 0) << r.out;
  return figures;
}

std::string listing(const std::string& pdf) { return run(quote(TYPOGRAPHY_CHECK_BINARY) + " " + quote(pdf) + " --list").out; }

// The figures a well-set page has none of.
const char* const kDefects[] = {"after-punctuation>0.2em", "uneven-lines", "split-units", "runts",
                                "headings-at-foot", "orphans", "widows", "loose-marks", "short-leaders"};

// A line of a defect page: its face, the row it stands on (from the top,
// 1.5 × 10.5 pt apart), the text, and extra space in ems after some of its
// characters (by index). Rows restart on a new page.
struct DrawnLine {
  int page = 0;
  int row = 0;
  std::string text;
  std::map<int, double> extra = {};
  bool gothic = false;
  double size = 10.5;
  double rise = 0;      // a superscript's lift, pt
  bool follows = false;  // goes on where the line before ended (a mark and the text after it)
};

// Writes the lines with mutool's JavaScript: each glyph at the place the
// composer of a well-set page would give it (和欧間 a quarter em between
// Japanese and a Latin letter or digit), plus the line's extra.
// `rules` are the x of vertical rules stroked on the first page through its
// first rows (cell borders).
std::string draw(const TempDir& dir, const std::vector<DrawnLine>& lines, const std::vector<double>& rules = {}) {
  std::ostringstream js;
  js << "var doc = new PDFDocument();\n"
        "var mincho = new Font('/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf');\n"
        "var gothic = new Font('/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf');\n"
        "var fonts = {M: doc.addFont(mincho), G: doc.addFont(gothic)};\n"
        "var pages = [];\n"
        "var x = 72;\n"
        "function latin(c) { return /[0-9A-Za-z]/.test(c); }\n"
        "function japanese(c) { return c.charCodeAt(0) >= 0x2E80; }\n"
        "function line(page, row, text, extra, g, size, rise, follows) {\n"
        "  var font = g ? gothic : mincho;\n"
        "  while (pages.length <= page) pages.push('');\n"
        "  var y = 760 - row * 15.75 + rise;\n"
        "  if (!follows) x = 72;\n"
        "  var prev = '';\n"
        "  for (var i = 0; i < text.length; ++i) {\n"
        "    var c = text[i];\n"
        "    if (prev != '' && ((japanese(prev) && latin(c)) || (latin(prev) && japanese(c)))) x += size / 4;\n"
        "    var gid = font.encodeCharacter(c.charCodeAt(0));\n"
        "    var h = gid.toString(16); while (h.length < 4) h = '0' + h;\n"
        "    pages[page] += 'BT /' + (g ? 'G' : 'M') + ' ' + size + ' Tf 1 0 0 1 ' + x.toFixed(3) + ' ' + y.toFixed(3) + ' Tm <' + h + '> Tj ET\\n';\n"
        "    x += font.advanceGlyph(gid, 0) * size + (extra[i] || 0) * size;\n"
        "    prev = c;\n"
        "  }\n"
        "}\n";
  for (const auto& l : lines) {
    js << "line(" << l.page << ", " << l.row << ", '" << l.text << "', {";
    for (const auto& [at, ems] : l.extra) js << at << ": " << ems << ", ";
    js << "}, " << (l.gothic ? "true" : "false") << ", " << l.size << ", " << l.rise << ", "
       << (l.follows ? "true" : "false") << ");\n";
  }
  for (double x : rules) js << "pages[0] += '0.5 w " << x << " 700 m " << x << " 780 l S\\n';\n";
  js << "var res = doc.addObject({Font: fonts});\n"
        "for (var p = 0; p < pages.length; ++p) doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, res, pages[p]));\n"
        "doc.save(scriptArgs[0]);\n";
  write_file(dir / "page.js", js.str());
  const std::string pdf = (dir / "page.pdf").string();
  const RunResult r = run("mutool run " + quote((dir / "page.js").string()) + " " + quote(pdf));
  EXPECT_EQ(r.status, 0) << r.err;
  return pdf;
}

// Thirty full-width characters fill the measure; these are well set.
const std::string kFull = "行政改革の推進に向けて職員の意識改革と業務の効率化を進めてきました";
const std::string kFull2 = "強い財政基盤の確立に向け事業見直しの徹底や自主財源の確保に努めます";
const std::string kShort = "取組を着実に推進しました。";

// Each defect page shows exactly its own defect: the figure it names is
// `count` and every other figure of kDefects is zero.
void expect_only(const std::string& pdf, const std::string& name, int count) {
  Figures f = check(pdf);
  for (const char* d : kDefects) EXPECT_EQ(f[d], d == name ? count : 0) << d << "\n" << listing(pdf);
}

TEST(TypographyCheck, WellSetPageHasNoDefect) {
  TempDir dir;
  const std::string pdf = draw(dir, {{0, 0, kFull}, {0, 1, kFull2}, {0, 2, kShort}, {0, 4, kFull}, {0, 5, kShort}});
  const Figures f = check(pdf);
  EXPECT_EQ(f.at("lines"), 5);
  for (const char* d : kDefects) EXPECT_EQ(f.at(d), 0) << d;
}

TEST(TypographyCheck, CountsAHoleAfterPunctuation) {
  TempDir dir;
  // 「探すとともに、　職員講師」: 0.4 em after 、 while the other pairs stay tight.
  const std::string hole = "引き続き同様の研修講座を探すとともに、職員講師を依頼する課等に対";
  const std::string pdf = draw(dir, {{0, 0, hole, {{18, 0.4}}}, {0, 1, kShort}});
  Figures f = check(pdf);
  EXPECT_EQ(f["after-punctuation>0.2em"], 1);
  EXPECT_EQ(f["after-punctuation>0.35em"], 1);
  EXPECT_EQ(f["uneven-lines"], 1);  // 0.4 em there, none elsewhere
  EXPECT_EQ(f["stretched-mostly-after-punctuation"], 1);
}

TEST(TypographyCheck, CountsUnevenSpacing) {
  TempDir dir;
  expect_only(draw(dir, {{0, 0, kFull, {{3, 0.35}}}, {0, 1, kShort}}), "uneven-lines", 1);
}

// A number set flush right in its cell and the text of the next cell, a
// rule between them, are two lines; without the rule the same gap is a hole.
TEST(TypographyCheck, ARuleBetweenCellsEndsALine) {
  TempDir dir;
  DrawnLine number{0, 0, "67", {{1, 0.7}}};
  DrawnLine label{0, 0, "取組数", {}, false, 10.5, 0, true};
  const std::string ruled = draw(dir, {number, label}, {72 + 10.5 + 0.3 * 10.5});
  expect_only(ruled, "uneven-lines", 0);
  EXPECT_EQ(check(ruled)["lines"], 2);
  TempDir dir2;
  const std::string open = draw(dir2, {number, label});
  EXPECT_EQ(check(open)["lines"], 1);
  expect_only(open, "uneven-lines", 1);
}

TEST(TypographyCheck, EvenSpacingIsNotUneven) {
  TempDir dir;
  std::map<int, double> even;
  for (int i = 0; i < 28; ++i) even[i] = 0.1;
  expect_only(draw(dir, {{0, 0, kFull.substr(0, 3 * 27), even}, {0, 1, kShort}}), "uneven-lines", 0);
}

TEST(TypographyCheck, CountsNumbersCutFromTheirUnits) {
  TempDir dir;
  expect_only(draw(dir, {{0, 0, "取組の成果として相談件数の実績71,117"},
                         {0, 1, "件を達成しました。"},
                         {0, 3, "制度の内容を整理した上で、令和"},
                         {0, 4, "4年1月に導入しました。"}}),
              "split-units", 2);
}

TEST(TypographyCheck, CountsARuntThatReductionWouldPullBack) {
  TempDir dir;
  // Four 、 with their half-em blanks on the line before: two ems, as much as す。 needs.
  const std::string before = "研修、講座、職員、講師、依頼する課等に対して効果的な支援を行いま";
  const std::string pdf = draw(dir, {{0, 0, before}, {0, 1, "す。"}});
  expect_only(pdf, "runts", 1);
  EXPECT_EQ(check(pdf)["one-character-last-lines"], 1);
  // Without the blanks there is no room: a short last line, not a runt to count.
  TempDir dir2;
  const std::string tight = draw(dir2, {{0, 0, kFull}, {0, 1, "す。"}});
  expect_only(tight, "runts", 0);
  EXPECT_EQ(check(tight)["one-character-last-lines"], 1);
}

// mutool's JavaScript embeds only its own CJK face; this page is made with
// `mutool create` instead: the body in that face, full-width characters an
// em apart, and a heading in BIZ UD Gothic (its Latin glyphs: `create`
// embeds a file's font with a single-byte encoding).
std::string draw_with_heading(const TempDir& dir, const std::vector<std::pair<int, std::string>>& rows_page1,
                              const std::string& heading, int heading_row) {
  auto hex = [](const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
      const unsigned char c = static_cast<unsigned char>(utf8[i]);
      unsigned cp = c;
      std::size_t n = 1;
      if (c >= 0xE0) {
        cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
        n = 3;
      }
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04X", cp);
      out += buf;
      i += n;
    }
    return out;
  };
  auto body = [&](const std::vector<std::pair<int, std::string>>& rows) {
    std::string content;
    for (const auto& [row, text] : rows) {
      const std::string h = hex(text);
      for (std::size_t k = 0; k * 4 < h.size(); ++k) {
        content += "BT /M 10.5 Tf 1 0 0 1 " + std::to_string(72 + 10.5 * static_cast<double>(k)) + " " +
                   std::to_string(760 - 15.75 * row) + " Tm <" + h.substr(k * 4, 4) + "> Tj ET\n";
      }
    }
    return content;
  };
  const std::string header = "%%MediaBox 0 0 595 842\n%%CJKFont M ja\n"
                             "%%Font G /usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf\n";
  write_file(dir / "1.txt", header + body(rows_page1) + "BT /G 10.5 Tf 1 0 0 1 72 " +
                                std::to_string(760 - 15.75 * heading_row) + " Tm (" + heading + ") Tj ET\n");
  write_file(dir / "2.txt", header + body({{0, kFull}, {1, kShort}}));
  const std::string pdf = (dir / "heading.pdf").string();
  const RunResult r = run("mutool create -o " + quote(pdf) + " " + quote((dir / "1.txt").string()) + " " +
                          quote((dir / "2.txt").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  return pdf;
}

TEST(TypographyCheck, CountsAHeadingAtTheFootOfAPage) {
  TempDir dir;
  expect_only(draw_with_heading(dir, {{0, kFull}, {1, kShort}}, "(1) Review", 3), "headings-at-foot", 1);
}

TEST(TypographyCheck, CountsAnOrphan) {
  TempDir dir;
  // A paragraph's first line alone at the foot; its other two on the next page.
  expect_only(draw(dir, {{0, 0, kFull}, {0, 1, kShort}, {0, 2, kFull2}, {1, 0, kFull}, {1, 1, kShort}}), "orphans", 1);
}

TEST(TypographyCheck, CountsAWidow) {
  TempDir dir;
  // A paragraph's last line alone at the head of the next page.
  expect_only(draw(dir, {{0, 0, kShort}, {0, 1, kFull}, {0, 2, kFull2}, {1, 0, kShort}, {1, 1, kFull}, {1, 2, kShort}}),
              "widows", 1);
}

TEST(TypographyCheck, CountsLooseFootnoteMarks) {
  // 「ウェルビーイング␣¹␣経営」: a quarter em on each side of the mark.
  TempDir dir;
  DrawnLine term{0, 0, "ウェルビーイング", {{7, 0.25}}};
  DrawnLine mark{0, 0, "1", {{0, 0.5}}, false, 5.25, 4, true};  // half an em of its own size
  DrawnLine rest{0, 0, "経営を推進します。", {}, false, 10.5, 0, true};
  expect_only(draw(dir, {term, mark, rest, {0, 1, kShort}}), "loose-marks", 2);
  TempDir dir2;
  term.extra.clear();
  mark.extra.clear();
  expect_only(draw(dir2, {term, mark, rest, {0, 1, kShort}}), "loose-marks", 0);
}

TEST(TypographyCheck, CountsAShortLeader) {
  TempDir dir;
  expect_only(draw(dir, {{0, 0, "行政改革大綱第2期実施計画（案）について・・資料2"}}), "short-leaders", 1);
}

// The bundled packet and test packets, as shiryo sets them.
class SetByShiryo : public ::testing::Test {
 protected:
  static Figures build_and_check(const std::string& xml) {
    TempDir dir;
    const std::string pdf = (dir / "p.pdf").string();
    const RunResult r = shiryo("build " + quote(xml) + " -o " + quote(pdf));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return check(pdf);
  }
};

TEST_F(SetByShiryo, BundledPacket) {
  Figures f = build_and_check(source_path("input/atsugi-r5-2.xml"));
  EXPECT_GT(f["pages"], 50);
  EXPECT_EQ(f["after-punctuation>0.2em"], 0);
  EXPECT_EQ(f["stretched-mostly-after-punctuation"], 0);
  EXPECT_EQ(f["split-units"], 0);
  EXPECT_EQ(f["runts"], 0);
  EXPECT_EQ(f["uneven-lines"], 0);
  EXPECT_EQ(f["orphans"], 0);
  EXPECT_EQ(f["widows"], 0);
  EXPECT_EQ(f["headings-at-foot"], 0);
}

// Heading chains (a heading, a run-in heading in bold, a list's lead) at
// every height of the page: none is left at a page's foot, and no item of
// two or three lines splits.
TEST_F(SetByShiryo, HeadingsKeepWithWhatFollows) {
  const std::string filler =
      "<p>行政改革の推進に向けて、職員の意識改革と業務の効率化を進めてきました。今後も引き続き、事業の見直しと自主財源の確保に努め、"
      "強い財政基盤の確立に向けた取組を着実に推進します。</p>\n";
  const std::string item =
      "<li>政策検討会を事業検討会に改めるとともに、施策検討会を実施し、その結果に基づいた事業検討会を実施することで、"
      "費用対効果の面などから各事業を見直しました。</li>";
  std::string body;
  for (int i = 0; i < 24; ++i) {
    for (int k = 0; k < i % 4; ++k) body += filler;
    body += "<h3>■ 取組項目ごとの主な成果と課題</h3>\n<p><b>(" + std::to_string(i % 3 + 1) +
            ") 事業見直しの徹底</b></p>\n<p>主な成果</p>\n<ul mark=\"◆\">" + item + item + "</ul>\n";
  }
  TempDir dir;
  const std::string xml = (dir / "keeps.xml").string();
  write_file(xml,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>組版の試験</title>"
             "<held start=\"2024-03-14\"/></meta>\n<document id=\"d\" title=\"組版\">\n" + body + "</document></packet>\n");
  Figures f = build_and_check(xml);
  EXPECT_GT(f["pages"], 5);
  EXPECT_EQ(f["headings-at-foot"], 0);
  EXPECT_EQ(f["orphans"], 0);
  EXPECT_EQ(f["widows"], 0);
}

TEST_F(SetByShiryo, ProseWithTypedUnits) {
  // The packet's sentences with typed numbers and punctuation, set at the
  // body measure many times with different first-line offsets.
  const std::vector<std::string> sentences = {
      "令和5年度は、窓口の予約システムを導入し、実績71,117件の予約を受け付けました。",
      "市外企業への企業誘致活動として、企業訪問を51件実施したほか、立地に関する相談に応じました。",
      "R4年度導入の電子契約について、事務の流れを整理し、令和4年1月に全庁で本稼働しました。",
      "第10次総合計画第2期実施計画の策定に併せて、事業の優先順位を明確にし、予算編成に反映させました。",
      "引き続き同様の研修講座を探すとともに、職員講師を依頼する課等に対し、一部助成を行う仕組みを検討します。",
      "保存文書量はfm（ファイルメーター）を単位とし、1fmはA4サイズの用紙を1メートル積み上げた高さです。",
  };
  std::string body;
  for (int i = 0; i < 18; ++i) {
    std::string lead;
    for (int k = 0; k < i % 7; ++k) lead += "行政";
    body += "<p>" + lead + sentences[static_cast<std::size_t>(i) % sentences.size()] +
            sentences[static_cast<std::size_t>(i + 1) % sentences.size()] + "</p>\n";
  }
  TempDir dir;
  const std::string xml = (dir / "prose.xml").string();
  write_file(xml,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>組版の試験</title>"
             "<held start=\"2024-03-14\"/></meta>\n<document id=\"d\" title=\"組版\">\n" + body + "</document></packet>\n");
  Figures f = build_and_check(xml);
  EXPECT_GT(f["lines"], 40);
  EXPECT_EQ(f["after-punctuation>0.2em"], 0);
  EXPECT_EQ(f["uneven-lines"], 0);
  EXPECT_EQ(f["split-units"], 0);
  EXPECT_EQ(f["runts"], 0);
  EXPECT_EQ(f["orphans"], 0);
  EXPECT_EQ(f["widows"], 0);
}

}  // namespace
}  // namespace shiryo::testing
