// One function per view; the helpers they share to make styled runs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "image/figure_files.h"
#include "layout/box.h"
#include "model/packet.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::compose {

// The styles and fonts every view draws from.
class ViewContext {
 public:
  ViewContext(const model::Packet& packet, const style::LayoutSet& layout, const text::FontSet& fonts,
              const image::FigureFiles& figures, diag::Diagnostics& diags)
      : packet_(packet), layout_(layout), fonts_(fonts), figures_(figures), diags_(diags) {}

  const model::Packet& packet() const { return packet_; }
  const image::FigureFiles& figures() const { return figures_; }
  const style::LayoutSet& layout() const { return layout_; }
  diag::Diagnostics& diags() const { return diags_; }
  const style::Style& style(const std::string& name) const { return layout_.style(name); }

  // A run of generated text (a fixed word, a number) in a style.
  layout::InlineRun run(const std::string& text, const style::Style& style) const;
  // A run of source text, kept with its position for diagnostics.
  layout::InlineRun run(const model::SourceText& text, const style::Style& style) const;
  // A fixed word whose `{key}` is source text: the runs before, of and after it.
  // Its other placeholders are filled from `values`.
  std::vector<layout::InlineRun> word_with(const std::string& word, const std::string& key,
                                           const model::SourceText& value, const style::Style& style,
                                           const std::map<std::string, std::string>& values = {}) const;
  layout::ParagraphBox paragraph(const std::string& style_name,
                                 std::vector<layout::InlineRun> runs) const;

 private:
  const model::Packet& packet_;
  const style::LayoutSet& layout_;
  const text::FontSet& fonts_;
  const image::FigureFiles& figures_;
  diag::Diagnostics& diags_;
};

// Where a document's <fn> notes go: numbered 1, 2 … through the document,
// each set at the foot of the page that refers to it.
struct FootnoteSink {
  std::vector<layout::ParagraphBox>* notes = nullptr;  // the current section's
  int next_number = 1;
  const model::Document* document = nullptr;  // whose headings and sheets a <toc/> lists
};

// Rich text as runs in a style: <b> in the bold role, <sup>/<sub> raised or
// lowered, links, forced breaks, <tally> figures. A <leader/> splits the
// text: what follows it goes to `leader_tail`.
// Without a sink (inside table cells), a <fn> prints its note in brackets
// where it stands.
void add_rich_text(const model::RichText& text, const style::Style& style, const ViewContext& view,
                   layout::ParagraphBox& paragraph, FootnoteSink* notes = nullptr);

// A table cell with a style's padding, rules on every side and fill.
layout::TableCell styled_cell(const style::Style& style);

// A table cell holding one paragraph of `runs` in a style (its padding,
// rules, fill and alignment), centred vertically.
layout::TableCell text_cell(std::vector<layout::InlineRun> runs, const style::Style& style);

// Generated text as runs in a style; a line feed in it (`&#10;` in a layout
// set's word) is a forced line break.
std::vector<layout::InlineRun> text_lines(const std::string& text, const style::Style& style,
                                          const ViewContext& view);

// The mark a table prints where it continues on a new page (（続き）).
layout::ParagraphBox continued_mark(const ViewContext& view);
// Sets the table's （続き） mark above its repeated header and the word after
// the labels drawn again where a row group continues.
void mark_continuations(layout::TableBox& table, const ViewContext& view);

// Generic blocks of a document (headings, paragraphs, lists, notes, boxes,
// tables, page breaks) and placeholders for views not drawn yet.
void add_blocks(const std::vector<model::Block>& blocks, const ViewContext& view, double measure,
                std::vector<layout::Block>& out, FootnoteSink* notes = nullptr);

// A view of plan data, as its element says.
void add_view(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out);

// A framed placeholder naming an element not drawn yet, with a warning.
layout::TableBox placeholder(const std::string& element, std::size_t offset, const ViewContext& view,
                             double measure);

// A <figure>: its image at the size asked, never wider than `measure`, and
// its caption; nothing when its file was not read (an error says why).
void add_figure(const model::Block& figure, const ViewContext& view, double measure,
                std::vector<layout::Block>& out, FootnoteSink* notes);
// A <figure> in a table cell: its image, sized by layout to the cell (the
// percentage of `width` is of the cell's width, and it is never wider than
// the cell), then its caption.
void add_cell_figure(const model::Block& figure, const ViewContext& view, std::vector<layout::CellBlock>& out,
                     FootnoteSink* notes);

// The text a <tally> prints (85.5%, 47/55, 23).
std::string tally_text(const model::Tally& tally, const model::Packet& packet);

layout::Section compose_agenda(const model::Packet& packet, const ViewContext& view);
layout::Section compose_roster(const model::Packet& packet, const model::Roster& roster,
                               const ViewContext& view);
// The document's sections: its first page's blocks, then one per <part>.
std::vector<layout::Section> compose_document(const model::Document& document, const ViewContext& view);

}  // namespace shiryo::compose
