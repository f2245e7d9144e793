#include "model/xml_reader.h"

#include <algorithm>

#include "diag/encoding.h"

namespace shiryo::model {
namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Far deeper than any packet or layout set needs.
constexpr std::size_t kMaxDepth = 256;

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

bool is_name_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || u >= 0x80;
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// HTML entities a clerk types out of habit, and the character to type instead.
struct HtmlEntity {
  std::string_view name;
  std::string_view instead;
};
constexpr HtmlEntity kHtmlEntities[] = {
    {"nbsp", "the character itself (U+00A0 NO-BREAK SPACE) or a space"},
    {"copy", "© (U+00A9)"},    {"reg", "® (U+00AE)"},       {"yen", "¥ (U+00A5) or ￥ (U+FFE5)"},
    {"times", "× (U+00D7)"},   {"divide", "÷ (U+00F7)"},    {"hellip", "… (U+2026)"},
    {"mdash", "— (U+2014)"},   {"ndash", "– (U+2013)"},     {"middot", "· (U+00B7)"},
    {"deg", "° (U+00B0)"},     {"plusmn", "± (U+00B1)"},
};

// What a conforming parser rejects and pugixml lets through or words
// vaguely: an entity XML does not define, a bare `&`, a `<` that opens no
// tag, and a closing tag that is not the open element's. Reports the first
// at its position and returns false; leaves anything else to pugixml.
class MarkupCheck {
 public:
  MarkupCheck(const std::shared_ptr<const diag::SourceFile>& source, diag::Diagnostics& diags)
      : source_(source), text_(source->text()), diags_(diags) {}

  bool run() {
    std::size_t i = 0;
    while (i < text_.size()) {
      if (text_[i] == '&') {
        if (!reference(i)) return false;
        ++i;
      } else if (text_[i] != '<') {
        ++i;
      } else if (!markup(i)) {
        return false;
      }
    }
    if (stopped_ || open_.empty()) return true;
    diags_.error(source_, text_.size(),
                 "the file ends inside <" + std::string(open_.back().name) + ">; close it with </" +
                     std::string(open_.back().name) + ">");
    diags_.note(source_, open_.back().offset, "<" + std::string(open_.back().name) + "> was opened here");
    return false;
  }

 private:
  struct Open {
    std::string_view name;
    std::size_t offset;
  };

  std::string_view name_at(std::size_t i) const {
    std::size_t end = i;
    while (end < text_.size() && is_name_char(text_[end])) ++end;
    return std::string_view(text_).substr(i, end - i);
  }

  // Skips `<`…; false when a problem was reported. Sets `stopped_` (and
  // moves `i` to the end) where pugixml is left to judge the rest.
  bool markup(std::size_t& i) {
    auto skip_past = [&](std::size_t from, std::string_view end) {
      const std::size_t at = text_.find(end, from);
      if (at == std::string::npos) return stop(i);
      i = at + end.size();
      return true;
    };
    const std::string_view rest = std::string_view(text_).substr(i);
    if (rest.substr(0, 4) == "<!--") return skip_past(i + 4, "-->");
    if (rest.substr(0, 9) == "<![CDATA[") return skip_past(i + 9, "]]>");
    if (rest.substr(0, 2) == "<?") return skip_past(i + 2, "?>");
    if (rest.substr(0, 2) == "<!") return stop(i);
    if (rest.substr(0, 2) == "</") return closing_tag(i);
    if (i + 1 >= text_.size() || !is_name_start(text_[i + 1])) {
      diags_.error(source_, i, "a \"<\" that begins no tag; write &lt; for a less-than sign");
      return false;
    }
    const std::string_view name = name_at(i + 1);
    const std::size_t start = i;
    // The attributes: quoted values are checked for references; `>` ends.
    for (std::size_t k = i + 1 + name.size(); k < text_.size(); ++k) {
      const char c = text_[k];
      if (c == '"' || c == '\'') {
        const std::size_t close = text_.find(c, k + 1);
        if (close == std::string::npos) return stop(i);
        for (std::size_t r = k + 1; r < close; ++r) {
          if (text_[r] == '&' && !reference(r)) return false;
        }
        k = close;
      } else if (c == '<') {
        return stop(i);
      } else if (c == '>') {
        if (text_[k - 1] != '/') open_.push_back({name, start});
        i = k + 1;
        return true;
      }
    }
    return stop(i);
  }

  bool closing_tag(std::size_t& i) {
    const std::string_view name = name_at(i + 2);
    const std::size_t close = text_.find('>', i);
    if (name.empty() || close == std::string::npos || open_.empty()) return stop(i);
    const Open open = open_.back();
    if (name != open.name) {
      const std::string found = "</" + std::string(name) + ">";
      const std::string tag = "<" + std::string(open.name) + ">";
      std::string message = "closing tag " + found + " does not match the open " + tag;
      message += open.name == "br" ? "; write <br/> for a line break: in XML an empty element closes itself"
                                   : "; close it with </" + std::string(open.name) + "> first";
      diags_.error(source_, i, std::move(message));
      diags_.note(source_, open.offset, tag + " was opened here");
      return false;
    }
    open_.pop_back();
    i = close + 1;
    return true;
  }

