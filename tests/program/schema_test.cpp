// schema/shiryo.rng is the grammar the parser enforces: xmllint, an
// independent validator, accepts the packets shiryo builds and rejects the
// packets shiryo refuses for their structure.
#include <gtest/gtest.h>

#include "format_examples.h"

namespace shiryo::testing {
namespace {

RunResult validate(const std::string& file) {
  return run("xmllint --noout --relaxng " + quote(source_path("schema/shiryo.rng")) + " " + quote(file));
}

TEST(Schema, TheBundledPacketValidates) {
  const RunResult r = validate(source_path("input/atsugi-r5-2.xml"));
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST(Schema, EveryExampleOfTheReferenceValidates) {
  for (const auto& e : format_examples()) {
    TempDir dir;
    write_file(dir / "example.xml", e.packet);
    const RunResult r = validate((dir / "example.xml").string());
    EXPECT_EQ(r.status, 0) << "the example on line " << e.line << " of docs/format.md:\n" << r.err;
  }
}

TEST(Schema, TheGeneratedLongTablePacketValidates) {
  TempDir dir;
  ASSERT_EQ(run(quote(LONG_TABLE_BINARY) + " 7 2 40 > " + quote((dir / "long.xml").string())).status, 0);
  const RunResult r = validate((dir / "long.xml").string());
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST(Schema, NamesEveryElementAndAttributeTheParserAccepts) {
  const std::string schema = read_file(source_path("schema/shiryo.rng"));
  const ParserNames names = parser_names();
  for (const auto& e : names.elements) {
    EXPECT_NE(schema.find("<element name=\"" + e + "\""), std::string::npos) << "<" << e << ">";
  }
  for (const auto& a : names.attributes) {
    EXPECT_NE(schema.find("<attribute name=\"" + a + "\""), std::string::npos) << a;
  }
}

// A small packet that uses a plan, a document with views and prose.
const std::vector<std::string> kBase = {
    R"(<?xml version="1.0" encoding="UTF-8"?>)",
    R"(<?xml-model href="shiryo.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>)",
    R"(<packet version="1" lang="ja">)",
    R"(  <meta><title>テスト委員会</title><held start="2024-03-14T14:00" place="本庁舎"/></meta>)",
    R"(  <agenda><item>案件<item doc="s1">議題</item></item></agenda>)",
    R"(  <roster><member role="委員長" name="岩崎 忠" term="1"/></roster>)",
    R"(  <plan id="t" title="大綱" from-fy="2023" to-fy="2023">)",
    R"(    <period id="p1" title="計画" from-fy="2023" to-fy="2023">)",
    R"(      <goal id="I" title="目標"><area id="I-1" title="柱"><item id="a" title="取組" depts="職員課">)",
    R"(        <measure>研修を行う。<step fy="2023">実施</step></measure>)",
    R"(        <indicator id="i1" name="割合" unit="%"><target fy="2023" value="90"/><actual fy="2023" value="95"/></indicator>)",
    R"(      </item></area></goal>)",
    R"(    </period>)",
    R"(  </plan>)",
    R"(  <document id="s1" label="資料1" title="結果">)",
    R"(    <p>本文<b>太字</b><fn>注</fn></p>)",
    R"(    <results fy="2023" part="summary"/>)",
    R"(    <table><tr><td colspan="1">セル</td></tr></table>)",
    R"(  </document>)",
    R"(</packet>)",
};

struct Checked {
  RunResult shiryo;
  RunResult xmllint;
};

Checked check_both(const TempDir& dir, const std::string& packet) {
  write_file(dir / "p.xml", packet);
  return {shiryo("check " + quote((dir / "p.xml").string())), validate((dir / "p.xml").string())};
}

TEST(Schema, TheBaseIsAcceptedByBoth) {
  TempDir dir;
  const Checked c = check_both(dir, lines_with(kBase, {}));
  EXPECT_EQ(c.shiryo.status, 0) << c.shiryo.err;
  EXPECT_EQ(c.xmllint.status, 0) << c.xmllint.err;
}

TEST(Schema, BoxesWithTextOrTablesAreAcceptedByBoth) {
  for (const std::string box : {R"(    <box>枠の<b>文章</b></box>)", R"(    <box><p>前</p><table><tr><td>表</td></tr></table></box>)"}) {
    TempDir dir;
    const Checked c = check_both(dir, lines_with(kBase, {{16, box}}));
    EXPECT_EQ(c.shiryo.status, 0) << box << "\n" << c.shiryo.err;
    EXPECT_EQ(c.xmllint.status, 0) << box << "\n" << c.xmllint.err;
  }
}

TEST(Schema, StructuralErrorsAreRejectedByBoth) {
  const std::vector<std::pair<std::size_t, std::string>> mutations = {
      {3, R"(<packet lang="ja">)"},                                                // missing version
      {3, R"(<packet version="2" lang="ja">)"},                                    // version not 1
      {3, R"(<packet version="1" lang="en">)"},                                    // lang not ja
      {4, R"(  <meta><title>テスト委員会</title></meta>)"},                          // no <held>
      {4, R"(  <meta><title>テスト</title><held place="本庁舎"/></meta>)"},         // held without start
      {4, R"(  <meta><titel>テスト</titel><held start="2024-03-14"/></meta>)"},     // unknown element
      {5, R"(  <agenda><item>案件<item dco="s1">議題</item></item></agenda>)"},      // unknown attribute
      {6, R"(  <roster><member role="委員長"/></roster>)"},                         // member without name
      {6, R"(  <roster><member name="岩崎" term="一"/></roster>)"},                 // term not a number
      {6, R"(  <roster>名簿<member name="岩崎"/></roster>)"},                       // text where none goes
      {7, R"(  <plan id="t" title="大綱" from-fy="令和5" to-fy="2023">)"},          // fiscal year not a year
      {10, R"(        <measure status="done">研修を行う。</measure>)"},             // status not known
      {11, R"(        <indicator id="i1" name="割合" better="more"><target fy="2023" value="90"/><actual fy="2023" value="95"/></indicator>)"},
      {11, R"(        <indicator id="i1" name="割合"><target fy="2023" value="9,000"/><actual fy="2023" value="95"/></indicator>)"},
      {11, R"(        <indicator id="i1" name="割合"><target fy="2023" value="90"/><actual fy="2023" achieved="maybe"/></indicator>)"},
      {11, R"(        <indicator id="i1" name="割合"><target value="90"/><actual fy="2023" value="95"/></indicator>)"},
      {11, R"(        <indicator id="i1" name="割合"><part name="x" value="1"/></indicator>)"},  // <part> under a parent that does not take it
      {15, R"(  <document id="s1" label="資料1" title="結果" orientation="sideways">)"},
      {15, R"(  <document id="s1" label="資料1">)"},                                // document without title
      {16, R"(    <p align="justify">本文</p>)"},
      {16, R"(    <p>本文<fn>注<fn>入れ子</fn></fn></p>)"},                         // <fn> in a note
      {16, R"(    <box>枠の文章<p>本文</p></box>)"},                                // text and blocks mixed in <box>
      {16, R"(    <box><h2>見出し</h2></box>)"},                                    // a heading inside a frame
      {17, R"(    <results fy="2023" part="all"/>)"},
      {17, R"(    <results fy="2023"/>)"},                                         // results without part
      {17, R"(    <results fy="2023" part="summary">表</results>)"},               // a view takes no content
      {17, R"(    <breakdown fy="2023"/>)"},                                       // breakdown without indicator
      {18, R"(    <table><tr><td valign="center">セル</td></tr></table>)"},
      {18, R"(    <table><td>セル</td></table>)"},                                 // a cell outside a row
      {19, R"(  </document><meta><title>二</title><held start="2024-03-14"/></meta>)"},  // a second <meta>
  };
  for (const auto& [line, text] : mutations) {
    TempDir dir;
    const Checked c = check_both(dir, lines_with(kBase, {{line, text}}));
    EXPECT_EQ(c.shiryo.status, 1) << text << "\n" << c.shiryo.err;
    EXPECT_NE(c.xmllint.status, 0) << "the schema accepts what shiryo refuses: " << text;
  }
}

}  // namespace
}  // namespace shiryo::testing
