// Tagged PDF (ISO 32000-1 §14.7–14.8, ISO 14289-1): the marked content a
// page's content stream wraps around each piece, and the structure tree
// (/StructTreeRoot, /ParentTree, /MarkInfo) that the marks are reached from.
// The writer calls these hooks; the tree itself comes from layout.
#pragma once

#include <podofo/podofo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "layout/fragment.h"

namespace shiryo::pdf {

class MarkedContent {
 public:
  MarkedContent(const layout::StructureTree& tree, std::size_t pages);

  // The order a page's runs are drawn in: artifacts first, then content in
  // reading order (its elements' rank), so that a page's content stream
  // reads as the tree does.
  std::vector<std::size_t> run_order(const layout::Page& page) const;

  // The operator that opens `tag`'s marked content on page `page`: a BDC
  // with the next MCID for an element, a BMC or BDC /Artifact for an
  // artifact; empty for a piece left untagged. Close it with "EMC".
  std::string open(std::size_t page, layout::Tag tag);

  // Records a link annotation of page `page` as content of its Link element
  // (an /OBJR); returns its /StructParent key, or -1 when it has no element.
  long annotation(std::size_t page, layout::Tag tag, const PoDoFo::PdfReference& annot);
  // The alternative text of `tag`'s element (a link's /Contents).
  const std::string& alt(layout::Tag tag) const;

  // Writes the tree, the parent tree, /StructParents and /Tabs on the pages,
  // and /MarkInfo in the catalog.
  void write(PoDoFo::PdfMemDocument& document, const std::vector<std::unique_ptr<PoDoFo::PdfPage>>& pages) const;

 private:
  // A piece of an element's content: a marked-content sequence or an annotation.
  struct Kid {
    std::size_t page = 0;
    long mcid = -1;                  // -1: an annotation
    PoDoFo::PdfReference annotation;
    std::size_t order = 0;           // within the page
  };
  const layout::StructureTree& tree_;
  std::vector<std::vector<Kid>> kids_;                 // per element
  std::vector<std::vector<layout::Tag>> page_mcids_;   // per page: the element of each MCID
  std::vector<layout::Tag> annotations_;               // per /StructParent key past the pages
  std::size_t pages_ = 0;
};

}  // namespace shiryo::pdf
