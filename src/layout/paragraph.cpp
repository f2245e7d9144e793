#include "layout/paragraph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "text/char_class.h"

namespace shiryo::layout {
namespace {

constexpr double kEpsilon = 1e-6;
// Total fit leaves out candidate lines with more spare space than this (ems)
// while a fuller line fits; the first-fit line is always a candidate, so the
// result is never looser than first fit.
constexpr double kLoosestSpare = 8;
constexpr int kMinLeaderDots = 4;
constexpr double kRuntCost = 1.5 * 1.5 * 1.5;

using text::CharClass;

// The smallest piece a line is made of: the glyphs of one cluster.
struct Atom {
  std::size_t begin = 0, end = 0;  // bytes of the paragraph text
  std::size_t run = 0;             // index into the runs it came from
  const text::Font* font = nullptr;
  double size = 0;
  double width = 0;  // pt
  // Its glyphs in the shape cache, which outlives every composer (cache
  // entries never move); advances scale from font units by size / upem.
  const text::ShapedGlyph* glyphs = nullptr;
  std::size_t glyph_count = 0;
  char32_t first = 0, last = 0;                     // its first and last characters
  CharClass cls = CharClass::other;
  bool space = false;
  bool forced_break = false;
  bool raised = false;  // a superscript or subscript (a footnote mark)
};

// The space between two atoms: what it is, and how far justification may
// stretch or shrink it (JLREQ §3.8.3, Table 6: the 和欧間 stretch first, then
// every gap between characters alike).
struct Glue {
  double natural = 0;
  double stretch = 0;  // first-priority stretch: the 和欧間, to half an em
  double shrink = 0;   // the 和欧間 to an eighth of an em
  double squeeze = 0;  // a punctuation mark's half-em blank, which 追い込み may take
  bool inter_character = false;  // may take the evenly spread remainder
};

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

void report_missing(const InlineRun& run, std::size_t index, TextContext& context) {
  std::size_t at = index;
  const char32_t cp = diag::decode_utf8(run.text, at);
  std::string tried;
  for (const auto* f : run.chain->faces) tried += (tried.empty() ? "" : ", ") + f->postscript_name();
  std::string message = "character " + code_point_name(cp) + " has no glyph in any font of role \"" +
                        run.chain->role + "\" (tried " + tried + ")";
  if (run.origin) {
    context.diags.error(context.source, model::source_offset(*context.source, *run.origin, index),
                        std::move(message));
  } else {
    context.diags.error_without_position(std::move(message) + " in the layout's text \"" + run.text + "\"");
  }
}

// Shapes the runs into atoms; `base` is the byte offset of the first run in
// the paragraph text.
std::vector<Atom> make_atoms(const std::vector<InlineRun>& runs, std::size_t base, TextContext& context) {
  std::vector<Atom> atoms;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const InlineRun& run = runs[r];
    if (run.line_break) {
      Atom atom;
      atom.run = r;
      atom.begin = atom.end = base;
      atom.forced_break = true;
      atoms.push_back(std::move(atom));
      continue;
    }
    const text::Itemization items = text::itemize(*run.chain, run.text);
    for (std::size_t missing : items.missing) report_missing(run, missing, context);
    for (const auto& span : items.spans) {
      if (!span.font) continue;
      const std::string_view piece = std::string_view(run.text).substr(span.begin, span.end - span.begin);
      const auto& glyphs = context.shapes.shape(*span.font, piece);
      const double scale = run.size / span.font->units_per_em();
      for (std::size_t g = 0; g < glyphs.size();) {
        Atom atom;
        atom.run = r;
        atom.font = span.font;
        atom.size = run.size;
        atom.begin = base + span.begin + glyphs[g].cluster;
        const uint32_t cluster = glyphs[g].cluster;
        atom.glyphs = &glyphs[g];
        while (g < glyphs.size() && glyphs[g].cluster == cluster) {
          atom.width += glyphs[g].advance * scale;
          ++atom.glyph_count;
          ++g;
        }
        const std::size_t next = g < glyphs.size() ? glyphs[g].cluster : piece.size();
        atom.end = base + span.begin + next;
        const std::string_view chars = piece.substr(cluster, next - cluster);
        std::size_t at = 0;
        atom.first = diag::decode_utf8(chars, at);
        atom.last = atom.first;
        while (at < chars.size()) atom.last = diag::decode_utf8(chars, at);
        atom.cls = text::classify(atom.first);
        atom.space = atom.cls == CharClass::space;
        atom.raised = run.rise != 0;
        atoms.push_back(std::move(atom));
      }
    }
    base += run.text.size();
  }
  return atoms;
}

bool is_japanese(CharClass c) {
  return c == CharClass::ideographic || c == CharClass::opening || c == CharClass::closing || c == CharClass::middle;
}

// A Latin letter or digit: what 和欧間 separates from Japanese (a hyphen or
// a bracket is not: Ⅰ-(1)-ア stays tight).
bool is_letter_or_digit(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z');
}

// The glue between atoms a and b (japanese-typesetting.md, spacing).
Glue glue_between(const Atom& a, const Atom& b) {
  Glue g;
  if (a.forced_break || b.forced_break) return g;
  // A footnote mark or superscript sits on the word before it, with no
  // 和欧間 on either side; the gap after it spreads like any other.
  if (a.raised != b.raised) {
    g.inter_character = a.raised;
    return g;
  }
  const double em = std::max(a.size, b.size);
  const CharClass ca = text::classify(a.last);
  const CharClass cb = b.cls;
  // 和欧間: a quarter em between Japanese and Latin letters or digits,
  // stretching to a half and shrinking to an eighth; none next to punctuation.
  if ((ca == CharClass::ideographic && cb == CharClass::latin && is_letter_or_digit(b.first)) ||
      (ca == CharClass::latin && is_letter_or_digit(a.last) && cb == CharClass::ideographic)) {
    g.natural = em / 4;
    g.stretch = em / 4;
    g.shrink = em / 8;
    g.inter_character = true;
    return g;
  }
  // Adjacent full-width punctuation takes 1.5 em, not 2: the half-em blank
  // between them goes (。」 ）（ 、「 」。 「（).
  const bool closing_then = ca == CharClass::closing &&
                            (cb == CharClass::closing || cb == CharClass::opening || cb == CharClass::middle);
  const bool opening_pair = ca == CharClass::opening && cb == CharClass::opening;
  if (closing_then || opening_pair) {
    g.natural = -em / 2;
    return g;
  }
  // Never inside a Latin word or number.
  if ((ca == CharClass::latin || ca == CharClass::other) && (cb == CharClass::latin || cb == CharClass::other)) return g;
  if (ca == CharClass::space || cb == CharClass::space) {
    g.inter_character = true;
    return g;
  }
  if (is_japanese(ca) || is_japanese(cb)) {
    // The blank after 、 and a closing bracket and the one before an opening
    // bracket may go to pull a line's last word back (JLREQ Table 4); the
    // full stop keeps its blank.
    if ((ca == CharClass::closing && a.last != U'。' && a.last != U'．') || cb == CharClass::opening) g.squeeze = em / 2;
    g.inter_character = true;
  }
  return g;
}

// What a candidate line [from, to) measures.
struct LineMeasure {
  double natural = 0;  // content width with natural glue, trailing spaces and a hanging mark left out
  double stretch = 0;
  double shrink = 0;
  double squeeze = 0;  // punctuation blanks 追い込み may take (justified text only)
  std::size_t spread_gaps = 0;  // gaps that take the evenly spread remainder
  std::size_t visible_end = 0;  // atoms after it are spaces (or a hanging mark) at the line end
  bool hanging = false;         // the last atom hangs past the measure
};

class Composer {
 public:
  Composer(const ParagraphBox& p, double width, TextContext& context)
      : p_(p), width_(width), context_(context),
        squeeze_punctuation_(p.style.align == style::Align::justify && !p.style.greedy) {
    for (const auto& run : p.runs) text_ += run.text;
    atoms_ = make_atoms(p.runs, 0, context);
    for (std::size_t k = 1; k < atoms_.size(); ++k) glue_.push_back(glue_between(atoms_[k - 1], atoms_[k]));
    glue_.insert(glue_.begin(), Glue{});  // glue_[k] stands before atom k
    allowed_ = context.breaks.find(text_, last_resort_, between_units_);
    // Prefix sums make measuring a candidate line constant-time: total fit
    // measures every line from every break.
    prefix_width_.assign(atoms_.size() + 1, 0);
    prefix_glue_.assign(atoms_.size() + 1, Glue{});
    for (std::size_t k = 0; k < atoms_.size(); ++k) {
      prefix_width_[k + 1] = prefix_width_[k] + atoms_[k].width;
      Glue g = prefix_glue_[k];
      if (k > 0) {
        g.natural += glue_[k].natural;
        g.stretch += glue_[k].stretch;
        g.shrink += glue_[k].shrink;
        g.squeeze += glue_[k].squeeze;
      }
      prefix_glue_[k + 1] = g;
      prefix_spread_.push_back((prefix_spread_.empty() ? 0 : prefix_spread_.back()) +
                               (k > 0 && glue_[k].inter_character ? 1 : 0));
    }
    for (std::size_t r = 0, at = 0; r < p.runs.size(); at += p.runs[r].text.size(), ++r) run_base_.push_back(at);
    // A run a view marks unbreakable (a number with its unit) never splits,
    // and a superscript (a footnote mark, m²) stays with what it follows.
    for (std::size_t k = 1; k < atoms_.size(); ++k) {
      const InlineRun& run = p.runs[atoms_[k].run];
      if (atoms_[k].run == atoms_[k - 1].run && run.unbreakable) allowed_[atoms_[k].begin] = false;
      if (atoms_[k].run != atoms_[k - 1].run && run.rise > 0) allowed_[atoms_[k].begin] = false;
    }
    hang_ = p.style.hang;
    if (p.hang_after_first_run) {
      for (const auto& a : atoms_) {
        if (a.run == 0) hang_ += a.width;
      }
      // Rule 4: never break right after a list mark.
      for (std::size_t k = 1; k < atoms_.size(); ++k) {
        if (atoms_[k].run != 0 && atoms_[k - 1].run == 0) allowed_[atoms_[k].begin] = false;
      }
    }
  }

