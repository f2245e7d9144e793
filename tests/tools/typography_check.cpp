// typography_check PDF [--list]: measures the Japanese typography of a PDF
// on the glyphs it draws, read through `mutool draw -F trace` (each glyph's
// character, origin, advance and size), independently of shiryo's own
// structures. It prints one figure per line, `name count`; with --list each
// finding too. The whole-program tests assert on the figures.
//
// Lines are rebuilt from the trace: glyphs drawn one after another on one
// baseline (a superscript rides with its line), not more than 0.8 em beyond
// their natural space apart and with no vertical rule between them (the
// border of neighbouring cells).
// The gap between two glyphs is the next origin less the end of the
// previous advance; its natural value is 0, a quarter em between Japanese and
// a Latin letter or digit (和欧間), and minus half an em between adjacent
// full-width punctuation (。」 take 1.5 em). "Extra" is gap less natural.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Glyph {
  char32_t cp = 0;
  std::string utf8;
  double x = 0, y = 0, advance = 0, size = 0;
  bool bold = false;
  bool gothic = false;
};

struct TextLine {
  int page = 0;
  std::vector<Glyph> glyphs;
  double y = 0, size = 0;  // the baseline and size of its first full-size glyph
  double left() const { return glyphs.front().x; }
  double right() const { return glyphs.back().x + glyphs.back().advance; }
  std::string text() const {
    std::string s;
    for (const auto& g : glyphs) s += g.utf8;
    return s;
  }
};

bool in(std::u32string_view set, char32_t cp) { return set.find(cp) != std::u32string_view::npos; }

constexpr std::u32string_view kClosing = U"）」』】〕〉》］｝、。，．";
constexpr std::u32string_view kOpening = U"（「『【〔〈《［｛";
constexpr std::u32string_view kMiddle = U"・：；";
// Counters and units a number keeps (break table, rule 3).
constexpr std::u32string_view kUnits = U"件人円年月日度期回歳%％名台戸校所個点時分秒倍割万億千枚冊部本社館号条項週ヶか㎡";
constexpr std::array<std::u32string_view, 8> kLongUnits = {U"年度", U"千円", U"万円", U"か所", U"箇所", U"か月", U"メートル", U"世帯"};
constexpr std::array<std::u32string_view, 6> kEras = {U"令和", U"平成", U"昭和", U"R", U"H", U"第"};

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
bool is_latin_alnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}
bool is_japanese(char32_t c) { return c >= 0x2E80 && !(c >= 0xFF61 && c <= 0xFF9F); }

char32_t decode(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  if (s.empty()) return 0;
  if (b(0) < 0x80) return b(0);
  if (b(0) < 0xE0 && s.size() >= 2) return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
  if (b(0) < 0xF0 && s.size() >= 3) return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
  if (s.size() >= 4) return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
  return 0;
}

std::string encode(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

std::string attribute(std::string_view tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const auto at = tag.find(key);
  if (at == std::string_view::npos) return {};
  const auto from = at + key.size();
  const auto to = tag.find('"', from);
  return std::string(tag.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from));
}

// The unicode attribute's XML escapes.
std::string unescape(const std::string& s) {
  if (s.find('&') == std::string::npos) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const auto semi = s.find(';', i);
    if (semi == std::string::npos) break;
    const std::string entity = s.substr(i + 1, semi - i - 1);
    if (entity == "amp") out += '&';
    else if (entity == "lt") out += '<';
    else if (entity == "gt") out += '>';
    else if (entity == "quot") out += '"';
    else if (entity == "apos") out += '\'';
    else if (entity.size() > 2 && entity[0] == '#' && entity[1] == 'x') out += encode(static_cast<char32_t>(std::strtoul(entity.c_str() + 2, nullptr, 16)));
    else if (entity.size() > 1 && entity[0] == '#') out += encode(static_cast<char32_t>(std::strtoul(entity.c_str() + 1, nullptr, 10)));
    i = semi;
  }
  return out;
}

struct PipeCloser {
  void operator()(FILE* f) const { pclose(f); }
};

// A vertical rule the page strokes (a table's cell border).
struct Rule {
  double x = 0, low = 0, high = 0;
};

struct TracedPage {
  std::vector<Glyph> glyphs;
  std::vector<Rule> rules;
};

