#include "cli/archive.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <ostream>
#include <set>
#include <sstream>

#include "cli/build.h"
#include "cli/output.h"
#include "cli/verify_json.h"
#include "pdf/digest.h"
#include "pdf/dss.h"
#include "pdf/pdfa.h"
#include "pdf/pdf_reader.h"
#include "pdf/revocation_fetch.h"
#include "pdf/signature.h"
#include "model/date.h"
#include "compute/japanese_date.h"
#include "diag/diagnostics.h"
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include "image/icc.h"
#include "image/image.h"
#include "image/svg.h"
#include "text/font.h"

namespace shiryo::cli {
namespace {

namespace fs = std::filesystem;


std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}



// The embedded files of the PDF at `path`, or a status with the error printed.
struct Archive {
  std::vector<pdf::EmbeddedSource> files;
  std::map<std::string, std::string> manifest;
  const pdf::EmbeddedSource* find(const std::string& name) const {
    for (const auto& f : files) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
};

std::optional<Archive> read_archive(const std::string& path, std::ostream& err, int& status) {
  std::string error;
  auto bytes = read_whole_file(path, error);
  if (!bytes) {
    err << "shiryo: error: " << error << "\n";
    status = kEnvironment;
    return std::nullopt;
  }
  const auto pdf = pdf::load_pdf(std::move(*bytes), error);
  if (!pdf) {
    err << "shiryo: error: " << path << ": " << error << "\n";
    status = kInputError;
    return std::nullopt;
  }
  Archive archive;
  archive.files = pdf::embedded_files(*pdf);
  // Checked before anything is looked up by name, for every command.
  for (const auto& f : archive.files) {
    if (!safe_file_name(f.name)) {
      err << "shiryo: error: " << path << ": embedded file name '" << diag::printable_name(f.name)
          << "' is not a plain file name; nothing written\n";
      status = kInputError;
      return std::nullopt;
    }
  }
  const pdf::EmbeddedSource* manifest = archive.find(kManifestFile);
  const auto parsed = manifest ? parse_manifest(manifest->bytes) : std::nullopt;
  if (!parsed || !embedded_packet(archive.files)) {
    err << "shiryo: error: " << path << ": no embedded source (" << kManifestFile
        << " and the packet it names); only packets built with --pdfa 3u or 3a carry their source\n";
    status = kInputError;
    return std::nullopt;
  }
  archive.manifest = *parsed;
  return archive;
}

}  // namespace

bool safe_file_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         std::none_of(name.begin(), name.end(), [](char c) {
           const auto u = static_cast<unsigned char>(c);
           return c == '/' || u < 0x20 || u == 0x7F;
         });
}

std::string font_sha256(const text::Font& font) {
  // The bytes the face was opened from (mapped, not read again): what was
  // typeset with is what is locked.
  const text::HbBlob blob(hb_face_reference_blob(font.hb_face()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob.get(), &length);
  return pdf::sha256_hex(std::string_view(data, length));
}

std::string font_lock(const text::FontSet& fonts) {
  std::string out = "shiryo-font-lock 1\n";
  for (const auto& font : fonts.fonts()) {
    out += fs::path(font->path()).filename().string() + "\t" + font->postscript_name() + "\t" + font_sha256(*font) + "\n";
  }
  return out;
}

std::optional<std::vector<LockedFont>> parse_font_lock(const std::string& text) {
  const auto all = lines(text);
  if (all.empty() || all[0] != "shiryo-font-lock 1") return std::nullopt;
  std::vector<LockedFont> out;
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto t1 = all[i].find('\t');
    const auto t2 = t1 == std::string::npos ? t1 : all[i].find('\t', t1 + 1);
    if (t2 == std::string::npos) return std::nullopt;
    out.push_back({all[i].substr(0, t1), all[i].substr(t1 + 1, t2 - t1 - 1), all[i].substr(t2 + 1)});
  }
  return out;
}

constexpr const char* kResultsDataKey = "results-data-";
constexpr const char* kFigureKey = "figure-";
constexpr const char* kCmykProfileKey = "cmyk-profile";
// The SHA-256 of the output intent's ICC profile. Packets built with
// Debian's sRGB.icc have no such line, and a rebuild of one writes none.
constexpr const char* kOutputProfileKey = "output-profile";

std::optional<std::map<std::string, std::string>> parse_manifest(const std::string& text) {
  const auto all = lines(text);
  if (all.empty() || all[0] != "shiryo-manifest 1") return std::nullopt;
  std::map<std::string, std::string> out;
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto space = all[i].find(' ');
    if (space == std::string::npos) return std::nullopt;
    out[all[i].substr(0, space)] = all[i].substr(space + 1);
  }
  return out;
}

const pdf::EmbeddedSource* embedded_packet(const std::vector<pdf::EmbeddedSource>& files) {
  const auto named = [&files](const std::string& name) -> const pdf::EmbeddedSource* {
    for (const auto& f : files) {
      if (f.name == name) return &f;
    }
    return nullptr;
  };
  const pdf::EmbeddedSource* manifest = named(kManifestFile);
  const auto parsed = manifest ? parse_manifest(manifest->bytes) : std::nullopt;
  if (!parsed || !parsed->count("input")) return nullptr;
  return named(parsed->at("input"));
}

std::string layout_base_file(const std::string& base_name) {
  std::string plain = base_name;
  for (char& c : plain) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
    if (!keep) c = '_';
  }
  return "layout-base-" + plain + ".xml";
}

// A figure file's MIME type (PDF/A-3's /Subtype of an associated file),
// from its bytes as the figure was read.
std::string figure_mime(const std::string& bytes) {
  const std::string what = image::describe_bytes(bytes);
  if (what == "a JPEG image") return "image/jpeg";
  if (what == "a PNG image") return "image/png";
  if (what == "a PDF file") return "application/pdf";
  if (image::is_svg(bytes)) return "image/svg+xml";
  return "application/octet-stream";
}

