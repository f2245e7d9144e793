#include "layout/table_flow.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>

#include "diag/source_file.h"
#include "text/char_class.h"
#include "text/shaper.h"

namespace shiryo::layout {
namespace {

constexpr double kEpsilon = 1e-6;
// A split cell keeps at least this many lines on each side of the split
// (no orphan at a region's foot, no widow at the next one's head) unless the
// region is empty and the table must make progress.
constexpr std::size_t kMinPiece = 2;
// A group that fits an empty region splits only where the part of it that
// fits is at least this share of an empty region's body.
constexpr double kSplitShare = 0.25;
// A label taller than this share of an empty region's body is not drawn
// again where its rows continue.
constexpr double kLabelShare = 0.25;
// A nested table is laid whole into a region this tall, then cut into bands
// between its lines.
constexpr double kUnbounded = 1e9;

// ---- Content widths: the first pass of CSS automatic table layout ----

struct Extent {
  double min = 0;      // the longest unbreakable unit: narrower, and it breaks by force
  double max = 0;      // the widest line when only forced breaks break
  std::string widest;  // the text of the longest unit, for the warning
};

void widen(Extent& to, const Extent& from) {
  if (from.min > to.min) {
    to.min = from.min;
    to.widest = from.widest;
  }
  to.max = std::max(to.max, from.max);
}

bool latin_letter_or_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

// Whether the composer sets 和欧間 between two characters.
bool wa_ou(char32_t a, char32_t b) {
  const auto japanese = [](char32_t c) { return c != 0 && text::classify(c) == text::CharClass::ideographic; };
  return (japanese(a) && latin_letter_or_digit(b)) || (latin_letter_or_digit(a) && japanese(b));
}

// Measures with the same shapes, glue and break opportunities the composer uses,
// without composing lines (which would report every unit as an emergency
// break at a width of zero).
Extent paragraph_extent(const ParagraphBox& p, TextContext& context) {
  std::string text;
  for (const auto& run : p.runs) text += run.text;
  std::vector<bool> last_resort;
  // A column's narrowest width lets a typed unit break at its edges, as a
  // line too narrow for it does; a run a view marks unbreakable (a figure
  // with its unit, a rate) is one unit whatever its characters, as the
  // composer keeps it.
  std::vector<bool> allowed = context.breaks.find(text, last_resort);
  for (std::size_t i = 0; i < allowed.size(); ++i) allowed[i] = allowed[i] || last_resort[i];
  std::size_t at = 0;
  for (const auto& run : p.runs) {
    if (run.unbreakable) {
      for (std::size_t i = at + 1; i < at + run.text.size() && i < allowed.size(); ++i) allowed[i] = false;
    }
    at += run.text.size();
  }
  Extent out;
  double unit = 0, unit_visible = 0, line = 0, line_visible = 0;
  std::size_t unit_begin = 0, unit_end = 0;
  bool unit_open = false;
  auto end_unit = [&] {
    if (unit_visible > out.min) {
      out.min = unit_visible;
      out.widest = text.substr(unit_begin, unit_end - unit_begin);
    }
    unit = unit_visible = 0;
    unit_open = false;
  };
  auto end_line = [&] {
    out.max = std::max(out.max, line_visible);
    line = line_visible = 0;
  };
  std::size_t base = 0;
  char32_t previous = 0;
  for (const auto& run : p.runs) {
    if (run.line_break) {
      end_unit();
      end_line();
      previous = 0;
      continue;
    }
    const text::Itemization items = text::itemize(*run.chain, run.text);
    for (const auto& span : items.spans) {
      if (!span.font) continue;  // the composer reports characters no face has
      const std::string_view piece = std::string_view(run.text).substr(span.begin, span.end - span.begin);
      const auto& glyphs = context.shapes.shape(*span.font, piece);
      const double scale = run.size / span.font->units_per_em();
      for (std::size_t g = 0; g < glyphs.size();) {
        const uint32_t cluster = glyphs[g].cluster;
        double advance = 0;
        while (g < glyphs.size() && glyphs[g].cluster == cluster) {
          advance += glyphs[g].advance * scale;
          ++g;
        }
        const std::size_t next = g < glyphs.size() ? glyphs[g].cluster : piece.size();
        const std::string_view chars = piece.substr(cluster, next - cluster);
        const std::size_t begin = base + span.begin + cluster;
        std::size_t first = 0;
        const char32_t cp = diag::decode_utf8(chars, first);
        // The composer's 和欧間 between Japanese and a Latin letter or digit
        // (3 件, 令和 5 年度), at its natural quarter em.
        const double glue = wa_ou(previous, cp) ? run.size / 4 : 0;
        previous = cp;
        if (unit_open && allowed[begin]) end_unit();
        if (!unit_open) {
          unit_begin = begin;
          unit_open = true;
        } else {
          unit += glue;
        }
        unit += advance;
        line += glue + advance;
        if (chars != " " && chars != "　") {
          unit_visible = unit;
          line_visible = line;
          unit_end = begin + chars.size();
        }
      }
    }
    base += run.text.size();
  }
  end_unit();
  end_line();
  // Continuation lines may start further in than the first.
  out.min += p.style.indent + std::max(p.style.hang, 0.0);
  out.max += p.style.indent;
  return out;
}

// A cell's place in the grid of its section.
struct GridCell {
  const TableCell* cell = nullptr;
  std::size_t row = 0, index = 0;  // in the section's rows and the row's cells
  std::size_t column = 0, colspan = 1, rowspan = 1;
  std::size_t end_row() const { return row + rowspan; }
};

// HTML's grid: each cell takes the first column not covered from above;
// spans are clipped to the section.
std::vector<GridCell> place_cells(const std::vector<TableRow>& rows, std::size_t& columns) {
  std::vector<GridCell> out;
  std::vector<std::size_t> busy_until;  // per column: the first row not covered by a rowspan
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::size_t column = 0;
    for (std::size_t i = 0; i < rows[r].cells.size(); ++i) {
      const TableCell& cell = rows[r].cells[i];
      while (column < busy_until.size() && busy_until[column] > r) ++column;
      GridCell g;
      g.cell = &cell;
      g.row = r;
      g.index = i;
      g.column = column;
      g.colspan = std::max<std::size_t>(cell.colspan, 1);
      g.rowspan = std::clamp<std::size_t>(cell.rowspan, 1, rows.size() - r);
      if (busy_until.size() < column + g.colspan) busy_until.resize(column + g.colspan, 0);
      for (std::size_t c = column; c < column + g.colspan; ++c) busy_until[c] = r + g.rowspan;
      column += g.colspan;
      out.push_back(g);
    }
  }
  columns = std::max(columns, busy_until.size());
  return out;
}

Extent table_extent(const TableBox& table, TextContext& context);

Extent cell_extent(const TableCell& cell, TextContext& context) {
  Extent e;
  for (const auto& block : cell.blocks) {
    if (const auto* p = std::get_if<ParagraphBox>(&block)) {
      widen(e, paragraph_extent(*p, context));
    } else if (const auto* nested = std::get_if<NestedTable>(&block); nested && nested->table) {
      widen(e, table_extent(*nested->table, context));
    } else if (const auto* image = std::get_if<CellImage>(&block)) {
      // A figure shrinks to its cell: it asks for its width, but never forces one.
      widen(e, Extent{0, image->width, "a figure"});
    }
  }
  const double pad = cell.padding.left + cell.padding.right;
  e.min += pad;
  e.max += pad;
  return e;
}

// Each column's extent for auto layout, from every section's cells; each
// cell's own extent goes to `per_cell` (for the narrow-column warning).
std::vector<Extent> column_extents(const std::vector<ColumnSpec>& specs,
                             const std::vector<const std::vector<GridCell>*>& sections,
                             std::size_t columns, TextContext& context,
                             std::vector<std::vector<Extent>>* per_cell) {
  std::vector<Extent> out(columns);
  std::vector<std::pair<const GridCell*, Extent>> spanning;
  for (std::size_t s = 0; s < sections.size(); ++s) {
    std::vector<Extent> cells;
    for (const GridCell& g : *sections[s]) {
      Extent e = cell_extent(*g.cell, context);
      if (per_cell) cells.push_back(e);
      if (g.colspan == 1) widen(out[g.column], e);
      else spanning.emplace_back(&g, std::move(e));
    }
    if (per_cell) per_cell->push_back(std::move(cells));
  }
  // A spanning cell wider than its columns widens them evenly (the auto ones
  // when it spans any).
  for (const auto& [g, e] : spanning) {
    std::vector<std::size_t> targets;
    for (std::size_t c = g->column; c < g->column + g->colspan && c < columns; ++c) {
      if (c >= specs.size() || specs[c].kind == ColumnSpec::Kind::automatic) targets.push_back(c);
    }
    if (targets.empty()) {
      for (std::size_t c = g->column; c < g->column + g->colspan && c < columns; ++c) targets.push_back(c);
    }
    double have_min = 0, have_max = 0;
    for (std::size_t c = g->column; c < g->column + g->colspan && c < columns; ++c) {
      have_min += out[c].min;
      have_max += out[c].max;
    }
    const auto n = static_cast<double>(targets.size());
    for (std::size_t c : targets) {
      if (e.min > have_min) out[c].min += (e.min - have_min) / n;
      if (e.max > have_max) out[c].max += (e.max - have_max) / n;
    }
  }
  return out;
}

ColumnSpec spec_of(const std::vector<ColumnSpec>& specs, std::size_t c) {
  return c < specs.size() ? specs[c] : ColumnSpec{};
}

// Fixed and percent columns take their width; auto columns take between
// their min and max content; proportional columns share the rest. Without
// proportional columns, auto columns stretch to fill the width.
std::vector<double> resolve_widths(const std::vector<ColumnSpec>& specs, const std::vector<Extent>& extents,
                                   double available) {
  const std::size_t n = extents.size();
  std::vector<double> widths(n, 0);
  double taken = 0, auto_min = 0, auto_max = 0, weights = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const ColumnSpec s = spec_of(specs, c);
    switch (s.kind) {
      case ColumnSpec::Kind::fixed: widths[c] = s.value; taken += s.value; break;
      case ColumnSpec::Kind::percent: widths[c] = available * s.value / 100; taken += widths[c]; break;
      case ColumnSpec::Kind::proportional: weights += std::max(s.value, 0.0); break;
      case ColumnSpec::Kind::automatic:
        auto_min += extents[c].min;
        auto_max += std::max(extents[c].max, extents[c].min);
        break;
    }
  }
  std::size_t autos = 0;
  for (std::size_t c = 0; c < n; ++c) autos += spec_of(specs, c).kind == ColumnSpec::Kind::automatic;
  // A fixed or percent column narrower than its longest unbreakable text (a
  // figure with its unit, a rate) grows to hold it, taking the width from
  // the flexible columns as far as their own longest units allow; what is
  // still too narrow then warns, once per column.
  double flexible_min = auto_min, deficit = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const ColumnSpec::Kind kind = spec_of(specs, c).kind;
    if (kind == ColumnSpec::Kind::proportional) flexible_min += extents[c].min;
    if (kind == ColumnSpec::Kind::fixed || kind == ColumnSpec::Kind::percent) {
      deficit += std::max(extents[c].min - widths[c], 0.0);
    }
  }
  if (deficit > 0 && (weights > 0 || autos > 0)) {
    const double share = std::clamp((available - taken - flexible_min) / deficit, 0.0, 1.0);
    for (std::size_t c = 0; c < n; ++c) {
      const ColumnSpec::Kind kind = spec_of(specs, c).kind;
      if (kind != ColumnSpec::Kind::fixed && kind != ColumnSpec::Kind::percent) continue;
      const double grow = std::max(extents[c].min - widths[c], 0.0) * share;
      widths[c] += grow;
      taken += grow;
    }
  }
  const double rest = std::max(available - taken, 0.0);
  double auto_used = 0;
  for (std::size_t c = 0; c < n; ++c) {
    if (spec_of(specs, c).kind != ColumnSpec::Kind::automatic) continue;
    const double lo = extents[c].min;
    const double hi = std::max(extents[c].max, lo);
    double w;
    if (auto_max <= rest) {
      w = hi;
      if (weights <= 0) {
        // Nothing else takes the rest: spread it like the content.
        w += auto_max > 0 ? (rest - auto_max) * hi / auto_max : (rest - auto_max) / static_cast<double>(autos);
      }
    } else if (auto_min <= rest) {
      w = lo + (hi - lo) * (rest - auto_min) / std::max(auto_max - auto_min, kEpsilon);
    } else {
      w = auto_min > 0 ? lo * rest / auto_min : 0;  // too narrow: each column warns
    }
    widths[c] = w;
    auto_used += w;
  }
  if (weights > 0) {
    const double left = std::max(rest - auto_used, 0.0);
    for (std::size_t c = 0; c < n; ++c) {
      const ColumnSpec s = spec_of(specs, c);
      if (s.kind == ColumnSpec::Kind::proportional) widths[c] = left * std::max(s.value, 0.0) / weights;
    }
  }
  return widths;
}