// Every glyph of the PDF, page by page, in drawing order, and the vertical
// rules, in the same coordinates as long as the page draws its text and
// rules under one transform (as shiryo does).
bool read_trace(const std::string& pdf, std::vector<TracedPage>& pages) {
  std::string quoted = "'";
  for (char c : pdf) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  std::unique_ptr<FILE, PipeCloser> in(popen(("mutool draw -F trace -o - " + quoted + " 2>/dev/null").c_str(), "r"));
  if (!in) return false;
  std::string text;
  std::array<char, 65536> buffer;
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), in.get())) > 0;) text.append(buffer.data(), n);
  if (text.find("<document") == std::string::npos) return false;
  double size = 0;
  bool bold = false;
  bool gothic = false;
  bool stroking = false;
  double px = 0, py = 0;  // the path's current point
  for (std::size_t at = 0; (at = text.find('<', at)) != std::string::npos;) {
    const auto end = text.find('>', at);
    if (end == std::string::npos) break;
    const std::string_view tag(text.data() + at, end - at);
    if (tag.substr(0, 5) == "<page") {
      pages.emplace_back();
    } else if (tag.substr(0, 12) == "<stroke_path") {
      stroking = true;
    } else if (tag.substr(0, 13) == "</stroke_path") {
      stroking = false;
    } else if (stroking && !pages.empty() && (tag.substr(0, 7) == "<moveto" || tag.substr(0, 7) == "<lineto")) {
      const double x = std::atof(attribute(tag, "x").c_str()), y = std::atof(attribute(tag, "y").c_str());
      if (tag[1] == 'l' && std::abs(x - px) < 0.01 && std::isfinite(x) && std::isfinite(y)) {
        pages.back().rules.push_back(Rule{x, std::min(y, py), std::max(y, py)});
      }
      px = x;
      py = y;
    } else if (tag.substr(0, 5) == "<span") {
      // trm="a b c d": the text matrix; its first entry is the size.
      size = std::atof(attribute(tag, "trm").c_str());
      const std::string font = attribute(tag, "font");
      bold = font.find("Bold") != std::string::npos;
      gothic = font.find("Gothic") != std::string::npos;
    } else if (tag.substr(0, 3) == "<g " && !pages.empty()) {
      Glyph g;
      g.utf8 = unescape(attribute(tag, "unicode"));
      g.cp = decode(g.utf8);
      g.x = std::atof(attribute(tag, "x").c_str());
      g.y = std::atof(attribute(tag, "y").c_str());
      g.size = size;
      g.advance = std::atof(attribute(tag, "adv").c_str()) * size;
      g.bold = bold;
      g.gothic = gothic;
      if (g.cp != 0 && size > 0 && std::isfinite(g.x) && std::isfinite(g.y)) pages.back().glyphs.push_back(std::move(g));
    }
    at = end;
  }
  return true;
}

// A gap between two neighbouring glyphs of a line.
struct Gap {
  double extra = 0;  // ems beyond natural
  bool after_punctuation = false;  // after closing punctuation, before a non-punctuation
  bool mark = false;               // between a glyph and a smaller (superscript) one
  bool spacing = false;            // a Japanese pair, where justification may add space
};

Gap gap_between(const Glyph& a, const Glyph& b) {
  Gap g;
  const double em = std::max(a.size, b.size);
  const double gap = b.x - (a.x + a.advance);
  double natural = 0;
  if (std::abs(a.size - b.size) > 0.01 && std::abs(a.y - b.y) > 0.1 * em) {
    g.mark = true;
  } else if ((in(kClosing, a.cp) && (in(kClosing, b.cp) || in(kOpening, b.cp) || in(kMiddle, b.cp))) ||
             (in(kOpening, a.cp) && in(kOpening, b.cp))) {
    natural = -em / 2;
  } else if ((is_japanese(a.cp) && is_latin_alnum(b.cp)) || (is_latin_alnum(a.cp) && is_japanese(b.cp))) {
    natural = em / 4;
  }
  g.extra = (gap - natural) / em;
  g.after_punctuation = !g.mark && in(kClosing, a.cp) && !in(kClosing, b.cp) && !in(kMiddle, b.cp) && !in(kOpening, b.cp);
  // Pairs of one size: a figure's large number beside its label is not a
  // line's spacing.
  g.spacing = std::abs(a.size - b.size) < 0.01 && (is_japanese(a.cp) || is_japanese(b.cp));
  return g;
}

