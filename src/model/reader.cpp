#include "model/reader.h"

#include <algorithm>
#include <charconv>

namespace shiryo::model {
namespace {

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Trims the first text's start and the last text's end, at any depth.
void trim_edges(RichText& text) {
  for (auto it = text.begin(); it != text.end(); ++it) {
    if (it->kind != Inline::Kind::text) break;
    auto& v = it->text.value;
    v.erase(0, v.find_first_not_of(' '));
    if (!v.empty()) break;
  }
  for (auto it = text.rbegin(); it != text.rend(); ++it) {
    if (it->kind != Inline::Kind::text) break;
    auto& v = it->text.value;
    v.erase(v.find_last_not_of(' ') + 1);
    if (!v.empty()) break;
  }
  text.erase(std::remove_if(text.begin(), text.end(),
                            [](const Inline& i) { return i.kind == Inline::Kind::text && i.text.value.empty(); }),
             text.end());
}

// `text` with full-width digits, point, minus and comma made half-width
// (１３４ → 134); nullopt when it has none of them.
std::optional<std::string> half_width(std::string_view text) {
  std::string out;
  bool changed = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = diag::decode_utf8(text, i);
    if (c >= U'０' && c <= U'９') {
      out += static_cast<char>('0' + (c - U'０'));
    } else if (c == U'．' || c == U'－' || c == U'，' || c == U'＋') {
      out += static_cast<char>(c - 0xFEE0);
    } else {
      out.append(text.substr(start, i - start));
      continue;
    }
    changed = true;
  }
  return changed ? std::optional(out) : std::nullopt;
}

// The message for a number typed in full-width digits, or nullopt.
std::optional<std::string> full_width_message(const Attribute& a) {
  const auto half = half_width(a.value);
  if (!half) return std::nullopt;
  return a.name + " \"" + a.value + "\" is written in full-width digits; write them half-width: " + a.name + "=\"" +
         *half + "\"";
}

}  // namespace

std::optional<std::string> number_typed_as_text(std::string_view text, std::string_view unit) {
  std::string n = half_width(text).value_or(std::string(text));
  n.erase(0, n.find_first_not_of(' '));
  n.erase(n.find_last_not_of(' ') + 1);
  for (std::string_view suffix : {unit, std::string_view("%"), std::string_view("％")}) {
    if (!suffix.empty() && n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
      n.erase(n.size() - suffix.size());
    }
  }
  n.erase(std::remove(n.begin(), n.end(), ','), n.end());
  if (n.empty() || !compute::Decimal::parse(n)) return std::nullopt;
  return n;
}

std::string plain_text(const RichText& text) {
  std::string out;
  for (const auto& i : text) {
    if (i.kind == Inline::Kind::text) out += i.text.value;
    out += plain_text(i.children);
  }
  return out;
}

void Reader::children(pugi::xml_node parent, std::span<const std::string_view> allowed,
                      const ChildHandler& handle, bool takes_text) const {
  for (auto child : parent.children()) {
    switch (child.type()) {
      case pugi::node_element: {
        const std::string_view name = child.name();
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
          std::string expected;
          for (auto a : allowed) expected += (expected.empty() ? "<" : ", <") + std::string(a) + ">";
          const std::string_view nearest = nearest_name(name, allowed);
          error(offset(child), "unknown element <" + std::string(name) + "> in <" + parent.name() + ">" +
                                   (expected.empty() ? "; it takes no child elements" : "; expected " + expected) +
                                   (nearest.empty() ? "" : "; did you mean <" + std::string(nearest) + ">?"));
          continue;
        }
        handle(child);
        break;
      }
      case pugi::node_pcdata:
      case pugi::node_cdata:
        if (!takes_text && !is_blank(child.value())) {
          error(input_.text_offset(child), "unexpected text in <" + std::string(parent.name()) + ">");
        }
        break;
      default:
        break;  // comments and processing instructions
    }
  }
}

std::optional<SourceText> Reader::required_text(pugi::xml_node element) const {
  children(element, {}, [](pugi::xml_node) {}, true);
  auto text = input_.text(element);
  if (!text) error(offset(element), "<" + std::string(element.name()) + "> is empty");
  return text;
}

std::optional<SourceText> Reader::optional_attr(const ElementReader& r, std::string_view name) const {
  auto a = r.get(name);
  return a ? std::optional<SourceText>(a->text()) : std::nullopt;
}

