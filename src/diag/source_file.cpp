#include "diag/source_file.h"

#include <algorithm>

namespace shiryo::diag {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceFile::SourceFile(std::string path, std::string text, std::string bytes)
    : SourceFile(std::move(path), std::move(text)) {
  converted_from_ = std::move(bytes);
}

std::size_t SourceFile::line_start(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return *(it - 1);
}

Position SourceFile::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t column = 1;
  for (std::size_t i = *(it - 1); i < offset;) {
    decode_utf8(text_, i);
    ++column;
  }
  return {line, column};
}

std::string_view SourceFile::line_at(std::size_t offset) const {
  const std::size_t start = line_start(std::min(offset, text_.size()));
  std::size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

char32_t decode_utf8(std::string_view text, std::size_t& offset) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  std::size_t length = utf8_length(lead);
  if (offset + length > text.size()) length = 1;
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[offset + k]) & 0x3F);
  }
  offset += length;
  return cp;
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) { ++i; continue; }
    std::size_t length = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { length = 2; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { length = 3; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { length = 4; min = 0x10000; }
    else return i;
    if (i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    std::size_t next = i;
    const char32_t cp = decode_utf8(text, next);
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i = next;
  }
  return std::string_view::npos;
}

std::string printable_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      static const char* digits = "0123456789abcdef";
      out += std::string("\\x") + digits[u >> 4] + digits[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace shiryo::diag
