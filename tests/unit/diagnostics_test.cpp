// diag/: source positions and compiler-style diagnostics (cli.md,
// "Diagnostics").
#include "diag/diagnostics.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "diag/source_file.h"

namespace {

using shiryo::diag::Diagnostic;
using shiryo::diag::Diagnostics;
using shiryo::diag::find_invalid_utf8;
using shiryo::diag::Severity;
using shiryo::diag::SourceFile;

std::shared_ptr<const SourceFile> file(std::string path, std::string text) {
  return std::make_shared<const SourceFile>(std::move(path), std::move(text));
}

std::size_t offset_of(const SourceFile& f, const std::string& needle) {
  const auto at = f.text().find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return at;
}

Diagnostic error_at(std::shared_ptr<const SourceFile> f, std::size_t offset, std::string message) {
  Diagnostic d;
  d.severity = Severity::error;
  d.file = std::move(f);
  d.offset = offset;
  d.message = std::move(message);
  return d;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// ---- SourceFile ----

TEST(SourceFile, LocateCountsLinesAndCodePoints) {
  const auto f = file("a.xml", "<a>\n  <b>日本語x</b>\n</a>\n");
  const auto b = f->locate(offset_of(*f, "<b>"));
  EXPECT_EQ(b.line, 2u);
  EXPECT_EQ(b.column, 3u);
  // x follows three characters of three bytes each.
  const auto x = f->locate(offset_of(*f, "x"));
  EXPECT_EQ(x.line, 2u);
  EXPECT_EQ(x.column, 9u);
  const auto start = f->locate(0);
  EXPECT_EQ(start.line, 1u);
  EXPECT_EQ(start.column, 1u);
  const auto last = f->locate(offset_of(*f, "</a>"));
  EXPECT_EQ(last.line, 3u);
  EXPECT_EQ(last.column, 1u);
}

TEST(SourceFile, LineAtDropsTheTerminator) {
  const auto f = file("a.xml", "one\r\ntwo\nthree");
  EXPECT_EQ(f->line_at(1), "one");
  EXPECT_EQ(f->line_at(offset_of(*f, "two") + 2), "two");
  EXPECT_EQ(f->line_at(offset_of(*f, "three")), "three");
  EXPECT_EQ(f->line_start(offset_of(*f, "wo")), offset_of(*f, "two"));
}

// ---- format ----

TEST(Format, ExactText) {
  const auto f = file("input/r5-2.xml", "<a>\n  <b x=\"1\"/>\n</a>\n");
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "x="), "unknown attribute"));
  EXPECT_EQ(out,
            "input/r5-2.xml:2:6: error: unknown attribute\n"
            "  2 |   <b x=\"1\"/>\n"
            "    |      ^\n");
}

TEST(Format, ALongLineIsAWindowAroundTheColumn) {
  // A 1,600-character line, the error at its 1,000th code point.
  std::string row;
  for (int i = 0; i < 1600; ++i) row += static_cast<char>('a' + i % 26);
  row.replace(999, 3, "BAD");
  const auto f = file("p.xml", "<t>\n" + row + "\n</t>\n");
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "BAD"), "m"));
  // Forty code points before the column, a hundred in all, elided on both sides.
  EXPECT_EQ(out, "p.xml:2:1000: error: m\n"
                 "  2 | ..." + row.substr(959, 100) + "...\n"
                 "    | " + std::string(3 + 40, ' ') + "^\n");
}

TEST(Format, ALongLineKeepsTheCaretUnderAWideCharacter) {
  std::string row = "<p>" + std::string(20, 'x');
  for (int i = 0; i < 200; ++i) row += "\xE3\x81\x82";  // あ, two cells each
  const auto f = file("p.xml", row + "BAD</p>\n");
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "BAD"), "m"));
  // The window ends at the line's end: its last hundred code points, cut on the left only.
  const std::size_t bad = 3 + 20 + 200;
  const std::size_t total = bad + 3 + 4;
  const std::size_t first = total - 100;
  EXPECT_NE(out.find("  1 | ...あ"), std::string::npos) << out;
  EXPECT_NE(out.find("BAD</p>\n    | "), std::string::npos) << out;  // no elision at the end
  // Before BAD in the window: the あ from `first` on, two cells each.
  EXPECT_NE(out.find("\n    | " + std::string(3 + 2 * (bad - first), ' ') + "^\n"), std::string::npos) << out;
}