std::optional<int> Reader::whole_number(const Attribute& a, int min, int max) const {
  int value = 0;
  const char* first = a.value.data();
  const char* last = first + a.value.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (a.value.empty() || ec != std::errc() || ptr != last) {
    error(a.value_offset, full_width_message(a).value_or(a.name + " \"" + a.value + "\" is not a whole number"));
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(a.value_offset, a.name + " " + a.value + " is out of range; expected " + std::to_string(min) +
                              " to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<FiscalYear> Reader::fiscal_year(const Attribute& a) const {
  auto v = whole_number(a, 1873, 9999);
  if (!v) return std::nullopt;
  return FiscalYear{*v, a.value_offset};
}

std::optional<Number> Reader::number(const Attribute& a) const {
  auto v = compute::Decimal::parse(a.value);
  if (!v) {
    error(a.value_offset, full_width_message(a).value_or(a.name + " \"" + a.value +
                                                         "\" is not a number; write it plainly, e.g. 260000 or 84.4"));
    return std::nullopt;
  }
  return Number{*v, a.value_offset};
}

std::optional<bool> Reader::yes_no(const Attribute& a) const {
  if (a.value == "yes") return true;
  if (a.value == "no") return false;
  error(a.value_offset, a.name + " \"" + a.value + "\" is not known; expected yes or no");
  return std::nullopt;
}

Tally Reader::tally(pugi::xml_node element) const {
  ElementReader r(input_, element, diags_, {"fy", "what", "plan", "period", "goal", "unset"});
  children(element, {}, [](pugi::xml_node) {});
  Tally t;
  t.offset = r.offset();
  t.plan = optional_attr(r, "plan");
  t.period = optional_attr(r, "period");
  t.goal = optional_attr(r, "goal");
  if (auto fy = r.get("fy")) t.fy = fiscal_year(*fy);
  if (auto what = r.require("what")) {
    static constexpr std::string_view kWhat[] = {"set", "met", "unmet", "pending", "rate", "fraction", "items", "indicators"};
    if (std::find(std::begin(kWhat), std::end(kWhat), what->value) == std::end(kWhat)) {
      error(what->value_offset, "what \"" + what->value +
                                    "\" is not known; expected set, met, unmet, pending, rate, fraction, items or indicators");
    } else if (!t.fy && what->value != "items" && what->value != "indicators") {
      error(t.offset, "<tally what=\"" + what->value + "\"> is missing required attribute \"fy\"");
    }
    t.what = what->text();
  }
  if (auto unset = r.get("unset")) {
    if (unset->value == "met") {
      t.unset_met = true;
    } else {
      error(unset->value_offset, "unset \"" + unset->value + "\" is not known; expected met");
    }
  }
  return t;
}

void Reader::inline_children(pugi::xml_node element, bool generic,
                             std::initializer_list<std::string_view> skip, RichText& out) const {
  for (auto child : element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      const std::string_view raw = child.value();
      std::string folded = fold_whitespace(raw);
      // fold_whitespace trims; keep one space where the raw text had one at
      // an edge between Latin neighbours, so "a <b>b</b>" stays two words.
      const bool lead = !raw.empty() && std::string_view(" \t\r\n").find(raw.front()) != std::string_view::npos;
      const bool trail = !raw.empty() && std::string_view(" \t\r\n").find(raw.back()) != std::string_view::npos;
      if (folded.empty()) {
        if (lead && raw.find('\n') == std::string_view::npos) out.push_back({Inline::Kind::text, {" ", input_.text_offset(child)}, {}, {}, {}});
        continue;
      }
      if (lead && raw.find('\n') == std::string_view::npos) folded.insert(0, " ");
      if (trail && raw.substr(raw.find_last_not_of(" \t\r\n")).find('\n') == std::string_view::npos) folded += ' ';
      const std::size_t at = folded.front() == ' ' ? static_cast<std::size_t>(child.offset_debug())
                                                   : input_.text_offset(child);
      out.push_back({Inline::Kind::text, {folded, at}, {}, {}, {}});
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    Inline item;
    if (name == "br") {
      ElementReader r(input_, child, diags_, {});
      children(child, {}, [](pugi::xml_node) {});
      item.kind = Inline::Kind::line_break;
    } else if (name == "b" || name == "sup" || name == "sub") {
      ElementReader r(input_, child, diags_, {});
      item.kind = name == "b" ? Inline::Kind::bold : name == "sup" ? Inline::Kind::superscript : Inline::Kind::subscript;
      inline_children(child, generic, {}, item.children);
    } else if (name == "a") {
      ElementReader r(input_, child, diags_, {"href"});
      item.kind = Inline::Kind::link;
      if (auto href = r.require("href")) item.href = href->text();
      inline_children(child, generic, {}, item.children);
    } else if (generic && name == "fn") {
      ElementReader r(input_, child, diags_, {});
      item.kind = Inline::Kind::footnote;
      inline_children(child, false, {}, item.children);
    } else if (generic && name == "leader") {
      ElementReader r(input_, child, diags_, {});
      children(child, {}, [](pugi::xml_node) {});
      item.kind = Inline::Kind::leader;
    } else if (generic && name == "tally") {
      item.kind = Inline::Kind::tally;
      item.tally = tally(child);
    } else {
      error(offset(child), "unknown element <" + std::string(name) + "> in <" + element.name() +
                               ">; text takes <br>, <b>, <sup>, <sub>, <a>" +
                               (generic ? ", <fn>, <leader>, <tally>" : ""));
      continue;
    }
    out.push_back(std::move(item));
  }
}

RichText Reader::rich_text(pugi::xml_node element, bool generic,
                           std::initializer_list<std::string_view> skip) const {
  RichText out;
  inline_children(element, generic, skip, out);
  trim_edges(out);
  return out;
}

RichText Reader::required_rich_text(pugi::xml_node element, bool generic) const {
  RichText out = rich_text(element, generic);
  if (out.empty()) error(offset(element), "<" + std::string(element.name()) + "> is empty");
  return out;
}

}  // namespace shiryo::model
