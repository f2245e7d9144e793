// SHA-256, the one hash the PDF writer uses (subset tags, file identifier).
#pragma once

#include <array>
#include <string_view>

namespace shiryo::pdf {

std::array<unsigned char, 32> sha256(std::string_view data);

}  // namespace shiryo::pdf
