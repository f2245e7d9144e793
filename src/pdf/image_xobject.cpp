#include "pdf/image_xobject.h"

#include <charconv>
#include <cmath>

#include "pdf/objects.h"
#include "pdf/page_import.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;

// The matrix that maps an image's unit square onto its box, turned or
// mirrored as its EXIF orientation says (the data itself stays as stored).
// An imported PDF page maps its crop box instead, so its matrix carries the
// box's scale: six decimals, since a factor near 1/600 needs them.
std::string image_matrix(const layout::PlacedImage& placed, double page_height) {
  static constexpr int kUnit[9][6] = {{1, 0, 0, 1, 0, 0},  {1, 0, 0, 1, 0, 0},  {-1, 0, 0, 1, 1, 0},
                                      {-1, 0, 0, -1, 1, 1}, {1, 0, 0, -1, 0, 1},  {0, -1, -1, 0, 1, 1},
                                      {0, -1, 1, 0, 0, 1},  {0, 1, 1, 0, 0, 0},   {0, 1, -1, 0, 1, 0}};
  const image::Image& img = *placed.image;
  const int o = img.orientation;
  const auto& m = kUnit[o >= 1 && o <= 8 ? o : 1];
  const double w = placed.width, h = placed.height;
  const double x = placed.x, y = page_height - placed.y - placed.height;
  double u[6] = {m[0] * w, m[1] * h, m[2] * w, m[3] * h, m[4] * w + x, m[5] * h + y};
  if (img.kind != image::Image::Kind::pdf) {
    return pdf_number(u[0]) + " " + pdf_number(u[1]) + " " + pdf_number(u[2]) + " " + pdf_number(u[3]) + " " +
           pdf_number(u[4]) + " " + pdf_number(u[5]);
  }
  // Crop box to unit square, then as above.
  const double bw = img.box[2] - img.box[0], bh = img.box[3] - img.box[1];
  const double c[6] = {u[0] / bw, u[1] / bw, u[2] / bh, u[3] / bh,
                       u[4] - u[0] * img.box[0] / bw - u[2] * img.box[1] / bh,
                       u[5] - u[1] * img.box[0] / bw - u[3] * img.box[1] / bh};
  std::string out;
  for (double v : c) {
    if (!out.empty()) out += ' ';
    char buf[48];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::fabs(v) < 5e-7 ? 0.0 : v, std::chars_format::fixed, 6);
    std::string_view digits(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0);
    while (digits.find('.') != std::string_view::npos && (digits.back() == '0' || digits.back() == '.')) digits.remove_suffix(1);
    out += digits.empty() ? std::string_view("0") : digits;
  }
  return out;
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

// ICC profile streams by their bytes: photos from one camera share one.
using Profiles = std::map<std::string, PdfReference>;

// The image's colour space: [/ICCBased stream] with its profile, else the
// device space of its components (sRGB and grey under the output intent).
PdfObject colour_space(PdfMemDocument& document, const image::Image& img, Profiles& profiles) {
  static constexpr const char* kSpaces[] = {"", "DeviceGray", "", "DeviceRGB", "DeviceCMYK"};
  const int n = img.palette.empty() ? img.components : 3;
  if (img.icc.empty()) return PdfName(kSpaces[n]);
  auto known = profiles.find(img.icc);
  if (known == profiles.end()) {
    PdfObject* stream = document.GetObjects().CreateObject();
    stream->GetDictionary().AddKey("N", integer(n));
    stream->GetDictionary().AddKey("Alternate", PdfName(kSpaces[n]));
    stream->GetStream()->Set(img.icc.data(), static_cast<pdf_long>(img.icc.size()));
    known = profiles.emplace(img.icc, stream->Reference()).first;
  }
  PdfArray space;
  space.push_back(PdfName("ICCBased"));
  space.push_back(known->second);
  return space;
}

// One image XObject (and its /SMask).
PdfReference embed_image(PdfMemDocument& document, const image::Image& img, Profiles& profiles) {
  PdfObject* o = encoded_stream(document, img.data, img.filter.c_str());
  PdfDictionary& d = o->GetDictionary();
  image_dictionary(d, img.width, img.height, img.bits);
  if (!img.palette.empty()) {
    PdfArray indexed;
    indexed.push_back(PdfName("Indexed"));
    indexed.push_back(colour_space(document, img, profiles));
    indexed.push_back(integer(static_cast<long long>(img.palette.size() / 3) - 1));
    indexed.push_back(PdfString(img.palette.data(), static_cast<pdf_long>(img.palette.size()), true));
    d.AddKey("ColorSpace", indexed);
  } else {
    d.AddKey("ColorSpace", colour_space(document, img, profiles));
  }
  if (img.inverted) {
    PdfArray decode;
    for (int i = 0; i < img.components; ++i) {
      decode.push_back(integer(1));
      decode.push_back(integer(0));
    }
    d.AddKey("Decode", decode);
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
  Profiles profiles;
  for (const auto& page : pages) {
    for (const auto& placed : page.images) {
      if (embedded_.count(placed.image.get())) continue;
      std::string name = "Im" + std::to_string(embedded_.size());
      const image::Image& img = *placed.image;
      embedded_.emplace(&img, Embedded{std::move(name), img.kind == image::Image::Kind::pdf ? import_pdf_page(document, img)
                                                                                             : embed_image(document, img, profiles)});
    }
  }
}

std::string ImageXObjects::content(const layout::Page& page) const {
  std::string out;
  for (const auto& placed : page.images) out += content(placed, page.height);
  return out;
}

std::string ImageXObjects::content(const layout::PlacedImage& placed, double page_height) const {
  std::string out = "q " + image_matrix(placed, page_height);
  out += " cm /" + embedded_.at(placed.image.get()).name + " Do Q\n";
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
