// The logical structure layout builds while it draws (layout/structure.h):
// every run tagged with an element or as an artifact, headings that never
// skip a level, list items in one list, and a table cell split over pages
// one element whose header is drawn again as an artifact.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "layout/flow.h"
#include "mincho_test.h"

namespace shiryo::layout {
namespace {

constexpr double kSize = 10;

class StructureTest : public testing::MinchoTest {
 protected:
  InlineRun run(const std::string& text) const {
    InlineRun r;
    r.text = text;
    r.chain = &chain_;
    r.size = kSize;
    return r;
  }
  ParagraphBox paragraph(const std::vector<std::string>& runs) const {
    ParagraphBox p;
    p.style.size = kSize;
    for (const auto& t : runs) p.runs.push_back(run(t));
    return p;
  }
  // A paragraph of `n` forced lines.
  ParagraphBox lines(const std::string& name, std::size_t n) const {
    ParagraphBox p = paragraph({});
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) {
        InlineRun br = run("");
        br.line_break = true;
        p.runs.push_back(br);
      }
      p.runs.push_back(run(name + std::to_string(i + 1)));
    }
    return p;
  }
  Section section() const {
    Section s;
    s.page = style::PageMaster{200, 200, 20, 20, 20, 20};
    s.numbers.printed = true;
    s.numbers.format = run("{}");
    s.numbers.style.size = kSize;
    return s;
  }
  LaidOutPacket lay(const BoxTree& tree) { return layout_packet(tree, context_); }
  const std::string& role(const LaidOutPacket& out, Tag tag) const { return out.structure.elements.at(tag).role; }

  diag::Diagnostics diags_;
  TextContext context_{diags_, std::make_shared<diag::SourceFile>("t.xml", std::string(200, ' '))};
};

TEST_F(StructureTest, EveryRunIsContentOrArtifact) {
  BoxTree tree;
  Section s = section();
  ParagraphBox heading = paragraph({"見出し"});
  heading.heading_level = 3;  // no heading above it: H1
  s.blocks.emplace_back(heading);
  for (const char* item : {"一つ目", "二つ目"}) {
    ParagraphBox li = paragraph({"◆", item});
    li.hang_after_first_run = true;
    s.blocks.emplace_back(li);
  }
  s.blocks.emplace_back(paragraph({"本文です。"}));
  tree.sections.push_back(s);
  const LaidOutPacket out = lay(tree);
  ASSERT_EQ(out.pages.size(), 1u);
  std::vector<std::string> roles;
  std::set<Tag> lists;
  for (const GlyphRun& r : out.pages[0].runs) {
    ASSERT_TRUE(is_element(r.tag) || is_artifact(r.tag)) << r.text;
    if (!is_element(r.tag)) {
      EXPECT_EQ(r.tag, kPagination) << r.text;  // the page number
      continue;
    }
    roles.push_back(role(out, r.tag) + ":" + r.text);
    if (role(out, r.tag) == "Lbl") lists.insert(out.structure.elements[out.structure.elements[r.tag].parent].parent);
  }
  EXPECT_EQ(roles, (std::vector<std::string>{"H1:見出し", "Lbl:◆", "LBody:一つ目", "Lbl:◆", "LBody:二つ目", "P:本文です。"}));
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(role(out, *lists.begin()), "L");
  EXPECT_EQ(role(out, 0), "Document");
  EXPECT_EQ(role(out, out.structure.elements[0].children.at(0)), "Sect");
}

TEST_F(StructureTest, ASplitCellIsOneElementAndTheRepeatedHeaderAnArtifact) {
  BoxTree tree;
  Section s = section();
  TableBox t;
  t.columns = {ColumnSpec{ColumnSpec::Kind::proportional, 1}, ColumnSpec{ColumnSpec::Kind::proportional, 1}};
  TableRow head;
  for (const char* h : {"見出しA", "見出しB"}) {
    TableCell c;
    c.blocks.emplace_back(paragraph({h}));
    head.cells.push_back(c);
  }
  t.header.push_back(head);
  TableRow row;
  TableCell long_cell, short_cell;
  long_cell.blocks.emplace_back(lines("行", 30));
  long_cell.rowspan = 1;
  short_cell.blocks.emplace_back(paragraph({"短い"}));
  row.cells = {long_cell, short_cell};
  t.body.push_back(row);
  s.blocks.emplace_back(t);
  tree.sections.push_back(s);
  const LaidOutPacket out = lay(tree);
  ASSERT_GE(out.pages.size(), 2u);
  std::set<Tag> long_tags;
  std::size_t pages_with_long = 0;
  for (std::size_t p = 0; p < out.pages.size(); ++p) {
    bool has_long = false;
    for (const GlyphRun& r : out.pages[p].runs) {
      ASSERT_TRUE(is_element(r.tag) || is_artifact(r.tag)) << r.text;
      if (r.text.rfind("行", 0) == 0) {
        long_tags.insert(r.tag);
        has_long = true;
      }
      if (r.text == "見出しA") {
        if (p == 0) EXPECT_EQ(role(out, r.tag), "TH");
        else EXPECT_EQ(r.tag, kPagination);
      }
    }
    if (has_long) ++pages_with_long;
  }
  EXPECT_GE(pages_with_long, 2u);
  ASSERT_EQ(long_tags.size(), 1u);
  const Tag td = *long_tags.begin();
  EXPECT_EQ(role(out, td), "TD");
  EXPECT_EQ(role(out, out.structure.elements[td].parent), "TR");
  // One row, one table: the TR's parent is the TBody of one Table.
  const Tag body = out.structure.elements[out.structure.elements[td].parent].parent;
  EXPECT_EQ(role(out, body), "TBody");
  EXPECT_EQ(out.structure.elements[body].children.size(), 1u);
}

