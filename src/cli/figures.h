// `shiryo figures`: the computed results as a table a clerk checks before
// building and pastes into a spreadsheet (cli.md).
#pragma once

#include <iosfwd>

#include "cli/options.h"

namespace shiryo::cli {

int run_figures(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace shiryo::cli
