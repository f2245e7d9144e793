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
#include "cli/output.h"
#include "diag/diagnostics.h"
#include "model/packet.h"
#include "model/date.h"
#include "style/layout_set.h"
#include "sheet/results_data.h"
#include "text/font.h"

namespace shiryo::cli {

enum ExitStatus : int { kSuccess = 0, kInputError = 1, kUsage = 2, kEnvironment = 3 };

// Where layout sets and the font configuration are looked up, in order.
std::vector<std::string> data_directories();

// `relative` under the first data directory that holds it as a regular file,
// or nullopt; each place looked at is added to `searched`.
std::optional<std::string> find_data_file(const std::string& relative, std::vector<std::string>& searched);

// The PDF date from --date, else SOURCE_DATE_EPOCH, else the meeting day;
// nullopt with `error` set when the one given is malformed.
std::optional<std::string> resolve_pdf_date(const std::optional<std::string>& date_option,
                                            const char* source_date_epoch,
                                            const model::CivilDate& meeting_day,
                                            std::string& error);

// Reads and parses the packet and checks its computed figures. On failure
// prints the diagnostics, sets `status` and returns nullopt. Each
// spreadsheet it reads, also one in error, is added to `read` when given.
std::optional<model::Packet> load_packet(const std::string& path, diag::Diagnostics& diags,
                                         std::ostream& err, int& status, std::vector<InputFile>* read = nullptr);

// The files a packet read from `path` takes in: itself, its spreadsheets
// and its figures' files (beside the packet, as it names them).
std::vector<InputFile> packet_inputs(const std::string& path, const model::Packet& packet);

// The same, from a packet already read (rebuild's embedded copy), its
// spreadsheets read by `read_data` (default: from disk, beside the packet).
std::optional<model::Packet> load_packet(const std::string& path, const std::string& text,
                                         diag::Diagnostics& diags, std::ostream& err, int& status,
                                         const sheet::ReadDataFile& read_data = {});

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
  // Given the SHA-256 of the CMYK profile (image/icc.h) when a figure is
  // converted through it; a non-zero status stops the build.
  std::function<int(const std::string&, std::ostream&)> check_cmyk_profile;
  // The embedded spreadsheets of <results-data>.
  sheet::ReadDataFile read_data;
  // The output intent embeds Debian's sRGB.icc, as packets built before
  // lcms2's profile do (pdf::SrgbProfile::debian_v2).
  bool debian_output_profile = false;
};

// A layout set's files as read: its own and each base's text by the name
// that named it (the archive embeds them).
struct LayoutSources {
  std::string path;
  std::string text;
  std::map<std::string, std::string> bases;
};

// Finds and loads the layout set `name` (a directory when it holds a slash,
// else looked up in the data directories), or the one `overrides` supplies.
// On failure sets `status` (3 not found, 1 malformed: the diagnostics are in
// `diags`) and returns nullopt. Each file read is added to `inputs`.
std::optional<style::LayoutSet> load_layout_set(const std::string& name, const BuildOverrides* overrides,
                                               diag::Diagnostics& diags, std::ostream& err, int& status,
                                               LayoutSources& sources, std::vector<InputFile>& inputs);

// fonts/fontset.xml from the data directories (or `overrides`), its text in
// `text`; the same failures as load_layout_set.
std::optional<text::FontConfig> load_font_config(const BuildOverrides* overrides, diag::Diagnostics& diags,
                                                 std::ostream& err, int& status, std::string& text,
                                                 std::vector<InputFile>& inputs);

// Whole-file reading (writing is cli/output.h).
std::optional<std::string> read_whole_file(const std::string& path, std::string& error);

// Runs build or check; diagnostics and timings go to `err`. `read`, when
// given, receives each file the build reads (the packet, each layout set, the
// font configuration) as it is read, also when the build then fails.
int run_build(const Options& options, std::ostream& err, const BuildOverrides* overrides = nullptr,
              std::vector<InputFile>* read = nullptr);

}  // namespace shiryo::cli
