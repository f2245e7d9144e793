// `shiryo init DIR`: a starter packet to write from; `init --from PACKET.xml
// DIR`: the next meeting's packet, keeping this one's meta, roster and plans.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/options.h"

namespace shiryo::cli {

ParseResult parse_init_arguments(Options options, const std::vector<std::string>& args);
std::string init_help_text();
int run_init(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace shiryo::cli
