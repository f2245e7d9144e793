// Bad packets: each error at its exact FILE:LINE:COL with the caret, exit
// status 1, and a previous PDF at the output path left byte-identical.
#include <gtest/gtest.h>

#include <vector>

#include "harness.h"

namespace shiryo::testing {
namespace {

// A small valid packet; tests replace one line (numbered from 1).
const std::vector<std::string> kLines = {
    R"(<?xml version="1.0" encoding="UTF-8"?>)",
    R"(<packet version="1" lang="ja">)",
    R"(  <meta>)",
    R"(    <title>テスト委員会</title>)",
    R"(    <held start="2024-03-14T14:00" place="本庁舎"/>)",
    R"(  </meta>)",
    R"(  <agenda>)",
    R"(    <item>開会</item>)",
    R"(    <item doc="s1">議題</item>)",
    R"(  </agenda>)",
    R"(  <roster>)",
    R"(    <member role="委員長" name="岩崎 忠" note=""/>)",
    R"(  </roster>)",
    R"(  <document id="s1" label="資料1" title="資料の表題"/>)",
    R"(</packet>)",
};

std::string packet_with(std::initializer_list<std::pair<std::size_t, std::string>> changes) {
  return lines_with(kLines, changes);
}

struct Outcome {
  RunResult run;
  bool previous_intact = false;
};

// Builds `packet` over a previous PDF and reports whether that PDF survived.
Outcome build_over_previous(const TempDir& dir, const std::string& packet) {
  write_file(dir / "p.xml", packet);
  const std::string previous = "%PDF-1.7 previous build\n";
  write_file(dir / "p.pdf", previous);
  Outcome o;
  o.run = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  o.previous_intact = read_file(dir / "p.pdf") == previous;
  return o;
}

void expect_error_at(const std::string& packet, const std::string& position, const std::string& message) {
  TempDir dir;
  const Outcome o = build_over_previous(dir, packet);
  EXPECT_EQ(o.run.status, 1) << o.run.err;
  const std::string where = (dir / "p.xml").string() + ":" + position + ": error: ";
  EXPECT_NE(o.run.err.find(where), std::string::npos) << "expected " << where << "\n" << o.run.err;
  EXPECT_NE(o.run.err.find(message), std::string::npos) << o.run.err;
  EXPECT_TRUE(o.previous_intact);
  // Only the previous PDF is left: no temporary file, no new output.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 2u);
}

// The whole of stderr for `packet`, with the file's path shortened to p.xml.
std::string errors_of(const std::string& packet) {
  TempDir dir;
  const Outcome o = build_over_previous(dir, packet);
  EXPECT_EQ(o.run.status, 1);
  EXPECT_TRUE(o.previous_intact);
  std::string err = o.run.err;
  const std::string path = (dir / "p.xml").string();
  for (auto at = err.find(path); at != std::string::npos; at = err.find(path)) err.replace(at, path.size(), "p.xml");
  return err;
}

TEST(BadInput, TheValidBaseBuilds) {
  TempDir dir;
  const Outcome o = build_over_previous(dir, packet_with({}));
  EXPECT_EQ(o.run.status, 0) << o.run.err;
  EXPECT_FALSE(o.previous_intact);
}

TEST(BadInput, UnknownElementAtItsAngleBracket) {
  expect_error_at(packet_with({{8, "    <itme>開会</itme>"}}), "8:5", "unknown element <itme> in <agenda>");
}

TEST(BadInput, UnknownAttributeAtItsName) {
  // Columns count code points: 委員長 is three.
  expect_error_at(packet_with({{12, R"(    <member role="委員長" nmae="岩崎 忠"/>)"}}), "12:24",
                  "unknown attribute \"nmae\" on <member>");
}

TEST(BadInput, AMistypedNameSuggestsTheNearestKnownOne) {
  expect_error_at(packet_with({{8, "    <itme>開会</itme>"}}), "8:5",
                  "unknown element <itme> in <agenda>; expected <item>; did you mean <item>?");
  expect_error_at(packet_with({{12, R"(    <member role="委員長" name="岩崎 忠" trem="2"/>)"}}), "12:36",
                  "unknown attribute \"trem\" on <member>; expected role, name, category, term, note; did you mean "
                  "\"term\"?");
  // Nothing near: no suggestion.
  expect_error_at(packet_with({{12, R"(    <member role="委員長" name="岩崎 忠" colour="red"/>)"}}), "12:36",
                  "unknown attribute \"colour\" on <member>; expected role, name, category, term, note\n");
}

TEST(BadInput, AMistypedRequiredAttributeIsOneErrorWithTheMissingOneAsItsNote) {
  EXPECT_EQ(errors_of(packet_with({{12, R"(    <member role="委員長" nmae="岩崎 忠"/>)"}})),
            "p.xml:12:24: error: unknown attribute \"nmae\" on <member>; expected role, name, category, term, note; "
            "did you mean \"name\"?\n"
            "  12 |     <member role=\"委員長\" nmae=\"岩崎 忠\"/>\n"
            "     |                           ^\n"
            "p.xml:12:5: note: <member> is missing required attribute \"name\"\n"
            "  12 |     <member role=\"委員長\" nmae=\"岩崎 忠\"/>\n"
            "     |     ^\n");
}

TEST(BadInput, FullWidthDigitsInAWholeNumber) {
  expect_error_at(packet_with({{12, R"(    <member role="委員長" name="岩崎 忠" term="１２"/>)"}}), "12:42",
                  "term \"１２\" is written in full-width digits; write them half-width: term=\"12\"");
}

TEST(BadInput, MissingRequiredAttributeAtTheElement) {
  expect_error_at(packet_with({{12, R"(    <member role="委員長"/>)"}}), "12:5",
                  "<member> is missing required attribute \"name\"");
}

TEST(BadInput, UnsupportedVersionInsideItsQuotes) {
  expect_error_at(packet_with({{2, R"(<packet version="2" lang="ja">)"}}), "2:18",
                  "packet version \"2\" is not supported; expected \"1\"");
}

TEST(BadInput, DateThatDoesNotExist) {
  expect_error_at(packet_with({{5, R"(    <held start="2024-02-30T14:00" place="本庁舎"/>)"}}), "5:18",
                  "start \"2024-02-30T14:00\" is not a valid date");
}

TEST(BadInput, DateBeforeTheGregorianCalendar) {
  expect_error_at(packet_with({{5, R"(    <held start="1872-12-31" place="本庁舎"/>)"}}), "5:18",
                  "before 1873-01-01");
}

TEST(BadInput, MalformedNumberInsideItsQuotes) {
  expect_error_at(packet_with({{12, R"(    <member role="委員長" name="岩崎 忠" term="二"/>)"}}), "12:42",
                  "term \"二\" is not a whole number");
}

TEST(BadInput, DocReferenceToNoDocument) {
  expect_error_at(packet_with({{9, R"(    <item doc="s9">議題</item>)"}}), "9:16",
                  "doc \"s9\" names no document; the packet's documents are s1");
}

TEST(BadInput, DuplicateDocumentId) {
  expect_error_at(packet_with({{14, R"(  <document id="s1" title="一"/><document id="s1" title="二"/>)"}}),
                  "14:46", "duplicate document id \"s1\"; first used on line 14");
}

TEST(BadInput, CharacterNoFontHasAtTheCharacter) {
  TempDir dir;
  const Outcome o = build_over_previous(
      dir, packet_with({{12, R"(    <member role="委員長" name="岩崎 忠" note="笑顔😀です"/>)"}}));
  EXPECT_EQ(o.run.status, 1);
  // 18 code points, 委員長, 8, 岩崎 忠, 8, 笑顔 come before the emoji: column 44.
  EXPECT_NE(o.run.err.find(":12:44: error: character U+1F600 has no glyph"), std::string::npos) << o.run.err;
  EXPECT_NE(o.run.err.find("BIZUDMincho-Regular"), std::string::npos) << o.run.err;
  // The caret stands under the emoji: the eight wide characters before it pad two cells each.
  EXPECT_NE(o.run.err.find("     | " + std::string(51, ' ') + "^\n"), std::string::npos) << o.run.err;
  EXPECT_TRUE(o.previous_intact);
}

TEST(BadInput, CaretLineUnderTheColumn) {
  TempDir dir;
  const Outcome o = build_over_previous(dir, packet_with({{12, R"(    <member role="委員長" nmae="x" name="y"/>)"}}));
  // 4 spaces + `<member role="` (14) + 委員長 (6 cells) + `" ` (2) = 26 cells before `nmae`.
  EXPECT_NE(o.run.err.find("  12 |     <member role=\"委員長\" nmae=\"x\" name=\"y\"/>\n"), std::string::npos)
      << o.run.err;
  EXPECT_NE(o.run.err.find("\n     | " + std::string(26, ' ') + "^\n"), std::string::npos) << o.run.err;
}

TEST(BadInput, AMistypedClosingTagNamesTheOpenElementAndWhereItOpened) {
  EXPECT_EQ(errors_of(packet_with({{8, "    <item>開会</itme>"}})),
            "p.xml:8:13: error: closing tag </itme> does not match the open <item>; close it with </item> first\n"
            "  8 |     <item>開会</itme>\n"
            "    |               ^\n"
            "p.xml:8:5: note: <item> was opened here\n"
            "  8 |     <item>開会</itme>\n"
            "    |     ^\n");
}

TEST(BadInput, AMissingClosingTagIsFoundAtTheNextOne) {
  const std::string err = errors_of(packet_with({{14, R"(  <document id="s1" label="資料1" title="資料の表題">)"}}));
  EXPECT_EQ(err.find("p.xml:15:1: error: closing tag </packet> does not match the open <document>; close it with "
                     "</document> first\n"),
            0u)
      << err;
  EXPECT_NE(err.find("p.xml:14:3: note: <document> was opened here\n"), std::string::npos) << err;
}

TEST(BadInput, AnHtmlLineBreakIsToldToCloseItself) {
  const std::string err = errors_of(packet_with({{14, R"(  <document id="s1" title="t"><p>一<br>二</p></document>)"}}));
  EXPECT_EQ(err.find("p.xml:14:40: error: closing tag </p> does not match the open <br>; write <br/> for a line "
                     "break: in XML an empty element closes itself\n"),
            0u)
      << err;
  EXPECT_NE(err.find("p.xml:14:35: note: <br> was opened here\n"), std::string::npos) << err;
}

TEST(BadInput, AnUnclosedRootIsReportedAtTheEnd) {
  std::vector<std::string> lines(kLines.begin(), kLines.end() - 1);
  const std::string err = errors_of(lines_with(lines, {}));
  EXPECT_EQ(err.find("p.xml:15:1: error: the file ends inside <packet>; close it with </packet>\n"), 0u) << err;
  EXPECT_NE(err.find("p.xml:2:1: note: <packet> was opened here\n"), std::string::npos) << err;
}

TEST(BadInput, ALessThanSignInTextIsToldToBeEscaped) {
  expect_error_at(packet_with({{8, "    <item>5<10</item>"}}), "8:12",
                  "a \"<\" that begins no tag; write &lt; for a less-than sign");
}

TEST(BadInput, ABareAmpersandIsToldToBeEscaped) {
  expect_error_at(packet_with({{8, "    <item>R&D</item>"}}), "8:12",
                  "a bare \"&\" is not allowed in XML; write &amp; for an ampersand");
  expect_error_at(packet_with({{5, R"(    <held start="2024-03-14T14:00" place="A & B"/>)"}}), "5:45",
                  "a bare \"&\" is not allowed in XML; write &amp; for an ampersand");
}

TEST(BadInput, AnHtmlEntityNamesItselfAndTheCharacterToType) {
  expect_error_at(packet_with({{8, "    <item>開&nbsp;会</item>"}}), "8:12",
                  "entity &nbsp; is not defined in XML; type the character itself (U+00A0 NO-BREAK SPACE) or a "
                  "space instead");
  expect_error_at(packet_with({{8, "    <item>&copy;2024</item>"}}), "8:11",
                  "entity &copy; is not defined in XML; type © (U+00A9) instead");
  expect_error_at(packet_with({{8, "    <item>&bogus;</item>"}}), "8:11",
                  "entity &bogus; is not defined in XML (only &amp; &lt; &gt; &quot; &apos; and &#…; are); type the "
                  "character itself");
}

TEST(BadInput, XmlsOwnReferencesStillWork) {
  TempDir dir;
  const Outcome o = build_over_previous(dir, packet_with({{8, "    <item>A &amp; B &lt; C &#x3042;</item>"}}));
  EXPECT_EQ(o.run.status, 0) << o.run.err;
}

TEST(BadInput, ABoxTakesTextTypedDirectlyAsOneParagraph) {
  TempDir dir;
  const Outcome o = build_over_previous(
      dir, packet_with({{14, R"(  <document id="s1" title="t"><box>枠の中に<b>直接</b>書いた文</box><box><p>段落の枠</p></box></document>)"}}));
  ASSERT_EQ(o.run.status, 0) << o.run.err;
  EXPECT_EQ(o.run.err, "");
  const std::string text = squeeze(run("pdftotext " + quote((dir / "p.pdf").string()) + " -").out);
  EXPECT_NE(text.find("枠の中に直接書いた文"), std::string::npos) << text;
  EXPECT_NE(text.find("段落の枠"), std::string::npos) << text;
}

// A frame drawn around a table keeps every row, over as many pages as it takes.
TEST(BadInput, ABoxKeepsItsTableOverPages) {
  std::string rows;
  for (int i = 1; i <= 80; ++i) rows += "<tr><td>行" + std::to_string(i) + "番</td></tr>";
  TempDir dir;
  const Outcome o = build_over_previous(
      dir, packet_with({{14, R"(  <document id="s1" title="t"><box><p>枠の前文</p><table>)" + rows +
                                 "</table></box></document>"}}));
  ASSERT_EQ(o.run.status, 0) << o.run.err;
  EXPECT_EQ(o.run.err, "");
  const std::string text = squeeze(run("pdftotext " + quote((dir / "p.pdf").string()) + " -").out);
  EXPECT_NE(text.find("枠の前文"), std::string::npos) << text;
  for (int i = 1; i <= 80; ++i) EXPECT_NE(text.find("行" + std::to_string(i) + "番"), std::string::npos) << i;
  EXPECT_GE(std::stoi(run("pdfinfo " + quote((dir / "p.pdf").string()) + " | awk '/^Pages:/{print $2}'").out), 3);
}

TEST(BadInput, AHeadingInABoxIsRefused) {
  expect_error_at(packet_with({{14, R"(  <document id="s1" title="t"><box><h2>見出し</h2></box></document>)"}}), "14:36",
                  "unknown element <h2> in <box>");
}

TEST(BadInput, ABoxMixingTextAndBlocksNamesTheBlock) {
  expect_error_at(packet_with({{14, R"(  <document id="s1" title="t"><box>文<p>段落</p></box></document>)"}}), "14:37",
                  "unknown element <p> in <box>; text takes <br>, <b>, <sup>, <sub>, <a>, <fn>, <leader>, <tally>");
}

TEST(BadInput, EveryErrorIsReportedInFileOrder) {
  TempDir dir;
  const Outcome o = build_over_previous(
      dir, packet_with({{2, R"(<packet version="2" lang="ja">)"}, {9, R"(    <item doc="s9">議題</item>)"},
                        {12, R"(    <member role="委員長"/>)"}}));
  EXPECT_EQ(o.run.status, 1);
  const auto a = o.run.err.find(":2:18: error:");
  const auto b = o.run.err.find(":9:16: error:");
  const auto c = o.run.err.find(":12:5: error:");
  ASSERT_NE(a, std::string::npos) << o.run.err;
  ASSERT_NE(b, std::string::npos) << o.run.err;
  ASSERT_NE(c, std::string::npos) << o.run.err;
  // The doc reference is checked after the whole file is read, yet printed in file order.
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_TRUE(o.previous_intact);
}

TEST(BadInput, InvalidUtf8AtTheByte) {
  std::string packet = packet_with({});
  packet.insert(packet.find("テスト"), "\xC3\x28");
  expect_error_at(packet, "4:12", "invalid UTF-8");
}

// `utf8` in another encoding, by iconv.
std::string converted(const std::string& utf8, const std::string& to) {
  TempDir dir;
  write_file(dir / "in", utf8);
  const RunResult r = run("iconv -f UTF-8 -t " + to + " " + quote((dir / "in").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  return r.out;
}

std::string declaring(const std::string& encoding) {
  return packet_with({{1, R"(<?xml version="1.0" encoding=")" + encoding + R"("?>)"}});
}

TEST(BadInput, ADeclaredShiftJisFileIsReadAndEmbeddedAsItsBytes) {
  TempDir dir;
  const std::string sjis = converted(declaring("Shift_JIS"), "CP932");
  const Outcome o = build_over_previous(dir, sjis);
  ASSERT_EQ(o.run.status, 0) << o.run.err;
  EXPECT_EQ(o.run.err, "");
  EXPECT_NE(squeeze(run("pdftotext " + quote((dir / "p.pdf").string()) + " -").out).find("テスト委員会"),
            std::string::npos);
  ASSERT_EQ(shiryo("extract " + quote((dir / "p.pdf").string()) + " -o " + quote((dir / "x").string())).status, 0);
  EXPECT_EQ(read_file(dir / "x" / "p.xml"), sjis);
}

TEST(BadInput, PositionsInAShiftJisFileCountItsCharacters) {
  expect_error_at(converted(lines_with(kLines, {{1, R"(<?xml version="1.0" encoding="Shift_JIS"?>)"},
                                                 {12, R"(    <member role="委員長" nmae="岩崎 忠"/>)"}}),
                            "CP932"),
                  "12:24", "unknown attribute \"nmae\" on <member>");
}

TEST(BadInput, AUtf16FileIsRead) {
  TempDir dir;
  const Outcome o = build_over_previous(dir, converted(declaring("UTF-16"), "UTF-16"));
  ASSERT_EQ(o.run.status, 0) << o.run.err;
  EXPECT_NE(squeeze(run("pdftotext " + quote((dir / "p.pdf").string()) + " -").out).find("岩崎忠"), std::string::npos);
}

TEST(BadInput, AnUndeclaredShiftJisFileIsNamedWithTheFix) {
  TempDir dir;
  const Outcome o = build_over_previous(dir, converted(packet_with({}), "CP932"));
  EXPECT_EQ(o.run.status, 1);
  EXPECT_EQ(o.run.err, "shiryo: error: " + (dir / "p.xml").string() +
                           ": invalid UTF-8: the file appears to be Shift_JIS (CP932); save it as UTF-8, or declare "
                           "it in its first line: <?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n");
  EXPECT_TRUE(o.previous_intact);
}

TEST(BadInput, ADeclaredShiftJisFileThatIsNotIsRefused) {
  std::string packet = declaring("Shift_JIS");
  packet.insert(packet.find("<title>") + 7, "\xFF\xFF");
  TempDir dir;
  const Outcome o = build_over_previous(dir, packet);
  EXPECT_EQ(o.run.status, 1);
  EXPECT_EQ(o.run.err, "shiryo: error: " + (dir / "p.xml").string() +
                           ": the file declares encoding=\"shift_jis\" but is not Shift_JIS (CP932) throughout; save "
                           "it as UTF-8\n");
  EXPECT_TRUE(o.previous_intact);
}

TEST(BadInput, DeepNestingIsRefusedWithoutCrashing) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<b>";
  deep += "深い";
  for (int i = 0; i < 10000; ++i) deep += "</b>";
  TempDir dir;
  const Outcome o = build_over_previous(dir, packet_with({{14, "  <document id=\"s1\" title=\"t\"><p>" + deep + "</p></document>"}}));
  EXPECT_EQ(o.run.status, 1) << o.run.err.substr(0, 500);
  EXPECT_NE(o.run.err.find("nested deeper than 256 levels"), std::string::npos) << o.run.err.substr(0, 500);
  EXPECT_TRUE(o.previous_intact);
}

TEST(BadInput, WarningsAsErrorsWriteNothing) {
  TempDir dir;
  // A roster note wider than its cell with no break opportunity forces an emergency break.
  write_file(dir / "p.xml", packet_with({{12, R"(    <member role="委員長" name="岩崎 忠" note="https://www.city.atsugi.kanagawa.jp/shisei/gyosei/kaikaku/index.html"/>)"}}));
  write_file(dir / "p.pdf", "previous");
  RunResult r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(": warning: "), std::string::npos) << r.err;
  write_file(dir / "p.pdf", "previous");
  r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()) + " -W error");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "p.pdf"), "previous");
}

}  // namespace
}  // namespace shiryo::testing
