// A spreadsheet as read: a workbook's sheets (.xlsx) or one CSV file, each a
// list of rows of cells with their places, for <results-data>.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/source_file.h"

namespace shiryo::sheet {

struct Cell {
  enum class Kind { empty, text, number, date };
  Kind kind = Kind::empty;
  // text as typed; a number as the file writes it ("84.4"); a date as
  // 2024-03-31; a formula's cached value.
  std::string value;
  std::string name;        // a workbook cell, "D14"; empty in CSV
  std::size_t offset = 0;  // CSV: the field's first character in the text
};

struct Row {
  std::size_t number = 0;   // from 1
  std::vector<Cell> cells;  // by column, from column A
};

struct Sheet {
  std::string name;  // empty for CSV
  std::vector<Row> rows;
};

struct Table {
  // The file as read (for CSV, its text as UTF-8 with the bytes kept).
  std::shared_ptr<const diag::SourceFile> file;
  bool workbook = false;
  std::vector<Sheet> sheets;
};

// Reads `bytes` as .xlsx or .csv by the path's extension; nullopt with
// `error` (what is wrong with the file as a whole) when it cannot be read.
std::optional<Table> read_table(const std::string& path, const std::string& bytes, std::string& error);

// Column letters from a 0-based index: 0 → A, 26 → AA.
std::string column_letters(std::size_t index);

}  // namespace shiryo::sheet