std::vector<pdf::EmbeddedSource> archive_sources(const ArchiveInputs& in) {
  // A control character in the packet's name would make a name extract
  // refuses; it is embedded as `_`.
  std::string packet_name = fs::path(in.input_name).filename().string();
  for (char& c : packet_name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '_';
  }
  // Values are single lines; a newline in an option would break the format.
  auto line = [](const std::string& k, const std::string& v) {
    std::string value = v;
    for (char& c : value) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return k + " " + value + "\n";
  };
  std::string manifest = "shiryo-manifest 1\n";
  manifest += line("shiryo-version", SHIRYO_VERSION);
  manifest += line("input", packet_name);
  if (!in.layout_option.empty()) manifest += line("layout", in.layout_option);
  manifest += line("date", in.date);
  manifest += line("pdfa", in.pdfa);
  if (in.pdfua) manifest += line("pdfua", "yes");
  if (!in.output_profile_sha256.empty()) manifest += line(kOutputProfileKey, in.output_profile_sha256);
  std::vector<pdf::EmbeddedSource> out;
  out.push_back({packet_name, "application/xml", "The packet this PDF was built from", in.packet_text});
  out.push_back({kLayoutFile, "application/xml", "The layout set used", in.layout_text});
  for (const auto& [name, text] : in.layout_bases) {
    out.push_back({layout_base_file(name), "application/xml", "The layout set \"" + name + "\" that layout.xml derives from",
                   text});
  }
  out.push_back({kFontsetFile, "application/xml", "The font configuration used", in.fontset_text});
  // Each spreadsheet under its own file name where that is free (so that
  // extract puts it beside the packet, where its href finds it).
  for (std::size_t i = 0; i < in.data_files.size(); ++i) {
    const auto& [href, bytes] = in.data_files[i];
    std::string name = fs::path(href).filename().string();
    for (const auto& e : out) {
      if (e.name == name || name.empty()) name = "results-data-" + std::to_string(i + 1) + "-" + name;
    }
    const bool csv = name.size() >= 4 && name.compare(name.size() - 4, 4, ".csv") == 0;
    out.push_back({name, csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "Results read through <results-data href=\"" + href + "\">", bytes});
    manifest += line(kResultsDataKey + std::to_string(i + 1), name + "\t" + pdf::sha256_hex(bytes) + "\t" + href);
  }
  // Each figure's file once by its bytes, under its file name where that is
  // free; the manifest maps every src to it.
  std::map<std::string, std::string> figure_names;  // sha256 → embedded name
  for (std::size_t i = 0; i < in.figure_files.size(); ++i) {
    const auto& [src, bytes] = in.figure_files[i];
    const std::string digest = pdf::sha256_hex(bytes);
    auto named = figure_names.find(digest);
    if (named == figure_names.end()) {
      std::string name = fs::path(src).filename().string();
      for (const auto& e : out) {
        if (e.name == name || name.empty()) name = "figure-" + std::to_string(i + 1) + "-" + name;
      }
      out.push_back({name, figure_mime(bytes), "A figure drawn through <figure src=\"" + src + "\">", bytes});
      named = figure_names.emplace(digest, name).first;
    }
    manifest += line(kFigureKey + std::to_string(i + 1), named->second + "\t" + digest + "\t" + src);
  }
  if (!in.cmyk_profile_sha256.empty()) manifest += line(kCmykProfileKey, std::string(image::kCmykProfilePath) + "\t" + in.cmyk_profile_sha256);
  out.push_back({kFontLockFile, "text/plain", "Each font: file name, PostScript name, SHA-256",
                 in.font_lock});
  out.push_back({kManifestFile, "text/plain", "shiryo version and build options", manifest});
  return out;
}

// A path relative to extract's directory that stays inside it: safe names
// joined by '/', none of them "." or "..".
bool safe_relative_path(const std::string& path) {
  if (path.empty()) return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    if (!safe_file_name(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start))) return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

// Where extract writes each embedded file, relative to its directory: under
// its own name, but a figure or spreadsheet at each path its src or href
// gives (sub/chart.png), so that a build of the extracted packet finds it.
// A path that would leave the directory keeps the file under its own name.
std::vector<std::pair<std::string, const pdf::EmbeddedSource*>> extract_targets(const Archive& archive) {
  std::map<std::string, std::set<std::string>> referenced;  // embedded name → paths in the packet
  for (const auto& [key, v] : archive.manifest) {
    if (key.compare(0, std::string(kFigureKey).size(), kFigureKey) != 0 &&
        key.compare(0, std::string(kResultsDataKey).size(), kResultsDataKey) != 0) {
      continue;
    }
    const std::size_t tab1 = v.find('\t');
    const std::size_t tab2 = tab1 == std::string::npos ? tab1 : v.find('\t', tab1 + 1);
    if (tab2 != std::string::npos && safe_relative_path(v.substr(tab2 + 1))) {
      referenced[v.substr(0, tab1)].insert(v.substr(tab2 + 1));
    }
  }
  std::vector<std::pair<std::string, const pdf::EmbeddedSource*>> out;
  for (const auto& f : archive.files) {
    const auto paths = referenced.find(f.name);
    if (paths == referenced.end()) {
      out.emplace_back(f.name, &f);
      continue;
    }
    for (const auto& path : paths->second) out.emplace_back(path, &f);
  }
  return out;
}

// The first folder on the way to `relative` under `dir` that exists as
// something other than a folder (a symbolic link could lead outside `dir`).
std::optional<std::string> blocked_folder(const fs::path& dir, const std::string& relative) {
  fs::path at = dir;
  const fs::path rel(relative);
  for (auto part = rel.begin(); part != rel.end() && std::next(part) != rel.end(); ++part) {
    at /= *part;
    std::error_code ec;
    const auto type = fs::symlink_status(at, ec).type();
    if (!ec && type != fs::file_type::not_found && type != fs::file_type::directory) return at.string();
  }
  return std::nullopt;
}

