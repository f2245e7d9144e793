// model/xml_reader.h and model/source_text.h: XML with positions
// (cli.md "Diagnostics": where each kind of problem is reported).
#include "model/xml_reader.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "diag/diagnostics.h"
#include "diag/source_file.h"
#include "model/source_text.h"

namespace {

using shiryo::diag::Diagnostics;
using shiryo::diag::Severity;
using shiryo::diag::SourceFile;
using shiryo::model::Attribute;
using shiryo::model::ElementReader;
using shiryo::model::fold_whitespace;
using shiryo::model::source_offset;
using shiryo::model::SourceText;
using shiryo::model::XmlInput;

std::shared_ptr<const SourceFile> source(std::string text) {
  return std::make_shared<const SourceFile>("t.xml", std::move(text));
}

// The offset of the `nth` (from 0) occurrence of `needle`.
std::size_t find(const SourceFile& f, const std::string& needle, int nth = 0) {
  std::size_t at = f.text().find(needle);
  for (int k = 0; k < nth && at != std::string::npos; ++k) at = f.text().find(needle, at + 1);
  EXPECT_NE(at, std::string::npos) << needle;
  return at;
}

std::string all_messages(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) out += d.message + "\n";
  return out;
}

struct Parsed {
  std::shared_ptr<const SourceFile> file;
  Diagnostics diags;
  std::unique_ptr<XmlInput> input;
};

std::unique_ptr<Parsed> parse(std::string text) {
  auto p = std::make_unique<Parsed>();
  p->file = source(std::move(text));
  p->input = XmlInput::parse(p->file, p->diags);
  return p;
}

// ---- parse ----

TEST(XmlInputParse, WellFormedInputHasNoDiagnostics) {
  auto p = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta/></packet>\n");
  ASSERT_NE(p->input, nullptr) << all_messages(p->diags);
  EXPECT_TRUE(p->diags.empty());
  EXPECT_STREQ(p->input->root().name(), "packet");
  EXPECT_EQ(p->input->source(), p->file);
}

TEST(XmlInputParse, MalformedXmlIsReported) {
  auto p = parse("<a>\n  <b>\n</a>\n");
  EXPECT_EQ(p->input, nullptr);
  ASSERT_EQ(p->diags.items().size(), 1u);
  const auto& d = p->diags.items()[0];
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.file, p->file);
  EXPECT_EQ(d.message, "closing tag </a> does not match the open <b>; close it with </b> first");
  // At the mismatched end tag, with a note where <b> was opened.
  EXPECT_EQ(d.offset, find(*p->file, "</a>"));
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "<b> was opened here");
  EXPECT_EQ(d.notes[0].offset, find(*p->file, "<b>"));
}

TEST(XmlInputParse, WhatTheMarkupCheckLeavesToPugixmlIsStillMalformed) {
  auto p = parse("<a x=\"1></a>\n");
  EXPECT_EQ(p->input, nullptr);
  ASSERT_EQ(p->diags.items().size(), 1u);
  EXPECT_NE(p->diags.items()[0].message.find("malformed XML: "), std::string::npos) << p->diags.items()[0].message;
}

TEST(XmlInputParse, UnclosedAttributeQuoteIsReported) {
  auto p = parse("<a x=\"1></a>\n");
  EXPECT_EQ(p->input, nullptr);
  EXPECT_TRUE(p->diags.has_errors());
}

TEST(XmlInputParse, EmptyFileIsReported) {
  auto p = parse("");
  EXPECT_EQ(p->input, nullptr);
  EXPECT_TRUE(p->diags.has_errors());
}

