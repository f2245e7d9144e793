// The composer on the bundled packet, read back with pdftotext: no line
// starts or ends against the break table, and every sentence of the
// documents' prose is printed exactly as often as the packet has it.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>
#include <set>

#include "harness.h"
#include "page_words.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

// japanese-typesetting.md, the break table, rows 1 and 2.
const std::set<std::string> kNeverStart = {
    "）", "」", "』", "】", "〕", "〉", "》", "］", "｝", "、", "。", "，", "．", "・", "：", "；", "？", "！",
    "ー", "ゝ", "ゞ", "ヽ", "ヾ", "々", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ァ", "ィ",
    "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ"};
const std::set<std::string> kNeverEnd = {"（", "「", "『", "【", "〔", "〈", "《", "［", "｛"};

std::string first_char(const std::string& s) {
  if (s.empty()) return s;
  const unsigned char c = static_cast<unsigned char>(s[0]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return s.substr(0, n);
}

std::string last_char(const std::string& s) {
  std::size_t i = s.size();
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
  return i > 0 ? s.substr(i - 1) : s;
}

class BuiltPacket : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = (*dir_ / "p.pdf").string();
    status_ = shiryo("build " + quote(kPacket) + " -o " + quote(pdf_)).status;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::unique_ptr<TempDir> dir_;
  static std::string pdf_;
  static int status_;
};
std::unique_ptr<TempDir> BuiltPacket::dir_;
std::string BuiltPacket::pdf_;
int BuiltPacket::status_ = -1;

TEST_F(BuiltPacket, NoLineBreaksAgainstTheTable) {
  ASSERT_EQ(status_, 0);
  const RunResult r = run("pdftotext -bbox-layout " + quote(pdf_) + " -");
  ASSERT_EQ(r.status, 0);
  const std::regex line_re(R"(<line[^>]*>([\s\S]*?)</line>)");
  const std::regex word_re(R"(<word[^>]*>([^<]*)</word>)");
  int lines = 0;
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), line_re), end; it != end; ++it) {
    const std::string body = (*it)[1];
    std::string text;
    for (std::sregex_iterator w(body.begin(), body.end(), word_re); w != end; ++w) text += (*w)[1];
    if (text.empty()) continue;
    ++lines;
    // ・ also serves as a list mark that begins its item's first line on
    // purpose; the unit tests show the composer never breaks before it.
    if (first_char(text) == "・") continue;
    EXPECT_EQ(kNeverStart.count(first_char(text)), 0u) << "line starts with " << first_char(text) << ": " << text;
    EXPECT_EQ(kNeverEnd.count(last_char(text)), 0u) << "line ends with " << last_char(text) << ": " << text;
  }
  EXPECT_GT(lines, 300);
}

// Sentences of the documents' prose: the text of <p>, <li>, <note> and
// headings, markup dropped, cut after each 。, of twelve characters or more. Those holding a <tally> are
// left out: the PDF prints the figure, not the element.
std::vector<std::string> sentences(const std::string& xml, const std::string& elements, bool documents_only = true) {
  std::vector<std::string> out;
  const std::string body = documents_only ? xml.substr(xml.find("<document ")) : xml;
  const std::regex block("<(" + elements + R"()(\s[^>]*)?>([\s\S]*?)</\1>)");
  const std::regex tag(R"(<[^>]+>)");
  for (std::sregex_iterator it(body.begin(), body.end(), block), end; it != end; ++it) {
    const std::string inner = (*it)[3];
    if (inner.find("<tally") != std::string::npos) continue;
    std::string text = squeeze(std::regex_replace(inner, tag, ""));
    for (const auto& [entity, ch] : {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}}) {
      for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity)) text.replace(at, std::string(entity).size(), ch);
    }
    std::size_t from = 0;
    while (from < text.size()) {
      std::size_t stop = text.find("。", from);
      stop = stop == std::string::npos ? text.size() : stop + std::string("。").size();
      const std::string sentence = text.substr(from, stop - from);
      // Whole sentences only: a short phrase (主な成果) also stands inside longer ones.
      const bool whole = sentence.size() >= 3 * 12 && sentence.compare(sentence.size() - 3, 3, "。") == 0;
      if (whole) out.push_back(sentence);
      from = stop;
    }
  }
  return out;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