Extent table_extent(const TableBox& table, TextContext& context) {
  std::size_t columns = table.columns.size();
  const auto header = place_cells(table.header, columns);
  const auto body = place_cells(table.body, columns);
  const auto footer = place_cells(table.footer, columns);
  const std::vector<Extent> ext = column_extents(table.columns, {&header, &body, &footer}, columns, context, nullptr);
  Extent out;
  for (std::size_t c = 0; c < columns; ++c) {
    const ColumnSpec s = spec_of(table.columns, c);
    const Extent& e = ext[c];
    if (s.kind == ColumnSpec::Kind::fixed) {
      out.min += s.value;
      out.max += s.value;
    } else {
      out.min += e.min;
      out.max += std::max(e.max, e.min);
    }
    if (e.min > 0 && out.widest.empty()) out.widest = e.widest;
  }
  return out;
}

std::string points(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fpt", v);
  return buf;
}

// ---- Drawing ----

void draw_side(const Border& b, double x1, double y1, double x2, double y2, bool horizontal,
               TableFragment& out) {
  if (b.width <= 0) return;
  switch (b.style) {
    case BorderStyle::solid:
      out.rules.push_back(Rule{x1, y1, x2, y2, b.width, b.color, 0});
      break;
    case BorderStyle::dotted:
      out.rules.push_back(Rule{x1, y1, x2, y2, b.width, b.color, 2 * b.width});
      break;
    case BorderStyle::double_line: {
      // Two strokes and the gap between them each take a third of the width.
      const double stroke = b.width / 3;
      const double dx = horizontal ? 0 : stroke;
      const double dy = horizontal ? stroke : 0;
      out.rules.push_back(Rule{x1 - dx, y1 - dy, x2 - dx, y2 - dy, stroke, b.color, 0});
      out.rules.push_back(Rule{x1 + dx, y1 + dy, x2 + dx, y2 + dy, stroke, b.color, 0});
      break;
    }
  }
}