  std::vector<Line> compose() {
    std::vector<Line> lines;
    if (atoms_.empty()) {
      lines.push_back(empty_line());
      return lines;
    }
    // Forced breaks cut the paragraph into segments; each ends in a line that
    // is not justified.
    const bool total = p_.style.align == style::Align::justify && !p_.style.greedy;
    std::size_t begin = 0;
    while (begin <= atoms_.size()) {
      std::size_t end = begin;
      while (end < atoms_.size() && !atoms_[end].forced_break) ++end;
      if (end == begin) {
        lines.push_back(empty_line());
      } else {
        std::size_t from = begin;
        for (std::size_t b : total ? total_fit(begin, end, lines.empty()) : greedy(begin, end, lines.empty())) {
          lines.push_back(make_line(from, b, lines.empty(), b == end));
          from = b;
          while (from < end && atoms_[from].space) ++from;
        }
      }
      if (end >= atoms_.size()) break;
      begin = end + 1;
    }
    if (!p_.leader_tail.empty()) add_leader(lines);
    return lines;
  }

 private:
  double left(bool first) const { return p_.style.indent + (first ? 0 : hang_); }
  double measure(bool first) const { return std::max(width_ - left(first), 0.0); }

  bool break_allowed(std::size_t k) const { return k > 0 && k < atoms_.size() && allowed_[atoms_[k].begin]; }
  bool last_resort(std::size_t k) const { return k > 0 && k < atoms_.size() && last_resort_[atoms_[k].begin]; }