TEST(Print, AlikeWarningsAreOneWithACount) {
  std::string text;
  for (int i = 0; i < 9; ++i) text += "<td>https://example.org/long</td>\n";
  const auto f = file("p.xml", text);
  Diagnostics diags;
  std::size_t at = 0;
  for (int i = 0; i < 9; ++i) {
    diags.warning(f, at + 4, "too wide");
    at = text.find('\n', at) + 1;
  }
  diags.warning(f, 4, "another cause");
  std::ostringstream out;
  diags.print(out);
  EXPECT_EQ(out.str(),
            "p.xml:1:5: warning: too wide\n"
            "  1 | <td>https://example.org/long</td>\n"
            "    |     ^\n"
            "shiryo: note: the same 8 more times, on lines 2, 3, 4, 5, 6 and 3 more\n"
            "p.xml:1:5: warning: another cause\n"
            "  1 | <td>https://example.org/long</td>\n"
            "    |     ^\n");
}

TEST(Format, GutterWidensWithTheLineNumber) {
  std::string text;
  for (int i = 1; i <= 11; ++i) text += "<x/>\n";
  text += "<y v=\"bad\"/>\n";
  const auto f = file("p.xml", text);
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "bad"), "bad value"));
  EXPECT_EQ(out,
            "p.xml:12:7: error: bad value\n"
            "  12 | <y v=\"bad\"/>\n"
            "     |       ^\n");
}

TEST(Format, ColumnCountsCodePointsAndCaretPadsWideCharacters) {
  // 令 和 年 度 are Wide (2 cells each), 6 is Narrow (1 cell).
  const auto f = file("p.xml", "<p>\n  <title>令和6年度</title>\n</p>\n");
  const std::size_t at = offset_of(*f, "</title>");
  const std::string out = shiryo::diag::format(error_at(f, at, "m"));
  // 2 spaces + "<title>" + 5 characters before "</title>": column 15.
  const std::string pad(2 + 7 + 2 + 2 + 1 + 2 + 2, ' ');
  EXPECT_EQ(out,
            "p.xml:2:15: error: m\n"
            "  2 |   <title>令和6年度</title>\n"
            "    | " + pad + "^\n");
}

TEST(Format, FullwidthPadsTwoHalfwidthOne) {
  // Ａ U+FF21 is Fullwidth (2 cells); ｱ U+FF71 is Halfwidth (1 cell).
  const auto f = file("p.xml", "ＡｱX");
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "X"), "m"));
  EXPECT_EQ(out,
            "p.xml:1:3: error: m\n"
            "  1 | ＡｱX\n"
            "    |    ^\n");
}

TEST(Format, TabsAreCopiedIntoTheCaretLine) {
  const auto f = file("p.xml", "<a>\n\t<b>\t日本x</b>\n</a>");
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "x"), "m"));
  // Before x: tab, "<b>", tab, 日 本 → column 8.
  EXPECT_EQ(out,
            "p.xml:2:8: error: m\n"
            "  2 | \t<b>\t日本x</b>\n"
            "    | \t   \t    ^\n");
}

TEST(Format, CaretAtLineStart) {
  const auto f = file("p.xml", "<a>\n<zz/>\n</a>");
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "<zz"), "unknown element <zz>"));
  EXPECT_EQ(out,
            "p.xml:2:1: error: unknown element <zz>\n"
            "  2 | <zz/>\n"
            "    | ^\n");
}

TEST(Format, CarriageReturnIsNotPartOfTheLine) {
  const auto f = file("p.xml", "<a>\r\n  <b/>\r\n</a>\r\n");
  const std::string out = shiryo::diag::format(error_at(f, offset_of(*f, "<b/>"), "m"));
  EXPECT_EQ(out,
            "p.xml:2:3: error: m\n"
            "  2 |   <b/>\n"
            "    |   ^\n");
}

TEST(Format, WarningAndNoteSeverities) {
  const auto f = file("p.xml", "abc");
  Diagnostic w = error_at(f, 1, "narrow");
  w.severity = Severity::warning;
  EXPECT_EQ(lines_of(shiryo::diag::format(w))[0], "p.xml:1:2: warning: narrow");
  EXPECT_EQ(lines_of(shiryo::diag::format(w, true))[0], "p.xml:1:2: error: narrow");
  Diagnostic n = error_at(f, 2, "here");
  n.severity = Severity::note;
  EXPECT_EQ(lines_of(shiryo::diag::format(n))[0], "p.xml:1:3: note: here");
  // -W error changes warnings only.
  EXPECT_EQ(lines_of(shiryo::diag::format(n, true))[0], "p.xml:1:3: note: here");
}

// ---- Diagnostics ----

