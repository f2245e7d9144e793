// Tagged PDF, PDF/UA-1 and PDF/A-3a (docs/pdfa.md, "Tagged PDF"), read back
// through independent readers: tools/tagged_check.cpp (PoDoFo: the
// Matterhorn Protocol's machine-checkable conditions, and the tree's text),
// `pdftotext -raw` (the text in content order), `pdfinfo -struct-text`
// (poppler's reading of the structure) and qpdf.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../tools/long_table.h"
#include "figure_packets.h"
#include "harness.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

struct Check {
  std::map<std::string, long> counts;
  std::map<int, std::string> artifacts, tree;  // per page, from 1
  struct Cell {
    std::string role;
    std::vector<int> pages;
    std::string text;
  };
  std::vector<Cell> cells;
};

Check tagged_check(const std::string& pdf) {
  const RunResult r = run(quote(TAGGED_CHECK_BINARY) + " " + quote(pdf) + " --text");
  EXPECT_EQ(r.status, 0) << r.err;
  Check out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream in(line);
    std::string name;
    in >> name;
    if (name == "artifacts" || name == "tree") {
      int page = 0;
      in >> page;
      std::string rest;
      std::getline(in, rest);
      (name == "tree" ? out.tree : out.artifacts)[page] = rest;
    } else if (name == "cell") {
      Check::Cell c;
      std::string pages;
      in >> c.role >> pages;
      std::istringstream p(pages);
      for (std::string n; std::getline(p, n, ',');)
        if (n != "-") c.pages.push_back(std::stoi(n));
      std::getline(in, c.text);
      c.text = squeeze(c.text);
      out.cells.push_back(std::move(c));
    } else {
      long n = -1;
      in >> n;
      out.counts[name] = n;
    }
  }
  return out;
}

void expect_conforming(const Check& check) {
  ASSERT_EQ(check.counts.size(), 10u);
  for (const auto& [name, n] : check.counts) EXPECT_EQ(n, 0) << name;
}

// pdftotext -raw prints each page's text in content-stream order; shiryo
// draws a page's artifacts first and its content in the tree's order, so
// each page reads as its artifacts, then the tree's text of that page.
void expect_tree_reads_as_pdftotext(const std::string& pdf, const Check& check) {
  const std::string raw = run("pdftotext -raw " + quote(pdf) + " -").out;
  std::vector<std::string> pages;
  std::size_t from = 0;
  for (std::size_t ff; (ff = raw.find('\f', from)) != std::string::npos; from = ff + 1)
    pages.push_back(raw.substr(from, ff - from));
  ASSERT_EQ(pages.size(), check.tree.size());
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const int page = static_cast<int>(p + 1);
    const std::string tree = squeeze(check.tree.at(page));
    EXPECT_FALSE(tree.empty()) << "page " << page << " has no content in the tree";
    EXPECT_EQ(squeeze(pages[p]), squeeze(check.artifacts.at(page)) + tree) << "page " << page;
  }
}

class Tagged : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = (*dir_ / "packet.pdf").string();
    build_ = std::make_unique<RunResult>(shiryo("build " + quote(kPacket) + " --pdfua --pdfa 3a -o " + quote(pdf_)));
    if (build_->status == 0) check_ = std::make_unique<Check>(tagged_check(pdf_));
  }
  static void TearDownTestSuite() {
    check_.reset();
    build_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_EQ(build_->status, 0) << build_->err;
    ASSERT_TRUE(check_);
  }
  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<RunResult> build_;
  static std::unique_ptr<Check> check_;
  static std::string pdf_;
};
std::unique_ptr<TempDir> Tagged::dir_;
std::unique_ptr<RunResult> Tagged::build_;
std::unique_ptr<Check> Tagged::check_;
std::string Tagged::pdf_;

TEST_F(Tagged, BuildsWithoutAWarning) { EXPECT_EQ(build_->err, ""); }

TEST_F(Tagged, EveryCheckedConditionHolds) { expect_conforming(*check_); }

TEST_F(Tagged, TreeReadsAsTheContentWithoutArtifacts) { expect_tree_reads_as_pdftotext(pdf_, *check_); }