  bool between_units(std::size_t k) const { return k > 0 && k < atoms_.size() && between_units_[atoms_[k].begin]; }

  // The last break inside a typed number and its unit that fits from
  // `from`, or `from` when none does. One between two whole units (令和4年 /
  // 1月, 評価対象: / R4年度) is best, then one before a number (令和 / 4年),
  // then one between a number and its counter.
  std::size_t last_resort_break(std::size_t from, std::size_t end, bool first) const {
    std::size_t found = from, before_number = from, between = from;
    for (std::size_t k = from + 1; k < end; ++k) {
      if (!fits(measure_line(from, k), first)) break;
      if (!last_resort(k)) continue;
      found = k;
      if (between_units(k)) between = k;
      const char32_t c = atoms_[k].first;
      if ((c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) before_number = k;
    }
    return between > from ? between : before_number > from ? before_number : found;
  }

  // Where a line that can end at `last_fit` (from `from`) ends when the text
  // after it is wider than a line (oversized_after): at the last edge
  // between two whole units that fits (評価対象: / R4年度), else at
  // `last_fit`, so that a unit that fits a line of its own (令和4年 of
  // 令和4年1月) moves whole to the next; only a unit wider than any line is
  // cut to fill this one (…した、令和 / 5年度 where 令和5年度 fits no line).
  std::size_t fill_before_oversized(std::size_t from, std::size_t last_fit, std::size_t end, bool first) const {
    std::size_t between = from;
    for (std::size_t k = last_fit + 1; k < end; ++k) {
      if (!fits(measure_line(from, k), first)) break;
      if (between_units(k)) between = k;
    }
    if (between > last_fit) return between;
    std::size_t unit_end = last_fit + 1;
    while (unit_end < end && !break_allowed(unit_end) && !between_units(unit_end)) ++unit_end;
    if (fits(measure_line(last_fit, unit_end), false)) return last_fit;
    return std::max(last_fit, last_resort_break(from, end, first));
  }

  // Whether the text from break `k` to the next allowed break is wider than
  // a whole line: it must break at a last resort, so the line before it
  // should fill up to one rather than end at `k` half empty (対 / 象:R4 /
  // 年度 becomes 対象: / R4年度).
  bool oversized_after(std::size_t k, std::size_t end) const {
    std::size_t next = k + 1;
    while (next < end && !break_allowed(next)) ++next;
    return !fits(measure_line(k, next), false);
  }

  LineMeasure measure_line(std::size_t from, std::size_t to) const {
    LineMeasure m;
    std::size_t end = to;
    while (end > from && atoms_[end - 1].space) --end;
    if (p_.style.hanging_punctuation && end > from + 1 && text::is_hangable(atoms_[end - 1].last)) {
      m.hanging = true;
      --end;
    }
    m.visible_end = end;
    if (end > from) {
      // Glue before atoms from+1 … end-1: prefix_glue_[end] less prefix_glue_[from+1].
      m.natural = prefix_width_[end] - prefix_width_[from] + prefix_glue_[end].natural - prefix_glue_[from + 1].natural;
      m.stretch = prefix_glue_[end].stretch - prefix_glue_[from + 1].stretch;
      m.shrink = prefix_glue_[end].shrink - prefix_glue_[from + 1].shrink;
      if (squeeze_punctuation_) m.squeeze = prefix_glue_[end].squeeze - prefix_glue_[from + 1].squeeze;
      m.spread_gaps = prefix_spread_[end - 1] - prefix_spread_[from];
    }
    if (from < end && p_.style.half_bracket_at_start && atoms_[from].cls == CharClass::opening) {
      m.natural -= atoms_[from].size / 2;
    }
    return m;
  }

  bool fits(const LineMeasure& m, bool first) const {
    return m.natural - m.shrink - m.squeeze <= measure(first) + kEpsilon;
  }

  // Rule 6: no allowed break fits; break after a / - or . if one fits, else
  // where the text reaches the edge, and warn.
  std::size_t emergency_break(std::size_t from, std::size_t limit, bool first) {
    std::size_t edge = from + 1;
    while (edge < limit && fits(measure_line(from, edge + 1), first)) ++edge;
    std::size_t at = edge;
    for (std::size_t k = edge; k > from + 1; --k) {
      const char32_t c = atoms_[k - 1].last;
      if (c == U'/' || c == U'-' || c == U'.') {
        at = k;
        break;
      }
    }
    if (warned_) return at;  // one warning per paragraph is enough to find it
    warned_ = true;
    const InlineRun& run = p_.runs[atoms_[at < atoms_.size() ? at : at - 1].run];
    const std::string message = "text wider than its line is broken inside a unit (emergency break)";
    if (run.origin && at < atoms_.size()) {
      context_.diags.warning(context_.source,
                             model::source_offset(*context_.source, *run.origin,
                                                  atoms_[at].begin - run_base_[atoms_[at].run]),
                             message);
    } else if (context_.element_offset) {
      context_.diags.warning(context_.source, *context_.element_offset, message + " in \"" + run.text + "\"");
    } else {
      context_.diags.warning(nullptr, 0, message + " in \"" + run.text + "\"");
    }
    return at;
  }

  // First fit: each line ends at the last allowed break that fits.
  std::vector<std::size_t> greedy(std::size_t begin, std::size_t end, bool first) {
    std::vector<std::size_t> breaks;
    std::size_t from = begin;
    while (from < end) {
      std::size_t last_fit = from;
      for (std::size_t k = from + 1; k <= end; ++k) {
        if (k < end && !break_allowed(k)) continue;
        if (!fits(measure_line(from, k), first && breaks.empty())) break;
        last_fit = k;
      }
      if (last_fit == from) {
        last_fit = last_resort_break(from, end, first && breaks.empty());
      } else if (last_fit < end && oversized_after(last_fit, end)) {
        last_fit = fill_before_oversized(from, last_fit, end, first && breaks.empty());
      }
      const std::size_t b = last_fit > from ? last_fit : emergency_break(from, end, first && breaks.empty());
      breaks.push_back(b);
      from = b;
      while (from < end && atoms_[from].space) ++from;
    }
    return breaks;
  }

  // How far a line is from its measure before justification, in ems, cubed:
  // a line twice as loose counts eight times as bad (as TeX's badness does).
  // The last line of a segment is not justified and costs nothing.
  // A last line of one character and its closing punctuation (a runt) costs
  // as much as a line an em and a half too loose, so that 追い込み pulls it
  // back where the line before has the blanks to give.
  double badness(const LineMeasure& m, std::size_t from, bool first, bool last) const {
    const double spare = (measure(first) - m.natural) / p_.style.size;
    if (last && spare >= 0) return is_runt(from, m.visible_end) ? kRuntCost : 0;
    return std::abs(spare * spare * spare);
  }

  bool is_runt(std::size_t from, std::size_t end) const {
    return end == from + 2 && atoms_[from].cls != CharClass::closing && atoms_[from + 1].cls == CharClass::closing;
  }

  // Total fit: the breaks that minimise the sum of the lines' badness over
  // the segment, so that no line is stretched far more than its neighbours.
  std::vector<std::size_t> total_fit(std::size_t begin, std::size_t end, bool first_line) {
    constexpr double kInfinite = std::numeric_limits<double>::infinity();
    const std::size_t n = end - begin;
    std::vector<double> cost(n + 1, kInfinite);  // indexes relative to begin
    std::vector<std::size_t> previous(n + 1, 0);
    cost[0] = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (cost[i] == kInfinite) continue;
      std::size_t start = begin + i;
      while (start < end && atoms_[start].space) ++start;
      const bool first = first_line && i == 0;
      bool any = false;
      std::size_t furthest = start;
      auto offer = [&](std::size_t k, const LineMeasure& m) {
        const double c = cost[i] + badness(m, start, first, k == end);
        if (c < cost[k - begin]) {
          cost[k - begin] = c;
          previous[k - begin] = i;
        }
      };
      auto relax = [&](std::size_t from_k) {
        for (std::size_t k = from_k; k <= end; ++k) {
          if (k < end && !break_allowed(k)) continue;
          const LineMeasure m = measure_line(start, k);
          if (!fits(m, first)) break;
          any = true;
          furthest = k;
          offer(k, m);
        }
      };
      // Candidates start where the widths alone come within kLoosestSpare
      // ems of the measure.
      std::size_t from_k = start + 1;
      const double reach = prefix_width_[start] + measure(first) - kLoosestSpare * p_.style.size;
      if (reach > prefix_width_[start]) {
        const auto it = std::lower_bound(prefix_width_.begin() + static_cast<long>(start) + 1,
                                         prefix_width_.begin() + static_cast<long>(end) + 1, reach);
        from_k = std::max(start + 1, static_cast<std::size_t>(it - prefix_width_.begin()));
      }
      relax(from_k);
      if (!any && from_k > start + 1) relax(start + 1);
      if (any && furthest < end && oversized_after(furthest, end)) {
        const std::size_t k = fill_before_oversized(start, furthest, end, first);
        if (k > furthest) offer(k, measure_line(start, k));
      }
      if (!any && start < end) {
        std::size_t k = last_resort_break(start, end, first);
        if (k == start) k = emergency_break(start, end, first);
        if (cost[i] < cost[k - begin]) {
          cost[k - begin] = cost[i];
          previous[k - begin] = i;
        }
      }
    }
    std::vector<std::size_t> breaks;
    for (std::size_t at = n; at > 0; at = previous[at]) breaks.push_back(begin + at);
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
  }