TEST(Diagnostics, PrintOrdersByOffsetWithinAFile) {
  const auto f = file("p.xml", "aaaa\nbbbb\ncccc\ndddd\n");
  Diagnostics diags;
  diags.error(f, offset_of(*f, "cccc"), "third");
  diags.error(f, offset_of(*f, "aaaa"), "first");
  diags.error(f, offset_of(*f, "bbbb") + 2, "second");
  std::ostringstream out;
  diags.print(out);
  const std::string text = out.str();
  const auto first = text.find("p.xml:1:1: error: first");
  const auto second = text.find("p.xml:2:3: error: second");
  const auto third = text.find("p.xml:3:1: error: third");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  ASSERT_NE(third, std::string::npos) << text;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_EQ(lines_of(text).size(), 9u);
}

TEST(Diagnostics, FilesInTheOrderFirstSeen) {
  const auto a = file("a.xml", "0123456789");
  const auto b = file("b.xml", "0123456789");
  Diagnostics diags;
  diags.error(b, 8, "b-late");
  diags.error(a, 1, "a-early");
  diags.error(b, 2, "b-early");
  std::ostringstream out;
  diags.print(out);
  const std::string text = out.str();
  const auto b_early = text.find("b.xml:1:3: error: b-early");
  const auto b_late = text.find("b.xml:1:9: error: b-late");
  const auto a_early = text.find("a.xml:1:2: error: a-early");
  ASSERT_NE(b_early, std::string::npos) << text;
  ASSERT_NE(b_late, std::string::npos) << text;
  ASSERT_NE(a_early, std::string::npos) << text;
  EXPECT_LT(b_early, b_late);
  EXPECT_LT(b_late, a_early);
}

TEST(Diagnostics, StopsAfterFiftyErrors) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "<e/>\n";
  const auto f = file("p.xml", text);
  Diagnostics diags;
  for (std::size_t i = 0; i < 60; ++i) diags.error(f, i * 5, "error number " + std::to_string(i + 1));
  EXPECT_EQ(diags.items().size(), 60u);  // all kept; only printing stops
  std::ostringstream out;
  diags.print(out);
  const std::string printed = out.str();
  EXPECT_EQ(count(printed, ": error: error number "), Diagnostics::kMaxErrors);
  EXPECT_NE(printed.find("p.xml:50:1: error: error number 50\n"), std::string::npos);
  EXPECT_EQ(printed.find("error number 51"), std::string::npos);
  const auto lines = lines_of(printed);
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("too many errors; stopping"), std::string::npos) << lines.back();
  EXPECT_EQ(count(printed, "too many errors; stopping"), 1u);
}

TEST(Diagnostics, FiftyErrorsExactlyDoNotStop) {
  const auto f = file("p.xml", std::string(100, 'x'));
  Diagnostics diags;
  for (std::size_t i = 0; i < 50; ++i) diags.error(f, i, "e");
  std::ostringstream out;
  diags.print(out);
  EXPECT_EQ(out.str().find("too many errors"), std::string::npos);
  EXPECT_EQ(count(out.str(), ": error: e\n"), 50u);
}

TEST(Diagnostics, WarningsAloneAreNotErrors) {
  const auto f = file("p.xml", "abc\n");
  Diagnostics diags;
  EXPECT_TRUE(diags.empty());
  diags.warning(f, 1, "column too narrow");
  EXPECT_FALSE(diags.empty());
  EXPECT_FALSE(diags.has_errors());
  std::ostringstream out;
  diags.print(out);
  EXPECT_EQ(lines_of(out.str())[0], "p.xml:1:2: warning: column too narrow");
}

TEST(Diagnostics, WarningsAreErrorsUnderWError) {
  const auto f = file("p.xml", "abc\n");
  Diagnostics diags;
  diags.warning(f, 1, "column too narrow");
  diags.set_warnings_are_errors(true);
  EXPECT_TRUE(diags.has_errors());
  std::ostringstream out;
  diags.print(out);
  EXPECT_EQ(lines_of(out.str())[0], "p.xml:1:2: error: column too narrow");
  EXPECT_EQ(out.str().find("warning"), std::string::npos);
}

TEST(Diagnostics, ErrorsMakeHasErrors) {
  const auto f = file("p.xml", "abc\n");
  Diagnostics diags;
  EXPECT_FALSE(diags.has_errors());
  diags.error(f, 0, "bad");
  EXPECT_TRUE(diags.has_errors());
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].severity, Severity::error);
  EXPECT_EQ(diags.items()[0].offset, 0u);
  EXPECT_EQ(diags.items()[0].message, "bad");
}

