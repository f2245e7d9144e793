// `shiryo fonts`: the font roles of a layout set and the faces they use;
// `shiryo --version`: the version and each configured font's file, version
// and SHA-256, as the font lock of a built packet records them.
#pragma once

#include <iosfwd>

#include "cli/options.h"

namespace shiryo::cli {

std::string fonts_help_text();
int run_fonts(const Options& options, std::ostream& out, std::ostream& err);
int run_version(std::ostream& out, std::ostream& err);

}  // namespace shiryo::cli