  Line empty_line() const {
    Line line;
    line.width = width_;
    line.height = p_.style.line_height * p_.style.size;
    line.baseline = line.height * 0.8;
    return line;
  }

  double line_height(std::size_t from, std::size_t to, double& baseline) const {
    double size = p_.style.size;
    double ascent = 0;
    double descent = 0;
    for (std::size_t k = from; k < to; ++k) {
      const Atom& a = atoms_[k];
      if (!a.font) continue;
      size = std::max(size, a.size);
      const double upem = a.font->units_per_em();
      ascent = std::max(ascent, a.font->metrics().ascender / upem * a.size);
      descent = std::max(descent, -a.font->metrics().descender / upem * a.size);
    }
    if (ascent == 0) {
      ascent = 0.88 * size;
      descent = 0.12 * size;
    }
    const double height = p_.style.line_height * size;
    baseline = (height - (ascent + descent)) / 2 + ascent;
    return height;
  }

  Line make_line(std::size_t from, std::size_t to, bool first, bool last) {
    std::size_t start = from;
    while (start < to && atoms_[start].space) ++start;
    const LineMeasure m = measure_line(start, to);
    const std::size_t end = m.hanging ? m.visible_end + 1 : m.visible_end;
    Line line;
    line.width = width_;
    line.height = line_height(start, std::max(end, start), line.baseline);
    if (start < atoms_.size() && p_.runs[atoms_[start].run].origin) {
      const InlineRun& run = p_.runs[atoms_[start].run];
      line.source_offset = model::source_offset(*context_.source, *run.origin, atoms_[start].begin - run_base_[atoms_[start].run]);
    }
    // Justification (JLREQ Table 6): the 和欧間 stretch first, then the rest
    // spreads evenly between characters. A tight line takes from the 和欧間
    // first, then from the punctuation blanks (追い込み).
    const double target = measure(first);
    double stretch_ratio = 0;
    double spread = 0;
    double shrink_ratio = 0;
    double squeeze_ratio = 0;
    if (m.natural > target && m.shrink + m.squeeze > 0) {
      const double over = m.natural - target;
      if (m.shrink > 0) shrink_ratio = std::min(over / m.shrink, 1.0);
      if (m.squeeze > 0) squeeze_ratio = std::clamp((over - m.shrink) / m.squeeze, 0.0, 1.0);
    } else if (p_.style.align == style::Align::justify && !last) {
      const double spare = target - m.natural;
      if (m.stretch > 0) stretch_ratio = std::min(spare / m.stretch, 1.0);
      const double rest = spare - stretch_ratio * m.stretch;
      if (rest > kEpsilon && m.spread_gaps > 0) spread = rest / static_cast<double>(m.spread_gaps);
    }
    double used = m.natural - shrink_ratio * m.shrink - squeeze_ratio * m.squeeze + stretch_ratio * m.stretch +
                  spread * static_cast<double>(m.spread_gaps);
    double offset = left(first);
    switch (p_.style.align) {
      case style::Align::left:
      case style::Align::justify: break;
      case style::Align::center: offset += (target - used) / 2; break;
      case style::Align::right: offset += target - used; break;
    }
    if (start < end && p_.style.half_bracket_at_start && atoms_[start].cls == CharClass::opening) {
      offset -= atoms_[start].size / 2;
    }
    std::vector<double> gaps(end > start ? end - start : 0, 0.0);
    for (std::size_t k = start + 1; k < end; ++k) {
      const Glue& g = glue_[k];
      gaps[k - start] = g.natural + stretch_ratio * g.stretch - shrink_ratio * g.shrink - squeeze_ratio * g.squeeze +
                        (g.inter_character ? spread : 0);
    }
    place(line, atoms_, start, end, p_.runs, text_, offset, gaps, p_.hang_after_first_run);
    line.natural = used;
    line.spare = target - m.natural;
    return line;
  }