void draw_line(const Line& line, double x, double top, TableFragment& out) {
  const std::size_t run0 = out.runs.size();
  for (const auto& run : line.runs) out.runs.push_back(moved(run, x, top + line.baseline));
  for (const auto& link : line.links) out.links.push_back(moved(link, x, top));
  for (std::size_t note : line.footnotes) out.footnotes.push_back({note, run0});
}

// A line from `left` to the tip at the middle of the arrow's height, and a
// head of two strokes symmetric about it, their round ends joined at the tip.
// The tip stays a pen's width inside `right`, clear of the cell's rule.
void draw_arrow(const Arrow& arrow, double left, double right, double top, TableFragment& out) {
  const double mid = top + arrow.height / 2;
  const double tip = std::max(right - arrow.rule_width, left);
  const double head = std::min(arrow.height / 2, tip - left);
  const auto stroke = [&](double x1, double y1) {
    out.rules.push_back(Rule{x1, y1, tip, mid, arrow.rule_width, arrow.color, 0, true});
  };
  stroke(left, mid);
  stroke(tip - head, mid - head / 2);
  stroke(tip - head, mid + head / 2);
}

// The cell piece with its runs and images renumbered by `run` and `image`
// (old index → new) and its box moved by (dx, dy), its nested cells alike.
template <typename RunIndex, typename ImageIndex>
CellFragment renumbered(CellFragment c, const RunIndex& run, const ImageIndex& image, double dx, double dy) {
  c.x += dx;
  c.y += dy;
  c.first_run = run(c.first_run);
  c.end_run = run(c.end_run);
  c.first_image = image(c.first_image);
  c.end_image = image(c.end_image);
  for (auto& b : c.blocks) {
    b.first_run = run(b.first_run);
    b.end_run = run(b.end_run);
    b.first_image = image(b.first_image);
    b.end_image = image(b.end_image);
  }
  for (auto& n : c.nested) n = renumbered(std::move(n), run, image, dx, dy);
  return c;
}

// Draws a band of a nested table; returns its cells, counted in `out`.
std::vector<CellFragment> draw_nested(const TableFragment& nested, double x, double top, TableFragment& out) {
  const std::size_t run0 = out.runs.size(), image0 = out.images.size();
  std::vector<CellFragment> cells;
  for (const auto& c : nested.cells)
    cells.push_back(renumbered(c, [run0](std::size_t i) { return i + run0; },
                               [image0](std::size_t i) { return i + image0; }, x, top));
  for (const auto& f : nested.fills) out.fills.push_back(moved(f, x, top));
  for (const auto& r : nested.rules) out.rules.push_back(moved(r, x, top));
  for (const auto& run : nested.runs) out.runs.push_back(moved(run, x, top));
  for (const auto& link : nested.links) out.links.push_back(moved(link, x, top));
  for (const auto& image : nested.images) out.images.push_back(moved(image, x, top));
  for (const auto& ref : nested.footnotes) out.footnotes.push_back({ref.note, ref.run + run0});
  return cells;
}

// Where a laid-out nested table may be cut: the middle of every gap that no
// line of text and no drawing (an arrowhead's slanted barbs) crosses
// (between the lines of all its cells at once).
std::vector<double> clean_cuts(const TableFragment& table) {
  std::vector<std::pair<double, double>> text;  // each run's or drawing's top and bottom
  for (const GlyphRun& run : table.runs) {
    const double upem = run.font->units_per_em();
    text.emplace_back(run.y - run.font->metrics().ascender / upem * run.size,
                      run.y - run.font->metrics().descender / upem * run.size);
  }
  for (const Rule& r : table.rules) {
    if (r.x1 == r.x2 || r.y1 == r.y2) continue;  // borders may be cut
    text.emplace_back(std::min(r.y1, r.y2) - r.width, std::max(r.y1, r.y2) + r.width);
  }
  for (const PlacedImage& image : table.images) text.emplace_back(image.y, image.y + image.height);
  std::sort(text.begin(), text.end());
  std::vector<double> cuts;
  double covered = text.empty() ? 0 : text.front().second;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i].first > covered + kEpsilon) cuts.push_back((covered + text[i].first) / 2);
    covered = std::max(covered, text[i].second);
  }
  return cuts;
}