TEST(Diagnostics, NotesFollowTheirDiagnostic) {
  const auto f = file("p.xml", "line one\nline two\nline three\nline four\n");
  Diagnostics diags;
  diags.error(f, offset_of(*f, "line four"), "count differs");
  // The note points earlier in the file than both errors; it still prints
  // right after the diagnostic it belongs to.
  diags.note(f, offset_of(*f, "line one"), "this indicator");
  diags.error(f, offset_of(*f, "line two"), "other");
  ASSERT_EQ(diags.items().size(), 2u);
  ASSERT_EQ(diags.items()[0].notes.size(), 1u);
  std::ostringstream out;
  diags.print(out);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 9u) << out.str();
  EXPECT_EQ(lines[0], "p.xml:2:1: error: other");
  EXPECT_EQ(lines[3], "p.xml:4:1: error: count differs");
  EXPECT_EQ(lines[6], "p.xml:1:1: note: this indicator");
  EXPECT_EQ(lines[7], "  1 | line one");
}

TEST(Diagnostics, NotesDoNotCountAsErrors) {
  const auto f = file("p.xml", "abc\n");
  Diagnostics diags;
  diags.warning(f, 0, "w");
  diags.note(f, 1, "n");
  EXPECT_FALSE(diags.has_errors());
}

TEST(Diagnostics, ErrorWithoutPosition) {
  Diagnostics diags;
  diags.error_without_position("font BIZUDMincho-Regular not found");
  EXPECT_TRUE(diags.has_errors());
  std::ostringstream out;
  diags.print(out);
  EXPECT_NE(out.str().find("error: font BIZUDMincho-Regular not found"), std::string::npos);
  EXPECT_EQ(out.str().find('^'), std::string::npos);  // no caret without a source line
}

// ---- find_invalid_utf8 ----

TEST(FindInvalidUtf8, ValidTextIsNpos) {
  EXPECT_EQ(find_invalid_utf8(""), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("plain ASCII <a/>"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("令和6年度　第2回「行政改革」（案）"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("\xC2\x80\xDF\xBF"), std::string_view::npos);       // U+0080, U+07FF
  EXPECT_EQ(find_invalid_utf8("\xEF\xBF\xBF"), std::string_view::npos);           // U+FFFF
  EXPECT_EQ(find_invalid_utf8("😀 \xF4\x8F\xBF\xBF"), std::string_view::npos);    // U+10FFFF
}

TEST(FindInvalidUtf8, OverlongTwoByteNul) {
  EXPECT_EQ(find_invalid_utf8("ab\xC0\x80"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xC1\xBF"), 0u);
}

TEST(FindInvalidUtf8, OverlongThreeAndFourByte) {
  EXPECT_EQ(find_invalid_utf8("x\xE0\x80\xAF"), 1u);      // '/' in three bytes
  EXPECT_EQ(find_invalid_utf8("xy\xF0\x8F\xBF\xBF"), 2u);  // U+FFFF in four bytes
}

TEST(FindInvalidUtf8, Surrogate) {
  EXPECT_EQ(find_invalid_utf8("日\xED\xA0\x80"), 3u);  // U+D800
  EXPECT_EQ(find_invalid_utf8("\xED\xBF\xBF"), 0u);     // U+DFFF
  EXPECT_EQ(find_invalid_utf8("\xED\x9F\xBF"), std::string_view::npos);  // U+D7FF is fine
}

TEST(FindInvalidUtf8, BeyondUnicode) {
  EXPECT_EQ(find_invalid_utf8("a\xF4\x90\x80\x80"), 1u);  // U+110000
  EXPECT_EQ(find_invalid_utf8("a\xF5\x80\x80\x80"), 1u);
  EXPECT_EQ(find_invalid_utf8("a\xFF"), 1u);
}

TEST(FindInvalidUtf8, TruncatedSequence) {
  EXPECT_EQ(find_invalid_utf8("日本\xE6\x97"), 6u);   // at the end of the text
  EXPECT_EQ(find_invalid_utf8("日\xE6\x97本"), 3u);   // a new lead byte where a continuation belongs
  EXPECT_EQ(find_invalid_utf8("\xE6\x97<"), 0u);
}

TEST(FindInvalidUtf8, LoneContinuationByte) {
  EXPECT_EQ(find_invalid_utf8("abc\x80"), 3u);
  EXPECT_EQ(find_invalid_utf8("日\xBF本"), 3u);
}

}  // namespace
