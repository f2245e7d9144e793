// ICC colour profiles that figures carry (a PNG's iCCP, a JPEG's APP2
// ICC_PROFILE), checked before they become a PDF /ICCBased colour space.
#pragma once

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

}  // namespace shiryo::image