TEST_F(StructureTest, ABodyCellThatHeadsItsRowIsATHWithRowScope) {
  BoxTree tree;
  Section s = section();
  TableBox t;
  t.columns = {ColumnSpec{ColumnSpec::Kind::proportional, 1}, ColumnSpec{ColumnSpec::Kind::proportional, 1}};
  TableRow head, row;
  for (const char* h : {"指標", "実績"}) {
    TableCell c;
    c.blocks.emplace_back(paragraph({h}));
    head.cells.push_back(c);
  }
  TableCell name, value;
  name.blocks.emplace_back(paragraph({"職員数"}));
  name.heads_row = true;
  value.blocks.emplace_back(paragraph({"12人"}));
  row.cells = {name, value};
  t.header.push_back(head);
  t.body.push_back(row);
  s.blocks.emplace_back(t);
  tree.sections.push_back(s);
  const LaidOutPacket out = lay(tree);
  std::vector<std::string> cells;
  for (const GlyphRun& r : out.pages.at(0).runs) {
    if (!is_element(r.tag)) continue;
    const StructElement& e = out.structure.elements[r.tag];
    cells.push_back(e.role + ":" + e.scope + ":" + r.text);
  }
  EXPECT_EQ(cells, (std::vector<std::string>{"TH:Column:指標", "TH:Column:実績", "TH:Row:職員数", "TD::12人"}));
}

TEST_F(StructureTest, APartNestsInItsDocumentAndItsHeadingsStandBelowTheTitle) {
  BoxTree tree;
  Section document = section();
  ParagraphBox title = paragraph({"表題"});
  title.structure_heading = 1;
  document.blocks.emplace_back(title);
  document.heading_shift = 1;
  ParagraphBox h1 = paragraph({"第一"});
  h1.heading_level = 1;
  document.blocks.emplace_back(h1);
  Section part = section();
  part.heading_shift = 1;
  part.part_of_previous = true;
  ParagraphBox h2 = paragraph({"部の見出し"});
  h2.heading_level = 1;
  part.blocks.emplace_back(h2);
  tree.sections = {document, part};
  const LaidOutPacket out = lay(tree);
  ASSERT_EQ(out.pages.size(), 2u);
  const auto element_of = [&](std::size_t page, const std::string& text) {
    for (const GlyphRun& r : out.pages[page].runs)
      if (r.text == text) return r.tag;
    return kUntagged;
  };
  const Tag t = element_of(0, "表題"), a = element_of(0, "第一"), b = element_of(1, "部の見出し");
  ASSERT_TRUE(is_element(t) && is_element(a) && is_element(b));
  EXPECT_EQ(role(out, t), "H1");
  EXPECT_EQ(role(out, a), "H2");
  EXPECT_EQ(role(out, b), "H2");
  const Tag document_sect = out.structure.elements[t].parent;
  const Tag part_sect = out.structure.elements[b].parent;
  EXPECT_EQ(role(out, part_sect), "Sect");
  EXPECT_EQ(out.structure.elements[part_sect].parent, document_sect);
  EXPECT_EQ(out.structure.elements[document_sect].parent, 0u);
}

TEST_F(StructureTest, ALinkInATableCellIsALinkElementInItsCell) {
  BoxTree tree;
  Section s = section();
  TableBox t;
  t.columns = {ColumnSpec{ColumnSpec::Kind::proportional, 1}};
  TableRow row;
  TableCell cell;
  ParagraphBox p = paragraph({"詳しくは", "市のサイト", "へ"});
  p.runs[1].uri = "https://example.jp/";
  cell.blocks.emplace_back(p);
  row.cells = {cell};
  t.body.push_back(row);
  s.blocks.emplace_back(t);
  tree.sections.push_back(s);
  const LaidOutPacket out = lay(tree);
  const Page& page = out.pages.at(0);
  ASSERT_EQ(page.links.size(), 1u);
  const Tag link = page.links[0].tag;
  ASSERT_TRUE(is_element(link));
  EXPECT_EQ(role(out, link), "Link");
  EXPECT_EQ(role(out, out.structure.elements[link].parent), "TD");
  EXPECT_EQ(out.structure.elements[link].alt, "市のサイト");
  for (const GlyphRun& r : page.runs) {
    if (r.text == "市のサイト") {
      EXPECT_EQ(r.tag, link);
    }
  }
}