int run_extract(const Options& options, std::ostream& out, std::ostream& err) {
  int status = kSuccess;
  const auto archive = read_archive(options.input, err, status);
  if (!archive) return status;
  const std::string dir = *options.output;
  const auto targets = extract_targets(*archive);
  // Files of the same names already there (a layout.xml the clerk edited)
  // are kept unless --force; the PDF read is kept even then.
  std::string existing;
  for (const auto& [relative, file] : targets) {
    const std::string path = (fs::path(dir) / relative).string();
    if (const auto clash = output_overwrites_input(path, {{options.input, "the PDF"}})) {
      err << "shiryo: error: " << *clash << "\n";
      return kUsage;
    }
    if (const auto blocked = blocked_folder(dir, relative)) {
      err << "shiryo: error: " << *blocked << " is not a directory, so " << relative
          << " cannot be written inside " << dir << "; nothing written\n";
      return kUsage;
    }
    std::error_code exists_ec;
    if (fs::symlink_status(path, exists_ec).type() != fs::file_type::not_found && !exists_ec) {
      existing += (existing.empty() ? "" : ", ") + relative;
    }
  }
  if (!existing.empty() && !options.force) {
    err << "shiryo: error: " << dir << " already holds " << existing
        << "; nothing written; add --force to overwrite them, or choose another -o\n";
    return kUsage;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    err << "shiryo: error: cannot create directory " << dir << ": " << ec.message() << "\n";
    return kEnvironment;
  }
  for (const auto& [relative, file] : targets) {
    std::string error;
    const fs::path path = fs::path(dir) / relative;
    fs::create_directories(path.parent_path(), ec);
    if (ec) {
      err << "shiryo: error: cannot create directory " << path.parent_path().string() << ": " << ec.message() << "\n";
      return kEnvironment;
    }
    if (!write_output(path.string(), file->bytes, error)) {
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
    out << path.string() << "\n";
  }
  return kSuccess;
}

// Prints nothing on success, like build.
int run_rebuild(const Options& options, std::ostream& /*out*/, std::ostream& err) {
  if (const auto clash = output_overwrites_input(*options.output, {{options.input, "the PDF"}})) {
    err << "shiryo: error: " << *clash << "\n";
    return kUsage;
  }
  int status = kSuccess;
  const auto archive = read_archive(options.input, err, status);
  if (!archive) return status;
  const auto& m = archive->manifest;
  auto value = [&](const char* k) { return m.count(k) ? m.at(k) : std::string(); };
  const pdf::EmbeddedSource* layout = archive->find(kLayoutFile);
  const pdf::EmbeddedSource* fontset = archive->find(kFontsetFile);
  const pdf::EmbeddedSource* lock_file = archive->find(kFontLockFile);
  const auto lock = lock_file ? parse_font_lock(lock_file->bytes) : std::nullopt;
  const std::string pdfa = value("pdfa");
  if (!layout || !fontset || !lock || value("date").empty() || (pdfa != "3a" && pdfa != "3u" && pdfa != "2u" && pdfa != "none")) {
    err << "shiryo: error: " << options.input << ": the embedded source is incomplete (needs " << kLayoutFile
        << ", " << kFontsetFile << ", " << kFontLockFile << " and a manifest with date and pdfa)\n";
    return kInputError;
  }
  if (value("shiryo-version") != SHIRYO_VERSION) {
    err << "shiryo: warning: " << options.input << " was built by shiryo " << value("shiryo-version")
        << "; this is shiryo " << SHIRYO_VERSION << ", so the bytes may differ\n";
  }

  Options build;
  build.command = Command::build;
  build.input = value("input");
  build.output = options.output;
  if (m.count("layout")) build.layout = value("layout");
  build.pdfa = pdfa;
  build.pdfua = value("pdfua") == "yes";

  BuildOverrides overrides;
  overrides.packet_text = archive->find(build.input)->bytes;
  overrides.layout_label = options.input + ":" + kLayoutFile;
  overrides.layout_text = layout->bytes;
  for (const auto& f : archive->files) {
    const std::string prefix = "layout-base-";
    const std::string suffix = ".xml";
    if (f.name.size() > prefix.size() + suffix.size() && f.name.compare(0, prefix.size(), prefix) == 0 &&
        f.name.compare(f.name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      overrides.layout_bases[f.name] = {options.input + ":" + f.name, f.bytes};
    }
  }
  overrides.fontset_label = options.input + ":" + kFontsetFile;
  overrides.fontset_text = fontset->bytes;
  overrides.date = value("date");
  // The output intent's profile: Debian's for a packet built before lcms2's
  // (its manifest names none), so that its bytes come back; else lcms2's,
  // which another lcms2 may write differently.
  if (!m.count(kOutputProfileKey)) {
    overrides.debian_output_profile = true;
  } else if (const std::string now = pdf::sha256_hex(pdf::srgb_profile(pdf::SrgbProfile::lcms2_v4));
             now != value(kOutputProfileKey)) {
    err << "shiryo: warning: the sRGB profile of " << options.input << "'s output intent (sha256 "
        << value(kOutputProfileKey) << ") is not the one this shiryo's lcms2 writes (sha256 " << now
        << "), so the bytes will differ\n";
  }
  // The spreadsheets: by href, from the manifest's entries, each checked
  // against the SHA-256 recorded when it was embedded.
  std::map<std::string, std::pair<std::string, std::string>> data;  // href → name, sha256
  for (const auto& [key, v] : m) {
    if (key.compare(0, std::string(kResultsDataKey).size(), kResultsDataKey) != 0) continue;
    const std::size_t tab1 = v.find('\t');
    const std::size_t tab2 = tab1 == std::string::npos ? tab1 : v.find('\t', tab1 + 1);
    if (tab2 == std::string::npos) continue;
    data[v.substr(tab2 + 1)] = {v.substr(0, tab1), v.substr(tab1 + 1, tab2 - tab1 - 1)};
  }
  for (const auto& [key, v] : m) {
    if (key.compare(0, std::string(kFigureKey).size(), kFigureKey) != 0) continue;
    const std::size_t tab1 = v.find('\t');
    const std::size_t tab2 = tab1 == std::string::npos ? tab1 : v.find('\t', tab1 + 1);
    if (tab2 == std::string::npos) continue;
    const pdf::EmbeddedSource* f = archive->find(v.substr(0, tab1));
    // A file that differs from its recorded SHA-256 is left out: the build
    // then says the archive holds no such figure.
    if (f && pdf::sha256_hex(f->bytes) == v.substr(tab1 + 1, tab2 - tab1 - 1)) overrides.figures[v.substr(tab2 + 1)] = f->bytes;
  }
  const auto* archived = &*archive;
  overrides.read_data = [data, archived, pdf_name = options.input](const std::string&, const std::string& href,
                                                                    std::string& error) -> std::optional<std::string> {
    const auto it = data.find(href);
    const pdf::EmbeddedSource* f = it == data.end() ? nullptr : archived->find(it->second.first);
    if (!f) {
      error = pdf_name + " embeds no spreadsheet for href \"" + href + "\"";
      return std::nullopt;
    }
    if (pdf::sha256_hex(f->bytes) != it->second.second) {
      error = pdf_name + ": the embedded " + f->name + " differs from the SHA-256 its manifest records";
      return std::nullopt;
    }
    return f->bytes;
  };
  const bool allow = options.allow_font_change;
  const std::string pdf_name = options.input;
  overrides.check_fonts = [&lock, allow, pdf_name](const text::FontSet& fonts, std::ostream& e) -> int {
    const auto now = parse_font_lock(font_lock(fonts));
    std::map<std::string, LockedFont> found;
    for (const auto& f : *now) found[f.postscript_name] = f;
    int differences = 0;
    const char* severity = allow ? "warning" : "error";
    for (const auto& locked : *lock) {
      const auto it = found.find(locked.postscript_name);
      if (it == found.end()) {
        e << "shiryo: " << severity << ": font " << locked.postscript_name << " (" << locked.file
          << ") is in the lock of " << pdf_name << " but not used now\n";
        ++differences;
      } else if (it->second.sha256 != locked.sha256) {
        e << "shiryo: " << severity << ": font " << locked.postscript_name << " (" << it->second.file
          << ") differs from the lock: locked sha256 " << locked.sha256 << ", found " << it->second.sha256 << "\n";
        ++differences;
      }
    }
    for (const auto& [name, f] : found) {
      bool locked = false;
      for (const auto& l : *lock) locked = locked || l.postscript_name == name;
      if (!locked) {
        e << "shiryo: " << severity << ": font " << name << " (" << f.file << ") is not in the lock of "
          << pdf_name << "\n";
        ++differences;
      }
    }
    if (differences == 0 || allow) return kSuccess;
    e << "shiryo: note: --allow-font-change rebuilds anyway; the bytes will differ\n";
    return kEnvironment;
  };
  // The CMYK profile a figure was converted through, locked like the fonts.
  const std::string locked_profile = value(kCmykProfileKey);
  overrides.check_cmyk_profile = [locked_profile, allow, pdf_name](const std::string& found, std::ostream& e) -> int {
    const std::size_t tab = locked_profile.find('\t');
    const std::string locked = tab == std::string::npos ? std::string() : locked_profile.substr(tab + 1);
    if (locked == found) return kSuccess;
    const char* severity = allow ? "warning" : "error";
    if (locked.empty()) {
      e << "shiryo: " << severity << ": the CMYK profile " << image::kCmykProfilePath << " is not in the lock of " << pdf_name << "\n";
    } else {
      e << "shiryo: " << severity << ": the CMYK profile " << image::kCmykProfilePath << " differs from the lock: locked sha256 "
        << locked << ", found " << found << "\n";
    }
    if (allow) return kSuccess;
    e << "shiryo: note: --allow-font-change rebuilds anyway; the bytes will differ\n";
    return kEnvironment;
  };
  return run_build(build, err, &overrides);
}

// The update would have to be encrypted too; one written in the clear
// leaves a file whose streams no reader can decode.
bool is_encrypted(const pdf::LoadedPdf& pdf, const std::string& name, const char* doing, const char* done,
                  std::ostream& err) {
  if (!pdf.document->GetEncrypted() && !pdf.document->GetTrailer()->GetDictionary().HasKey(PoDoFo::PdfName("Encrypt"))) {
    return false;
  }
  err << "shiryo: error: " << name << " is encrypted; remove the encryption (qpdf --decrypt) before " << doing
      << "; nothing " << done << "\n";
  return true;
}

// Whether the file ends with a revision's %%EOF (line ends aside): bytes
// after it would belong to no revision.
bool ends_a_revision(const std::string& bytes) {
  std::size_t end = bytes.find_last_not_of("\r\n");
  return end != std::string::npos && end >= 4 && bytes.compare(end - 4, 5, "%%EOF") == 0;
}

// What the updates after the last signature (checks[last - 1]; none when
// `last` is 0) add, when they only add what further signatures and
// validation data may add and end a revision; else null.
const std::vector<std::string>* allowed_additions(const std::vector<pdf::SignatureCheck>& checks, std::size_t last,
                                                  const std::string& bytes) {
  if (last == 0 || checks[last - 1].revision_end >= bytes.size()) return nullptr;
  const pdf::SignatureCheck& c = checks[last - 1];
  return c.later_changes.empty() && !c.later_additions.empty() && ends_a_revision(bytes) ? &c.later_additions : nullptr;
}

// The number of the signature whose revision ends last (from 1; 0: none
// covers anything).
std::size_t last_signature(const std::vector<pdf::SignatureCheck>& checks) {
  std::size_t last_end = 0, last = 0;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (checks[i].ranges_valid && checks[i].revision_end >= last_end) {
      last_end = checks[i].revision_end;
      last = i + 1;
    }
  }
  return last;
}

// A new signature or time-stamp covers the file as it is; a failing one
// before it is worth knowing about.
void warn_about_signatures(const pdf::LoadedPdf& pdf, const std::string& name, const char* doing, std::ostream& err) {
  const auto existing = pdf::verify_signatures(pdf, nullptr, std::time(nullptr));
  for (std::size_t i = 0; i < existing.size(); ++i) {
    if (!existing[i].ok()) {
      err << "shiryo: warning: " << name << ": its " << existing[i].kind() << " " << i + 1 << " (" << existing[i].field
          << ") fails: " << existing[i].problem << "; " << doing << " anyway\n";
    }
    for (const auto& change : existing[i].later_changes) {
      err << "shiryo: warning: " << name << ": changed after its " << existing[i].kind() << " " << i + 1 << ": "
          << change << "; " << doing << " anyway\n";
    }
  }
  const std::size_t last = last_signature(existing);
  const std::size_t covered = last == 0 ? 0 : existing[last - 1].revision_end;
  // Validation data after it (sign --ltv) is no cause for a warning.
  if (covered > 0 && covered < pdf.bytes.size() && !allowed_additions(existing, last, pdf.bytes)) {
    err << "shiryo: warning: " << name << ": " << pdf.bytes.size() - covered
        << " bytes after its last signature are covered by no signature; " << doing << " anyway\n";
  }
}

// The anchors: each --trust file, then each file of SHIRYO_TRUST, pushed
// onto `anchors`; the status, with the error printed when one does not read.
int load_trust(const Options& options, STACK_OF(X509) * anchors, std::ostream& err) {
  std::string error;
  std::vector<std::string> trust_files = options.trust;
  if (const char* env = std::getenv("SHIRYO_TRUST"); env && *env) {
    std::stringstream list(env);
    for (std::string file; std::getline(list, file, ':');) {
      if (!file.empty()) trust_files.push_back(file);
    }
  }
  for (const auto& file : trust_files) {
    const auto pem = read_whole_file(file, error);
    if (!pem) {
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
    auto certificates = pdf::load_anchors(*pem, error);
    if (!certificates) {
      err << "shiryo: error: " << file << ": " << error << "\n";
      return kInputError;
    }
    while (sk_X509_num(certificates->get()) > 0) sk_X509_push(anchors, sk_X509_shift(certificates->get()));
  }
  return kSuccess;
}

// With --ltv, `signed_pdf` followed by its validation data (pdf/dss.h) from
// the --crl and --ocsp-response files, and for each certificate they do not
// cover, fetched from its OCSP responder or CRL distribution point
// (pdf/revocation_fetch.h); with `only_new`, left as it is when that data
// adds nothing to its DSS. The status, with the error printed (`nothing`
// says what was not written) when one does not read.
int add_ltv(const Options& options, std::string& signed_pdf, const char* nothing, std::ostream& err,
            bool only_new = false) {
  if (!options.ltv) return kSuccess;
  pdf::X509StackPtr anchors(sk_X509_new_null());
  if (const int status = load_trust(options, anchors.get(), err); status != kSuccess) return status;
  pdf::ValidationData data;
  data.anchors = anchors.get();
  std::string error;
  const auto read_each = [&](const std::vector<std::string>& files, auto read, std::vector<std::string>& into) {
    for (const auto& file : files) {
      const auto bytes = read_whole_file(file, error);
      if (!bytes) {
        err << "shiryo: error: " << error << "; " << nothing << "\n";
        return kEnvironment;
      }
      const auto der = read(*bytes, error);
      if (!der) {
        err << "shiryo: error: " << file << ": " << error << "; " << nothing << "\n";
        return kInputError;
      }
      into.push_back(*der);
    }
    return kSuccess;
  };
  if (const int status = read_each(options.crls, pdf::read_crl, data.crls); status != kSuccess) return status;
  if (const int status = read_each(options.ocsp_responses, pdf::read_ocsp_response, data.ocsp_responses);
      status != kSuccess) {
    return status;
  }
  auto loaded = pdf::load_pdf(signed_pdf, error);
  if (!loaded) throw std::runtime_error("the signed file does not read back: " + error);
  try {
    pdf::fetch_revocation_data(*loaded, data, options.fetch_timeout, std::time(nullptr));
  } catch (const pdf::RevocationFetchError& e) {
    err << "shiryo: error: " << e.what() << "; " << nothing << "\n";
    return e.unreachable ? kEnvironment : kInputError;
  }
  if (only_new && (pdf::signature_values(*loaded).empty() || !pdf::adds_to_dss(*loaded, data))) return kSuccess;
  signed_pdf = pdf::add_validation_data(*loaded, data);
  return kSuccess;
}

// A date of --date's forms as an instant; a date without an offset is
// in +09:00. Nullopt when `text` is no such date.
std::optional<std::time_t> instant_of(const std::string& text) {
  const auto parsed = model::parse_date_time(text);
  if (!parsed) return std::nullopt;
  const long long days = model::days_from_civil(parsed->date);
  return static_cast<std::time_t>(days * 86400 + parsed->hour * 3600 + parsed->minute * 60 + parsed->second -
                                  parsed->utc_offset_minutes.value_or(9 * 60) * 60LL);
}

// Prints nothing on success; warnings go to `err`.
int run_sign(const Options& options, std::ostream& /*out*/, std::ostream& err) {
  // A signature is appended to a copy: the signed original is never replaced.
  if (const auto clash = output_overwrites_input(
          *options.output, {{options.input, "the PDF"}, {*options.p12, "the key"}, {*options.password_file, "the password file"}})) {
    err << "shiryo: error: " << *clash << "\n";
    return kUsage;
  }
  std::string error;
  // The signing time: --date, else the clock (a signature claims when it was
  // made, so SOURCE_DATE_EPOCH, which pins build dates, does not apply).
  const std::time_t now = std::time(nullptr);
  std::time_t at = now;
  std::string time;
  if (options.date) {
    const auto resolved = resolve_pdf_date(options.date, nullptr, model::CivilDate{}, error);
    const auto instant = resolved ? instant_of(*options.date) : std::nullopt;
    if (!instant) {
      err << "shiryo: error: " << error << "\n";
      return kUsage;
    }
    time = *resolved;
    at = *instant;
  } else {
    time = *resolve_pdf_date(std::nullopt, std::to_string(static_cast<long long>(now)).c_str(), model::CivilDate{},
                             error);
  }

  const auto p12 = read_whole_file(*options.p12, error);
  const auto password_text = p12 ? read_whole_file(*options.password_file, error) : std::nullopt;
  auto input = password_text ? read_whole_file(options.input, error) : std::nullopt;
  if (!input) {
    err << "shiryo: error: " << error << "\n";
    return kEnvironment;
  }
  std::string password = *password_text;
  // The file holds one line; its line break is not part of the password.
  if (!password.empty() && password.back() == '\n') password.pop_back();
  if (!password.empty() && password.back() == '\r') password.pop_back();
  const auto signer = pdf::load_signer(*p12, password, error);
  if (!signer) {
    err << "shiryo: error: " << *options.p12 << ": " << error << "; nothing signed\n";
    return kInputError;
  }
  const auto pdf = pdf::load_pdf(std::move(*input), error);
  if (!pdf) {
    err << "shiryo: error: " << options.input << ": " << error << "; nothing signed\n";
    return kInputError;
  }
  if (const std::string problem = pdf::key_usage_problem(signer->certificate.get()); !problem.empty()) {
    err << "shiryo: error: " << *options.p12 << ": the certificate of " << pdf::subject_of(signer->certificate.get())
        << " is not for signing (" << problem << "); nothing signed\n";
    return kInputError;
  }
  if (is_encrypted(*pdf, options.input, "signing", "signed", err)) return kInputError;
  if (const std::string problem = pdf::validity_problem(signer->certificate.get(), at); !problem.empty()) {
    err << "shiryo: warning: " << problem << "; signing anyway\n";
  }
  warn_about_signatures(*pdf, options.input, "signing", err);
  // --visible: the stamp goes on the first page of that document, found by
  // its named destination, in the faces of fonts/fontset.xml.
  std::optional<pdf::VisibleSignature> visible;
  std::optional<text::FontSet> stamp_fonts;
  if (options.visible) {
    const auto page = pdf::destination_page(*pdf, *options.visible);
    if (!page) {
      std::string ids;
      // Headings and plan sheets have destinations too, named kind:…; a
      // document's is its bare id.
      for (const auto& id : pdf::destination_names(*pdf)) {
        if (id.find(':') == std::string::npos) ids += (ids.empty() ? "" : ", ") + id;
      }
      err << "shiryo: error: " << options.input << " has no document '" << *options.visible
          << "' (no named destination of that id); " << (ids.empty() ? "it names none" : "its documents are " + ids)
          << "; nothing signed\n";
      return kInputError;
    }
    std::optional<std::string> fontset_path;
    for (const auto& dir : data_directories()) {
      if (!fontset_path && fs::is_regular_file(dir + "/fonts/fontset.xml")) fontset_path = dir + "/fonts/fontset.xml";
    }
    const auto fontset_text = fontset_path ? read_whole_file(*fontset_path, error) : std::nullopt;
    if (!fontset_text) {
      err << "shiryo: error: font configuration fonts/fontset.xml not found for the visible stamp\n";
      return kEnvironment;
    }
    diag::Diagnostics diags;
    const auto config =
        text::FontConfig::load(std::make_shared<const diag::SourceFile>(*fontset_path, *fontset_text), diags);
    if (!config) {
      diags.print(err);
      return kInputError;
    }
    stamp_fonts = text::FontSet::open(*config, {{"stamp", {"BIZUDGothic-Regular", "BIZUDMincho-Regular"}}}, error);
    if (!stamp_fonts) {
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
    model::CivilDate day{std::stoi(time.substr(2, 4)), std::stoi(time.substr(6, 2)), std::stoi(time.substr(8, 2))};
    visible = pdf::VisibleSignature{
        *page, &stamp_fonts->chain("stamp"),
        {"電子署名　" + options.signer_name.value_or(pdf::common_name(signer->certificate.get())),
         compute::format_date(day)}};
  }
  pdf::SignatureFields fields;
  fields.time = time;
  fields.reason = options.reason.value_or("");
  fields.location = options.location.value_or("");
  fields.name = options.signer_name.value_or("");
  std::optional<pdf::TimestampAuthority> tsa;
  if (options.tsa) tsa = pdf::TimestampAuthority{*options.tsa, options.tsa_timeout};
  std::string signed_pdf;
  try {
    signed_pdf = pdf::sign_pdf(*pdf, *signer, fields, visible ? &*visible : nullptr, tsa ? &*tsa : nullptr);
  } catch (const pdf::TimestampError& e) {
    err << "shiryo: error: no time-stamp from " << e.what() << "; nothing signed\n";
    return kEnvironment;
  }
  if (const int status = add_ltv(options, signed_pdf, "nothing signed", err); status != kSuccess) return status;
  if (!write_output(*options.output, signed_pdf, error)) {
    err << "shiryo: error: " << error << "\n";
    return kEnvironment;
  }
  return kSuccess;
}

// The PDF at `path`; nullopt with the error printed (`suffix` after a PDF
// error) and `status` set when it cannot be read.
std::optional<pdf::LoadedPdf> read_pdf(const std::string& path, const char* suffix, std::ostream& err, int& status) {
  std::string error;
  auto input = read_whole_file(path, error);
  if (!input) {
    err << "shiryo: error: " << error << "\n";
    status = kEnvironment;
    return std::nullopt;
  }
  auto pdf = pdf::load_pdf(std::move(*input), error);
  if (!pdf) {
    err << "shiryo: error: " << path << ": " << error << suffix << "\n";
    status = kInputError;
  }
  return pdf;
}

// Prints nothing on success; warnings go to `err`.
int run_timestamp(const Options& options, std::ostream& /*out*/, std::ostream& err) {
  if (const auto clash = output_overwrites_input(*options.output, {{options.input, "the PDF"}})) {
    err << "shiryo: error: " << *clash << "\n";
    return kUsage;
  }
  int status = kSuccess;
  const auto pdf = read_pdf(options.input, "; nothing time-stamped", err, status);
  if (!pdf) return status;
  std::string error;
  if (is_encrypted(*pdf, options.input, "time-stamping", "time-stamped", err)) return kInputError;
  warn_about_signatures(*pdf, options.input, "time-stamping", err);
  // With --ltv, the validation data the file lacks now (a later round's
  // fresh status of the last time-stamp's authority) goes first, where the
  // new time-stamp covers it (ETSI EN 319 142-1 §5.5); the data of the new
  // time-stamp's own authority follows it.
  std::string base = pdf->bytes;
  if (const int ltv = add_ltv(options, base, "nothing time-stamped", err, true); ltv != kSuccess) return ltv;
  std::optional<pdf::LoadedPdf> with_data;
  if (base != pdf->bytes) {
    with_data = pdf::load_pdf(std::move(base), error);
    if (!with_data) throw std::runtime_error("the file with its validation data does not read back: " + error);
  }
  std::string stamped;
  try {
    stamped = pdf::timestamp_pdf(with_data ? *with_data : *pdf, pdf::TimestampAuthority{*options.tsa, options.tsa_timeout});
  } catch (const pdf::TimestampError& e) {
    err << "shiryo: error: no time-stamp from " << e.what() << "; nothing time-stamped\n";
    return kEnvironment;
  }
  if (const int ltv = add_ltv(options, stamped, "nothing time-stamped", err); ltv != kSuccess) return ltv;
  if (!write_output(*options.output, stamped, error)) {
    err << "shiryo: error: " << error << "\n";
    return kEnvironment;
  }
  return kSuccess;
}

// How many revisions end by `end`: the startxref lines before it.
std::size_t revisions_up_to(const std::string& bytes, std::size_t end) {
  std::size_t n = 0;
  for (auto at = bytes.find("startxref"); at != std::string::npos && at < end; at = bytes.find("startxref", at + 9)) ++n;
  return n;
}

// /M as a reader says it: D:20240314093000+09'00' → 2024-03-14 09:30 +09:00
// (令和6年3月14日); the text itself when it is no such date.
std::string readable_time(const std::string& m) {
  if (m.size() < 16 || m.compare(0, 2, "D:") != 0) return m;
  std::string zone;
  if (m.size() >= 22 && (m[16] == '+' || m[16] == '-') && m[19] == '\'') zone = m.substr(16, 3) + ":" + m.substr(20, 2);
  const auto when = model::parse_date_time(m.substr(2, 4) + "-" + m.substr(6, 2) + "-" + m.substr(8, 2) + "T" +
                                           m.substr(10, 2) + ":" + m.substr(12, 2) + ":" + m.substr(14, 2) + zone);
  if (!when || !when->has_time) return m;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", when->date.year, when->date.month, when->date.day,
                when->hour, when->minute);
  return std::string(text) + (zone.empty() ? "" : " " + zone) + " (" + compute::format_date(when->date) + ")";
}

// A chain's revocation line.
void print_revocation(std::ostream& out, const char* head, const pdf::RevocationCheck& r) {
  using Status = pdf::RevocationCheck::Status;
  out << head
      << (r.status == Status::unrevoked       ? "checked, unrevoked ("
          : r.status == Status::revoked       ? "REVOKED ("
          : r.status == Status::indeterminate ? "NOT established ("
                                              : "not checked (")
      << r.detail << ")\n";
}

// A time-stamp's line: its time and authority, or why it fails.
void print_timestamp(std::ostream& out, const char* head, const pdf::TimestampCheck& t) {
  if (!t.valid) {
    out << head << "INVALID (" << t.problem << ")\n";
    return;
  }
  using Verdict = pdf::CertificateCheck::Verdict;
  const char* verdict = t.certificate.verdict == Verdict::trusted        ? "trusted"
                        : t.certificate.verdict == Verdict::not_verified ? "NOT verified"
                                                                         : "INVALID";
  out << head << t.time << " by " << t.authority << ", " << verdict << " (" << t.certificate.detail << ")\n";
}

VerifyReport judge_signatures(const std::string& file, const std::string& bytes,
                              const std::vector<pdf::SignatureCheck>& checks, bool anchors_given) {
  using Verdict = pdf::CertificateCheck::Verdict;
  // The summary names the first finding of the worst kind.
  std::string failed, not_verified;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto& c = checks[i];
    const std::string which = std::string(c.kind()) + " " + std::to_string(i + 1);
    if (failed.empty() && !c.problem.empty()) failed = which + ": " + c.problem;
    if (failed.empty() && c.certificate.verdict == Verdict::invalid) {
      failed = which + ": certificate INVALID (" + c.certificate.detail + ")";
    }
    if (failed.empty() && !c.ok()) failed = which + " fails";
    if (not_verified.empty() && c.certificate.verdict == Verdict::not_verified) not_verified = c.certificate.detail;
    if (not_verified.empty() && c.timestamp && c.timestamp->certificate.verdict == Verdict::not_verified) {
      not_verified = "time-stamping authority: " + c.timestamp->certificate.detail;
    }
    using Status = pdf::RevocationCheck::Status;
    if (not_verified.empty() && c.revocation.status == Status::indeterminate) {
      not_verified = "revocation: " + c.revocation.detail;
    }
    if (not_verified.empty() && c.timestamp && c.timestamp->revocation.status == Status::indeterminate) {
      not_verified = "time-stamping authority's revocation: " + c.timestamp->revocation.detail;
    }
  }
  const std::size_t last = last_signature(checks);
  const std::size_t last_end = last == 0 ? 0 : checks[last - 1].revision_end;
  // Then what later revisions show that a signed one did not.
  for (std::size_t i = 0; failed.empty() && i < checks.size(); ++i) {
    if (!checks[i].later_changes.empty()) {
      failed = checks[i].later_changes.front() + " after " + checks[i].kind() + " " + std::to_string(i + 1);
    }
  }
  const std::size_t appended = last == 0 ? 0 : bytes.size() - last_end;
  // Bytes after the last signature are allowed when the updates they hold
  // only add what further signatures and validation data may add.
  const std::vector<std::string>* additions = allowed_additions(checks, last, bytes);
  if (failed.empty() && last == 0) failed = "no signature covers any part of the file";
  if (failed.empty() && appended > 0 && !additions) {
    failed = std::to_string(appended) + " bytes appended after " + checks[last - 1].kind() + " " + std::to_string(last) +
             ", not covered by any signature";
  }
  VerifyReport report;
  report.file = file;
  report.checks = &checks;
  report.revisions = revisions_up_to(bytes, bytes.size());
  report.appended = appended;
  report.additions = additions;
  if (!failed.empty()) {
    report.summary = "not valid: " + failed;
    report.exit_status = kInputError;
  } else if (!not_verified.empty()) {
    report.summary = "valid, signer not verified: " + not_verified + (anchors_given ? "" : " (--trust)");
    report.exit_status = kSignerNotVerified;
  } else {
    const auto stamps = static_cast<std::size_t>(
        std::count_if(checks.begin(), checks.end(), [](const auto& c) { return c.document_timestamp; }));
    const std::size_t signatures = checks.size() - stamps;
    report.summary = "valid: " + std::to_string(signatures) + (signatures == 1 ? " signature" : " signatures");
    if (stamps > 0) {
      report.summary += " and " + std::to_string(stamps) + (stamps == 1 ? " document time-stamp" : " document time-stamps");
    }
    report.summary += ", every signer trusted, nothing after the last";
  }
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto& c = checks[i];
    using Status = pdf::RevocationCheck::Status;
    // B-LT: validation data for a time-stamped signature, its signer's
    // chain and its time-stamping authority's; B-LTA: a document
    // time-stamp over a revision that holds it.
    std::string level = c.document_timestamp ? "" : c.level();
    if (level == "B-T" && c.revocation.status == Status::unrevoked &&
        c.timestamp->revocation.status == Status::unrevoked) {
      level = "B-LT";
      for (std::size_t j = i + 1; j < checks.size(); ++j) {
        if (checks[j].document_timestamp && checks[j].ok() && checks[j].revision_has_dss &&
            checks[j].revision_end > c.revision_end) {
          level = "B-LTA";
        }
      }
    }
    report.levels.push_back(level);
    // The document time-stamps over this revision: proof that it existed then.
    report.covered_by.emplace_back();
    for (std::size_t j = i + 1; j < checks.size() && c.covers_revision; ++j) {
      if (checks[j].document_timestamp && checks[j].ok() && checks[j].revision_end > c.revision_end) {
        report.covered_by.back().push_back(j + 1);
      }
    }
    report.signed_revision.push_back(c.covers_revision ? revisions_up_to(bytes, c.revision_end) : 0);
  }
  return report;
}