// The nested table as bands between its clean cuts, each from its own top;
// rules and fills that cross a cut are cut with it.
std::vector<TableFragment> bands(const TableFragment& table) {
  std::vector<double> edges{0};
  for (double cut : clean_cuts(table)) edges.push_back(cut);
  edges.push_back(table.height);
  std::vector<TableFragment> out;
  for (std::size_t b = 0; b + 1 < edges.size(); ++b) {
    const double top = edges[b], bottom = edges[b + 1];
    const bool last = b + 2 == edges.size();
    TableFragment band;
    band.width = table.width;
    band.height = bottom - top;
    band.holds_body = true;
    for (Fill f : table.fills) {
      const double y0 = std::max(f.y, top), y1 = std::min(f.y + f.height, bottom);
      if (y1 <= y0) continue;
      f.y = y0 - top;
      f.height = y1 - y0;
      band.fills.push_back(f);
    }
    for (Rule r : table.rules) {
      const double y0 = std::min(r.y1, r.y2), y1 = std::max(r.y1, r.y2);
      if (y0 == y1) {  // a horizontal rule belongs to the band it starts
        if (y0 < top || (y0 >= bottom && !(last && y0 <= bottom))) continue;
        r.y1 = r.y2 = y0 - top;
      } else {
        const double from = std::max(y0, top), to = std::min(y1, bottom);
        if (to <= from) continue;
        // Clipped to the band along the rule itself, each end keeping its
        // own side: a slanted stroke (an arrowhead's barb) keeps its slope.
        const auto x_at = [&r](double y) { return r.x1 + (r.x2 - r.x1) * (y - r.y1) / (r.y2 - r.y1); };
        const bool down = r.y1 < r.y2;
        const double start = down ? from : to, end = down ? to : from;
        const double x1 = x_at(start), x2 = x_at(end);
        r.x1 = x1;
        r.x2 = x2;
        r.y1 = start - top;
        r.y2 = end - top;
      }
      band.rules.push_back(r);
    }
    // The table's runs and images before each, kept in the band: its cells'
    // ranges among the band's.
    std::vector<std::size_t> runs_before{0}, images_before{0};
    for (GlyphRun run : table.runs) {
      const bool in = run.y >= top && run.y < bottom;
      runs_before.push_back(runs_before.back() + (in ? 1 : 0));
      if (!in) continue;
      run.y -= top;
      band.runs.push_back(std::move(run));
    }
    for (PlacedImage image : table.images) {
      const bool in = image.y >= top && image.y < bottom;
      images_before.push_back(images_before.back() + (in ? 1 : 0));
      if (!in) continue;
      image.y -= top;
      band.images.push_back(std::move(image));
    }
    const auto run_index = [&](std::size_t i) { return runs_before[std::min(i, runs_before.size() - 1)]; };
    const auto image_index = [&](std::size_t i) { return images_before[std::min(i, images_before.size() - 1)]; };
    for (const CellFragment& c : table.cells) {
      const bool shown = run_index(c.end_run) > run_index(c.first_run) ||
                         image_index(c.end_image) > image_index(c.first_image) || (c.y >= top && c.y < bottom);
      if (shown) band.cells.push_back(renumbered(c, run_index, image_index, 0, -top));
    }
    for (LinkArea link : table.links) {
      if (link.y < top || link.y >= bottom) continue;
      link.y -= top;
      band.links.push_back(std::move(link));
    }
    // A note goes with the band its mark's line is drawn in.
    for (const auto& ref : table.footnotes) {
      const GlyphRun& run = table.runs[ref.run];
      if (run.y >= top && run.y < bottom) band.footnotes.push_back({ref.note, run_index(ref.run)});
    }
    out.push_back(std::move(band));
  }
  return out;
}

// The unit a cell splits at: one line of a paragraph, or a band of a nested
// table between its lines.
struct Slice {
  double height = 0;
  double space_before = 0;  // dropped at the top of a cell's piece
  // A figure's caption goes where its figure goes: no cut above its first line.
  bool keep_with_previous = false;
  std::size_t block = 0;  // the cell's block it is of
  std::variant<Line, TableFragment, Arrow, CellImage> content;
};

double content_height(const std::vector<Slice>& slices, std::size_t from, std::size_t to) {
  double h = 0;
  for (std::size_t i = from; i < to; ++i) h += slices[i].height + (i > from ? slices[i].space_before : 0);
  return h;
}

// How many slices from `from` fit in `budget`.
std::size_t fitting(const std::vector<Slice>& slices, std::size_t from, double budget) {
  double h = 0;
  std::size_t k = 0;
  for (std::size_t i = from; i < slices.size(); ++i, ++k) {
    h += slices[i].height + (i > from ? slices[i].space_before : 0);
    if (h > budget + kEpsilon) break;
  }
  return k;
}

// The cells of one section laid on the grid, with their rowspan groups and
// their slices, laid when first needed.
struct Grid {
  TableSection section = TableSection::body;
  std::size_t rows = 0;
  std::vector<GridCell> cells;              // in row order
  std::vector<std::size_t> first_cell;      // per row, and one past the last
  std::vector<std::size_t> group_start;     // per row: the first row of its rowspan group
  std::vector<std::size_t> group_end;       // per row: one past the group's last row
  std::vector<std::vector<Slice>> slices;   // per cell
  std::vector<bool> laid;                   // per cell: slices are current

  void index(std::size_t row_count) {
    rows = row_count;
    first_cell.assign(rows + 1, cells.size());
    for (std::size_t i = cells.size(); i-- > 0;) first_cell[cells[i].row] = i;
    for (std::size_t r = rows; r-- > 0;) first_cell[r] = std::min(first_cell[r], first_cell[r + 1]);
    group_start.assign(rows, 0);
    group_end.assign(rows, 0);
    for (std::size_t r = 0; r < rows;) {
      std::size_t end = r + 1;
      for (std::size_t q = r; q < end; ++q) {
        for (std::size_t i = first_cell[q]; i < first_cell[q + 1]; ++i) end = std::max(end, cells[i].end_row());
      }
      for (std::size_t q = r; q < end; ++q) {
        group_start[q] = r;
        group_end[q] = end;
      }
      r = end;
    }
    slices.assign(cells.size(), {});
    laid.assign(cells.size(), false);
  }
};

using Resume = std::vector<TableBreakToken::CellResume>;

std::size_t resume_of(const Resume& resume, std::size_t cell) {
  for (const auto& r : resume) {
    if (r.cell == cell) return r.next_slice;
  }
  return 0;
}

}  // namespace