TEST_F(StructureTest, AFootnoteIsANoteWithAnIdThatRefersToItsReference) {
  BoxTree tree;
  Section s = section();
  ParagraphBox p = paragraph({"本文", "※1"});
  p.runs[1].footnote = 0;
  s.blocks.emplace_back(p);
  s.footnotes.push_back(paragraph({"※1　注の文"}));
  tree.sections.push_back(s);
  const LaidOutPacket out = lay(tree);
  Tag body = kUntagged, note = kUntagged;
  for (const GlyphRun& r : out.pages.at(0).runs) {
    if (r.text == "本文") body = r.tag;
    if (r.text.find("注の文") != std::string::npos) note = r.tag;
  }
  ASSERT_TRUE(is_element(body) && is_element(note));
  EXPECT_EQ(role(out, body), "P");
  EXPECT_EQ(role(out, note), "Note");
  EXPECT_FALSE(out.structure.elements[note].id.empty());
  EXPECT_EQ(out.structure.elements[note].ref, body);
}

// A table inside a cell is a Table of its own inside the cell's TD, its
// cells elements of their own, a cell of it split over two pages one
// element; the paragraph before it, marked its caption, is its Caption.
TEST_F(StructureTest, ATableInACellIsATableOfItsOwn) {
  BoxTree tree;
  Section s = section();
  auto inner = std::make_shared<TableBox>();
  inner->columns = {{ColumnSpec::Kind::proportional, 1}, {ColumnSpec::Kind::proportional, 1}};
  TableCell head;
  head.heads_row = true;
  head.blocks.emplace_back(paragraph({"見出し"}));
  TableCell tall;
  tall.blocks.emplace_back(lines("行", 20));
  inner->body.push_back(TableRow{{head, tall}});
  TableBox outer;
  outer.columns = {{ColumnSpec::Kind::proportional, 1}};
  TableCell cell;
  cell.blocks.emplace_back(paragraph({"表の名"}));
  cell.blocks.emplace_back(NestedTable{inner, true});
  outer.body.push_back(TableRow{{cell}});
  s.blocks.emplace_back(outer);
  tree.sections.push_back(s);
  const LaidOutPacket out = lay(tree);
  ASSERT_GE(out.pages.size(), 2u);
  std::set<Tag> tall_tags;
  Tag caption = kUntagged, header = kUntagged;
  for (const Page& page : out.pages) {
    for (const GlyphRun& r : page.runs) {
      if (r.text.rfind("行", 0) == 0) tall_tags.insert(r.tag);
      if (r.text == "表の名") caption = r.tag;
      if (r.text == "見出し") header = r.tag;
    }
  }
  ASSERT_EQ(tall_tags.size(), 1u);
  const Tag td = *tall_tags.begin();
  ASSERT_TRUE(is_element(td) && is_element(caption) && is_element(header));
  EXPECT_EQ(role(out, td), "TD");
  EXPECT_EQ(role(out, header), "TH");
  EXPECT_EQ(out.structure.elements[header].scope, "Row");
  EXPECT_EQ(role(out, caption), "Caption");
  const Tag table = out.structure.elements[caption].parent;
  EXPECT_EQ(role(out, table), "Table");
  EXPECT_EQ(out.structure.elements[table].children.front(), caption);
  EXPECT_EQ(role(out, out.structure.elements[table].parent), "TD");
  // The inner row's TR is under the inner table's TBody.
  const Tag row = out.structure.elements[td].parent;
  EXPECT_EQ(role(out, row), "TR");
  EXPECT_EQ(out.structure.elements[out.structure.elements[row].parent].parent, table);
}

// The label box (資料1) opens its document's title H1.
TEST_F(StructureTest, TheLabelOpensTheTitlesHeading) {
  BoxTree tree;
  Section s = section();
  s.label = LabelBox{run("資料1"), {}};
  s.label->style.size = kSize;
  ParagraphBox title = paragraph({"表題"});
  title.structure_heading = 1;
  s.blocks.emplace_back(title);
  s.blocks.emplace_back(paragraph({"本文"}));
  tree.sections.push_back(s);
  const LaidOutPacket out = lay(tree);
  Tag label = kUntagged, heading = kUntagged, body = kUntagged;
  for (const GlyphRun& r : out.pages.at(0).runs) {
    if (r.text == "資料1") label = r.tag;
    if (r.text == "表題") heading = r.tag;
    if (r.text == "本文") body = r.tag;
  }
  ASSERT_TRUE(is_element(label));
  EXPECT_EQ(role(out, label), "H1");
  EXPECT_EQ(label, heading);
  EXPECT_EQ(role(out, body), "P");
}

}  // namespace
}  // namespace shiryo::layout
