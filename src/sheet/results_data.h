// <results-data>: a period's results for a fiscal year taken from a
// spreadsheet instead of typed <actual>, <reason> and <next> (plan-format.md
// §9.23). Rows are matched by indicator id; every problem is an error at the
// cell (FILE:SHEET!CELL for a workbook, FILE:LINE:COLUMN for CSV).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "model/packet.h"

namespace shiryo::sheet {

// Reads a spreadsheet: `path` as diagnostics name it (the packet's
// directory joined with `href`), `href` as the packet writes it.
using ReadDataFile =
    std::function<std::optional<std::string>(const std::string& path, const std::string& href, std::string& error)>;

// Fills the packet's indicators from each <results-data> and records the
// files read in packet.data_files.
void apply_results_data(model::Packet& packet, const ReadDataFile& read, diag::Diagnostics& diags);

}  // namespace shiryo::sheet