struct TableFlow::Impl {
  Impl(const TableBox& box, double available, TextContext& text) : table(box), context(text) {
    std::size_t columns = table.columns.size();
    header.cells = place_cells(table.header, columns);
    body.cells = place_cells(table.body, columns);
    footer.cells = place_cells(table.footer, columns);
    header.section = TableSection::header;
    footer.section = TableSection::footer;
    header.index(table.header.size());
    body.index(table.body.size());
    footer.index(table.footer.size());

    std::vector<std::vector<Extent>> per_cell;
    const std::vector<Extent> ext =
        column_extents(table.columns, {&header.cells, &body.cells, &footer.cells}, columns, context, &per_cell);
    widths = resolve_widths(table.columns, ext, available);
    left.assign(columns + 1, 0);
    for (std::size_t c = 0; c < columns; ++c) left[c + 1] = left[c] + widths[c];
    warn_narrow({&header, &body, &footer}, per_cell);
    if (total_width() > available + 0.01) {
      const std::string excess = points(total_width() - available);
      report("this table is " + points(total_width()) + " wide, " + excess + " wider than the " +
             points(available) + " it is laid in" +
             (table.widths_from.empty() ? "" : "; " + table.widths_from + ": take " + excess + " off them"));
    }

    if (table.continued_mark) {
      mark_lines = layout_paragraph(*table.continued_mark, total_width(), context);
      mark_height = lines_height(mark_lines) + table.continued_mark->style.space_after;
    }
    header_height = row_heights_sum(header, 0, header.rows);
    footer_height = row_heights_sum(footer, 0, footer.rows);
  }

  double total_width() const { return left.back(); }
  double span_width(const GridCell& g) const {
    const std::size_t end = std::min(g.column + g.colspan, widths.size());
    return g.column < end ? left[end] - left[g.column] : 0;
  }

  // One warning per column, at the first cell whose longest unbreakable
  // text does not fit it.
  void warn_narrow(const std::vector<const Grid*>& grids, const std::vector<std::vector<Extent>>& per_cell) {
    std::vector<bool> warned(widths.size(), false);
    for (std::size_t s = 0; s < grids.size(); ++s) {
      for (std::size_t i = 0; i < grids[s]->cells.size(); ++i) {
        const GridCell& g = grids[s]->cells[i];
        const Extent& e = per_cell[s][i];
        const double room = span_width(g);
        if (g.column >= warned.size() || warned[g.column] || e.min <= room + 0.01) continue;
        warned[g.column] = true;
        const std::string message = "column " + std::to_string(g.column + 1) + " of this table is " +
                                    points(room) + " wide with its padding, narrower than the text \"" +
                                    e.widest + "\" that cannot break (" + points(e.min) +
                                    "); the text is broken where it reaches the cell's edge";
        report(message);
      }
    }
  }

  // A warning at the table's element, or naming the table as generated.
  void report(const std::string& message) {
    if (table.source_offset) {
      context.diags.warning(context.source, *table.source_offset, message);
    } else {
      context.diags.warning(nullptr, 0, message + " (in a table the layout set shapes, such as the roster)");
    }
  }

  const std::vector<Slice>& slices_of(Grid& grid, std::size_t id) {
    if (grid.laid[id]) return grid.slices[id];
    grid.slices[id] = lay_cell(*grid.cells[id].cell, span_width(grid.cells[id]));
    grid.laid[id] = true;
    return grid.slices[id];
  }

  // A cell's content as slices at its box's width.
  std::vector<Slice> lay_cell(const TableCell& cell, double width) {
    const double inner = std::max(width - cell.padding.left - cell.padding.right, 0.0);
    std::vector<Slice> out;
    const ElementScope element(context, table.source_offset);
    for (std::size_t b = 0; b < cell.blocks.size(); ++b) {
      const CellBlock& block = cell.blocks[b];
      const std::size_t first = out.size();
      if (const auto* p = std::get_if<ParagraphBox>(&block)) {
        // Punctuation that hangs past the line's end must stay inside the
        // cell: it may hang into the right padding only when that holds an em.
        const bool unhang = p->style.hanging_punctuation && cell.padding.right < p->style.size;
        std::vector<Line> lines;
        if (cell.align || unhang) {
          ParagraphBox adjusted = *p;
          if (cell.align) adjusted.style.align = *cell.align;
          if (unhang) adjusted.style.hanging_punctuation = false;
          lines = layout_paragraph(adjusted, inner, context);
        } else {
          lines = layout_paragraph(*p, inner, context);
        }
        const auto* before = out.empty() ? nullptr : std::get_if<CellImage>(&out.back().content);
        const bool captions = before && before->captioned;
        for (std::size_t l = 0; l < lines.size(); ++l) {
          Slice s;
          s.height = lines[l].height;
          s.space_before = l == 0 && !out.empty() ? p->style.space_before : 0;
          s.keep_with_previous = l == 0 && captions;
          s.content = std::move(lines[l]);
          out.push_back(std::move(s));
        }
      } else if (const auto* arrow = std::get_if<Arrow>(&block)) {
        Slice slice;
        slice.height = arrow->height;
        slice.content = *arrow;
        out.push_back(std::move(slice));
      } else if (const auto* image = std::get_if<CellImage>(&block)) {
        CellImage drawn = *image;
        std::tie(drawn.width, drawn.height) = image->drawn(inner);
        // At the cell's width: known only now.
        if (!image->src.empty()) {
          if (const std::string low = image::low_resolution_warning(*image->image, image->src, drawn.width); !low.empty())
            context.diags.warning(context.source, image->src_offset, low);
        }
        Slice slice;
        slice.height = drawn.height;
        slice.content = std::move(drawn);
        out.push_back(std::move(slice));
      } else if (const auto* nested = std::get_if<NestedTable>(&block); nested && nested->table) {
        TableFlow flow(*nested->table, inner, context);
        const TableLayoutResult laid = flow.layout(Region{inner, kUnbounded, true, kUnbounded}, nullptr);
        for (auto& band : bands(laid.fragment)) {
          Slice s;
          s.height = band.height;
          s.content = std::move(band);
          out.push_back(std::move(s));
        }
      }
      for (std::size_t i = first; i < out.size(); ++i) out[i].block = b;
    }
    return out;
  }

  void release(Grid& grid, std::size_t id) {
    std::vector<Slice>().swap(grid.slices[id]);
    grid.laid[id] = false;
    if (&grid == &body) repeats.erase(id);
  }

