#include "style/layout_set.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>

#include "model/xml_reader.h"

namespace shiryo::style {
namespace {

constexpr double kPointsPerMillimetre = 72.0 / 25.4;

std::optional<double> parse_number(std::string_view text) {
  // Plain decimals only ("10.5"); exact enough for layout lengths.
  if (text.empty()) return std::nullopt;
  double whole = 0;
  double scale = 0;
  bool digits = false;
  for (char c : text) {
    if (c == '.' && scale == 0) {
      scale = 1;
    } else if (c >= '0' && c <= '9') {
      digits = true;
      if (scale == 0) {
        whole = whole * 10 + (c - '0');
      } else {
        scale /= 10;
        whole += (c - '0') * scale;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  return whole;
}

}  // namespace

std::optional<double> parse_length(std::string_view text) {
  if (!text.empty() && text.front() == '-') {
    auto v = parse_length(text.substr(1));
    return v ? std::optional<double>(-*v) : std::nullopt;
  }
  if (text.size() < 3) return std::nullopt;
  const std::string_view unit = text.substr(text.size() - 2);
  const auto number = parse_number(text.substr(0, text.size() - 2));
  if (!number) return std::nullopt;
  if (unit == "pt") return *number;
  if (unit == "mm") return *number * kPointsPerMillimetre;
  return std::nullopt;
}

std::optional<Color> parse_color(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  if (text.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string_view::npos) return std::nullopt;
  int rgb[3];
  for (int i = 0; i < 3; ++i) {
    const char* first = text.data() + 1 + 2 * i;
    const auto [ptr, ec] = std::from_chars(first, first + 2, rgb[i], 16);
    if (ec != std::errc() || ptr != first + 2) return std::nullopt;
  }
  return Color{rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0};
}

std::string LayoutSet::word(const std::string& name,
                            const std::map<std::string, std::string>& values) const {
  // One pass over the template, so values are never read as templates.
  const std::string& text = words_.at(name);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    const std::size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    out.append(text, i, open - i);
    const auto it = values.find(text.substr(open + 1, close - open - 1));
    if (it == values.end()) {
      out.append(text, open, close - open + 1);
    } else {
      out += it->second;
    }
    i = close + 1;
  }
  return out;
}

namespace {

class LayoutSetReader {
 public:
  LayoutSetReader(const model::XmlInput& input, diag::Diagnostics& diags)
      : input_(input), diags_(diags) {}

  void error(std::size_t offset, std::string message) {
    diags_.error(input_.source(), offset, std::move(message));
  }

  std::optional<double> length(const model::ElementReader& r, std::string_view name) {
    auto a = r.get(name);
    if (!a) return std::nullopt;
    auto v = parse_length(a->value);
    if (!v) error(a->value_offset, a->name + " \"" + a->value + "\" is not a length; expected e.g. 12mm or 10.5pt");
    return v;
  }

  std::optional<double> number(const model::ElementReader& r, std::string_view name) {
    auto a = r.get(name);
    if (!a) return std::nullopt;
    auto v = parse_number(a->value);
    if (!v) error(a->value_offset, a->name + " \"" + a->value + "\" is not a number");
    return v;
  }

  std::optional<Color> color(const model::ElementReader& r, std::string_view name) {
    auto a = r.get(name);
    if (!a) return std::nullopt;
    auto v = parse_color(a->value);
    if (!v) error(a->value_offset, a->name + " \"" + a->value + "\" is not a colour; expected #RRGGBB");
    return v;
  }

  std::optional<bool> flag(const model::ElementReader& r, std::string_view name) {
    auto a = r.get(name);
    if (!a) return std::nullopt;
    if (a->value == "yes") return true;
    if (a->value == "no") return false;
    error(a->value_offset, a->name + " \"" + a->value + "\" is not known; expected yes or no");
    return std::nullopt;
  }

  Style style(const model::ElementReader& r, Style s, const std::vector<FontRole>& roles) {
    if (auto f = r.get("font")) {
      const bool known = std::any_of(roles.begin(), roles.end(),
                                     [&](const FontRole& role) { return role.name == f->value; });
      if (!known) error(f->value_offset, "font role \"" + f->value + "\" is not defined in <fonts>");
      s.font = f->value;
    }
    if (auto v = length(r, "size")) s.size = *v;
    if (auto v = number(r, "line-height")) s.line_height = *v;
    if (auto a = r.get("align")) {
      if (a->value == "left") s.align = Align::left;
      else if (a->value == "center") s.align = Align::center;
      else if (a->value == "right") s.align = Align::right;
      else if (a->value == "justify") s.align = Align::justify;
      else error(a->value_offset, "align \"" + a->value + "\" is not known; expected left, center, right or justify");
    }
    if (auto v = length(r, "space-before")) s.space_before = *v;
    if (auto v = length(r, "space-after")) s.space_after = *v;
    if (auto v = length(r, "indent")) s.indent = *v;
    if (auto v = length(r, "hang")) s.hang = *v;
    if (auto v = length(r, "end-indent")) s.end_indent = *v;
    if (auto v = color(r, "color")) s.color = *v;
    if (auto v = color(r, "fill")) s.fill = *v;
    if (auto v = length(r, "padding")) s.padding = *v;
    if (auto v = length(r, "rule-width")) s.rule_width = *v;
    if (auto v = flag(r, "hanging-punctuation")) s.hanging_punctuation = *v;
    if (auto v = flag(r, "half-bracket-at-start")) s.half_bracket_at_start = *v;
    if (auto a = r.get("line-choice")) {
      if (a->value == "greedy") s.greedy = true;
      else if (a->value == "total-fit") s.greedy = false;
      else error(a->value_offset, "line-choice \"" + a->value + "\" is not known; expected greedy or total-fit");
    }
    return s;
  }

 private:
  const model::XmlInput& input_;
  diag::Diagnostics& diags_;
};

}  // namespace

std::optional<LayoutSet> LayoutSet::load(std::shared_ptr<const diag::SourceFile> file,
                                         const Requirements& needs, diag::Diagnostics& diags,
                                         const BaseFinder& find_base) {
  LayoutSet set;
  // Names of the sets being read, the outermost first: a base already among
  // them closes a cycle.
  std::vector<std::string> chain;
  // Each style as last defined, and whether a later style is based on it: a
  // style's base is copied when that style is read, so a derived set's
  // definition that no view needs and nothing after it copies changes no
  // text. (A set of its own may keep styles for its own bases.)
  struct StyleDefinition {
    std::shared_ptr<const diag::SourceFile> file;
    std::size_t offset = 0;
    bool derived = false;
    bool copied = false;
    bool overrides = false;      // it replaces a style of the same name
    std::set<std::string> sets;  // the properties it sets itself
    // The styles based on it, each with the properties it sets itself: one
    // that every copy sets again is hidden.
    std::vector<std::pair<std::string, std::set<std::string>>> copies;
  };
  std::map<std::string, StyleDefinition> definitions;
  // Reads one file into `set`: its base set first, then its own elements,
  // which replace the base's by name. False when it cannot be read as one.
  std::function<bool(const model::XmlInput&, std::size_t)> read;
  read = [&](const model::XmlInput& in, std::size_t depth) -> bool {
    const model::XmlInput* input = &in;
    LayoutSetReader reader(*input, diags);
    const pugi::xml_node root = input->root();
    if (std::string_view(root.name()) != "layout-set") {
      reader.error(input->element_offset(root),
                   "the root element is <" + std::string(root.name()) + ">; expected <layout-set>");
      return false;
    }
    model::ElementReader rr(*input, root, diags, {"name", "base"});
    const auto name = rr.require("name");
    const std::string own_name = name ? name->value : std::string();
    if (depth == 0) set.name_ = own_name;
    chain.resize(depth);
    chain.push_back(own_name);

    if (auto base = rr.get("base")) {
      std::string error;
      auto base_file = find_base ? find_base(base->value, *input->source(), error) : nullptr;
      if (!find_base) error = "no layout sets to look in";
      if (!base_file) {
        reader.error(base->value_offset, "base layout set \"" + base->value + "\" not found; " + error);
        return false;
      }
      const auto base_input = model::XmlInput::parse(base_file, diags);
      if (!base_input) return false;
      // The base's own name tells whether it is already being read.
      const std::string base_name = base_input->root().attribute("name").value();
      if (std::find(chain.begin(), chain.end(), base_name) != chain.end()) {
        std::string path;
        for (const auto& n : chain) path += n + " → ";
        reader.error(base->value_offset, "base layout set \"" + base->value + "\" makes a cycle: " + path +
                                             base_name);
        return false;
      }
      if (!read(*base_input, depth + 1)) return false;
      chain.resize(depth + 1);
    }

    for (auto child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view kind = child.name();
      if (kind == "fonts") {
        for (auto role : child.children("role")) {
          model::ElementReader r(*input, role, diags, {"name", "faces"});
          auto role_name = r.require("name");
          auto faces = r.require("faces");
          if (!role_name || !faces) continue;
          FontRole fr{role_name->value, {}};
          std::string_view list = faces->value;
          while (!list.empty()) {
            const auto space = list.find(' ');
            const auto face = list.substr(0, space);
            if (!face.empty()) fr.faces.emplace_back(face);
            list = space == std::string_view::npos ? std::string_view{} : list.substr(space + 1);
          }
          if (fr.faces.empty()) reader.error(faces->value_offset, "font role \"" + fr.name + "\" names no face");
          const auto same = std::find_if(set.roles_.begin(), set.roles_.end(),
                                         [&](const FontRole& known) { return known.name == fr.name; });
          if (same != set.roles_.end()) {
            *same = std::move(fr);
          } else {
            set.roles_.push_back(std::move(fr));
          }
        }
      } else if (kind == "page") {
        model::ElementReader r(*input, child, diags,
                               {"name", "width", "height", "margin-top", "margin-right",
                                "margin-bottom", "margin-left"});
        auto page_name = r.require("name");
        PageMaster p;
        for (auto [key, field] : {std::pair{"width", &p.width}, {"height", &p.height},
                                  {"margin-top", &p.margin_top}, {"margin-right", &p.margin_right},
                                  {"margin-bottom", &p.margin_bottom}, {"margin-left", &p.margin_left}}) {
          if (!r.require(key)) continue;
          if (auto v = reader.length(r, key)) *field = *v;
        }
        if (page_name) set.pages_[page_name->value] = p;
      } else if (kind == "style") {
        model::ElementReader r(*input, child, diags,
                               {"name", "base", "font", "size", "line-height", "align", "space-before",
                                "space-after", "indent", "hang", "end-indent", "color", "fill", "padding", "rule-width",
                                "hanging-punctuation", "half-bracket-at-start", "line-choice"});
        auto style_name = r.require("name");
        std::set<std::string> sets;
        for (auto a : child.attributes()) {
          const std::string_view key = a.name();
          if (key != "name" && key != "base") sets.emplace(key);
        }
        Style base;
        // The styles read so far include the base set's: a derived set's
        // <style name="body" base="body"> tweaks the base set's body.
        if (auto b = r.get("base")) {
          auto it = set.styles_.find(b->value);
          if (it == set.styles_.end()) {
            reader.error(b->value_offset, "base style \"" + b->value + "\" is not defined above");
          } else {
            base = it->second;
            definitions[b->value].copied = true;
            definitions[b->value].copies.emplace_back(style_name ? style_name->value : b->value, sets);
          }
        }
        if (style_name) {
          const bool overrides = set.styles_.count(style_name->value) > 0;
          set.styles_[style_name->value] = reader.style(r, base, set.roles_);
          definitions[style_name->value] = {input->source(), style_name->value_offset, rr.get("base").has_value(),
                                            false, overrides, std::move(sets), {}};
        }
      } else if (kind == "length") {
        model::ElementReader r(*input, child, diags, {"name", "value"});
        auto length_name = r.require("name");
        r.require("value");
        if (auto v = reader.length(r, "value"); v && length_name) set.lengths_[length_name->value] = *v;
      } else if (kind == "word") {
        model::ElementReader r(*input, child, diags, {"name", "text"});
        auto word_name = r.require("name");
        auto text = r.require("text");
        if (word_name && text) set.words_[word_name->value] = text->value;
      } else {
        reader.error(input->element_offset(child),
                     "unknown element <" + std::string(kind) +
                         "> in <layout-set>; expected <fonts>, <page>, <style>, <length>, <word>");
      }
    }
    return true;
  };

  const auto input = model::XmlInput::parse(file, diags);
  if (!input || !read(*input, 0)) return std::nullopt;
  LayoutSetReader reader(*input, diags);
  const pugi::xml_node root = input->root();
  const std::size_t at = input->element_offset(root);
  auto require_all = [&](const std::vector<std::string>& names, const auto& table,
                         const char* what) {
    for (const auto& n : names) {
      if (!table.count(n)) reader.error(at, std::string("layout set has no ") + what + " \"" + n + "\"");
    }
  };
  require_all(needs.styles, set.styles_, "style");
  require_all(needs.lengths, set.lengths_, "length");
  require_all(needs.words, set.words_, "word");
  require_all(needs.pages, set.pages_, "page");
  for (const auto& [name, s] : set.styles_) {
    if (s.font.empty()) reader.error(at, "style \"" + name + "\" has no font role");
  }
  if (diags.has_errors()) return std::nullopt;
  for (const auto& [name, d] : definitions) {
    if (!d.derived || std::find(needs.styles.begin(), needs.styles.end(), name) != needs.styles.end()) continue;
    if (!d.copied) {
      diags.warning(d.file, d.offset,
                    "style \"" + name + "\" is used by no view, and no style after it is based on it (a base is "
                    "copied when a style is read), so it changes no text; change the styles the views use instead, "
                    "each on its own base (<style name=\"block.p\" base=\"block.p\" …/>)");
      continue;
    }
    if (!d.overrides) continue;  // a set's own base style may be set again by all it serves
    std::string hidden, copies;
    for (const auto& property : d.sets) {
      const bool every = std::all_of(d.copies.begin(), d.copies.end(),
                                     [&](const auto& copy) { return copy.second.count(property) > 0; });
      if (every) hidden += (hidden.empty() ? "" : ", ") + property;
    }
    if (hidden.empty()) continue;
    for (const auto& copy : d.copies) copies += (copies.empty() ? "" : ", ") + copy.first;
    diags.warning(d.file, d.offset,
                  "style \"" + name + "\" sets " + hidden + ", which every style based on it (" + copies +
                      ") sets again, and no view uses \"" + name + "\" itself: its " + hidden +
                      " changes no text; set it on the styles the views use instead");
  }
  return set;
}

}  // namespace shiryo::style