// Whether a vertical rule stands between the end of `a` and the start of
// `b` at their baseline: they are in neighbouring cells.
bool ruled_apart(const Glyph& a, const Glyph& b, const std::vector<Rule>& rules) {
  const double from = a.x + a.advance, to = b.x;
  return std::any_of(rules.begin(), rules.end(), [&](const Rule& r) {
    return r.x > from - 0.01 && r.x < to + 0.01 && r.low <= b.y && r.high >= b.y;
  });
}

std::vector<TextLine> make_lines(const std::vector<TracedPage>& pages) {
  std::vector<TextLine> lines;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    TextLine* current = nullptr;
    for (const Glyph& g : pages[p].glyphs) {
      if (current) {
        const Glyph& last = current->glyphs.back();
        const double em = std::max(current->size, g.size);
        const bool same_baseline = std::abs(g.y - current->y) < 0.5 * em;
        const double gap = g.x - (last.x + last.advance);
        // More than 0.8 em beyond the natural space: the next cell or column.
        if (!same_baseline || gap < -0.75 * em || gap_between(last, g).extra > 0.8 || ruled_apart(last, g, pages[p].rules)) {
          current = nullptr;
        }
      }
      if (!current) {
        lines.push_back(TextLine{static_cast<int>(p) + 1, {}, g.y, g.size});
        current = &lines.back();
      }
      if (std::abs(g.y - current->y) < 0.01) current->size = std::max(current->size, g.size);
      current->glyphs.push_back(g);
    }
  }
  return lines;
}

bool ends_with(const std::u32string& s, std::u32string_view tail) {
  return s.size() >= tail.size() && std::u32string_view(s).substr(s.size() - tail.size()) == tail;
}

std::u32string code_points(const TextLine& l) {
  std::u32string s;
  for (const auto& g : l.glyphs) s += g.cp;
  return s;
}

// The page number at the foot ("- 3 -") is not part of the body.
bool is_folio(const TextLine& l) {
  const std::u32string s = code_points(l);
  return s.size() >= 3 && s.front() == U'-' && s.back() == U'-';
}

// `next` continues the paragraph of `line`: the next line below, same size,
// starting within four ems (a first-line indent or a hang).
bool continues(const TextLine& line, const TextLine& next) {
  const double drop = line.y - next.y;
  return line.page == next.page && std::abs(line.size - next.size) < 0.01 && drop > 1.0 * line.size &&
         drop < 2.3 * line.size && std::abs(next.left() - line.left()) < 4 * line.size;
}

struct Findings {
  std::map<std::string, int> counts;
  std::vector<std::string> list;
  void add(const std::string& name, const TextLine& line, const std::string& detail = {}) {
    ++counts[name];
    list.push_back(name + " p" + std::to_string(line.page) + ": " + line.text() + (detail.empty() ? "" : " (" + detail + ")"));
  }
};

std::string ems(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f em", v);
  return buf;
}

void check_spacing(const std::vector<TextLine>& lines, Findings& f) {
  for (const auto& line : lines) {
    double lo = 1e9, hi = -1e9, total = 0, at_punctuation = 0;
    // A dot leader (目次, 次第) is a fill, not spacing: the gaps at its ends
    // are left out, and a leader of fewer than four dots counted.
    const auto leader = [&](std::size_t k) {
      return line.glyphs[k].cp == U'・' && ((k > 0 && line.glyphs[k - 1].cp == U'・') ||
                                            (k + 1 < line.glyphs.size() && line.glyphs[k + 1].cp == U'・'));
    };
    std::size_t dots = 0;
    for (std::size_t k = 0; k <= line.glyphs.size(); ++k) {
      if (k < line.glyphs.size() && leader(k)) {
        ++dots;
        continue;
      }
      if (dots > 0 && dots < 4) f.add("short-leaders", line);
      dots = 0;
    }
    for (std::size_t k = 1; k < line.glyphs.size(); ++k) {
      const Gap g = gap_between(line.glyphs[k - 1], line.glyphs[k]);
      if (leader(k - 1) || leader(k)) continue;
      if (g.mark) {
        if (std::abs(g.extra) > 0.05) f.add("loose-marks", line, ems(g.extra));
        continue;
      }
      if (g.after_punctuation && g.extra > 0.2) f.add("after-punctuation>0.2em", line, ems(g.extra));
      if (g.after_punctuation && g.extra > 0.35) ++f.counts["after-punctuation>0.35em"];
      if (!g.spacing) continue;
      // A blank taken by 追い込み is reduction, not uneven stretch.
      lo = std::min(lo, std::max(g.extra, 0.0));
      hi = std::max(hi, g.extra);
      if (g.extra > 0.01) total += g.extra;
      if (g.extra > 0.01 && g.after_punctuation) at_punctuation += g.extra;
    }
    if (hi > lo + 0.3) f.add("uneven-lines", line, ems(hi - lo));
    if (total > 0.1) {
      ++f.counts["stretched-lines"];
      if (at_punctuation > 0.8 * total) ++f.counts["stretched-mostly-after-punctuation"];
    }
  }
}

