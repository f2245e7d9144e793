#include "pdf/image_xobject.h"

#include "pdf/objects.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;

// The matrix that maps an image's unit square onto its box, turned or
// mirrored as its EXIF orientation says (the data itself stays as stored).
std::string image_matrix(const layout::PlacedImage& placed, double page_height) {
  static constexpr int kUnit[9][6] = {{1, 0, 0, 1, 0, 0},  {1, 0, 0, 1, 0, 0},  {-1, 0, 0, 1, 1, 0},
                                      {-1, 0, 0, -1, 1, 1}, {1, 0, 0, -1, 0, 1},  {0, -1, -1, 0, 1, 1},
                                      {0, -1, 1, 0, 0, 1},  {0, 1, 1, 0, 0, 0},   {0, 1, -1, 0, 1, 0}};
  const int o = placed.image->orientation;
  const auto& m = kUnit[o >= 1 && o <= 8 ? o : 1];
  const double w = placed.width, h = placed.height;
  const double x = placed.x, y = page_height - placed.y - placed.height;
  return pdf_number(m[0] * w) + " " + pdf_number(m[1] * h) + " " + pdf_number(m[2] * w) + " " +
         pdf_number(m[3] * h) + " " + pdf_number(m[4] * w + x) + " " + pdf_number(m[5] * h + y);
}

PdfObject integer(long long v) { return PdfObject(static_cast<pdf_int64>(v)); }

// A stream whose bytes are already encoded as `filter` says.
PdfObject* encoded_stream(PdfMemDocument& document, const std::string& bytes, const char* filter) {
  PdfObject* o = document.GetObjects().CreateObject("XObject");
  o->GetStream()->Set(bytes.data(), static_cast<pdf_long>(bytes.size()), TVecFilters());
  o->GetDictionary().AddKey("Filter", PdfName(filter));
  return o;
}

void image_dictionary(PdfDictionary& d, int width, int height, int bits) {
  d.AddKey("Subtype", PdfName("Image"));
  d.AddKey("Width", integer(width));
  d.AddKey("Height", integer(height));
  d.AddKey("BitsPerComponent", integer(bits));
}

// One image XObject (and its /SMask).
PdfReference embed_image(PdfMemDocument& document, const image::Image& img) {
  PdfObject* o = encoded_stream(document, img.data, img.filter.c_str());
  PdfDictionary& d = o->GetDictionary();
  image_dictionary(d, img.width, img.height, img.bits);
  static constexpr const char* kSpaces[] = {"", "DeviceGray", "", "DeviceRGB"};
  if (!img.palette.empty()) {
    PdfArray indexed;
    indexed.push_back(PdfName("Indexed"));
    indexed.push_back(PdfName("DeviceRGB"));
    indexed.push_back(integer(static_cast<long long>(img.palette.size() / 3) - 1));
    indexed.push_back(PdfString(img.palette.data(), static_cast<pdf_long>(img.palette.size()), true));
    d.AddKey("ColorSpace", indexed);
  } else {
    d.AddKey("ColorSpace", PdfName(kSpaces[img.components]));
  }
  if (img.predictor > 1) {
    PdfDictionary parms;
    parms.AddKey("Predictor", integer(img.predictor));
    parms.AddKey("Colors", integer(img.palette.empty() ? img.components : 1));
    parms.AddKey("BitsPerComponent", integer(img.bits));
    parms.AddKey("Columns", integer(img.width));
    d.AddKey("DecodeParms", parms);
  }
  if (!img.alpha.empty()) {
    PdfObject* mask = encoded_stream(document, img.alpha, "FlateDecode");
    image_dictionary(mask->GetDictionary(), img.width, img.height, 8);
    mask->GetDictionary().AddKey("ColorSpace", PdfName("DeviceGray"));
    d.AddKey("SMask", mask->Reference());
  }
  return o->Reference();
}

}  // namespace

ImageXObjects::ImageXObjects(PdfMemDocument& document, const std::vector<layout::Page>& pages) {
  for (const auto& page : pages) {
    for (const auto& placed : page.images) {
      if (embedded_.count(placed.image.get())) continue;
      std::string name = "Im" + std::to_string(embedded_.size());
      embedded_.emplace(placed.image.get(), Embedded{std::move(name), embed_image(document, *placed.image)});
    }
  }
}

std::string ImageXObjects::content(const layout::Page& page) const {
  std::string out;
  for (const auto& placed : page.images) {
    out += "q " + image_matrix(placed, page.height) + " cm /" + embedded_.at(placed.image.get()).name + " Do Q\n";
  }
  return out;
}

void ImageXObjects::add_resources(const layout::Page& page, PdfDictionary& resources) const {
  if (page.images.empty()) return;
  PdfDictionary used;
  for (const auto& placed : page.images) {
    const Embedded& e = embedded_.at(placed.image.get());
    used.AddKey(e.name, e.reference);
  }
  resources.AddKey("XObject", used);
}

}  // namespace shiryo::pdf