TEST(XmlInputParse, DoctypeIsRefused) {
  auto p = parse(
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE packet [<!ENTITY org \"厚木市\">]>\n"
      "<packet>&org;</packet>\n");
  EXPECT_EQ(p->input, nullptr);
  ASSERT_TRUE(p->diags.has_errors());
  bool at_doctype = false;
  for (const auto& d : p->diags.items()) {
    if (d.offset == find(*p->file, "<!DOCTYPE")) at_doctype = true;
  }
  EXPECT_TRUE(at_doctype) << all_messages(p->diags);
}

TEST(XmlInputParse, DoctypeWithoutEntitiesIsRefusedToo) {
  auto p = parse("<!DOCTYPE packet>\n<packet/>\n");
  EXPECT_EQ(p->input, nullptr);
  ASSERT_EQ(p->diags.items().size(), 1u);
  EXPECT_EQ(p->diags.items()[0].offset, 0u);
  EXPECT_NE(p->diags.items()[0].message.find("DOCTYPE"), std::string::npos);
}

TEST(XmlInputParse, InvalidUtf8IsReportedAtTheBadByte) {
  auto p = parse("<a>\n  <b>日本\xFF語</b>\n</a>\n");
  EXPECT_EQ(p->input, nullptr);
  ASSERT_EQ(p->diags.items().size(), 1u);
  const auto& d = p->diags.items()[0];
  EXPECT_EQ(d.offset, find(*p->file, "\xFF"));
  const auto pos = p->file->locate(d.offset);
  EXPECT_EQ(pos.line, 2u);
  EXPECT_EQ(pos.column, 8u);  // two spaces, <b>, 日, 本
}

TEST(XmlInputParse, InvalidUtf8InAnAttribute) {
  auto p = parse("<a x=\"\xC0\x80\"/>");
  EXPECT_EQ(p->input, nullptr);
  ASSERT_EQ(p->diags.items().size(), 1u);
  EXPECT_EQ(p->diags.items()[0].offset, 6u);
}

// ---- positions of elements and attributes ----

TEST(XmlInputPositions, ElementOffsetIsTheLessThanSign) {
  auto p = parse("<?xml version=\"1.0\"?>\n<root>\n  <child a=\"1\"/>\n  <委員 名前=\"x\">\n  </委員>\n</root>");
  ASSERT_NE(p->input, nullptr) << all_messages(p->diags);
  const auto root = p->input->root();
  EXPECT_EQ(p->input->element_offset(root), find(*p->file, "<root>"));
  EXPECT_EQ(p->input->element_offset(root.child("child")), find(*p->file, "<child"));
  EXPECT_EQ(p->input->element_offset(root.child("委員")), find(*p->file, "<委員"));
}

TEST(XmlInputPositions, AttributesInSourceOrderWithPositions) {
  auto p = parse("<e first=\"one\" second='two' third=\"\"/>");
  ASSERT_NE(p->input, nullptr) << all_messages(p->diags);
  const auto attrs = p->input->attributes(p->input->root());
  ASSERT_EQ(attrs.size(), 3u);
  EXPECT_EQ(attrs[0].name, "first");
  EXPECT_EQ(attrs[0].value, "one");
  EXPECT_EQ(attrs[0].name_offset, find(*p->file, "first"));
  EXPECT_EQ(attrs[0].value_offset, find(*p->file, "one"));
  EXPECT_EQ(attrs[1].name, "second");
  EXPECT_EQ(attrs[1].value, "two");
  EXPECT_EQ(attrs[1].name_offset, find(*p->file, "second"));
  EXPECT_EQ(attrs[1].value_offset, find(*p->file, "two"));  // single quotes
  EXPECT_EQ(attrs[2].name, "third");
  EXPECT_EQ(attrs[2].value, "");
  EXPECT_EQ(attrs[2].name_offset, find(*p->file, "third"));
  EXPECT_EQ(attrs[2].value_offset, find(*p->file, "\"\"") + 1);
}

TEST(XmlInputPositions, AttributesAcrossLinesAndAroundEquals) {
  auto p = parse("<root>\n  <page name=\"portrait\"\n\twidth = '210mm'\n        height=\"297mm\"/>\n</root>\n");
  ASSERT_NE(p->input, nullptr) << all_messages(p->diags);
  const auto attrs = p->input->attributes(p->input->root().child("page"));
  ASSERT_EQ(attrs.size(), 3u);
  EXPECT_EQ(attrs[1].name, "width");
  EXPECT_EQ(attrs[1].name_offset, find(*p->file, "width"));
  EXPECT_EQ(attrs[1].value_offset, find(*p->file, "210mm"));
  EXPECT_EQ(attrs[2].name_offset, find(*p->file, "height"));
  EXPECT_EQ(attrs[2].value_offset, find(*p->file, "297mm"));
  const auto h = p->file->locate(attrs[2].value_offset);
  EXPECT_EQ(h.line, 4u);
  EXPECT_EQ(h.column, 17u);
}

TEST(XmlInputPositions, JapaneseInEarlierAttributes) {
  auto p = parse("<member name=\"山田　太郎\" role=\"委員長\" term=\"x=2\" note='\"&amp;&gt;' id=\"m1\"/>");
  ASSERT_NE(p->input, nullptr) << all_messages(p->diags);
  const auto attrs = p->input->attributes(p->input->root());
  ASSERT_EQ(attrs.size(), 5u);
  EXPECT_EQ(attrs[1].value, "委員長");
  EXPECT_EQ(attrs[1].name_offset, find(*p->file, "role"));
  EXPECT_EQ(attrs[1].value_offset, find(*p->file, "委員長"));
  EXPECT_EQ(attrs[2].value, "x=2");
  EXPECT_EQ(attrs[2].value_offset, find(*p->file, "x=2"));
  EXPECT_EQ(attrs[3].value, "\"&>");
  EXPECT_EQ(attrs[3].value_offset, find(*p->file, "\"&amp;"));
  EXPECT_EQ(attrs[4].name, "id");
  EXPECT_EQ(attrs[4].name_offset, find(*p->file, "id="));
  EXPECT_EQ(attrs[4].value_offset, find(*p->file, "m1"));
  // Columns count code points: 27 characters precede 委員長 on its line.
  EXPECT_EQ(p->file->locate(attrs[1].value_offset).column, 28u);
}

TEST(XmlInputPositions, AttributeTextCarriesItsOffset) {
  auto p = parse("<e v=\"84.45\"/>");
  ASSERT_NE(p->input, nullptr);
  const auto attrs = p->input->attributes(p->input->root());
  ASSERT_EQ(attrs.size(), 1u);
  const SourceText t = attrs[0].text();
  EXPECT_EQ(t.value, "84.45");
  EXPECT_EQ(t.offset, find(*p->file, "84.45"));
}

// ---- ElementReader ----

TEST(ElementReader, KnownAttributesAreQuiet) {
  auto p = parse("<held start=\"2024-03-14T14:00\" place=\"本庁舎\"/>");
  ASSERT_NE(p->input, nullptr);
  ElementReader r(*p->input, p->input->root(), p->diags, {"start", "place"});
  EXPECT_TRUE(p->diags.empty()) << all_messages(p->diags);
  EXPECT_EQ(r.offset(), 0u);
  EXPECT_EQ(r.name(), "held");
  const auto place = r.get("place");
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->value, "本庁舎");
  EXPECT_EQ(place->value_offset, find(*p->file, "本庁舎"));
  EXPECT_FALSE(r.get("missing").has_value());
  EXPECT_TRUE(p->diags.empty());  // get() never reports
}