void check_breaks(const std::vector<TextLine>& lines, Findings& f) {
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    const TextLine& line = lines[i];
    const TextLine& next = lines[i + 1];
    if (!continues(line, next)) continue;
    const std::u32string s = code_points(line);
    // A dot leader's page number (目次) is a line of its own.
    if (s.find(U"・・") != std::u32string::npos) continue;
    const char32_t last = s.back();
    const char32_t first = next.glyphs.front().cp;
    const bool number_end = is_digit(last) || ((last == U',' || last == U'.') && s.size() > 1 && is_digit(s[s.size() - 2]));
    bool split = (number_end && is_digit(first)) || (is_digit(last) && in(kUnits, first));
    for (auto era : kEras) split = split || (ends_with(s, era) && is_digit(first));
    const std::u32string n = code_points(next);
    for (auto unit : kLongUnits) {
      for (std::size_t j = 1; j < unit.size(); ++j) {
        const std::u32string head(unit.substr(0, j));
        split = split || (ends_with(s, head) && s.size() > j && is_digit(s[s.size() - j - 1]) &&
                          std::u32string_view(n).substr(0, unit.size() - j) == unit.substr(j));
      }
    }
    // A unit wider than its cell must break: the line holds nothing before
    // the number but a list mark (令和4年1 / 月 in a narrow column).
    std::size_t head = s.size();
    while (head > 0 && (is_digit(s[head - 1]) || s[head - 1] == U',' || s[head - 1] == U'.' ||
                        (s[head - 1] >= U'A' && s[head - 1] <= U'Z') || s[head - 1] == U'年' || s[head - 1] == U'月')) {
      --head;
    }
    for (auto era : kEras) {
      if (ends_with(s.substr(0, head), era)) head -= era.size();
    }
    if (split && head <= 1) f.add("split-units-wider-than-their-line", line, "next line: " + next.text());
    else if (split) f.add("split-units", line, "next line: " + next.text());
    // A runt: one character and its closing punctuation end the paragraph,
    // where the blanks of the line before could have taken them (追い込み):
    // its spare space, its punctuation's half-em blanks and its 和欧間's
    // eighth-em shrink together reach the width of the runt.
    const bool paragraph_ends = i + 2 >= lines.size() || !continues(next, lines[i + 2]);
    const bool one_character = next.glyphs.size() == 2 && in(kClosing, next.glyphs[1].cp) && !in(kClosing, next.glyphs[0].cp);
    if (paragraph_ends && one_character) ++f.counts["one-character-last-lines"];
    if (paragraph_ends && one_character) {
      double room = 0;
      for (std::size_t k = 1; k < line.glyphs.size(); ++k) {
        const Gap g = gap_between(line.glyphs[k - 1], line.glyphs[k]);
        if (g.mark) continue;
        if (g.extra > 0) room += g.extra;
        // JLREQ Table 4: the blank after 、 and a closing bracket and the
        // one before an opening bracket may go; the full stop keeps its own.
        const char32_t before = line.glyphs[k - 1].cp, after = line.glyphs[k].cp;
        if ((g.after_punctuation && before != U'。' && before != U'．') || (in(kOpening, after) && !in(kClosing, before))) room += 0.5;
        const bool wa_ou = (is_japanese(line.glyphs[k - 1].cp) && is_latin_alnum(line.glyphs[k].cp)) ||
                           (is_latin_alnum(line.glyphs[k - 1].cp) && is_japanese(line.glyphs[k].cp));
        if (wa_ou) room += 0.125;
      }
      const double need = (next.right() - next.left()) / next.size;
      if (room >= need - 0.01) f.add("runts", next, "room " + ems(room));
    }
  }
}

