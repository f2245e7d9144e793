// Figures read into what a PDF XObject holds. Raster figures (PNG, JPEG): the
// compressed data passed through where PDF takes it as it is, re-encoded only
// where it does not (interlaced PNG, alpha, transparency by tRNS). A PDF
// page: the file and which page, checked by pdf/page_import.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace shiryo::image {

// A file that is not a usable image; the message says what was found.
struct ImageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// More pixels than this is refused before decoding (a decompression bomb).
inline constexpr unsigned long long kMaxPixels = 100'000'000ULL;

struct Image {
  enum class Kind { png, jpeg, pdf };
  Kind kind = Kind::png;
  int width = 0, height = 0;  // pixels as stored
  int bits = 8;               // per component
  int components = 3;         // 1 grey, 3 RGB (1 with a palette)
  std::string palette;        // RGB triples of an indexed PNG, empty otherwise
  // A CMYK JPEG without a colour profile, decoded and converted to sRGB
  // through the stand-in CMYK profile (image/icc.h).
  bool converted_from_cmyk = false;
  // A CMYK JPEG passed through that stores 255 for no ink (Adobe's way):
  // drawn with /Decode [1 0 1 0 1 0 1 0].
  bool inverted = false;
  // The file's ICC profile, drawn as /ICCBased; empty when it has none, and
  // then RGB and grey are sRGB and DeviceGray under the output intent.
  std::string icc;
  // Why a profile the file carries is not used (its colours are then read
  // as sRGB or grey); empty when it is used or there is none.
  std::string icc_dropped;
  std::string filter;         // DCTDecode or FlateDecode
  int predictor = 1;          // FlateDecode's /Predictor: 15 for PNG rows, 1 none
  std::string data;           // the stream's bytes, encoded with `filter`
  std::string alpha;          // an 8-bit alpha channel (Flate), empty when opaque
  // EXIF orientation, 1 to 8 (1: as stored); 5 to 8 swap width and height.
  int orientation = 1;
  double dpi_x = 0, dpi_y = 0;  // resolution the file states, 0 when none
  // Kind::pdf: `data` is the whole file, `page` the page's index from 0 and
  // `box` its crop box (left, bottom, right, top) in points; /Rotate is the
  // orientation (90° clockwise is 6, as in EXIF), width and height the box's
  // size rounded up.
  long page = 0;
  double box[4] = {0, 0, 0, 0};

  // The width shown, in points: a PDF page's box, a raster image at its
  // resolution (`fallback_dpi` when the file states none).
  double shown_width_pt(double fallback_dpi) const;
  // The height shown over the width shown.
  double shown_aspect() const;

  int shown_width() const { return orientation >= 5 ? height : width; }
  int shown_height() const { return orientation >= 5 ? width : height; }
};

// The CMYK profile a CMYK JPEG without one of its own is converted through,
// asked for only when such a JPEG is read: its bytes, or null with `why` set.
using CmykProfile = std::function<const std::string*(std::string& why)>;

// Reads a PNG or JPEG from its bytes, whatever its file name says.
Image read_image(std::string_view bytes, const CmykProfile& cmyk_profile = {});

// A photo (a JPEG) printed at fewer pixels per inch than this is warned about.
inline constexpr double kPhotoDpiLeast = 150;

// The warning for the photo `src` drawn `width_pt` wide when that prints it
// below kPhotoDpiLeast, naming its resolution at that size; empty when it
// does not, or when `img` is no photo.
std::string low_resolution_warning(const Image& img, const std::string& src, double width_pt);

// What the bytes look like, for an error about a file that is not an image:
// "a PNG image", "a PDF file", "text", "unknown data".
std::string describe_bytes(std::string_view bytes);

}  // namespace shiryo::image