  // Appends atoms [from, to) to the line from `x`; gaps[k - from] stands before atom k.
  // The first run is a list mark when `mark_first`; the glyphs are `part` otherwise.
  static void place(Line& line, const std::vector<Atom>& atoms, std::size_t from, std::size_t to,
                    const std::vector<InlineRun>& runs, const std::string& text, double x,
                    const std::vector<double>& gaps, bool mark_first = false,
                    GlyphRun::Part part = GlyphRun::Part::text) {
    for (std::size_t k = from; k < to; ++k) {
      const Atom& a = atoms[k];
      if (a.forced_break) continue;
      if (k > from) x += gaps[k - from];
      const InlineRun& run = runs[a.run];
      if (run.footnote &&
          std::find(line.footnotes.begin(), line.footnotes.end(), *run.footnote) == line.footnotes.end()) {
        line.footnotes.push_back(*run.footnote);
      }
      GlyphRun* target = line.runs.empty() ? nullptr : &line.runs.back();
      const bool continues = target && k > from && atoms[k - 1].run == a.run && atoms[k - 1].font == a.font &&
                             atoms[k - 1].end == a.begin;
      if (!continues) {
        line.runs.push_back(GlyphRun{a.font, a.size, run.color, x, -run.rise, {}, {}, run.page_ref});
        target = &line.runs.back();
        target->part = mark_first && a.run == 0 ? GlyphRun::Part::mark : part;
        if (run.link || run.uri) {
          line.links.push_back(LinkArea{x, 0, 0, line.height, run.link.value_or(""), run.uri.value_or("")});
          target->link = static_cast<int>(line.links.size()) - 1;
        }
      }
      const auto cluster = static_cast<uint32_t>(target->text.size());
      target->text += text.substr(a.begin, a.end - a.begin);
      double gx = x - target->x;
      const double scale = a.size / a.font->units_per_em();
      for (std::size_t g = 0; g < a.glyph_count; ++g) {
        target->glyphs.push_back(PositionedGlyph{.x = gx, .glyph = a.glyphs[g].glyph, .cluster = cluster});
        gx += a.glyphs[g].advance * scale;
      }
      x += a.width;
      if (run.link || run.uri) line.links.back().width = x - line.links.back().x;
    }
  }

