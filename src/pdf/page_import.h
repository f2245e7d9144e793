// A page of another PDF drawn as a figure. The file comes from outside and is
// read as hostile: its page tree and object graph are walked iteratively with
// limits on depth, objects and bytes, every number is range-checked, and
// whatever PDF/A-3 under the packet's sRGB output intent cannot hold is an
// error that says why. The page is then copied into the packet as a form
// XObject, its vectors, images and fonts kept as they are.
#pragma once

#include <podofo/podofo.h>

#include <string_view>

#include "image/image.h"

namespace shiryo::pdf {

// Page `number` (from 1) of the PDF `bytes`, checked, as an Image of
// Kind::pdf. Throws image::ImageError saying why it cannot be drawn.
image::Image read_pdf_page(std::string_view bytes, long number);

// Copies the page `page` (from read_pdf_page) into `document` as a form
// XObject whose /Matrix maps its crop box onto the unit square, so that it is
// drawn like an image.
PoDoFo::PdfReference import_pdf_page(PoDoFo::PdfMemDocument& document, const image::Image& page);

}  // namespace shiryo::pdf
