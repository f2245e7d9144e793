// Input files as UTF-8: Japanese offices save Shift_JIS (CP932) by default,
// and some editors UTF-16. Those are converted through ICU; a file that is
// not UTF-8 and declares nothing is named for what it appears to be.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shiryo::diag {

struct DecodedText {
  std::string text;      // UTF-8
  std::string encoding;  // what it was converted from; empty when UTF-8 already
};

// `bytes` as UTF-8: UTF-16 by its byte-order mark (or `<?` in UTF-16), and
// an XML declaration's encoding="Shift_JIS" (or CP932, Windows-31J, MS932,
// EUC-JP) converted; anything else returned as it is, to be checked as
// UTF-8. nullopt with `problem` set when a declared or detected encoding
// does not convert.
std::optional<DecodedText> decode_input(const std::string& bytes, std::string& problem);

// For a file that is not valid UTF-8: "Shift_JIS (CP932)" when it holds
// several CP932 two-byte characters and every byte reads as CP932, else empty.
std::string apparent_encoding(const std::string& bytes);

// CP932 (Windows-31J, what Japanese Excel saves as CSV) to UTF-8 and back;
// nullopt when a character does not convert.
std::optional<std::string> from_cp932(std::string_view bytes);
std::optional<std::string> to_cp932(std::string_view utf8);

}  // namespace shiryo::diag