TEST_F(Tagged, PageNumbersAndRepeatedHeadersAreArtifacts) {
  // The last page of 資料1 prints its number; the detail tables' pages
  // after the first repeat their header (成果指標) and mark （続き）.
  long pages_with_continued = 0;
  for (const auto& [page, text] : check_->artifacts) {
    if (squeeze(text).find("（続き）") != std::string::npos) ++pages_with_continued;
    EXPECT_EQ(squeeze(check_->tree.at(page)).find("（続き）"), std::string::npos) << "page " << page;
  }
  EXPECT_GT(pages_with_continued, 3);
  // Page numbers (digits) are among the artifacts of most pages.
  std::size_t numbered = 0;
  for (const auto& [page, text] : check_->artifacts)
    if (text.find_first_of("0123456789") != std::string::npos) ++numbered;
  EXPECT_GT(numbered, check_->artifacts.size() / 2);
}

// poppler's -struct-text lays out the whole page once for every marked-content
// item it prints, and each time sets up a colour transform from the PDF/A
// output intent's sRGB profile: over this packet that is two fifths of its
// time (three quarters with a profile of sampled curves, docs/pdfa.md). Its
// text is therefore read
// from the same packet built without an output intent, after checking
// that poppler sees the two structure trees alike.
TEST_F(Tagged, PopplerReadsTheStructure) {
  const std::string plain = (*dir_ / "no-intent.pdf").string();
  const RunResult built = shiryo("build " + quote(kPacket) + " --pdfua --pdfa none -o " + quote(plain));
  ASSERT_EQ(built.status, 0) << built.err;
  const RunResult tree = run("pdfinfo -struct " + quote(pdf_));
  ASSERT_EQ(tree.status, 0) << tree.err;
  EXPECT_EQ(tree.out, run("pdfinfo -struct " + quote(plain)).out);
  const RunResult r = run("pdfinfo -struct-text " + quote(plain));
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string& s = r.out;
  EXPECT_EQ(s.rfind("Document\n", 0), 0u) << s.substr(0, 200);
  // A Sect per document, the agenda and the roster, each opening with its
  // title as H1 (a document's label, 資料1, first in it); a part's Sect
  // inside its document's, opening with a heading below H1.
  std::size_t sects = 0, titled = 0;
  for (std::size_t at = 0; (at = s.find("\n  Sect\n", at)) != std::string::npos; ++at) {
    ++sects;
    if (s.compare(at + 8, 14, "    H1 (block)") == 0) ++titled;
  }
  EXPECT_GE(sects, 5u);
  EXPECT_EQ(titled, sects);
  // The label and the title are one heading: "資料1", then the title, in one H1.
  EXPECT_NE(s.find("\n    H1 (block)\n      \"資料1第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）について\"\n"),
            std::string::npos);
  // A plan sheet's band is its table's Caption, its parts tables of their own
  // inside its cells, 年次計画 the Caption of its table, a step spanning years a TD with its /ColSpan.
  const std::size_t sheet = s.find("      Table (block)\n        Caption\n          \"Ⅰ　強くしなやかな組織をつくる(1)　職員の能力向上\"");
  ASSERT_NE(sheet, std::string::npos);
  const std::size_t schedule = s.find("              Table (block)\n                Caption\n                  \"年次計画\"\n                THead", sheet);
  ASSERT_NE(schedule, std::string::npos) << s.substr(sheet, 3000);
  EXPECT_NE(s.find("                    TD:\n                       /ColSpan 3\n                      \"職員の支援\"", schedule),
            std::string::npos);
  std::size_t parts = 0;
  for (std::size_t at = 0; (at = s.find("\n    Sect\n      H", at)) != std::string::npos; ++at) {
    ++parts;
    EXPECT_NE(s.compare(at + 19, 2, "H1"), 0) << s.substr(at, 80);
  }
  EXPECT_GE(parts, 3u);
  EXPECT_NE(s.find("\"令和5年度第2回厚木市行政改革調査委員会　次第\""), std::string::npos);
  for (const char* role : {"Table (block)", "THead", "TBody", "TR", "TH:", "/Scope /Column", "/Scope /Row", "TD",
                           "L (block)", "LI (block)", "Lbl (block)", "LBody (block)", "Link (inline)", "Figure",
                           "/RowSpan"}) {
    EXPECT_NE(s.find(role), std::string::npos) << role;
  }
  // The agenda's items read mark, text, then their document's link.
  const std::size_t item = s.find("\"(1)　\"");
  ASSERT_NE(item, std::string::npos);
  const std::size_t text = s.find("第7次厚木市行政改革大綱令和5年度取組結果（見込み）について", item);
  const std::size_t link = s.find("\"資料1\"", item);
  EXPECT_LT(text, link);
}