TEST(ElementReader, UnknownAttributeAtItsName) {
  auto p = parse("<packet>\n  <meta titel=\"x\" date=\"2024-03-14\"/>\n</packet>");
  ASSERT_NE(p->input, nullptr);
  ElementReader r(*p->input, p->input->root().child("meta"), p->diags, {"date"});
  ASSERT_EQ(p->diags.items().size(), 1u);
  const auto& d = p->diags.items()[0];
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.offset, find(*p->file, "titel"));
  EXPECT_NE(d.message.find("titel"), std::string::npos) << d.message;
  const auto pos = p->file->locate(d.offset);
  EXPECT_EQ(pos.line, 2u);
  EXPECT_EQ(pos.column, 9u);
}

TEST(ElementReader, EveryUnknownAttributeIsReported) {
  auto p = parse("<e a=\"1\" b=\"2\" c=\"3\"/>");
  ASSERT_NE(p->input, nullptr);
  ElementReader r(*p->input, p->input->root(), p->diags, {"b"});
  ASSERT_EQ(p->diags.items().size(), 2u);
  EXPECT_EQ(p->diags.items()[0].offset, find(*p->file, "a="));
  EXPECT_EQ(p->diags.items()[1].offset, find(*p->file, "c="));
}

TEST(ElementReader, MissingRequiredAttributeAtTheElement) {
  auto p = parse("<packet>\n  <document title=\"資料1\"/>\n</packet>");
  ASSERT_NE(p->input, nullptr);
  ElementReader r(*p->input, p->input->root().child("document"), p->diags, {"id", "title"});
  EXPECT_TRUE(p->diags.empty());
  EXPECT_TRUE(r.require("title").has_value());
  EXPECT_TRUE(p->diags.empty());
  EXPECT_FALSE(r.require("id").has_value());
  ASSERT_EQ(p->diags.items().size(), 1u);
  const auto& d = p->diags.items()[0];
  EXPECT_EQ(d.offset, find(*p->file, "<document"));
  EXPECT_NE(d.message.find("id"), std::string::npos) << d.message;
  EXPECT_EQ(p->file->locate(d.offset).column, 3u);
}

