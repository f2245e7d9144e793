// ICC colour profiles that figures carry (a PNG's iCCP, a JPEG's APP2
// ICC_PROFILE), checked before they become a PDF /ICCBased colour space.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace shiryo::image {

// Profiles larger than this are not read (no camera or scanner writes one).
inline constexpr std::size_t kMaxIccBytes = 16u << 20;

// Why `profile` cannot describe an image of `components` colour components
// (1 grey, 3 RGB, 4 CMYK) in PDF, or empty when it can: lcms2 must open it,
// its colour space must match the components, its class must be one PDF
// allows (input, display, output, colour space), its version at most 4, and
// a transform from it to sRGB must be buildable.
std::string icc_problem(std::string_view profile, int components);

// The profile a CMYK JPEG that carries none is read through: Ghostscript's
// default CMYK, a SWOP press profile (Debian's libgs-common). A build that
// uses it records its SHA-256, so that a rebuild converts with the same one.
inline constexpr const char* kCmykProfilePath = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

// Converts 8-bit CMYK pixels to sRGB through a CMYK profile (lcms2,
// perceptual intent). `inverted`: the pixels store 255 for no ink (an Adobe
// JPEG), else 0.
class CmykToSrgb {
 public:
  // Throws std::runtime_error saying why `profile` cannot convert.
  CmykToSrgb(std::string_view profile, bool inverted);
  ~CmykToSrgb();
  CmykToSrgb(const CmykToSrgb&) = delete;
  CmykToSrgb& operator=(const CmykToSrgb&) = delete;

  // `pixels` pixels of 4 bytes each into 3 bytes each.
  void convert(const unsigned char* cmyk, unsigned char* rgb, std::size_t pixels) const;

 private:
  struct Handles;
  std::unique_ptr<Handles> handles_;
};

}  // namespace shiryo::image
