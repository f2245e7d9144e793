#include "diag/encoding.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>

namespace shiryo::diag {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// `bytes` from ICU's converter `name` to the converter `to`, stopping at the
// first character either side does not map; nullopt then.
std::optional<std::string> convert(const char* name, std::string_view bytes, const char* to = "UTF-8") {
  UErrorCode status = U_ZERO_ERROR;
  const Converter from(ucnv_open(name, &status));
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  const Converter utf8(ucnv_open(to, &status));
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setFromUCallBack(utf8.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  // UTF-8 takes at most three bytes per UTF-16 unit, CP932 two, and a
  // source byte or two makes at most one unit.
  std::string out(bytes.size() * 3 + 4, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8.get(), from.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

// The encoding an XML declaration at the start names, lower-cased, or empty.
std::string declared_encoding(std::string_view bytes) {
  if (bytes.substr(0, 5) != "<?xml") return "";
  const std::size_t end = bytes.find("?>");
  const std::string_view decl = bytes.substr(0, end);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  std::size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return "";
  const std::size_t close = decl.find(decl[q], q + 1);
  if (close == std::string_view::npos) return "";
  std::string name(decl.substr(q + 1, close - q - 1));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

}  // namespace

std::optional<DecodedText> decode_input(const std::string& bytes, std::string& problem) {
  const std::string_view b(bytes);
  const char* utf16 = nullptr;
  if (b.substr(0, 2) == std::string_view("\xFF\xFE", 2) || b.substr(0, 4) == std::string_view("<\0?\0", 4)) {
    utf16 = "UTF-16LE";
  } else if (b.substr(0, 2) == std::string_view("\xFE\xFF", 2) || b.substr(0, 4) == std::string_view("\0<\0?", 4)) {
    utf16 = "UTF-16BE";
  }
  if (utf16) {
    const bool bom = b[0] != '<' && b[0] != '\0';
    auto text = convert(utf16, b.substr(bom ? 2 : 0));
    if (!text) {
      problem = std::string("the file is in ") + utf16 + " but not all of it converts; save it as UTF-8";
      return std::nullopt;
    }
    return DecodedText{std::move(*text), utf16};
  }
  const std::string declared = declared_encoding(b);
  struct Known {
    std::string_view name;
    const char* converter;
    const char* shown;
  };
  static constexpr Known kKnown[] = {{"shift_jis", "windows-31j", "Shift_JIS (CP932)"},
                                     {"shift-jis", "windows-31j", "Shift_JIS (CP932)"},
                                     {"sjis", "windows-31j", "Shift_JIS (CP932)"},
                                     {"x-sjis", "windows-31j", "Shift_JIS (CP932)"},
                                     {"cp932", "windows-31j", "Shift_JIS (CP932)"},
                                     {"windows-31j", "windows-31j", "Shift_JIS (CP932)"},
                                     {"ms932", "windows-31j", "Shift_JIS (CP932)"},
                                     {"euc-jp", "EUC-JP", "EUC-JP"}};
  for (const auto& k : kKnown) {
    if (declared != k.name) continue;
    auto text = convert(k.converter, b);
    if (!text) {
      problem = std::string("the file declares encoding=\"") + declared + "\" but is not " + k.shown +
                " throughout; save it as UTF-8";
      return std::nullopt;
    }
    return DecodedText{std::move(*text), k.shown};
  }
  return DecodedText{bytes, ""};
}

std::string apparent_encoding(const std::string& bytes) {
  // Japanese text in CP932 is mostly two-byte characters (kana leads 0x82,
  // 0x83, kanji 0x88–0x9F and 0xE0–0xEA): a stray bad byte is not taken for it.
  std::size_t pairs = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const auto trail = static_cast<unsigned char>(bytes[i + 1]);
    if (((lead >= 0x81 && lead <= 0x9F) || (lead >= 0xE0 && lead <= 0xEA)) && trail >= 0x40 && trail <= 0xFC &&
        trail != 0x7F) {
      ++pairs;
      ++i;
    }
  }
  return pairs >= 4 && convert("windows-31j", bytes) ? "Shift_JIS (CP932)" : "";
}

std::optional<std::string> from_cp932(std::string_view bytes) { return convert("windows-31j", bytes); }

std::optional<std::string> to_cp932(std::string_view utf8) { return convert("UTF-8", utf8, "windows-31j"); }

}  // namespace shiryo::diag