TEST(ElementReader, DuplicateAttributeIsReportedAtTheSecondName) {
  // cli.md: "an unknown or duplicate attribute → the first character of its
  // name"; XML itself forbids an attribute twice on one element.
  auto p = parse("<e id=\"a\" id=\"b\"/>");
  const std::size_t second = find(*p->file, "id=", 1);
  if (p->input) {
    ElementReader r(*p->input, p->input->root(), p->diags, {"id"});
  }
  ASSERT_TRUE(p->diags.has_errors()) << "a duplicate attribute passed silently";
  bool at_second = false;
  for (const auto& d : p->diags.items()) at_second = at_second || d.offset == second;
  EXPECT_TRUE(at_second) << all_messages(p->diags);
}

// ---- text ----

TEST(XmlInputText, FoldedAndPositionedAtFirstNonBlank) {
  auto p = parse("<t>\n    令和6年度の\n    実績について\n  </t>");
  ASSERT_NE(p->input, nullptr);
  const auto t = p->input->text(p->input->root());
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->value, "令和6年度の実績について");
  EXPECT_EQ(t->offset, find(*p->file, "令和"));
}

TEST(XmlInputText, BlankTextIsNone) {
  auto p = parse("<t>\n   \n</t>");
  ASSERT_NE(p->input, nullptr);
  EXPECT_FALSE(p->input->text(p->input->root()).has_value());
  auto q = parse("<t/>");
  ASSERT_NE(q->input, nullptr);
  EXPECT_FALSE(q->input->text(q->input->root()).has_value());
}

TEST(XmlInputText, EntitiesAreDecoded) {
  auto p = parse("<t>A &amp; B &lt;C&gt; &#x3042;</t>");
  ASSERT_NE(p->input, nullptr);
  const auto t = p->input->text(p->input->root());
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->value, "A & B <C> あ");
}

// ---- fold_whitespace ----

TEST(FoldWhitespace, LineBreakBetweenJapaneseVanishes) {
  EXPECT_EQ(fold_whitespace("日本\n語"), "日本語");
  EXPECT_EQ(fold_whitespace("行政改革の\n      推進"), "行政改革の推進");
  EXPECT_EQ(fold_whitespace("実績\r\n\t\t（見込み）"), "実績（見込み）");
}

TEST(FoldWhitespace, LineBreakBetweenLatinWordsIsOneSpace) {
  EXPECT_EQ(fold_whitespace("Wi-Fi\n   environment"), "Wi-Fi environment");
  EXPECT_EQ(fold_whitespace("a \t\n  b"), "a b");
}

TEST(FoldWhitespace, MixedScriptsKeepASpace) {
  EXPECT_EQ(fold_whitespace("AI-OCR\n導入"), "AI-OCR 導入");
  EXPECT_EQ(fold_whitespace("導入\nBCP"), "導入 BCP");
}

