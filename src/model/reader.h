// What the packet parsers share: child visiting with unknown-element errors,
// numbers, fiscal years and rich text read with their positions.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"
#include "model/plan.h"
#include "model/rich_text.h"
#include "model/xml_reader.h"

namespace shiryo::model {

class Reader {
 public:
  using ChildHandler = std::function<void(pugi::xml_node)>;

  Reader(const XmlInput& input, diag::Diagnostics& diags) : input_(input), diags_(diags) {}

  const XmlInput& input() const { return input_; }
  diag::Diagnostics& diags() const { return diags_; }
  std::size_t offset(pugi::xml_node element) const { return input_.element_offset(element); }
  void error(std::size_t offset, std::string message) const {
    diags_.error(input_.source(), offset, std::move(message));
  }
  // Locates diagnostics raised after parsing (cross-references).
  std::size_t line_of(std::size_t offset) const { return input_.source()->locate(offset).line; }

  // Visits the element children; unknown names and stray text are errors.
  void children(pugi::xml_node parent, std::span<const std::string_view> allowed,
                const ChildHandler& handle, bool takes_text = false) const;
  void children(pugi::xml_node parent, std::initializer_list<std::string_view> allowed,
                const ChildHandler& handle, bool takes_text = false) const {
    children(parent, std::span<const std::string_view>(allowed.begin(), allowed.size()), handle, takes_text);
  }
  // An element that holds only text.
  std::optional<SourceText> required_text(pugi::xml_node element) const;
  std::optional<SourceText> optional_attr(const ElementReader& r, std::string_view name) const;

  std::optional<int> whole_number(const Attribute& a, int min, int max) const;
  std::optional<FiscalYear> fiscal_year(const Attribute& a) const;
  std::optional<Number> number(const Attribute& a) const;
  std::optional<bool> yes_no(const Attribute& a) const;

  // The element's content as inline text: text, <br/>, <b>, <sup>, <sub>,
  // <a href>, and with `generic` also <fn>, <leader/> and <tally>.
  // Element children named in `skip` are left to the caller.
  RichText rich_text(pugi::xml_node element, bool generic = false,
                     std::initializer_list<std::string_view> skip = {}) const;
  // Rich text that must not be empty; reported at the element.
  RichText required_rich_text(pugi::xml_node element, bool generic = false) const;

 private:
  void inline_children(pugi::xml_node element, bool generic,
                       std::initializer_list<std::string_view> skip, RichText& out) const;
  Tally tally(pugi::xml_node element) const;

  const XmlInput& input_;
  diag::Diagnostics& diags_;
};

// A text that is only a number, as a clerk types a result into <actual>
// (99.2%, ９９．２, 1,234人): the number as value="…" takes it, or nullopt.
// `unit` (the indicator's) and a % may follow it.
std::optional<std::string> number_typed_as_text(std::string_view text, std::string_view unit);

}  // namespace shiryo::model
