// Image XObjects: one per image however often it is drawn, and the operators
// that draw one into its box on a page.
#pragma once

#include <podofo/podofo.h>

#include <map>
#include <string>
#include <vector>

#include "image/image.h"
#include "layout/fragment.h"

namespace shiryo::pdf {

class ImageXObjects {
 public:
  // Embeds every image the pages draw, named Im0, Im1 … in the order they
  // are first drawn (the same input names them the same).
  ImageXObjects(PoDoFo::PdfMemDocument& document, const std::vector<layout::Page>& pages);

  // `q … cm /ImN Do Q` for each image of the page.
  std::string content(const layout::Page& page) const;
  // The same for one image of a page `page_height` tall.
  std::string content(const layout::PlacedImage& placed, double page_height) const;
  // Adds the page's images to its /Resources /XObject; nothing when it has none.
  void add_resources(const layout::Page& page, PoDoFo::PdfDictionary& resources) const;

 private:
  struct Embedded {
    std::string name;
    PoDoFo::PdfReference reference;
  };
  std::map<const image::Image*, Embedded> embedded_;
};

}  // namespace shiryo::pdf
