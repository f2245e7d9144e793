// `shiryo archive add|verify|list DIR`: a folder of signed packets with an
// index (archive/index.h), re-verified as a whole.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/options.h"

namespace shiryo::cli {

ParseResult parse_archive_folder_arguments(Options options, const std::vector<std::string>& args);
std::string archive_folder_help_text();
int run_archive_folder(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace shiryo::cli