TEST_F(BuiltPacket, EverySentenceOfTheProseAppearsAsOftenAsTheInputHasIt) {
  ASSERT_EQ(status_, 0);
  const std::string xml = read_file(kPacket);
  const auto prose = sentences(xml, "p|li|note|h1|h2|h3");
  ASSERT_GT(prose.size(), 60u);
  // A sentence of the prose may also stand in a table cell; count those too.
  std::map<std::string, std::size_t> expected;
  for (const auto& s : sentences(xml, "p|li|note|h1|h2|h3|td|th")) ++expected[s];
  // Or in a plan item's footnote, printed on its plan sheet.
  for (const auto& s : sentences(xml, "footnote", false)) ++expected[s];
  // A sentence may run over a page break: the page numbers (- 4 -) between
  // its lines are dropped.
  const std::regex page_number(R"(\n\s*- \d+ -\s*\n)");
  const std::string text =
      squeeze(std::regex_replace(run("pdftotext -layout " + quote(pdf_) + " -").out, page_number, "\n"));
  for (const auto& sentence : prose) {
    EXPECT_EQ(occurrences(text, sentence), expected[sentence]) << sentence;
  }
}

// <fn>: a superscript mark in the text, numbered through the document, and
// the note at the foot of the same page.
TEST(Footnotes, NoteAtTheFootOfThePageThatRefersToIt) {
  std::string body;
  for (int i = 0; i < 40; ++i) {
    body += "<p>段落" + std::to_string(i) + "の本文です。行政改革の推進に関する説明が続きます。ここにも文章を補います。</p>\n";
  }
  const std::string packet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>脚注の試験</title>"
      "<held start=\"2024-03-14\"/></meta>\n<document id=\"d\" title=\"脚注\">\n"
      "<p>ウェルビーイング<fn>心身ともに良好な状態にあることを意味する概念です。</fn>経営を推進します。</p>\n" + body +
      "<p>最後の段落にも注<fn>最後の注です。</fn>があります。</p>\n</document></packet>\n";
  TempDir dir;
  write_file(dir / "fn.xml", packet);
  const std::string pdf = (dir / "fn.pdf").string();
  ASSERT_EQ(shiryo("build " + quote((dir / "fn.xml").string()) + " -o " + quote(pdf)).status, 0);
  auto page_text = [&](int page) {
    return run("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + quote(pdf) + " -").out;
  };
  const std::string first = page_text(1);
  const std::string second = page_text(2);
  ASSERT_NE(second.find("最後の段落"), std::string::npos) << "the packet must run over two pages";
  // Each note on the page of its mark, below the body.
  const auto note1 = first.find("1   心身ともに良好な状態");
  ASSERT_NE(note1, std::string::npos) << first;
  EXPECT_GT(note1, first.rfind("ここにも文章を補います"));
  EXPECT_EQ(first.find("最後の注です"), std::string::npos);
  const auto note2 = second.find("2   最後の注です。");
  ASSERT_NE(note2, std::string::npos) << second;
  EXPECT_GT(note2, second.find("最後の段落"));
  EXPECT_EQ(squeeze(first + second).find("（心身"), std::string::npos);  // not printed inline
}

// The page of `pdf` (from 1) whose text holds `text` once, 0 for none; all
// pages' texts in `pages`.
int page_holding(const std::vector<std::string>& pages, const std::string& text) {
  int found = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].find(text) == std::string::npos) continue;
    EXPECT_EQ(found, 0) << text << " on more than one page";
    found = static_cast<int>(i + 1);
  }
  return found;
}

std::vector<std::string> page_texts(const std::string& pdf) {
  std::vector<std::string> out;
  const std::string info = run("pdfinfo " + quote(pdf)).out;
  const std::size_t at = info.find("Pages:");
  const int pages = at == std::string::npos ? 0 : std::stoi(info.substr(at + 6));
  for (int p = 1; p <= pages; ++p) out.push_back(page_text(pdf, p));
  return out;
}

std::string footnote_packet(const std::string& blocks) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>脚注の試験</title>"
         "<held start=\"2024-03-14\"/></meta>\n<document id=\"d\" title=\"脚注\">\n" +
         blocks + "</document></packet>\n";
}

