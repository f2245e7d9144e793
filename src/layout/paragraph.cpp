#include "layout/paragraph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shiryo::layout {
namespace {

constexpr double kEpsilon = 1e-6;
constexpr const char* kLeaderDot = "・";
constexpr int kMinLeaderDots = 2;

// The smallest piece a line is made of: the glyphs of one cluster.
struct Atom {
  std::size_t begin = 0, end = 0;  // bytes of the paragraph text
  std::size_t run = 0;             // index into the runs it came from
  const text::Font* font = nullptr;
  double size = 0;
  double width = 0;  // pt
  std::vector<std::pair<uint32_t, double>> glyphs;  // glyph, advance in pt
  bool space = false;
  bool forced_break = false;
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
    context.diags.error_without_position(std::move(message) + " in the layout's text \"" +
                                         run.text + "\"");
  }
}

// Shapes the runs into atoms; `base` is the byte offset of the first run in
// the paragraph text.
std::vector<Atom> make_atoms(const std::vector<InlineRun>& runs, std::size_t base,
                             TextContext& context) {
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
        while (g < glyphs.size() && glyphs[g].cluster == cluster) {
          const double advance = glyphs[g].advance * scale;
          atom.glyphs.emplace_back(glyphs[g].glyph, advance);
          atom.width += advance;
          ++g;
        }
        const std::size_t next = g < glyphs.size() ? glyphs[g].cluster : piece.size();
        atom.end = base + span.begin + next;
        atom.space = piece.substr(cluster, next - cluster) == " " ||
                     piece.substr(cluster, next - cluster) == "　";
        atoms.push_back(std::move(atom));
      }
    }
    base += run.text.size();
  }
  return atoms;
}

double line_height_of(const ParagraphBox& p, const std::vector<Atom>& atoms, std::size_t from,
                      std::size_t to, double& baseline) {
  double size = p.style.size;
  double ascent = 0;
  double descent = 0;
  for (std::size_t k = from; k < to; ++k) {
    const Atom& a = atoms[k];
    size = std::max(size, a.size);
    const double upem = a.font->units_per_em();
    ascent = std::max(ascent, a.font->metrics().ascender / upem * a.size);
    descent = std::max(descent, -a.font->metrics().descender / upem * a.size);
  }
  if (ascent == 0) {
    ascent = 0.88 * size;
    descent = 0.12 * size;
  }
  const double height = p.style.line_height * size;
  baseline = (height - (ascent + descent)) / 2 + ascent;
  return height;
}

// Appends atoms [from, to) to the line at x positions starting at `x`,
// `gap` extra after each atom but the last.
void place(Line& line, const std::vector<Atom>& atoms, std::size_t from, std::size_t to,
           const std::vector<InlineRun>& runs, const std::string& text, double x, double gap) {
  for (std::size_t k = from; k < to; ++k) {
    const Atom& a = atoms[k];
    const InlineRun& run = runs[a.run];
    GlyphRun* target = line.runs.empty() ? nullptr : &line.runs.back();
    const bool continues = target && k > from && atoms[k - 1].run == a.run &&
                           atoms[k - 1].font == a.font && atoms[k - 1].end == a.begin;
    if (a.forced_break) continue;
    if (!continues) {
      line.runs.push_back(GlyphRun{a.font, a.size, run.color, x, -run.rise, {}, {}});
      target = &line.runs.back();
      if (run.link || run.uri) {
        line.links.push_back(LinkArea{x, 0, 0, line.height, run.link.value_or(""), run.uri.value_or("")});
      }
    }
    const auto cluster = static_cast<uint32_t>(target->text.size());
    target->text += text.substr(a.begin, a.end - a.begin);
    double gx = x - target->x;
    for (const auto& [glyph, advance] : a.glyphs) {
      target->glyphs.push_back(PositionedGlyph{glyph, gx, cluster});
      gx += advance;
    }
    x += a.width + (k + 1 < to ? gap : 0);
    if (run.link || run.uri) line.links.back().width = x - line.links.back().x;
  }
}

double natural_width(const std::vector<Atom>& atoms, std::size_t from, std::size_t to) {
  double w = 0;
  for (std::size_t k = from; k < to; ++k) w += atoms[k].width;
  return w;
}

}  // namespace

double lines_height(const std::vector<Line>& lines) {
  double h = 0;
  for (const auto& l : lines) h += l.height;
  return h;
}

