// Writing a workbook (.xlsx) through libxlsxwriter: sheets of text and
// number cells, some locked, with lists to choose from. The bytes depend
// only on what is written and the date given, never on the clock.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace shiryo::sheet {

struct OutCell {
  std::string text;                 // a text cell, or the number as a decimal ("84.4")
  bool number = false;
  int decimals = 0;                 // a number's digits after the point, for its format
  std::vector<std::string> choices; // a drop-down list the cell must take a value from
};

struct OutColumn {
  std::string header;
  double width = 10;     // in characters
  bool editable = false; // unlocked in the protected sheet
  bool hidden = false;
};

struct OutSheet {
  std::string name;
  std::vector<OutColumn> columns;
  std::vector<std::vector<OutCell>> rows;  // under the header row
};

// The workbook's bytes, or nullopt with `error`. `created` is the document's
// creation time (the same every time for the same packet).
std::optional<std::string> write_workbook(const std::vector<OutSheet>& sheets, std::time_t created,
                                          const std::string& title, std::string& error);

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\.
std::string sheet_name(const std::string& wanted);

}  // namespace shiryo::sheet