TEST(FoldWhitespace, SpacesWithoutLineBreakBecomeOneSpace) {
  EXPECT_EQ(fold_whitespace("日本  語"), "日本 語");
  EXPECT_EQ(fold_whitespace("a    b"), "a b");
}

TEST(FoldWhitespace, EndsTrimmed) {
  EXPECT_EQ(fold_whitespace("\n    令和6年度\n  "), "令和6年度");
  EXPECT_EQ(fold_whitespace("  x  "), "x");
  EXPECT_EQ(fold_whitespace(" \n\t "), "");
  EXPECT_EQ(fold_whitespace(""), "");
}

TEST(FoldWhitespace, FullwidthSpaceIsNotXmlWhitespace) {
  // U+3000 is content typed by the writer (山田　太郎), never folded.
  EXPECT_EQ(fold_whitespace("　山田　太郎　"), "　山田　太郎　");
}

// ---- source_offset ----

TEST(SourceOffset, PlainText) {
  auto p = parse("<t>abc日本x</t>");
  ASSERT_NE(p->input, nullptr);
  const auto t = p->input->text(p->input->root());
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(source_offset(*p->file, *t, 0), find(*p->file, "abc"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find("本")), find(*p->file, "本"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find('x')), find(*p->file, "x<"));
}

TEST(SourceOffset, ThroughEntities) {
  auto p = parse("<t>A &amp; B &lt;C&gt; &#x3042;Z</t>");
  ASSERT_NE(p->input, nullptr);
  const auto t = p->input->text(p->input->root());
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->value, "A & B <C> あZ");
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find('&')), find(*p->file, "&amp;"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find('B')), find(*p->file, "B"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find('C')), find(*p->file, "C"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find("あ")), find(*p->file, "&#x3042;"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find('Z')), find(*p->file, "Z"));
}

TEST(SourceOffset, ThroughFoldedLatinWhitespace) {
  auto p = parse("<t>\n  foo\n      bar baz</t>");
  ASSERT_NE(p->input, nullptr);
  const auto t = p->input->text(p->input->root());
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->value, "foo bar baz");
  EXPECT_EQ(source_offset(*p->file, *t, 0), find(*p->file, "foo"));
  EXPECT_EQ(source_offset(*p->file, *t, 4), find(*p->file, "bar"));
  EXPECT_EQ(source_offset(*p->file, *t, 8), find(*p->file, "baz"));
}

TEST(SourceOffset, ThroughVanishedJapaneseLineBreak) {
  // 日本 / 語 joined: the 語 of the value is the 語 of the source, on the
  // next line, not the line break before it.
  auto p = parse("<t>\n  日本\n  語です</t>");
  ASSERT_NE(p->input, nullptr);
  const auto t = p->input->text(p->input->root());
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->value, "日本語です");
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find("本")), find(*p->file, "本"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find("で")), find(*p->file, "で"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find("語")), find(*p->file, "語"));
}

TEST(SourceOffset, EntityAfterFoldedWhitespace) {
  auto p = parse("<t>研究\n    &amp;開発 X</t>");
  ASSERT_NE(p->input, nullptr);
  const auto t = p->input->text(p->input->root());
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->value, "研究 &開発 X");  // '&' is ASCII: the break folds to a space
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find('&')), find(*p->file, "&amp;"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find("開")), find(*p->file, "開"));
  EXPECT_EQ(source_offset(*p->file, *t, t->value.find('X')), find(*p->file, "X"));
}

TEST(SourceOffset, AttributeValueWithEntity) {
  auto p = parse("<e name=\"R&amp;D部\"/>");
  ASSERT_NE(p->input, nullptr);
  const auto attrs = p->input->attributes(p->input->root());
  ASSERT_EQ(attrs.size(), 1u);
  const SourceText t = attrs[0].text();
  ASSERT_EQ(t.value, "R&D部");
  EXPECT_EQ(source_offset(*p->file, t, t.value.find('D')), find(*p->file, "D部"));
  EXPECT_EQ(source_offset(*p->file, t, t.value.find("部")), find(*p->file, "部"));
}

}  // namespace