  // A reference at `i` (an `&`): one of XML's five, or a character reference.
  bool reference(std::size_t i) {
    if (text_.compare(i, 2, "&#") == 0) return true;  // pugixml checks the digits
    const std::string_view name = name_at(i + 1);
    if (name.empty() || i + 1 + name.size() >= text_.size() || text_[i + 1 + name.size()] != ';') {
      diags_.error(source_, i, "a bare \"&\" is not allowed in XML; write &amp; for an ampersand");
      return false;
    }
    for (std::string_view known : {"amp", "lt", "gt", "quot", "apos"}) {
      if (name == known) return true;
    }
    std::string message = "entity &" + std::string(name) + "; is not defined in XML";
    const auto html = std::find_if(std::begin(kHtmlEntities), std::end(kHtmlEntities),
                                   [&](const HtmlEntity& e) { return e.name == name; });
    message += html != std::end(kHtmlEntities)
                   ? "; type " + std::string(html->instead) + " instead"
                   : " (only &amp; &lt; &gt; &quot; &apos; and &#…; are); type the character itself";
    diags_.error(source_, i, std::move(message));
    return false;
  }

  bool stop(std::size_t& i) {
    stopped_ = true;
    i = text_.size();
    return true;
  }

  std::shared_ptr<const diag::SourceFile> source_;
  const std::string& text_;
  diag::Diagnostics& diags_;
  std::vector<Open> open_;
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<XmlInput> XmlInput::parse(std::shared_ptr<const diag::SourceFile> source,
                                          diag::Diagnostics& diags) {
  const std::string& text = source->text();
  if (const auto bad = diag::find_invalid_utf8(text); bad != std::string::npos) {
    // Its line would print as mojibake: the file is named, not the line.
    if (const std::string apparent = diag::apparent_encoding(text); !apparent.empty()) {
      diags.error_without_position(source->path() +
                                   ": invalid UTF-8: the file appears to be " + apparent +
                                   "; save it as UTF-8, or declare it in its first line: <?xml version=\"1.0\" "
                                   "encoding=\"Shift_JIS\"?>");
      return nullptr;
    }
    diags.error(source, bad, "invalid UTF-8: the file must be encoded in UTF-8");
    return nullptr;
  }
  if (!MarkupCheck(source, diags).run()) return nullptr;
  auto input = std::unique_ptr<XmlInput>(new XmlInput());  // the constructor is private
  input->source_ = source;
  const auto result = input->document_.load_buffer(
      text.data(), text.size(), pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata,
      pugi::encoding_utf8);
  if (!result) {
    diags.error(source, static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0)),
                std::string("malformed XML: ") + result.description());
    return nullptr;
  }
  // Everything that reads the tree recurses; a hostile depth is refused here,
  // walking iteratively, before anything else sees it.
  {
    std::vector<std::pair<pugi::xml_node, std::size_t>> stack{{input->document_.document_element(), 1}};
    while (!stack.empty()) {
      const auto [node, depth] = stack.back();
      stack.pop_back();
      if (depth > kMaxDepth) {
        diags.error(source, input->element_offset(node),
                    "elements nested deeper than " + std::to_string(kMaxDepth) + " levels");
        return nullptr;
      }
      for (auto child = node.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element) stack.emplace_back(child, depth + 1);
      }
    }
  }
  for (auto node : input->document_.children()) {
    if (node.type() == pugi::node_doctype) {
      const std::size_t at = text.rfind("<!DOCTYPE", static_cast<std::size_t>(node.offset_debug()));
      diags.error(source, at == std::string::npos ? 0 : at,
                  "a DOCTYPE is not allowed: packet files use no DTD and no entities");
      return nullptr;
    }
  }
  return input;
}

std::size_t XmlInput::element_offset(pugi::xml_node element) const {
  const auto at = element.offset_debug();
  return at > 0 ? static_cast<std::size_t>(at - 1) : 0;
}

std::vector<Attribute> XmlInput::attributes(pugi::xml_node element) const {
  // pugixml keeps attributes in source order but no positions: scan the tag.
  const std::string& text = source_->text();
  std::size_t pos = static_cast<std::size_t>(element.offset_debug());
  while (pos < text.size() && !is_xml_space(text[pos]) && text[pos] != '/' && text[pos] != '>') ++pos;
  std::vector<Attribute> out;
  for (auto attr : element.attributes()) {
    while (pos < text.size() && is_xml_space(text[pos])) ++pos;
    Attribute a;
    a.name = attr.name();
    a.value = attr.value();
    a.name_offset = pos;
    pos = text.find('=', pos);
    if (pos == std::string::npos) break;
    ++pos;
    while (pos < text.size() && is_xml_space(text[pos])) ++pos;
    const char quote = text[pos];
    a.value_offset = pos + 1;
    pos = text.find(quote, pos + 1);
    if (pos == std::string::npos) break;
    ++pos;
    out.push_back(std::move(a));
  }
  return out;
}