  // Whether a body cell names its rows, so that it is drawn again where they
  // continue: it spans rows, heads them in the first column, or compose
  // marked it.
  static bool labels_rows(const GridCell& g) {
    return g.cell->labels_rows.value_or(g.rowspan > 1 || g.column == 0);
  }

  // A copy of the cell with the continued word after its last paragraph's
  // text, in that text's font and size; the word stays whole ("（続 / き）"
  // reads badly) where the cell, `width` wide, holds it on a line.
  TableCell continued_copy(const TableCell& cell, double width) const {
    TableCell copy = cell;
    for (auto block = copy.blocks.rbegin(); block != copy.blocks.rend(); ++block) {
      auto* p = std::get_if<ParagraphBox>(&*block);
      if (!p) continue;
      if (!table.continued_label || p->runs.empty()) break;
      InlineRun mark = p->runs.back();
      mark.text = *table.continued_label;
      mark.line_break = mark.unbreakable = false;
      mark.link.reset();
      mark.uri.reset();
      mark.footnote.reset();
      mark.page_ref.clear();
      mark.origin.reset();
      ParagraphBox alone;
      alone.style = p->style;
      alone.runs = {mark};
      mark.unbreakable = paragraph_extent(alone, context).max <=
                         width - copy.padding.left - copy.padding.right - p->style.indent + kEpsilon;
      p->runs.push_back(std::move(mark));
      break;
    }
    return copy;
  }

  // The cells of the first group of a continuation whose content ended in an
  // earlier region but that name its rows: drawn again whole, with the
  // continued word, unless that takes more than kLabelShare of an empty
  // region's body (a long text is not a label).
  void find_repeats(const Resume& resume, double empty_room) {
    repeats.clear();
    for (const auto& r : resume) {
      const GridCell& g = body.cells[r.cell];
      const auto& s = slices_of(body, r.cell);
      if (s.empty() || r.next_slice < s.size() || !labels_rows(g)) continue;
      std::vector<Slice> again = lay_cell(continued_copy(*g.cell, span_width(g)), span_width(g));
      const double height = g.cell->padding.top + content_height(again, 0, again.size()) + g.cell->padding.bottom;
      if (height <= empty_room * kLabelShare) repeats.emplace(r.cell, std::move(again));
    }
  }

  const std::vector<Slice>* repeat_of(const Grid& grid, std::size_t id) const {
    if (&grid != &body) return nullptr;
    const auto found = repeats.find(id);
    return found == repeats.end() ? nullptr : &found->second;
  }

  // The cells that have a box in rows [a, b): starting there, or spanning
  // into `a` from earlier rows of its group.
  template <typename F>
  void for_active(const Grid& grid, std::size_t a, std::size_t b, F&& f) const {
    if (a >= grid.rows) return;
    for (std::size_t i = grid.first_cell[grid.group_start[a]]; i < grid.first_cell[b]; ++i) {
      if (grid.cells[i].end_row() > a) f(i);
    }
  }

  // What a cell's box must hold from `from` on; a cell whose content ended in
  // an earlier region needs nothing.
  double need(Grid& grid, std::size_t id, std::size_t from) {
    const TableCell& cell = *grid.cells[id].cell;
    if (const auto* again = repeat_of(grid, id)) {
      return cell.padding.top + content_height(*again, 0, again->size()) + cell.padding.bottom;
    }
    const auto& s = slices_of(grid, id);
    if (from > 0 && from >= s.size()) return 0;
    return cell.padding.top + content_height(s, from, s.size()) + cell.padding.bottom;
  }

  // Heights of rows [a, b) when every active cell ends in them: a cell that
  // needs more than its rows give adds the rest to its last row.
  std::vector<double> row_heights(Grid& grid, std::size_t a, std::size_t b, const Resume& resume) {
    std::vector<double> h(b - a, 0);
    struct Need {
      std::size_t top, last;
      double height;
    };
    std::vector<Need> needs;
    for_active(grid, a, b, [&](std::size_t id) {
      const GridCell& g = grid.cells[id];
      if (g.end_row() > b) return;
      needs.push_back({std::max(g.row, a) - a, g.end_row() - 1 - a, need(grid, id, resume_of(resume, id))});
    });
    std::stable_sort(needs.begin(), needs.end(), [](const Need& x, const Need& y) { return x.last < y.last; });
    for (const Need& n : needs) {
      double above = 0;
      for (std::size_t r = n.top; r < n.last; ++r) above += h[r];
      h[n.last] = std::max(h[n.last], n.height - above);
    }
    return h;
  }

  double row_heights_sum(Grid& grid, std::size_t a, std::size_t b) {
    const auto h = row_heights(grid, a, b, {});
    double sum = 0;
    for (double v : h) sum += v;
    return sum;
  }

