#include "model/parse_document.h"

#include <algorithm>

namespace shiryo::model {

std::string View::element() const {
  switch (kind) {
    case Kind::results: return "results";
    case Kind::results_detail: return "results-detail";
    case Kind::breakdown: return "breakdown";
    case Kind::plan_tree: return "plan-tree";
    case Kind::plan_sheets: return "plan-sheets";
    case Kind::period_comparison: return "period-comparison";
  }
  return "results";
}

namespace {

constexpr std::string_view kBlocks[] = {
    "h1", "h2", "h3", "p", "ul", "ol", "note", "box", "table", "page-break", "toc", "figure",
    "results", "results-detail", "breakdown", "plan-tree", "plan-sheets", "period-comparison"};

// What a frame can hold: text and tables. Headings, page breaks and views
// stay outside, where they can start pages and take bookmarks.
constexpr std::string_view kBoxBlocks[] = {"p", "ul", "ol", "note", "box", "table", "toc", "figure"};

// Whether a <box> holds rich text rather than blocks: text typed in it, or
// an inline element first.
bool holds_rich_text(pugi::xml_node box) {
  static constexpr std::string_view kInline[] = {"br", "b", "sup", "sub", "a", "fn", "leader", "tally"};
  for (auto child : box.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      if (std::string_view(child.value()).find_first_not_of(" \t\r\n") != std::string_view::npos) return true;
    } else if (child.type() == pugi::node_element) {
      return std::find(std::begin(kInline), std::end(kInline), std::string_view(child.name())) != std::end(kInline);
    }
  }
  return false;
}

CellAlign cell_align(const Reader& r, const Attribute& a) {
  if (a.value == "left") return CellAlign::left;
  if (a.value == "center") return CellAlign::center;
  if (a.value == "right") return CellAlign::right;
  r.error(a.value_offset, "align \"" + a.value + "\" is not known; expected left, center or right");
  return CellAlign::unspecified;
}

class DocumentParser {
 public:
  explicit DocumentParser(const Reader& r) : r_(r) {}

  Document document(pugi::xml_node node);

 private:
  Block block(pugi::xml_node node);
  View view(pugi::xml_node node);
  Table table(pugi::xml_node node);
  TableRow row(pugi::xml_node node);