std::size_t XmlInput::text_offset(pugi::xml_node text_node) const {
  const std::string& text = source_->text();
  std::size_t pos = static_cast<std::size_t>(text_node.offset_debug());
  while (pos < text.size() && is_xml_space(text[pos])) ++pos;
  return pos;
}

std::optional<SourceText> XmlInput::text(pugi::xml_node element) const {
  std::string raw;
  std::optional<std::size_t> offset;
  for (auto child : element.children()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) continue;
    const std::string_view value = child.value();
    if (!offset && value.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      offset = text_offset(child);
    }
    raw += value;
  }
  if (!offset) return std::nullopt;
  return SourceText{fold_whitespace(raw), *offset};
}

std::string fold_whitespace(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_xml_space(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    bool line_break = false;
    while (end < text.size() && is_xml_space(text[end])) {
      line_break = line_break || text[end] == '\n';
      ++end;
    }
    const bool at_edge = out.empty() || end == text.size();
    const bool between_wide = !at_edge && static_cast<unsigned char>(out.back()) >= 0x80 &&
                              static_cast<unsigned char>(text[end]) >= 0x80;
    if (!at_edge && !(line_break && between_wide)) out += ' ';
    i = end;
  }
  return out;
}

std::size_t source_offset(const diag::SourceFile& file, const SourceText& text, std::size_t index) {
  const std::string& raw = file.text();
  std::size_t r = text.offset;
  std::size_t v = 0;
  while (v < index && v < text.value.size() && r < raw.size()) {
    const char vc = text.value[v];
    if (is_xml_space(raw[r]) && !is_xml_space(vc)) {
      ++r;  // whitespace folded away
      continue;
    }
    if (raw[r] == '&') {
      const std::size_t semi = raw.find(';', r);
      r = semi == std::string::npos ? r + 1 : semi + 1;
      v += diag::utf8_length(static_cast<unsigned char>(vc));
      continue;
    }
    if (is_xml_space(raw[r])) {
      while (r < raw.size() && is_xml_space(raw[r])) ++r;
      ++v;
      continue;
    }
    const std::size_t n = diag::utf8_length(static_cast<unsigned char>(vc));
    r += n;
    v += n;
  }
  // Whitespace folded away before the character asked for is not it.
  while (r < raw.size() && is_xml_space(raw[r]) && v < text.value.size() && !is_xml_space(text.value[v])) ++r;
  return r;
}

std::string_view nearest_name(std::string_view name, std::span<const std::string_view> known) {
  // Optimal string alignment distance, row by row.
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.size()][b.size()];
  };
  std::string_view best;
  std::size_t best_distance = 3;
  for (std::string_view k : known) {
    const std::size_t dist = distance(name, k);
    if (dist < best_distance && dist * 2 < std::max(name.size(), k.size())) {
      best = k;
      best_distance = dist;
    }
  }
  return best;
}

ElementReader::ElementReader(const XmlInput& input, pugi::xml_node element,
                             diag::Diagnostics& diags,
                             std::span<const std::string_view> allowed)
    : input_(input), element_(element), diags_(diags),
      attributes_(input.attributes(element)), offset_(input.element_offset(element)) {
  for (std::size_t i = 0; i < attributes_.size(); ++i) {
    const auto& a = attributes_[i];
    for (std::size_t k = 0; k < i; ++k) {
      if (attributes_[k].name == a.name) {
        diags_.error(input_.source(), a.name_offset,
                     "duplicate attribute \"" + a.name + "\" on <" + element.name() + ">");
      }
    }
    if (std::find(allowed.begin(), allowed.end(), a.name) == allowed.end()) {
      std::string message = "unknown attribute \"" + a.name + "\" on <" + element.name() + ">";
      const std::string_view nearest = nearest_name(a.name, allowed);
      message += allowed.size() == 0 ? "; it takes no attributes" : "; expected " + join(allowed);
      if (!nearest.empty()) message += "; did you mean \"" + std::string(nearest) + "\"?";
      const std::size_t before = diags_.items().size();
      diags_.error(input_.source(), a.name_offset, std::move(message));
      if (!nearest.empty() && diags_.items().size() > before) misspelt_.emplace_back(nearest, before);
    }
  }
}

std::optional<Attribute> ElementReader::get(std::string_view name) const {
  for (const auto& a : attributes_) {
    if (a.name == name) return a;
  }
  return std::nullopt;
}

std::optional<Attribute> ElementReader::require(std::string_view name) const {
  auto a = get(name);
  if (a) return a;
  std::string message = "<" + std::string(element_.name()) + "> is missing required attribute \"" + std::string(name) + "\"";
  for (const auto& [nearest, index] : misspelt_) {
    if (nearest == name) {
      diags_.note_on(index, input_.source(), offset_, std::move(message));
      return a;
    }
  }
  diags_.error(input_.source(), offset_, std::move(message));
  return a;
}

}  // namespace shiryo::model