  // Draws one cell's box with slices [from, to) of its content.
  // A cell drawn again on a continuation shows its whole repeated content
  // from the top of its piece, where a reader turning the page looks.
  void place_cell(Grid& grid, std::size_t id, double y, double height, std::size_t from, std::size_t to,
                  bool whole, TableFragment& out) {
    const auto* again = repeat_of(grid, id);
    if (again) {
      from = 0;
      to = again->size();
      whole = false;
    }
    if (height <= kEpsilon && from >= to) return;
    const GridCell& g = grid.cells[id];
    const TableCell& cell = *g.cell;
    const auto& s = again ? *again : slices_of(grid, id);
    const double x = left[std::min(g.column, widths.size())];
    const double w = span_width(g);
    CellFragment piece;
    piece.section = grid.section;
    piece.row = g.row;
    piece.cell = g.index;
    piece.column = g.column;
    piece.x = x;
    piece.y = y;
    piece.width = w;
    piece.height = height;
    piece.first_slice = from;
    piece.end_slice = to;
    piece.slice_count = s.size();
    piece.repeated = again != nullptr;
    piece.first_run = out.runs.size();
    piece.first_image = out.images.size();
    const bool by_block = std::any_of(cell.blocks.begin(), cell.blocks.end(), [](const CellBlock& b) {
      return std::holds_alternative<CellImage>(b) || std::holds_alternative<NestedTable>(b);
    });
    if (cell.fill) out.fills.push_back(Fill{x, y, w, height, *cell.fill});
    double top = y + cell.padding.top;
    if (whole) {
      // Vertical alignment applies to a cell shown whole; the pieces of a
      // split cell are set from their tops.
      const double room = height - cell.padding.top - cell.padding.bottom - content_height(s, from, to);
      if (cell.valign == VerticalAlign::middle) top += std::max(room, 0.0) / 2;
      if (cell.valign == VerticalAlign::bottom) top += std::max(room, 0.0);
    }
    for (std::size_t i = from; i < to; ++i) {
      if (i > from) top += s[i].space_before;
      if (by_block && (piece.blocks.empty() || piece.blocks.back().block != s[i].block))
        piece.blocks.push_back({s[i].block, out.runs.size(), out.runs.size(), out.images.size(), out.images.size()});
      if (const Line* line = std::get_if<Line>(&s[i].content)) {
        draw_line(*line, x + cell.padding.left, top, out);
      } else if (const Arrow* arrow = std::get_if<Arrow>(&s[i].content)) {
        draw_arrow(*arrow, x + cell.padding.left, x + w - cell.padding.right, top, out);
      } else if (const CellImage* image = std::get_if<CellImage>(&s[i].content)) {
        const double inner = w - cell.padding.left - cell.padding.right;
        PlacedImage placed{image->image, x + cell.padding.left + (inner - image->width) / 2, top, image->width,
                           image->height, kUntagged, image->alt};
        const std::size_t next = s[i].block + 1;
        const auto* caption = next < cell.blocks.size() ? std::get_if<ParagraphBox>(&cell.blocks[next]) : nullptr;
        if (placed.alt.empty() && image->captioned && caption)
          for (const auto& run : caption->runs) placed.alt += run.text;
        out.images.push_back(std::move(placed));
      } else {
        for (auto& n : draw_nested(std::get<TableFragment>(s[i].content), x + cell.padding.left, top, out)) {
          n.in_block = s[i].block;
          piece.nested.push_back(std::move(n));
        }
      }
      top += s[i].height;
      if (by_block) {
        piece.blocks.back().end_run = out.runs.size();
        piece.blocks.back().end_image = out.images.size();
      }
    }
    piece.end_run = out.runs.size();
    piece.end_image = out.images.size();
    out.cells.push_back(piece);
    draw_side(cell.borders.top, x, y, x + w, y, true, out);
    draw_side(cell.borders.bottom, x, y + height, x + w, y + height, true, out);
    draw_side(cell.borders.left, x, y, x, y + height, false, out);
    draw_side(cell.borders.right, x + w, y, x + w, y + height, false, out);
  }

  // Rows [a, t) whole from `y0` with heights `h`: every cell that ends in them.
  void place_rows(Grid& grid, std::size_t a, std::size_t t, const std::vector<double>& h, double y0,
                  const Resume& resume, TableFragment& out) {
    std::vector<double> top(t - a + 1, y0);
    for (std::size_t r = a; r < t; ++r) top[r - a + 1] = top[r - a] + h[r - a];
    for_active(grid, a, t, [&](std::size_t id) {
      const GridCell& g = grid.cells[id];
      if (g.end_row() > t) return;
      const std::size_t first = std::max(g.row, a);
      const std::size_t from = resume_of(resume, id);
      const std::size_t count = slices_of(grid, id).size();
      place_cell(grid, id, top[first - a], top[g.end_row() - a] - top[first - a], std::min(from, count), count,
                 from == 0 && g.row >= a, out);
    });
  }

  // A cut through a rowspan group: rows [a, row) whole, then the cells with a
  // box at `row` cut at `y`, each showing up to its `next` slice.
  struct Cut {
    bool placed = false;
    bool through = false;  // through the cells of `row`, not above them
    std::size_t row = 0;
    double y = 0;
    Resume cells;
  };

  // Whether body row `t` is kept with the row above it.
  bool kept_above(const Grid& grid, std::size_t t) const {
    return &grid == &body && t < table.body.size() && table.body[t].keep_with_previous;
  }

  // Tries to cut at row `t` (through its cells when `through`, else above
  // them) with cells ending by `limit`; keeps two lines on each side of a
  // split unless `forced`, and rows kept together unless `!keeps`.
  Cut try_cut(Grid& grid, std::size_t a, std::size_t t, bool through, const std::vector<double>& tops,
              double limit, const Resume& resume, bool forced, bool keeps) {
    Cut cut;
    cut.row = t;
    cut.through = through;
    cut.y = tops[t - a];
    if (keeps && (kept_above(grid, t) || (through && kept_above(grid, t + 1)))) return cut;
    bool ok = true;
    bool progress = t > a;
    for_active(grid, t, t + 1, [&](std::size_t id) {
      if (!ok) return;
      const GridCell& g = grid.cells[id];
      if (g.row == t && !through) return;
      const TableCell& cell = *g.cell;
      const auto& s = slices_of(grid, id);
      const std::size_t from = std::min(resume_of(resume, id), s.size());
      const std::size_t remaining = s.size() - from;
      const double box_top = tops[std::max(g.row, a) - a];
      if (repeat_of(grid, id)) {
        cut.y = std::max(cut.y, box_top + need(grid, id, from));
        cut.cells.push_back({id, from});
        return;
      }
      const double budget = limit - box_top - cell.padding.top - cell.padding.bottom;
      std::size_t k = budget >= 0 ? fitting(s, from, budget) : 0;
      if (k < remaining) {
        while (k > 0 && s[from + k].keep_with_previous) --k;
        if (forced) {
          k = std::max<std::size_t>(k, 1);
        } else {
          // A cell's first piece keeps two lines (no orphan); a later piece at
          // least one; and two must be left for the next region (no widow).
          const std::size_t least = std::min(from == 0 ? kMinPiece : std::size_t{1}, remaining);
          if (remaining - k < kMinPiece && remaining >= kMinPiece) k = remaining - kMinPiece;
          while (k > 0 && s[from + k].keep_with_previous) --k;
          if (k < least) {
            ok = false;
            return;
          }
        }
      }
      if (k > 0) progress = true;
      if (k > 0 || (from == 0 && !s.empty())) {
        cut.y = std::max(cut.y, box_top + cell.padding.top + content_height(s, from, from + k) + cell.padding.bottom);
      }
      cut.cells.push_back({id, from + k});
    });
    cut.placed = ok && progress;
    return cut;
  }

