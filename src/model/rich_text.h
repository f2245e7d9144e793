// Text with inline markup (plan-format.md §7 Inline, §9.16, §9.20): runs of
// source text, line breaks, <b>, <sup>, <sub>, <a href>, <fn>, <leader/>, <tally>.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/source_text.h"

namespace shiryo::model {

struct Tally {
  std::size_t offset = 0;
  std::optional<SourceText> plan, period, goal;
  std::optional<FiscalYear> fy;
  SourceText what;  // set, met, unmet, pending, rate, fraction, items, indicators
  bool unset_met = false;
};

struct Inline {
  enum class Kind { text, line_break, bold, superscript, subscript, link, footnote, leader, tally };
  Kind kind = Kind::text;
  SourceText text;               // Kind::text
  std::vector<Inline> children;  // bold, superscript, subscript, link, footnote
  std::optional<SourceText> href;
  std::optional<Tally> tally;
};

using RichText = std::vector<Inline>;

// The characters of the text, markup dropped (line breaks as nothing).
std::string plain_text(const RichText& text);

}  // namespace shiryo::model
