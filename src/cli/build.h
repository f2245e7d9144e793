// The build pipeline: parse → compute → compose → layout → write, with the
// exit statuses of cli.md.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/options.h"
#include "diag/diagnostics.h"
#include "model/packet.h"
#include "model/date.h"

namespace shiryo::text {
class FontSet;
}

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

// The same, from a packet already read (rebuild's embedded copy).
std::optional<model::Packet> load_packet(const std::string& path, const std::string& text,
                                         diag::Diagnostics& diags, std::ostream& err, int& status);

// What rebuild (cli/archive.h) supplies instead of the files on disk: the
// embedded packet, layout set and font configuration, the manifest's
// resolved date, and a check of the fonts found against the lock.
struct BuildOverrides {
  std::string packet_text;
  std::string layout_label;  // names the layout set in diagnostics
  std::string layout_text;
  // The sets it derives from, by embedded file name (cli/archive.h's
  // layout_base_file of the name a `base` gives) → label and text.
  std::map<std::string, std::pair<std::string, std::string>> layout_bases;
  std::string fontset_label;
  std::string fontset_text;
  std::string date;  // D:20240314000000+09'00'
  std::map<std::string, std::string> figures;  // figure files by `src` → bytes
  // A non-zero status stops the build.
  std::function<int(const text::FontSet&, std::ostream&)> check_fonts;
};

// Whole-file reading (writing is cli/output.h).
std::optional<std::string> read_whole_file(const std::string& path, std::string& error);

// Runs build or check; diagnostics and timings go to `err`.
int run_build(const Options& options, std::ostream& err, const BuildOverrides* overrides = nullptr);

}  // namespace shiryo::cli