  Cut split(Grid& grid, std::size_t a, std::size_t b, const std::vector<double>& h, double y0, double limit,
            const Resume& resume, bool forced) {
    std::vector<double> tops(b - a + 1, y0);
    for (std::size_t r = a; r < b; ++r) tops[r - a + 1] = tops[r - a] + h[r - a];
    std::size_t s = a;
    while (s + 1 < b && tops[s + 1 - a] <= limit + kEpsilon) ++s;
    // Through the first row that does not fit, else above it or an earlier
    // row of the group, where no rows kept together part; when nothing else
    // places anything, through rows kept together, and at last forced.
    const auto unforced = [&](bool keeps) {
      Cut cut = try_cut(grid, a, s, true, tops, limit, resume, false, keeps);
      for (std::size_t t = s; !cut.placed && t > a; --t)
        cut = try_cut(grid, a, t, false, tops, tops[t - a], resume, false, keeps);
      return cut;
    };
    Cut cut = unforced(true);
    if (!cut.placed && forced) cut = unforced(false);
    if (!cut.placed && forced) cut = try_cut(grid, a, s, true, tops, limit, resume, true, false);
    return cut;
  }

  void place_cut(Grid& grid, std::size_t a, const Cut& cut, const std::vector<double>& h, double y0,
                 const Resume& resume, TableFragment& out) {
    place_rows(grid, a, cut.row, h, y0, resume, out);
    double top = y0;
    std::vector<double> tops(cut.row - a + 1, y0);
    for (std::size_t r = a; r < cut.row; ++r) tops[r - a + 1] = tops[r - a] + h[r - a];
    for (const auto& c : cut.cells) {
      const GridCell& g = grid.cells[c.cell];
      top = tops[std::max(g.row, a) - a];
      const std::size_t from = std::min(resume_of(resume, c.cell), slices_of(grid, c.cell).size());
      place_cell(grid, c.cell, top, cut.y - top, from, c.next_slice, false, out);
    }
  }

  bool finishes_group(const Cut& cut, std::size_t group_end) {
    if (!cut.through || cut.row + 1 != group_end) return false;
    for (const auto& c : cut.cells) {
      if (c.next_slice < slices_of(body, c.cell).size()) return false;
    }
    return true;
  }

  void release_done(Grid& grid, std::size_t a, std::size_t t) {
    for_active(grid, a, t, [&](std::size_t id) {
      if (grid.cells[id].end_row() <= t) release(grid, id);
    });
  }

  TableLayoutResult layout(const Region& region, const TableBreakToken* from) {
    TableLayoutResult result;
    TableFragment& out = result.fragment;
    out.width = total_width();
    const TableBreakToken state = from ? *from : TableBreakToken{};
    const bool marked = state.started && table.continued_mark;

    double y = 0;
    if (marked) {
      for (const Line& line : mark_lines) {
        draw_line(line, 0, y, out);
        y += line.height;
      }
      y = mark_height;
    }
    place_rows(header, 0, header.rows, row_heights(header, 0, header.rows, {}), y, {}, out);
    y += header_height;

    const double limit = region.height - footer_height;
    const double empty = region.empty_height > 0 ? region.empty_height : region.height;
    // The body's room on an empty continuation region, below the mark and header.
    const double empty_room = empty - footer_height - header_height - (table.continued_mark ? mark_height : 0);
    bool placed = false;
    std::size_t r = state.row;
    Resume resume = state.cells;
    find_repeats(resume, empty_room);
    std::unique_ptr<TableBreakToken> next;
    while (r < body.rows) {
      // A group and the groups kept with it are laid as one.
      std::size_t b = body.group_end[r];
      while (b < body.rows && kept_above(body, b)) b = body.group_end[b];
      const std::vector<double> h = row_heights(body, r, b, resume);
      double total = 0;
      for (double v : h) total += v;
      if (y + total <= limit + kEpsilon) {
        place_rows(body, r, b, h, y, resume, out);
        release_done(body, r, b);
        y += total;
        placed = true;
        resume.clear();
        repeats.clear();
        r = b;
        continue;
      }
      const bool forced = region.top_of_page && !placed;
      // A group (a row, or rows joined by rowspans) that an empty region
      // holds moves there whole, unless what of it fits here fills
      // kSplitShare of that region's body or more: then it splits (its
      // labels drawn again on the next page) rather than leave that much of
      // the page blank.
      const bool movable = resume.empty() && !forced && total <= empty_room + kEpsilon;
      if (movable && limit - y < empty_room * kSplitShare) break;
      const Cut cut = split(body, r, b, h, y, limit, resume, forced);
      if (!cut.placed || (movable && cut.y - y < empty_room * kSplitShare)) break;
      place_cut(body, r, cut, h, y, resume, out);
      release_done(body, r, cut.row);
      y = cut.y;
      placed = true;
      if (finishes_group(cut, b)) {
        // A forced cut can take the group's last lines: nothing is left of it.
        for (const auto& c : cut.cells) release(body, c.cell);
        resume.clear();
        repeats.clear();
        r = b;
        continue;
      }
      next = std::make_unique<TableBreakToken>();
      next->row = cut.row;
      next->cells = cut.cells;
      break;
    }

    if (!placed && r < body.rows) {
      // Nothing of the body fits: the header must not end the region alone.
      result.fragment = TableFragment{};
      result.fragment.width = total_width();
      result.resume = std::make_unique<TableBreakToken>(state);
      return result;
    }
    place_rows(footer, 0, footer.rows, row_heights(footer, 0, footer.rows, {}), y, {}, out);
    y += footer_height;
    out.height = y;
    out.holds_body = true;
    if (!next && r < body.rows) {
      next = std::make_unique<TableBreakToken>();
      next->row = r;
    }
    if (next) next->started = true;
    result.resume = std::move(next);
    return result;
  }

  const TableBox& table;
  TextContext& context;
  Grid header, body, footer;
  std::vector<double> widths;
  std::vector<double> left;  // per column, its left edge; then the table's right edge
  std::vector<Line> mark_lines;
  // Per body cell drawn again in this region's first group: its content with
  // the continued word (find_repeats).
  std::map<std::size_t, std::vector<Slice>> repeats;
  double mark_height = 0;
  double header_height = 0;
  double footer_height = 0;
};

TableFlow::TableFlow(const TableBox& table, double available_width, TextContext& context)
    : impl_(std::make_unique<Impl>(table, available_width, context)) {}

TableFlow::~TableFlow() = default;

const std::vector<double>& TableFlow::column_widths() const { return impl_->widths; }

double TableFlow::width() const { return impl_->total_width(); }

TableLayoutResult TableFlow::layout(const Region& region, const TableBreakToken* resume_from) {
  return impl_->layout(region, resume_from);
}

}  // namespace shiryo::layout
