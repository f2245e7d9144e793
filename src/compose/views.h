// One function per view; the helpers they share to make styled runs.
#pragma once

#include "layout/box.h"
#include "model/packet.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::compose {

// The styles and fonts every view draws from.
class ViewContext {
 public:
  ViewContext(const style::LayoutSet& layout, const text::FontSet& fonts)
      : layout_(layout), fonts_(fonts) {}

  const style::LayoutSet& layout() const { return layout_; }
  const style::Style& style(const std::string& name) const { return layout_.style(name); }

  // A run of generated text (a fixed word, a number) in a style.
  layout::InlineRun run(const std::string& text, const style::Style& style) const;
  // A run of source text, kept with its position for diagnostics.
  layout::InlineRun run(const model::SourceText& text, const style::Style& style) const;
  // A fixed word whose `{key}` is source text: the runs before, of and after it.
  std::vector<layout::InlineRun> word_with(const std::string& word, const std::string& key,
                                           const model::SourceText& value,
                                           const style::Style& style) const;
  layout::ParagraphBox paragraph(const std::string& style_name,
                                 std::vector<layout::InlineRun> runs) const;

 private:
  const style::LayoutSet& layout_;
  const text::FontSet& fonts_;
};

layout::Section compose_agenda(const model::Packet& packet, const ViewContext& view);
layout::Section compose_roster(const model::Packet& packet, const model::Roster& roster,
                               const ViewContext& view);
layout::Section compose_document(const model::Document& document, const ViewContext& view);

}  // namespace shiryo::compose