  const Reader& r_;
};

Document DocumentParser::document(pugi::xml_node node) {
  ElementReader er(r_.input(), node, r_.diags(),
                   {"id", "label", "title", "orientation", "numbering", "first-number", "number-from"});
  Document doc;
  doc.offset = er.offset();
  if (auto id = er.require("id")) doc.id = id->text();
  if (auto title = er.require("title")) doc.title = title->text();
  doc.label = r_.optional_attr(er, "label");
  if (auto o = er.get("orientation")) {
    if (o->value == "portrait") doc.orientation = Orientation::portrait;
    else if (o->value == "landscape") doc.orientation = Orientation::landscape;
    else r_.error(o->value_offset, "orientation \"" + o->value + "\" is not known; expected portrait or landscape");
  }
  if (auto n = er.get("numbering")) {
    if (n->value == "restart") doc.numbering = Numbering::restart;
    else if (n->value == "continue") doc.numbering = Numbering::continue_on;
    else if (n->value == "none") doc.numbering = Numbering::none;
    else r_.error(n->value_offset, "numbering \"" + n->value + "\" is not known; expected restart, continue or none");
  }
  if (auto f = er.get("first-number")) {
    if (auto v = r_.whole_number(*f, 0, 99999)) doc.first_number = *v;
  }
  doc.number_from = r_.optional_attr(er, "number-from");

  static constexpr std::string_view kDocumentChildren[] = {
      "h1", "h2", "h3", "p", "ul", "ol", "note", "box", "table", "page-break", "toc", "figure",
      "results", "results-detail", "breakdown", "plan-tree", "plan-sheets", "period-comparison", "part"};
  r_.children(node, kDocumentChildren, [&](pugi::xml_node child) {
    if (std::string_view(child.name()) == "part") {
      ElementReader pr(r_.input(), child, r_.diags(), {"id", "orientation"});
      DocumentPart part;
      part.offset = pr.offset();
      part.id = r_.optional_attr(pr, "id");
      if (auto o = pr.get("orientation")) {
        if (o->value == "portrait") part.orientation = Orientation::portrait;
        else if (o->value == "landscape") part.orientation = Orientation::landscape;
        else r_.error(o->value_offset, "orientation \"" + o->value + "\" is not known; expected portrait or landscape");
      }
      r_.children(child, kBlocks, [&](pugi::xml_node b) { part.blocks.push_back(block(b)); });
      doc.parts.push_back(std::move(part));
      return;
    }
    if (!doc.parts.empty()) {
      r_.error(r_.offset(child), "<" + std::string(child.name()) +
                                     "> after a <part>; a document holds its blocks first, then its parts");
      return;
    }
    doc.blocks.push_back(block(child));
  });
  if (doc.number_from) {
    bool found = false;
    for (const auto& p : doc.parts) found = found || (p.id && p.id->value == doc.number_from->value);
    if (!found) {
      r_.error(doc.number_from->offset, "number-from \"" + doc.number_from->value + "\" names no <part> of document \"" +
                                            doc.id.value + "\"");
    }
  }
  return doc;
}

Block DocumentParser::block(pugi::xml_node node) {
  const std::string_view name = node.name();
  Block b;
  b.offset = r_.offset(node);
  if (name == "h1" || name == "h2" || name == "h3" || name == "p" || name == "note") {
    static constexpr std::string_view kAlign[] = {"align"};
    ElementReader er(r_.input(), node, r_.diags(),
                     name == "p" ? std::span<const std::string_view>(kAlign) : std::span<const std::string_view>());
    if (auto a = er.get("align")) b.align = cell_align(r_, *a);
    b.kind = name == "p" ? Block::Kind::paragraph : name == "note" ? Block::Kind::note : Block::Kind::heading;
    b.level = name[0] == 'h' ? name[1] - '0' : 0;
    b.text = r_.required_rich_text(node, true);
  } else if (name == "ul" || name == "ol") {
    static constexpr std::string_view kMark[] = {"mark"};
    ElementReader er(r_.input(), node, r_.diags(),
                     name == "ul" ? std::span<const std::string_view>(kMark) : std::span<const std::string_view>());
    b.kind = Block::Kind::list;
    b.ordered = name == "ol";
    b.mark = r_.optional_attr(er, "mark");
    r_.children(node, {"li"}, [&](pugi::xml_node li) {
      ElementReader lr(r_.input(), li, r_.diags(), {});
      b.items.push_back(r_.required_rich_text(li, true));
    });
  } else if (name == "box") {
    ElementReader er(r_.input(), node, r_.diags(), {});
    b.kind = Block::Kind::box;
    if (holds_rich_text(node)) {
      // Text typed directly is one paragraph, as in <note>.
      Block paragraph;
      paragraph.kind = Block::Kind::paragraph;
      paragraph.offset = b.offset;
      paragraph.text = r_.required_rich_text(node, true);
      b.children.push_back(std::move(paragraph));
    } else {
      r_.children(node, kBoxBlocks, [&](pugi::xml_node child) { b.children.push_back(block(child)); });
    }
  } else if (name == "table") {
    ElementReader er(r_.input(), node, r_.diags(), {});
    b.kind = Block::Kind::table;
    b.table = table(node);
  } else if (name == "page-break") {
    ElementReader er(r_.input(), node, r_.diags(), {});
    r_.children(node, {}, [](pugi::xml_node) {});
    b.kind = Block::Kind::page_break;
  } else if (name == "toc") {
    ElementReader er(r_.input(), node, r_.diags(), {"title"});
    r_.children(node, {}, [](pugi::xml_node) {});
    b.kind = Block::Kind::toc;
    b.title = r_.optional_attr(er, "title");
  } else if (name == "figure") {
    ElementReader er(r_.input(), node, r_.diags(), {"src", "width", "height", "alt", "page"});
    b.kind = Block::Kind::figure;
    if (auto src = er.require("src")) b.src = src->text();
    b.width = r_.optional_attr(er, "width");
    b.height = r_.optional_attr(er, "height");
    b.alt = r_.optional_attr(er, "alt");
    b.page = r_.optional_attr(er, "page");
    r_.children(node, {"caption"}, [&](pugi::xml_node c) {
      ElementReader cr(r_.input(), c, r_.diags(), {});
      b.caption = r_.required_rich_text(c, true);
    });
  } else {
    b.kind = Block::Kind::view;
    b.view = view(node);
  }
  return b;
}

View DocumentParser::view(pugi::xml_node node) {
  const std::string_view name = node.name();
  static constexpr std::string_view kResults[] = {"plan", "period", "fy", "part", "goal", "unset", "columns",
                                                   "reasons", "expect-set", "expect-met", "expect-unmet",
                                                   "expect-pending"};
  static constexpr std::string_view kDetail[] = {"plan", "period", "goal", "fy"};
  static constexpr std::string_view kBreakdown[] = {"plan", "indicator", "fy"};
  static constexpr std::string_view kPeriodView[] = {"plan", "period"};
  static constexpr std::string_view kComparison[] = {"plan", "from", "to"};
  View v;
  std::span<const std::string_view> allowed;
  if (name == "results") {
    v.kind = View::Kind::results;
    allowed = kResults;
  } else if (name == "results-detail") {
    v.kind = View::Kind::results_detail;
    allowed = kDetail;
  } else if (name == "breakdown") {
    v.kind = View::Kind::breakdown;
    allowed = kBreakdown;
  } else if (name == "plan-tree" || name == "plan-sheets") {
    v.kind = name == "plan-tree" ? View::Kind::plan_tree : View::Kind::plan_sheets;
    allowed = kPeriodView;
  } else {
    v.kind = View::Kind::period_comparison;
    allowed = kComparison;
  }
  ElementReader er(r_.input(), node, r_.diags(), allowed);
  r_.children(node, {}, [](pugi::xml_node) {});
  v.offset = er.offset();
  v.plan = r_.optional_attr(er, "plan");
  v.period = r_.optional_attr(er, "period");
  v.goal = r_.optional_attr(er, "goal");
  v.indicator = r_.optional_attr(er, "indicator");
  v.from = r_.optional_attr(er, "from");
  v.to = r_.optional_attr(er, "to");
  if (auto fy = er.get("fy")) v.fy = r_.fiscal_year(*fy);
  if (v.kind == View::Kind::results) {
    if (!er.require("fy")) v.fy.reset();
    if (auto part = er.require("part")) {
      if (part->value != "summary" && part->value != "by-goal" && part->value != "unmet") {
        r_.error(part->value_offset, "part \"" + part->value + "\" is not known; expected summary, by-goal or unmet");
      }
      v.part = part->text();
    }
    if (auto unset = er.get("unset")) {
      if (unset->value == "met") v.unset_met = true;
      else r_.error(unset->value_offset, "unset \"" + unset->value + "\" is not known; expected met");
    }
    if (auto columns = er.get("columns")) {
      if (columns->value != "goals") {
        r_.error(columns->value_offset, "columns \"" + columns->value + "\" is not known; expected goals");
      } else if (v.part && v.part->value != "by-goal") {
        r_.error(columns->value_offset, "columns=\"goals\" applies to part=\"by-goal\" only");
      }
      v.columns = columns->text();
    }
    if (auto reasons = er.get("reasons")) v.reasons = r_.yes_no(*reasons).value_or(true);
    auto expectation = [&](const char* attr, std::optional<View::Expectation>& out) {
      if (auto a = er.get(attr)) {
        if (auto n = r_.whole_number(*a, 0, 1000000)) out = View::Expectation{*n, a->value_offset};
      }
    };
    expectation("expect-set", v.expect_set);
    expectation("expect-met", v.expect_met);
    expectation("expect-unmet", v.expect_unmet);
    expectation("expect-pending", v.expect_pending);
  } else if (v.kind == View::Kind::breakdown) {
    er.require("indicator");
    if (!er.require("fy")) v.fy.reset();
  } else if (v.kind == View::Kind::period_comparison) {
    er.require("from");
    er.require("to");
  }
  return v;
}

TableRow DocumentParser::row(pugi::xml_node node) {
  ElementReader er(r_.input(), node, r_.diags(), {});
  TableRow row;
  row.offset = er.offset();
  r_.children(node, {"th", "td"}, [&](pugi::xml_node c) {
    ElementReader cr(r_.input(), c, r_.diags(), {"rowspan", "colspan", "align", "valign"});
    TableCell cell;
    cell.offset = cr.offset();
    cell.header = std::string_view(c.name()) == "th";
    if (auto a = cr.get("rowspan")) cell.rowspan = r_.whole_number(*a, 1, 1000).value_or(1);
    if (auto a = cr.get("colspan")) cell.colspan = r_.whole_number(*a, 1, 100).value_or(1);
    if (auto a = cr.get("align")) cell.align = cell_align(r_, *a);
    if (auto a = cr.get("valign")) {
      if (a->value == "top") cell.valign = CellVAlign::top;
      else if (a->value == "middle") cell.valign = CellVAlign::middle;
      else if (a->value == "bottom") cell.valign = CellVAlign::bottom;
      else r_.error(a->value_offset, "valign \"" + a->value + "\" is not known; expected top, middle or bottom");
    }
    if (c.child("figure")) {
      // Text beside a figure in a cell belongs in its caption (or another cell).
      for (const pugi::xml_node child : c.children()) {
        const bool figure = child.type() == pugi::node_element && std::string_view(child.name()) == "figure";
        const bool text = child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata;
        if (figure) {
          cell.figures.push_back(block(child));
        } else if (child.type() == pugi::node_element ||
                   (text && std::string_view(child.value()).find_first_not_of(" \t\r\n") != std::string_view::npos)) {
          r_.error(child.type() == pugi::node_element ? r_.offset(child) : r_.input().text_offset(child),
                   "a <" + std::string(c.name()) + "> that holds a <figure> holds nothing else; put this in the figure's "
                   "<caption> or in a cell of its own");
        }
      }
    } else {
      cell.text = r_.rich_text(c, true);
    }
    row.cells.push_back(std::move(cell));
  });
  return row;
}

Table DocumentParser::table(pugi::xml_node node) {
  Table t;
  r_.children(node, {"col", "thead", "tbody", "tr"}, [&](pugi::xml_node child) {
    const std::string_view name = child.name();
    if (name == "col") {
      ElementReader cr(r_.input(), child, r_.diags(), {"width"});
      r_.children(child, {}, [](pugi::xml_node) {});
      if (auto w = cr.get("width")) t.column_widths.push_back(w->text());
      else t.column_widths.push_back(SourceText{"*", cr.offset()});
    } else if (name == "tr") {
      t.body.push_back(row(child));
    } else {
      ElementReader sr(r_.input(), child, r_.diags(), {});
      auto& rows = name == "thead" ? t.head : t.body;
      r_.children(child, {"tr"}, [&](pugi::xml_node tr) { rows.push_back(row(tr)); });
    }
  });
  return t;
}

}  // namespace

Document parse_document(const Reader& reader, pugi::xml_node node) {
  return DocumentParser(reader).document(node);
}

}  // namespace shiryo::model
