// A text file kept in memory with a table of line starts, so that byte
// offsets found while parsing turn into the LINE:COL of diagnostics.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiryo::diag {

struct Position {
  std::size_t line = 0;    // from 1
  std::size_t column = 0;  // from 1, in code points
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  // A file converted to UTF-8 (diag/encoding.h): `text` the UTF-8 that
  // positions count in, `bytes` the file as read.
  SourceFile(std::string path, std::string text, std::string bytes);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The file's bytes as read: its text unless it was converted.
  const std::string& bytes() const { return converted_from_ ? *converted_from_ : text_; }

  Position locate(std::size_t offset) const;
  // The line holding `offset`, without its line terminator.
  std::string_view line_at(std::size_t offset) const;
  std::size_t line_start(std::size_t offset) const;

 private:
  std::string path_;
  std::string text_;
  std::optional<std::string> converted_from_;
  std::vector<std::size_t> line_starts_;
};

// Byte length of the UTF-8 sequence starting with `lead` (1 for invalid leads).
std::size_t utf8_length(unsigned char lead);
// Decodes the code point at `offset`; advances `offset` past it.
char32_t decode_utf8(std::string_view text, std::size_t& offset);
// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view text);
// A file name for a message: control characters as \n, \t or \xNN, so that a
// name holding a line break cannot forge a line of output.
std::string printable_name(std::string_view name);

}  // namespace shiryo::diag