// A heading: a line in Gothic (the face of headings; body text is Mincho),
// or a short line without closing punctuation that stands alone on its
// baseline (主な成果) and does not reach the measure, after a Gothic one.
bool is_heading(const TextLine& l, const std::vector<const TextLine*>& page) {
  if (std::all_of(l.glyphs.begin(), l.glyphs.end(), [](const Glyph& g) { return g.gothic; })) return true;
  const auto at = std::find(page.begin(), page.end(), &l);
  if (at == page.begin() || at == page.end() || l.glyphs.size() > 12 || in(kClosing, l.glyphs.back().cp)) return false;
  const TextLine& before = **(at - 1);
  const bool alone = std::none_of(page.begin(), page.end(), [&](const TextLine* o) { return o != &l && std::abs(o->y - l.y) < 0.1; });
  return alone && std::all_of(before.glyphs.begin(), before.glyphs.end(), [](const Glyph& g) { return g.gothic; });
}

// The last body line of each page and the first of the next: a heading at
// the foot, a paragraph's first line alone at the foot (orphan), its last
// line alone at the head of the next page (widow).
void check_pages(const std::vector<TextLine>& lines, Findings& f) {
  std::map<int, std::vector<const TextLine*>> body;
  for (const auto& l : lines) {
    if (!is_folio(l)) body[l.page].push_back(&l);
  }
  // A line runs to the measure when it ends within half an em of the
  // rightmost line of its size and start on the page.
  auto full = [&](const TextLine& l) {
    double right = 0;
    for (const TextLine* o : body[l.page]) {
      if (std::abs(o->size - l.size) < 0.01 && std::abs(o->left() - l.left()) < 4 * l.size) right = std::max(right, o->right());
    }
    return l.right() > right - 0.5 * l.size;
  };
  for (auto it = body.begin(); it != body.end(); ++it) {
    const auto& page = it->second;
    if (page.empty()) continue;
    const TextLine& foot = *page.back();
    const bool heading = is_heading(foot, page);
    if (heading && page.size() > 1) f.add("headings-at-foot", foot);
    const auto next_page = std::next(it);
    if (heading || next_page == body.end() || next_page->first != it->first + 1 || next_page->second.empty()) continue;
    // The next page's first line at the same start and size, below any
    // running head.
    const TextLine* head = nullptr;
    for (const TextLine* l : next_page->second) {
      if (std::abs(l->size - foot.size) < 0.01 && std::abs(l->left() - foot.left()) < 4 * foot.size &&
          !is_heading(*l, next_page->second)) {
        head = l;
        break;
      }
    }
    const std::u32string foot_text = code_points(foot);
    // A table row's cell shares its baseline with the row's other cells.
    const auto alone = [](const TextLine& l, const std::vector<const TextLine*>& on) {
      return std::none_of(on.begin(), on.end(), [&](const TextLine* o) { return o != &l && std::abs(o->y - l.y) < 0.1; });
    };
    if (!head || !full(foot) || in(U"。", foot_text.back()) || !alone(foot, page) || !alone(*head, next_page->second)) continue;
    const bool foot_starts = page.size() < 2 || !continues(*page[page.size() - 2], foot) || !full(*page[page.size() - 2]);
    if (foot_starts) f.add("orphans", foot, "continues: " + head->text());
    const auto& np = next_page->second;
    const auto at = std::find(np.begin(), np.end(), head);
    const bool head_ends = at + 1 == np.end() || !continues(*head, **(at + 1)) || !full(*head);
    if (head_ends) f.add("widows", *head, "after: " + foot.text());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string pdf;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--list") list = true;
    else pdf = a;
  }
  if (pdf.empty()) {
    std::fprintf(stderr, "usage: typography_check PDF [--list]\n");
    return 2;
  }
  std::vector<TracedPage> pages;
  if (!read_trace(pdf, pages)) {
    std::fprintf(stderr, "typography_check: mutool could not read %s\n", pdf.c_str());
    return 2;
  }
  const std::vector<TextLine> lines = make_lines(pages);
  Findings f;
  for (const char* name : {"after-punctuation>0.2em", "after-punctuation>0.35em", "stretched-lines",
                           "stretched-mostly-after-punctuation", "uneven-lines", "split-units", "split-units-wider-than-their-line", "one-character-last-lines", "runts",
                           "headings-at-foot", "orphans", "widows", "loose-marks", "short-leaders"}) {
    f.counts[name] = 0;
  }
  check_spacing(lines, f);
  check_breaks(lines, f);
  check_pages(lines, f);
  std::printf("pages %zu\nlines %zu\n", pages.size(), lines.size());
  for (const auto& [name, count] : f.counts) std::printf("%s %d\n", name.c_str(), count);
  if (list) {
    for (const auto& item : f.list) std::printf("  %s\n", item.c_str());
  }
  return 0;
}