// A <fn> in a table cell is a footnote as in prose: its mark in the cell,
// numbered on from the prose's, the note at the foot of the page the mark's
// line is drawn on, also for a cell split over pages.
TEST(Footnotes, InATableCellOnThePageOfItsMarksLine) {
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "長いセルの本文が続きます。";
  TempDir dir;
  write_file(dir / "fn.xml",
             footnote_packet("<p>前文<fn>本文の注です。</fn>があります。</p>\n"
                             "<table><col width=\"20%\"/><col/><tr><th>項目</th><th>内容</th></tr>\n"
                             "<tr><td>一</td><td>前半の行<fn>表の前半の注です。</fn></td></tr>\n"
                             "<tr><td>長</td><td>" + long_text + "終端語<fn>分かれたセルの注です。</fn></td></tr>\n"
                             "</table>\n<p>後文<fn>表の後の注です。</fn>です。</p>\n"));
  const std::string pdf = (dir / "fn.pdf").string();
  const RunResult built = shiryo("build " + quote((dir / "fn.xml").string()) + " -o " + quote(pdf));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(built.err.find("warning"), std::string::npos) << built.err;
  const std::vector<std::string> pages = page_texts(pdf);
  ASSERT_GE(pages.size(), 2u);
  // The long cell is split: its text on the first page and on a later one.
  EXPECT_NE(pages[0].find("長いセルの本文"), std::string::npos);
  const int end = page_holding(pages, "終端語");
  ASSERT_GE(end, 2) << "the long cell must run onto a second page";
  // Marks and notes, numbered 1 … 4 in document order, each note on its mark's page.
  EXPECT_NE(pages[0].find("前文1があります"), std::string::npos) << pages[0];
  EXPECT_EQ(page_holding(pages, "1本文の注です。"), 1);
  EXPECT_NE(pages[0].find("前半の行2"), std::string::npos) << pages[0];
  EXPECT_EQ(page_holding(pages, "2表の前半の注です。"), 1);
  EXPECT_NE(pages[end - 1].find("終端語3"), std::string::npos) << pages[end - 1];
  EXPECT_EQ(page_holding(pages, "3分かれたセルの注です。"), end);
  const int after = page_holding(pages, "後文4です");
  ASSERT_GE(after, end);
  EXPECT_EQ(page_holding(pages, "4表の後の注です。"), after);
  // None is set inline in parentheses.
  for (const char* note : {"（表の前半", "（分かれた", "（表の後"}) EXPECT_EQ(page_holding(pages, note), 0) << note;
}

// A <fn> in a <box> (a frame) likewise: the note at the foot of the box's page.
TEST(Footnotes, InABoxOnThePageOfItsMark) {
  std::string body;
  for (int i = 0; i < 40; ++i) {
    body += "<p>段落" + std::to_string(i) + "の本文です。行政改革の推進に関する説明が続きます。ここにも文章を補います。</p>\n";
  }
  TempDir dir;
  write_file(dir / "fn.xml", footnote_packet("<p>前文<fn>本文の注です。</fn>があります。</p>\n" + body +
                                             "<box><p>枠の本文<fn>枠の注です。</fn>が続きます。</p></box>\n"));
  const std::string pdf = (dir / "fn.pdf").string();
  const RunResult built = shiryo("build " + quote((dir / "fn.xml").string()) + " -o " + quote(pdf));
  ASSERT_EQ(built.status, 0) << built.err;
  const std::vector<std::string> pages = page_texts(pdf);
  const int box = page_holding(pages, "枠の本文2が続きます");
  ASSERT_GE(box, 2) << "the box must stand on a later page than the first note";
  EXPECT_EQ(page_holding(pages, "1本文の注です。"), 1);
  EXPECT_EQ(page_holding(pages, "2枠の注です。"), box);
  EXPECT_EQ(page_holding(pages, "（枠の注"), 0);
}

// A note's typed mark (※, ※1, ①) hangs: the lines after the first start
// under the text after the mark, a mark's width in from the first line.
TEST(Notes, TypedMarksHangOverTheirLines) {
  const std::string text = "今の職業で必要とされるスキルの大幅な変化に適応するために、必要なスキルを獲得することを"
                           "いい、職員の学び直しを組織として支援する取組を含みます。";
  TempDir dir;
  write_file(dir / "p.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>注の試験</title>"
             "<held start=\"2024-03-14\"/></meta>\n<document id=\"d\" title=\"注\">\n<note>①" + text +
                 "</note>\n<note>※" + text + "</note>\n<note>※1 " + text + "</note>\n</document></packet>\n");
  const RunResult built = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  ASSERT_EQ(built.status, 0) << built.err;
  const auto pages = read_words((dir / "p.pdf").string());
  ASSERT_FALSE(pages.empty());
  std::vector<const Word*> firsts, seconds;
  const std::vector<Word>& words = pages[0].words;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const bool marked = words[i].text.rfind("①", 0) == 0 || words[i].text.rfind("※", 0) == 0;
    if (!marked) continue;
    firsts.push_back(&words[i]);
    // The next word on a lower line.
    for (std::size_t k = i + 1; k < words.size(); ++k) {
      if (words[k].y_min > words[i].y_max - 0.5) {
        seconds.push_back(&words[k]);
        break;
      }
    }
  }
  ASSERT_EQ(firsts.size(), 3u);
  ASSERT_EQ(seconds.size(), 3u);
  const double em = firsts[0]->y_max - firsts[0]->y_min;
  // ① and ※ are an em wide; ※1 and its space an em and a half or more.
  for (std::size_t n = 0; n < 2; ++n) {
    EXPECT_NEAR(seconds[n]->x_min - firsts[n]->x_min, em, 0.25 * em) << firsts[n]->text;
  }
  EXPECT_GT(seconds[2]->x_min - firsts[2]->x_min, 1.3 * em) << firsts[2]->text;
}

}  // namespace
}  // namespace shiryo::testing