int anchors_and_time(const Options& options, STACK_OF(X509) * anchors, std::time_t& now, std::ostream& err) {
  if (const int status = load_trust(options, anchors, err); status != kSuccess) return status;
  now = std::time(nullptr);
  if (options.validation_time) {
    const auto at = instant_of(*options.validation_time);
    if (!at) {
      err << "shiryo: error: --validation-time '" << *options.validation_time
          << "' is not a date (2030-04-01 or 2030-04-01T09:00:00+09:00)\n";
      return kUsage;
    }
    now = *at;
  }
  return kSuccess;
}

int run_verify(const Options& options, std::ostream& out, std::ostream& err) {
  std::string error;
  pdf::X509StackPtr anchors(sk_X509_new_null());
  // What is not proven older is judged now, or at --validation-time.
  std::time_t now = 0;
  if (const int status = anchors_and_time(options, anchors.get(), now, err); status != kSuccess) return status;
  int status = kSuccess;
  const auto pdf = read_pdf(options.input, "", err, status);
  if (!pdf) return status;
  const auto checks = pdf::verify_signatures(*pdf, anchors.get(), now);
  if (checks.empty()) {
    if (options.json) {
      VerifyReport report;
      report.file = options.input;
      report.exit_status = kInputError;
      report.summary = "no signatures";
      report.checks = &checks;
      report.revisions = revisions_up_to(pdf->bytes, pdf->bytes.size());
      print_json(out, report);
    } else {
      out << options.input << ": no signatures\n";
    }
    return kInputError;
  }
  const VerifyReport report = judge_signatures(options.input, pdf->bytes, checks, sk_X509_num(anchors.get()) > 0);
  const std::size_t last = last_signature(checks);
  const std::size_t appended = report.appended;
  const std::vector<std::string>* additions = report.additions;
  using Verdict = pdf::CertificateCheck::Verdict;
  if (options.json) {
    print_json(out, report);
    return report.exit_status;
  }
  out << report.summary << "\n";
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto& c = checks[i];
    out << c.kind() << " " << i + 1 << " (" << c.field << "): " << (c.ok() ? "valid" : "FAILED") << "\n"
        << (c.document_timestamp ? "  authority: " : "  signer: ") << (c.signer.empty() ? "unknown" : c.signer) << "\n";
    if (c.signature_valid) {
      const char* verdict = c.certificate.verdict == Verdict::trusted        ? "trusted"
                            : c.certificate.verdict == Verdict::not_verified ? "NOT verified"
                                                                             : "INVALID";
      out << "  certificate: " << verdict << " (" << c.certificate.detail << ")\n";
    } else {
      out << "  certificate: not checked\n";
    }
    if (!c.time.empty()) out << "  time: " << readable_time(c.time) << "\n";
    if (!c.document_timestamp || c.signature_valid) print_revocation(out, "  revocation: ", c.revocation);
    if (!c.document_timestamp) {
      out << "  level: PAdES " << report.levels[i] << "\n";
      if (c.timestamp) print_timestamp(out, "  signature time-stamp: ", *c.timestamp);
      if (c.timestamp && c.timestamp->valid) {
        print_revocation(out, "  time-stamping authority's revocation: ", c.timestamp->revocation);
      }
    }
    if (!c.reason.empty()) out << "  reason: " << c.reason << "\n";
    if (!c.name.empty()) out << "  name: " << c.name << "\n";
    if (!c.location.empty()) out << "  location: " << c.location << "\n";
    out << "  sub-filter: " << c.sub_filter << "\n";
    const char* digest = c.digest == pdf::SignatureCheck::Digest::matches   ? "matches"
                         : c.digest == pdf::SignatureCheck::Digest::differs ? "DIFFERS"
                                                                            : "not checked";
    out << "  digest of the byte ranges: " << digest << "\n"
        << "  CMS signature: "
        << (c.signature_valid ? "valid" : c.digest == pdf::SignatureCheck::Digest::not_checked ? "not checked" : "INVALID")
        << "\n";
    if (c.ranges_valid) {
      out << "  covers the file up to its revision (byte " << c.revision_end
          << "): " << (c.covers_revision ? "yes" : "NO") << "\n";
      if (c.covers_revision) out << "  signed revision: " << report.signed_revision[i] << " of " << report.revisions << "\n";
    } else {
      out << "  covers: nothing\n";
    }
    if (!c.problem.empty()) out << "  problem: " << c.problem << "\n";
    for (const std::size_t j : report.covered_by[i]) {
      out << "  covered by document time-stamp " << j << " (" << checks[j - 1].time << ")\n";
    }
    for (const auto& change : c.later_changes) out << "  changed after this " << c.kind() << ": " << change << "\n";
  }
  if (additions) {
    for (const auto& addition : *additions) out << "after the last signature: " << addition << " added\n";
  } else if (appended > 0) {
    out << "after the last signature: " << appended << " bytes appended, not covered by any signature\n";
  } else if (last > 0) {
    out << "after the last signature: nothing appended\n";
  }
  return report.exit_status;
}

}  // namespace shiryo::cli