  // A dot leader from the last line's text to the tail, flush right; on a
  // line of its own when too little room is left.
  void add_leader(std::vector<Line>& lines) {
    const std::vector<Atom> tail = make_atoms(p_.leader_tail, text_.size(), context_);
    std::string tail_text = text_;
    for (const auto& run : p_.leader_tail) tail_text += run.text;
    double tail_width = 0;
    for (const auto& a : tail) tail_width += a.width;
    InlineRun dot_run = p_.leader_tail.front();
    dot_run.text = kLeaderDot;
    dot_run.link.reset();
    dot_run.page_ref.clear();
    dot_run.uri.reset();
    dot_run.origin.reset();
    const std::vector<Atom> dot = make_atoms({dot_run}, 0, context_);
    const double dot_width = dot.empty() ? 0 : dot.front().width;
    Line* last = &lines.back();
    double end_x = p_.style.indent;
    if (!last->runs.empty()) {
      const GlyphRun& r = last->runs.back();
      double w = 0;
      if (!r.glyphs.empty()) {
        const double upem = r.font->units_per_em();
        w = r.glyphs.back().x + r.font->advance(r.glyphs.back().glyph) / upem * r.size;
      }
      end_x = r.x + w;
    }
    if (dot_width > 0 && width_ - tail_width - end_x < kMinLeaderDots * dot_width) {
      Line extra;
      extra.width = width_;
      extra.height = last->height;
      extra.baseline = last->baseline;
      lines.push_back(std::move(extra));
      last = &lines.back();
      end_x = p_.style.indent + hang_;
    }
    const int dots = dot_width > 0 ? static_cast<int>(std::floor((width_ - tail_width - end_x) / dot_width)) : 0;
    if (dots > 0) {
      std::vector<Atom> leader(static_cast<std::size_t>(dots), dot.front());
      std::string dot_text;
      for (int k = 0; k < dots; ++k) dot_text += kLeaderDot;
      const std::size_t dot_bytes = std::string(kLeaderDot).size();
      for (std::size_t k = 0; k < leader.size(); ++k) {
        leader[k].begin = k * dot_bytes;
        leader[k].end = (k + 1) * dot_bytes;
      }
      place(*last, leader, 0, leader.size(), {dot_run}, dot_text, width_ - tail_width - dots * dot_width,
            std::vector<double>(leader.size(), 0.0), false, GlyphRun::Part::leader);
    }
    place(*last, tail, 0, tail.size(), p_.leader_tail, tail_text, width_ - tail_width,
          std::vector<double>(tail.size(), 0.0));
    last->natural = width_ - p_.style.indent;
  }

  const ParagraphBox& p_;
  double width_;
  TextContext& context_;
  std::string text_;
  std::vector<Atom> atoms_;
  std::vector<Glue> glue_;
  std::vector<bool> allowed_;
  std::vector<bool> last_resort_;    // breaks inside a typed number and its unit
  std::vector<bool> between_units_;  // those of them between two whole units
  std::vector<std::size_t> run_base_;
  std::vector<double> prefix_width_;       // [k]: widths of atoms 0 … k-1
  std::vector<Glue> prefix_glue_;          // [k]: glue before atoms 1 … k-1
  std::vector<std::size_t> prefix_spread_; // [k]: inter-character gaps before atoms 1 … k
  double hang_ = 0;
  bool squeeze_punctuation_ = false;  // 追い込み: justified text with total fit
  bool warned_ = false;
};

}  // namespace

double lines_height(const std::vector<Line>& lines) {
  double h = 0;
  for (const auto& l : lines) h += l.height;
  return h;
}

std::vector<Line> layout_paragraph(const ParagraphBox& paragraph, double width, TextContext& context) {
  return Composer(paragraph, std::max(0.0, width - paragraph.style.end_indent), context).compose();
}

}  // namespace shiryo::layout
