// pugixml with positions: elements, attributes (name and value) and texts
// located in the kept source, and a reader that checks an element's
// attributes against the names it allows.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "model/source_text.h"

namespace shiryo::model {

struct Attribute {
  std::string name;
  std::string value;
  std::size_t name_offset = 0;
  std::size_t value_offset = 0;  // first character inside the quotes

  SourceText text() const { return SourceText{value, value_offset}; }
};

class XmlInput {
 public:
  // Reports invalid UTF-8, a DOCTYPE (entities are never expanded) and
  // malformed XML; returns null then.
  static std::unique_ptr<XmlInput> parse(std::shared_ptr<const diag::SourceFile> source,
                                         diag::Diagnostics& diags);

  pugi::xml_node root() const { return document_.document_element(); }
  const std::shared_ptr<const diag::SourceFile>& source() const { return source_; }

  // Offset of the element's `<`.
  std::size_t element_offset(pugi::xml_node element) const;
  // The element's attributes in source order, with positions.
  std::vector<Attribute> attributes(pugi::xml_node element) const;
  // The element's own text (its text children joined, whitespace folded as
  // `fold_whitespace` says), positioned at its first non-blank character;
  // nullopt when there is none.
  std::optional<SourceText> text(pugi::xml_node element) const;
  // The first non-blank character of a text child.
  std::size_t text_offset(pugi::xml_node text_node) const;

 private:
  XmlInput() = default;
  std::shared_ptr<const diag::SourceFile> source_;
  pugi::xml_document document_;
};

// Folds XML whitespace: runs that hold a line break vanish between two
// non-ASCII (Japanese) characters and become one space elsewhere; ends trimmed.
std::string fold_whitespace(std::string_view text);

// The name in `known` nearest to `name` (at most two edits, a swap of
// neighbours counting one, and fewer than half its letters), or empty.
std::string_view nearest_name(std::string_view name, std::span<const std::string_view> known);

// Reads one element: reports each attribute that is not in `allowed` at its
// name (with the nearest allowed name), and missing required attributes at
// the element's `<` — or, when an unknown attribute is a misspelling of it,
// as a note of that one: one cause, one message.
class ElementReader {
 public:
  ElementReader(const XmlInput& input, pugi::xml_node element, diag::Diagnostics& diags,
                std::span<const std::string_view> allowed);
  ElementReader(const XmlInput& input, pugi::xml_node element, diag::Diagnostics& diags,
                std::initializer_list<std::string_view> allowed)
      : ElementReader(input, element, diags, std::span<const std::string_view>(allowed.begin(), allowed.size())) {}

  std::optional<Attribute> get(std::string_view name) const;
  std::optional<Attribute> require(std::string_view name) const;
  std::size_t offset() const { return offset_; }
  std::string_view name() const { return element_.name(); }
  pugi::xml_node node() const { return element_; }

 private:
  const XmlInput& input_;
  pugi::xml_node element_;
  diag::Diagnostics& diags_;
  std::vector<Attribute> attributes_;
  std::size_t offset_ = 0;
  // Unknown attributes that look like an allowed name: that name, the index
  // of the diagnostic reported.
  std::vector<std::pair<std::string_view, std::size_t>> misspelt_;
};

}  // namespace shiryo::model
