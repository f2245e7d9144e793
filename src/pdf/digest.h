// SHA-256, the one hash the PDF writer uses (subset tags, file identifier).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace shiryo::pdf {

std::array<unsigned char, 32> sha256(std::string_view data);

// The SHA-256 of `data` in lower-case hex, as manifests and indexes write it.
std::string sha256_hex(std::string_view data);

}  // namespace shiryo::pdf
