// The logical structure of a packet (tagged PDF, ISO 32000-1 §14.7–14.8):
// structure elements in reading order, built by layout while it draws, and
// the tag each drawn piece carries (its element, or an artifact).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace shiryo::layout {

// An index into StructureTree::elements, or one of the values below.
using Tag = std::uint32_t;
// Drawn without marking: a piece nobody classified (the tagged check counts them).
inline constexpr Tag kUntagged = 0xFFFFFFFFu;
// Decoration: rules, fills, dot leaders.
inline constexpr Tag kArtifact = 0xFFFFFFFEu;
// Repeated for the page, not content: page numbers, repeated header rows,
// （続き） marks and labels drawn again where rows continue.
inline constexpr Tag kPagination = 0xFFFFFFFDu;

inline bool is_artifact(Tag tag) { return tag == kArtifact || tag == kPagination; }
inline bool is_element(Tag tag) { return tag < kPagination; }

struct StructElement {
  std::string role;  // a standard structure type: Document, Sect, H1, P, L, LI, Lbl, LBody, Table, TR, TD …
  Tag parent = kUntagged;
  std::vector<Tag> children;  // in reading order
  std::string alt;            // /Alt: a figure's text, a link's /Contents
  std::string scope;          // TH: Column or Row
  std::size_t rowspan = 1, colspan = 1;
  std::string id;       // /ID, unique in the tree (a Note's, PDF/UA 7.9)
  Tag ref = kUntagged;  // /Ref: the element a Note's reference mark is in
};

// Element 0 is the Document. Elements are created in reading order, so an
// element's index is its rank: a page's content drawn in the order of its
// elements' indices reads as the tree does.
struct StructureTree {
  std::vector<StructElement> elements;

  Tag add(Tag parent, std::string role) {
    if (elements.empty()) elements.push_back(StructElement{"Document", kUntagged, {}, {}, {}, 1, 1, {}, kUntagged});
    const Tag tag = static_cast<Tag>(elements.size());
    elements.push_back(StructElement{std::move(role), parent, {}, {}, {}, 1, 1, {}, kUntagged});
    elements[parent].children.push_back(tag);
    return tag;
  }
  bool empty() const { return elements.empty(); }
};

}  // namespace shiryo::layout
