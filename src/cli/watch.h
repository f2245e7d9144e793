// `shiryo watch PACKET.xml`: build, then build again whenever a file the
// build read changes, until SIGINT, SIGTERM or SIGHUP.
#pragma once

#include <iosfwd>

#include "cli/options.h"

namespace shiryo::cli {

std::string watch_help_text();

// Status 0 when stopped by a signal; 3 when the files cannot be watched.
int run_watch(const Options& options, std::ostream& err);

}  // namespace shiryo::cli