// The cells that head a row (分類, 計画名, an indicator's name, a goal, 合計)
// are TH with /Scope /Row, so that each of its cells is read with them.
TEST_F(Tagged, RowHeadersHaveRowScope) {
  std::map<std::string, std::size_t> roles;
  std::vector<std::string> row_heads;
  for (const auto& c : check_->cells) {
    ++roles[c.role];
    if (c.role == "TH:Row") row_heads.push_back(c.text);
  }
  EXPECT_EQ(roles.size(), 3u);  // TD, TH:Column and TH:Row only
  EXPECT_GE(roles["TH:Row"], 100u);
  for (const char* head : {"合計", "強くしなやかな組織をつくる", "今後の対応策",
                           "職員アンケート「職務遂行能力が向上していると感じている」と回答した割合"}) {
    EXPECT_NE(std::find(row_heads.begin(), row_heads.end(), head), row_heads.end()) << head;
  }
}

TEST_F(Tagged, CatalogAndMetadataDeclareIt) {
  const RunResult cat = run("qpdf --qdf --object-streams=disable " + quote(pdf_) + " -");
  ASSERT_EQ(cat.status, 0) << cat.err;
  for (const char* key : {"/StructTreeRoot ", "/MarkInfo <<", "/Marked true", "/ParentTree ", "/StructParents ",
                          "/Tabs /S", "/DisplayDocTitle true", "/Lang (ja-JP)", "/StructParent "}) {
    EXPECT_NE(cat.out.find(key), std::string::npos) << key;
  }
  const RunResult check = run("qpdf --check " + quote(pdf_));
  EXPECT_EQ(check.status, 0) << check.out << check.err;
  const RunResult meta = run("pdfinfo -meta " + quote(pdf_));
  EXPECT_NE(meta.out.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
  EXPECT_NE(meta.out.find("<pdfaid:conformance>A</pdfaid:conformance>"), std::string::npos);
  EXPECT_NE(meta.out.find("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"), std::string::npos);
  // 3a carries the same sources as 3u.
  const RunResult files = run("pdfdetach -list " + quote(pdf_));
  EXPECT_NE(files.out.find("atsugi-r5-2.xml"), std::string::npos) << files.out;
}

TEST_F(Tagged, RebuildGivesTheSameBytes) {
  // The manifest records the level and --pdfua, so the rebuild is tagged alike.
  const std::string out = (*dir_ / "rebuilt.pdf").string();
  const RunResult r = shiryo("rebuild " + quote(pdf_) + " -o " + quote(out));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(read_file(out) == read_file(pdf_));
}

TEST(TaggedBuild, SameBytesInAnyTimeZone) {
  TempDir dir;
  const std::string a = (dir / "a.pdf").string(), b = (dir / "b.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " --pdfua -o " + quote(a), "TZ=UTC").status, 0);
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " --pdfua -o " + quote(b), "TZ=Asia/Tokyo").status, 0);
  EXPECT_TRUE(read_file(a) == read_file(b));
  EXPECT_NE(read_file(a).find("/StructTreeRoot"), std::string::npos);
}

