// Archival packets (issue 15): the sources a PDF/A-3u packet carries, and the
// extract, rebuild, sign and verify commands.
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/verify_json.h"
#include "pdf/writer.h"

namespace shiryo::text {
class FontSet;
}

namespace shiryo::cli {

// Names of the embedded files besides the packet itself.
inline constexpr const char* kLayoutFile = "layout.xml";
inline constexpr const char* kFontsetFile = "fontset.xml";
inline constexpr const char* kFontLockFile = "shiryo-fonts.lock";
inline constexpr const char* kManifestFile = "shiryo-manifest.txt";

// The embedded name of a base layout set that layout.xml derives from
// (layout-base-NAME.xml, NAME kept to a plain file name).
std::string layout_base_file(const std::string& base_name);

struct ArchiveInputs {
  std::string input_name;  // the packet's path as given; its file name is kept
  std::string packet_text;
  std::string layout_text;
  // Base sets read for it: the name its `base` gives → the file's text.
  std::map<std::string, std::string> layout_bases;
  std::string fontset_text;
  // The spreadsheets <results-data> read: href as the packet writes it → bytes.
  std::vector<std::pair<std::string, std::string>> data_files;
  // The files <figure> draws: src as the packet writes it → bytes.
  std::vector<std::pair<std::string, std::string>> figure_files;
  std::string layout_option;  // --layout as given, empty when not given
  std::string date;           // the resolved PDF date
  std::string pdfa;
  bool pdfua = false;     // --pdfua; the manifest says so only when set
  std::string font_lock;  // font_lock() of the faces typeset with
  // The CMYK profile's SHA-256 when a figure was converted through it
  // (image/icc.h), else empty; the manifest locks it like the fonts.
  std::string cmyk_profile_sha256;
  // The SHA-256 of the output intent's ICC profile; empty when the manifest
  // names none (the Debian profile of a packet built before lcms2's).
  std::string output_profile_sha256;
};

// The files a 3u packet embeds: the packet XML, layout.xml, fontset.xml,
// the spreadsheets of <results-data>, the figures' files, the font lock and
// the build manifest (which names each spreadsheet's and figure's embedded
// file, SHA-256 and href or src).
std::vector<pdf::EmbeddedSource> archive_sources(const ArchiveInputs& in);

// The SHA-256 of the bytes a face was opened from, in hex.
std::string font_sha256(const text::Font& font);

// One line per face: file name, PostScript name and the SHA-256 of the font
// file's bytes, tab-separated, under a "shiryo-font-lock 1" line.
std::string font_lock(const text::FontSet& fonts);

struct LockedFont {
  std::string file;
  std::string postscript_name;
  std::string sha256;
};
std::optional<std::vector<LockedFont>> parse_font_lock(const std::string& text);

// The manifest: "key value" lines under "shiryo-manifest 1".
std::optional<std::map<std::string, std::string>> parse_manifest(const std::string& text);

// A name extract may write inside its directory: no separators, no dot
// names, no control characters (a line break would forge a line of output).
bool safe_file_name(const std::string& name);

// The embedded packet XML of a PDF built with --pdfa 3u or 3a (the file
// its manifest names as "input"); null when it carries none.
const pdf::EmbeddedSource* embedded_packet(const std::vector<pdf::EmbeddedSource>& files);

// Each --trust file, then each file of SHIRYO_TRUST, pushed onto `anchors`;
// the status, with the error printed when one does not read.
int load_trust(const Options& options, STACK_OF(X509) * anchors, std::ostream& err);

// A date of --date's forms as an instant; a date without an offset is in
// +09:00. Nullopt when `text` is no such date.
std::optional<std::time_t> instant_of(const std::string& text);

// The trust anchors (load_trust) and the time a run validates at: now, or
// --validation-time. A status other than success with the error printed.
int anchors_and_time(const Options& options, STACK_OF(X509) * anchors, std::time_t& now, std::ostream& err);

int run_extract(const Options& options, std::ostream& out, std::ostream& err);
int run_rebuild(const Options& options, std::ostream& out, std::ostream& err);
int run_sign(const Options& options, std::ostream& out, std::ostream& err);
int run_timestamp(const Options& options, std::ostream& out, std::ostream& err);
// Exit status of verify when every signature is intact but a signer's
// certificate could not be verified (no anchor, unknown issuer, self-signed).
constexpr int kSignerNotVerified = 4;

// verify's judgement of a file's signature checks (`bytes` the file's):
// its summary line, exit status, each signature's PAdES level and the
// document time-stamps over it. The report points into `checks`.
VerifyReport judge_signatures(const std::string& file, const std::string& bytes,
                              const std::vector<pdf::SignatureCheck>& checks, bool anchors_given);

int run_verify(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace shiryo::cli
