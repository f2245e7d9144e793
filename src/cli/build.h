// The build pipeline: parse → compute → compose → layout → write, with the
// exit statuses of cli.md.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/options.h"
#include "diag/diagnostics.h"
#include "model/packet.h"
#include "model/date.h"

namespace shiryo::cli {

enum ExitStatus : int { kSuccess = 0, kInputError = 1, kUsage = 2, kEnvironment = 3 };

// Where layout sets and the font configuration are looked up, in order.
std::vector<std::string> data_directories();

// The PDF date from --date, else SOURCE_DATE_EPOCH, else the meeting day;
// nullopt with `error` set when the one given is malformed.
std::optional<std::string> resolve_pdf_date(const std::optional<std::string>& date_option,
                                            const char* source_date_epoch,
                                            const model::CivilDate& meeting_day,
                                            std::string& error);

// Reads and parses the packet and checks its computed figures. On failure
// prints the diagnostics, sets `status` and returns nullopt.
std::optional<model::Packet> load_packet(const std::string& path, diag::Diagnostics& diags,
                                         std::ostream& err, int& status);

// Runs build or check; diagnostics and timings go to `err`.
int run_build(const Options& options, std::ostream& err);

}  // namespace shiryo::cli
