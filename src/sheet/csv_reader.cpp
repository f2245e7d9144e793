// CSV as Excel writes it (RFC 4180): UTF-8 with or without a byte-order
// mark, or CP932; quoted fields may hold commas, quotes and newlines.
#include "sheet/table.h"

#include "diag/encoding.h"

namespace shiryo::sheet {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::vector<Row> parse_csv(const std::string& text, std::string& error) {
  std::vector<Row> rows;
  Row row;
  row.number = 1;
  Cell cell;
  bool field_started = false;
  auto end_field = [&] {
    cell.kind = cell.value.empty() ? Cell::Kind::empty : Cell::Kind::text;
    row.cells.push_back(std::move(cell));
    cell = Cell{};
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    rows.push_back(std::move(row));
    row = Row{};
    row.number = rows.size() + 1;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (!field_started) {
      cell.offset = i;
      field_started = true;
      if (text[i] == '"') {
        cell.offset = ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              cell.value += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          // A newline inside quotes is one line break, however it was saved.
          if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
          cell.value += text[i] == '\r' ? '\n' : text[i];
          ++i;
        }
        if (!closed) {
          error = "a quoted field that starts on record " + std::to_string(row.number) + " is never closed";
          return {};
        }
        continue;
      }
    }
    const char c = text[i];
    if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\r' || c == '\n') {
      end_row();
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    } else {
      cell.value += c;
      ++i;
    }
  }
  if (field_started || !row.cells.empty()) end_row();
  return rows;
}

}  // namespace

std::optional<Table> read_csv(const std::string& path, const std::string& bytes, std::string& error) {
  std::shared_ptr<const diag::SourceFile> file;
  if (diag::find_invalid_utf8(bytes) == std::string::npos) {
    // Positions count from after a byte-order mark; the bytes keep it.
    file = std::string_view(bytes).substr(0, kBom.size()) == kBom
               ? std::make_shared<const diag::SourceFile>(path, bytes.substr(kBom.size()), bytes)
               : std::make_shared<const diag::SourceFile>(path, bytes);
  } else if (auto text = diag::from_cp932(bytes)) {
    file = std::make_shared<const diag::SourceFile>(path, std::move(*text), bytes);
  } else {
    error = "the file is neither UTF-8 nor CP932 (Shift_JIS); save it as CSV UTF-8";
    return std::nullopt;
  }
  Table table;
  table.file = file;
  table.sheets.push_back(Sheet{"", parse_csv(file->text(), error)});
  if (!error.empty()) return std::nullopt;
  return table;
}

}  // namespace shiryo::sheet