std::vector<Line> layout_paragraph(const ParagraphBox& p, double width, TextContext& context) {
  std::string text;
  for (const auto& run : p.runs) text += run.text;
  const std::vector<Atom> atoms = make_atoms(p.runs, 0, context);
  const std::vector<bool> allowed = context.breaks.find(text);
  std::vector<std::size_t> run_base;
  for (std::size_t r = 0, at = 0; r < p.runs.size(); at += p.runs[r].text.size(), ++r) {
    run_base.push_back(at);
  }

  double hang = p.style.hang;
  if (p.hang_after_first_run) {
    for (const auto& a : atoms) {
      if (a.run == 0) hang += a.width;
    }
  }

  std::vector<Line> lines;
  std::size_t i = 0;
  while (i < atoms.size() || lines.empty()) {
    const bool first = lines.empty();
    const double left = p.style.indent + (first ? 0 : hang);
    const double measure = std::max(width - left, 0.0);
    std::size_t j = i;
    std::size_t last_break = 0;
    double x = 0;
    bool forced = false;
    while (j < atoms.size()) {
      if (atoms[j].forced_break) {
        forced = true;
        break;
      }
      if (j > i && allowed[atoms[j].begin]) last_break = j;
      if (j > i && x + atoms[j].width > measure + kEpsilon) break;
      x += atoms[j].width;
      ++j;
    }
    std::size_t end = j;
    if (forced) {
      // The line ends at the break, which is consumed below.
    } else if (j < atoms.size() && last_break > i) {
      end = last_break;
    } else if (j < atoms.size()) {
      // Rule 6: a unit wider than the line breaks where it reaches the edge.
      const InlineRun& run = p.runs[atoms[j].run];
      const std::string message =
          "text wider than its line is broken where it reaches the edge (emergency break)";
      if (run.origin) {
        context.diags.warning(
            context.source,
            model::source_offset(*context.source, *run.origin, atoms[j].begin - run_base[atoms[j].run]),
            message);
      } else {
        context.diags.warning(nullptr, 0, message + " in the layout's text \"" + run.text + "\"");
      }
    }
    // Spaces at the end of a line take no room.
    std::size_t visible_end = end;
    while (visible_end > i && atoms[visible_end - 1].space) --visible_end;

    Line line;
    line.width = width;
    line.height = line_height_of(p, atoms, i, std::max(visible_end, i), line.baseline);
    const double used = natural_width(atoms, i, visible_end);
    const bool last = end >= atoms.size() || forced;
    double offset = left;
    double gap = 0;
    switch (p.style.align) {
      case style::Align::left: break;
      case style::Align::center: offset += (measure - used) / 2; break;
      case style::Align::right: offset += measure - used; break;
      case style::Align::justify:
        if (!last && visible_end - i > 1) gap = (measure - used) / static_cast<double>(visible_end - i - 1);
        break;
    }
    place(line, atoms, i, visible_end, p.runs, text, offset, gap);
    lines.push_back(std::move(line));
    i = forced ? end + 1 : end;
    while (i < atoms.size() && atoms[i].space) ++i;
    if (forced && i >= atoms.size()) {
      // A break at the very end still leaves an empty line after it.
      Line empty;
      empty.width = width;
      empty.height = p.style.line_height * p.style.size;
      empty.baseline = empty.height * 0.8;
      lines.push_back(std::move(empty));
    }
    if (atoms.empty()) break;
  }

  if (!p.leader_tail.empty()) {
    const std::vector<Atom> tail = make_atoms(p.leader_tail, text.size(), context);
    std::string tail_text = text;
    for (const auto& run : p.leader_tail) tail_text += run.text;
    const double tail_width = natural_width(tail, 0, tail.size());
    InlineRun dot_run = p.leader_tail.front();
    dot_run.text = kLeaderDot;
    dot_run.link.reset();
    dot_run.origin.reset();
    const std::vector<Atom> dot = make_atoms({dot_run}, 0, context);
    const double dot_width = dot.empty() ? 0 : dot.front().width;
    const double right = width;
    Line* last = &lines.back();
    double end_x = p.style.indent;
    // The end of the last line's text: its last glyph run's origin plus its advances.
    if (!last->runs.empty()) {
      const GlyphRun& r = last->runs.back();
      double w = 0;
      if (!r.glyphs.empty()) {
        const double upem = r.font->units_per_em();
        w = r.glyphs.back().x + r.font->advance(r.glyphs.back().glyph) / upem * r.size;
      }
      end_x = r.x + w;
    }
    if (dot_width > 0 && right - tail_width - end_x < kMinLeaderDots * dot_width) {
      Line extra;
      extra.width = width;
      extra.height = last->height;
      extra.baseline = last->baseline;
      lines.push_back(std::move(extra));
      last = &lines.back();
      end_x = p.style.indent + hang;
    }
    const int dots = dot_width > 0 ? static_cast<int>(std::floor((right - tail_width - end_x) / dot_width)) : 0;
    if (dots > 0) {
      std::vector<Atom> leader(static_cast<std::size_t>(dots), dot.front());
      std::string dot_text;
      for (int k = 0; k < dots; ++k) dot_text += kLeaderDot;
      for (std::size_t k = 0; k < leader.size(); ++k) {
        leader[k].begin = k * dot_text.size() / leader.size();
        leader[k].end = (k + 1) * dot_text.size() / leader.size();
      }
      place(*last, leader, 0, leader.size(), {dot_run}, dot_text, right - tail_width - dots * dot_width, 0);
    }
    place(*last, tail, 0, tail.size(), p.leader_tail, tail_text, right - tail_width, 0);
  }
  return lines;
}

}  // namespace shiryo::layout
