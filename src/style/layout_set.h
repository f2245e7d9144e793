// A layout set (layouts/NAME/layout.xml): the visual decisions as data —
// page masters, font roles, paragraph and cell styles, lengths, fixed words.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace shiryo::style {

struct Color {
  double r = 0, g = 0, b = 0;
  friend bool operator==(const Color&, const Color&) = default;
};

enum class Align { left, center, right, justify };

struct PageMaster {
  double width = 0, height = 0;  // pt
  double margin_top = 0, margin_right = 0, margin_bottom = 0, margin_left = 0;
};

struct Style {
  std::string font;            // a font role
  double size = 10.5;          // pt
  double line_height = 1.5;    // × size
  Align align = Align::left;
  double space_before = 0;     // pt
  double space_after = 0;      // pt
  double indent = 0;           // pt, the left edge of every line
  double hang = 0;             // pt, continuation lines start this much further in
  double end_indent = 0;       // pt, every line ends this much before the measure's end
  Color color{};
  std::optional<Color> fill;
  double padding = 0;          // pt, inside table cells and boxes
  double rule_width = 0.5;     // pt, cell borders and boxes
  bool hanging_punctuation = false;  // 、。 may hang past the line's end (ぶら下げ)
  bool greedy = false;               // fill lines first-fit instead of choosing breaks over the paragraph
  bool half_bracket_at_start = false;  // an opening bracket that starts a line is set half-width
};

struct FontRole {
  std::string name;
  std::vector<std::string> faces;  // PostScript names, fallback order
};

// What the views need from a layout set; a set that lacks one is malformed.
struct Requirements {
  std::vector<std::string> styles;
  std::vector<std::string> lengths;
  std::vector<std::string> words;
  std::vector<std::string> pages;
};

// Finds the file of the set that `from`'s <layout-set base="NAME"> names;
// nullptr with `error` saying where it looked when there is none.
using BaseFinder = std::function<std::shared_ptr<const diag::SourceFile>(
    const std::string& name, const diag::SourceFile& from, std::string& error)>;

class LayoutSet {
 public:
  // Reads `file`, and first the sets it derives from through `find_base`;
  // reports malformed content at its lines. nullopt on error.
  static std::optional<LayoutSet> load(std::shared_ptr<const diag::SourceFile> file,
                                       const Requirements& needs, diag::Diagnostics& diags,
                                       const BaseFinder& find_base = {});

  const std::string& name() const { return name_; }
  const std::vector<FontRole>& font_roles() const { return roles_; }
  const PageMaster& page(const std::string& name) const { return pages_.at(name); }
  const Style& style(const std::string& name) const { return styles_.at(name); }
  double length(const std::string& name) const { return lengths_.at(name); }
  // A fixed word; `{name}` placeholders are replaced from `values`.
  std::string word(const std::string& name,
                   const std::map<std::string, std::string>& values = {}) const;

 private:
  std::string name_;
  std::vector<FontRole> roles_;
  std::map<std::string, PageMaster> pages_;
  std::map<std::string, Style> styles_;
  std::map<std::string, double> lengths_;
  std::map<std::string, std::string> words_;
};

// "12mm", "10.5pt", "-12pt" → points; nullopt when malformed.
std::optional<double> parse_length(std::string_view text);
// "#D9D9D9" → colour; nullopt when malformed.
std::optional<Color> parse_color(std::string_view text);

}  // namespace shiryo::style