TEST(TaggedBuild, UntaggedUnlessAsked) {
  TempDir dir;
  const std::string pdf = (dir / "p.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(pdf)).status, 0);
  EXPECT_NE(run("pdfinfo " + quote(pdf)).out.find("Tagged:          no"), std::string::npos);
}

// A footnote is a Note with an /ID (PDF/UA 7.9), in the /IDTree, and a
// /Ref to the paragraph its mark is in; poppler reads it with its text.
TEST(TaggedBuild, AFootnoteIsANoteWithItsIdAndReference) {
  TempDir dir;
  std::string xml = read_file(source_path("starter/packet.xml"));
  const std::string at = "<p>令和7年度は、";
  const std::size_t p = xml.find(at);
  ASSERT_NE(p, std::string::npos);
  xml.replace(p, at.size(), "<p>令和7年度は<fn>研修計画による。</fn>、");
  write_file(dir / "p.xml", xml);
  const std::string pdf = (dir / "p.pdf").string();
  const RunResult built =
      shiryo("build " + quote((dir / "p.xml").string()) + " --pdfua --pdfa none -o " + quote(pdf));
  ASSERT_EQ(built.status, 0) << built.err;
  expect_conforming(tagged_check(pdf));
  const std::string qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -").out;
  const std::size_t note = qdf.find("/S /Note");
  ASSERT_NE(note, std::string::npos);
  const std::size_t object = qdf.rfind(" obj", note);
  const std::string dict = qdf.substr(object, note - object);
  EXPECT_NE(dict.find("/ID (note-"), std::string::npos) << dict;
  EXPECT_NE(dict.find("/Ref ["), std::string::npos) << dict;
  EXPECT_NE(qdf.find("/IDTree"), std::string::npos);
  const std::string structure = run("pdfinfo -struct-text " + quote(pdf)).out;
  const std::size_t shown = structure.find("Note <note-");
  ASSERT_NE(shown, std::string::npos) << structure;
  EXPECT_NE(structure.find("研修計画による。", shown), std::string::npos);
}

// A <fn> in a table cell or in a <box> is a footnote as in prose: its mark
// in the cell's text, numbered on through the document, the note at the
// foot of the mark's page a Note with its /ID and a /Ref; the tree reads
// as the pages do.
TEST(TaggedBuild, AFootnoteInACellOrAFrameIsANoteOnItsPage) {
  TempDir dir;
  write_file(dir / "p.xml", packet("<table><tr><th>項目</th><td>表の本文<fn>表の注の本文。</fn></td></tr></table>"
                                   "<box><p>枠の本文<fn>枠の注の本文。</fn></p></box>"));
  const std::string pdf = (dir / "p.pdf").string();
  const RunResult built =
      shiryo("build " + quote((dir / "p.xml").string()) + " --pdfua --pdfa none --date 2024-03-14 -o " + quote(pdf));
  ASSERT_EQ(built.status, 0) << built.err;
  const std::string page = page_text(pdf, 1);
  for (const char* text : {"表の本文1", "1表の注の本文。", "枠の本文2", "2枠の注の本文。"}) {
    const std::size_t at = page.find(text);
    EXPECT_NE(at, std::string::npos) << text << "\n" << page;
    EXPECT_EQ(page.find(text, at + 1), std::string::npos) << text;
  }
  EXPECT_EQ(page.find("（表の注"), std::string::npos);
  const Check check = tagged_check(pdf);
  expect_conforming(check);
  expect_tree_reads_as_pdftotext(pdf, check);
  const std::string qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -").out;
  std::size_t notes = 0;
  for (std::size_t at = 0; (at = qdf.find("/S /Note", at)) != std::string::npos; ++at) {
    ++notes;
    const std::size_t object = qdf.rfind(" obj", at);
    const std::string dict = qdf.substr(object, at - object);
    EXPECT_NE(dict.find("/ID (note-"), std::string::npos) << dict;
    EXPECT_NE(dict.find("/Ref ["), std::string::npos) << dict;
  }
  EXPECT_EQ(notes, 2u);
  const std::string structure = run("pdfinfo -struct-text " + quote(pdf)).out;
  for (const char* text : {"表の注の本文。", "枠の注の本文。"}) {
    const std::size_t note = structure.find(text);
    ASSERT_NE(note, std::string::npos) << structure;
    EXPECT_NE(structure.rfind("Note <note-", note), std::string::npos) << structure;
  }
}

// A figure in a table cell and one in a <box> (a frame of one cell) are
// each a Figure with its /Alt (the alt attribute, else the caption's text)
// inside their cell, the caption a Caption inside the Figure, and the
// frame's paragraphs before and after it P elements in reading order.
TEST(TaggedFigures, FiguresInCellsAndFramesAreFiguresWithAlt) {
  TempDir dir;
  ASSERT_EQ(run(tool("make_figures.py") + " " + quote(dir.path().string())).status, 0);
  write_file(dir / "p.xml",
             packet("<p>前の段落です。</p>"
                    "<box><p>枠の中の図です。</p><figure src=\"rgb.png\" width=\"40mm\"><caption>図2 枠の図</caption>"
                    "</figure><p>図の後の段落です。</p></box>"
                    "<table><tr><th>写真</th><td><figure src=\"rgb.png\" width=\"80%\" alt=\"四色の四角形\">"
                    "<caption>図A</caption></figure></td></tr></table>"));
  const std::string pdf = (dir / "p.pdf").string();
  const RunResult built =
      shiryo("build " + quote((dir / "p.xml").string()) + " --pdfua --pdfa none --date 2024-03-14 -o " + quote(pdf));
  ASSERT_EQ(built.status, 0) << built.err;
  const Check check = tagged_check(pdf);
  expect_conforming(check);
  expect_tree_reads_as_pdftotext(pdf, check);

  // qpdf's JSON: two Figure elements, each with its /Alt.
  const RunResult json = run("qpdf --json=2 --json-key=qpdf " + quote(pdf));
  ASSERT_EQ(json.status, 0) << json.err;
  std::size_t figures = 0;
  for (std::size_t at = 0; (at = json.out.find("\"/S\": \"/Figure\"", at)) != std::string::npos; ++at) ++figures;
  EXPECT_EQ(figures, 2u);
  EXPECT_NE(json.out.find("\"/Alt\": \"u:四色の四角形\""), std::string::npos);
  EXPECT_NE(json.out.find("\"/Alt\": \"u:図2 枠の図\""), std::string::npos);

  // poppler: the frame's cell reads paragraph, figure with its caption, paragraph.
  const std::string s = run("pdfinfo -struct-text " + quote(pdf)).out;
  const std::size_t before = s.find("枠の中の図です。");
  const std::size_t figure = s.find("Figure", before);
  const std::size_t caption = s.find("Caption", figure);
  const std::size_t caption_text = s.find("図2 枠の図", caption);
  const std::size_t after = s.find("図の後の段落です。", caption_text);
  EXPECT_NE(before, std::string::npos) << s;
  EXPECT_NE(after, std::string::npos) << s;
  EXPECT_LT(s.rfind("TD", before), before);
  // The table's figure is inside its TD, after the row's TH.
  const std::size_t head = s.find("\"写真\"");
  ASSERT_NE(head, std::string::npos) << s;
  const std::size_t td = s.find("TD", head);
  EXPECT_LT(td, s.find("Figure", head));
  EXPECT_NE(s.find("図A", s.find("Caption", td)), std::string::npos) << s;
}

// A long table whose rows split over pages is one Table: its body cells
// come in the tree row by row, each split cell once and whole (its parts on
// every page one TD), the repeated headers and （続き） labels left out.
TEST(TaggedTables, SplitRowsReadRowByRowAndEachCellOnce) {
  TempDir dir;
  const LongTablePacket packet = make_long_table_packet(1, 1, 30);
  write_file(dir / "p.xml", packet.xml);
  const std::string pdf = (dir / "p.pdf").string();
  // No output intent: poppler reads the structure's text nine times faster
  // without one (see PopplerReadsTheStructure), and the level changes no tag.
  const RunResult built =
      shiryo("build " + quote((dir / "p.xml").string()) + " --pdfua --pdfa none -o " + quote(pdf));
  ASSERT_EQ(built.status, 0) << built.err;
  const Check check = tagged_check(pdf);
  expect_conforming(check);
  expect_tree_reads_as_pdftotext(pdf, check);

  std::vector<const Check::Cell*> body;
  std::size_t header = 0;
  for (const auto& c : check.cells) {
    if (c.role == "TH:Column") ++header;
    else body.push_back(&c);
  }
  EXPECT_EQ(header, 24u);  // the two header rows once, not once per page
  const auto& expected = packet.tables.at(0).cells;
  ASSERT_EQ(body.size(), expected.size());
  std::size_t over_three = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(body[i]->text, squeeze(expected[i].text)) << "row " << expected[i].row << ", column " << expected[i].column;
    if (body[i]->pages.size() >= 3) ++over_three;
  }
  // Some rows run over three pages or more: their cells are read whole.
  EXPECT_GE(over_three, 1u);
  // A row split across three pages reads its cells left to right, each whole.
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (body[i]->pages.size() < 3) continue;
    std::string row, tree_row;
    for (std::size_t j = 0; j < expected.size(); ++j) {
      if (expected[j].row != expected[i].row) continue;
      row += squeeze(expected[j].text);
      tree_row += body[j]->text;
    }
    EXPECT_EQ(tree_row, row);
    break;
  }
  const std::string structure = run("pdfinfo -struct-text " + quote(pdf)).out;
  EXPECT_EQ(squeeze(structure).find("（続き）"), std::string::npos);
  std::size_t tables = 0;
  for (std::size_t at = 0; (at = structure.find("Table (block)", at)) != std::string::npos; ++at) ++tables;
  EXPECT_EQ(tables, 1u);
}

}  // namespace
}  // namespace shiryo::testing
