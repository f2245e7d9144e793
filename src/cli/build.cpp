#include "cli/build.h"

#include "cli/archive.h"
#include "cli/output.h"

#include <sys/resource.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <ostream>
#include <sstream>

#include "compose/compose.h"
#include "compute/checks.h"
#include "diag/diagnostics.h"
#include "diag/encoding.h"
#include "image/icc.h"
#include "layout/flow.h"
#include "model/parse.h"
#include "model/visit.h"
#include "pdf/digest.h"
#include "pdf/pdfa.h"
#include "pdf/writer.h"
#include "sheet/results_data.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  // A regular file is read into one buffer of its size: a growing stream
  // would copy a 50 MB packet several times over. Pipes have no size.
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

std::string pdf_date(const model::DateTime& t, int offset_minutes) {
  char buf[40];
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", t.date.year, t.date.month,
                t.date.day, t.hour, t.minute, t.second, offset_minutes < 0 ? '-' : '+', off / 60,
                off % 60);
  return buf;
}

constexpr int kJapanOffsetMinutes = 9 * 60;

class StageTimer {
 public:
  explicit StageTimer(bool on) : on_(on), last_(Clock::now()) {}
  void stage(const char* name) {
    if (!on_) return;
    const auto now = Clock::now();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    rows_.push_back({name, std::chrono::duration<double, std::milli>(now - last_).count(),
                     static_cast<double>(usage.ru_maxrss) / 1024.0});
    last_ = now;
  }
  void print(std::ostream& err) const {
    if (!on_) return;
    double total = 0;
    err << "stage        time (ms)   peak RSS (MB)\n";
    char line[80];
    for (const auto& r : rows_) {
      std::snprintf(line, sizeof line, "%-10s %11.2f %15.1f\n", r.name, r.ms, r.rss_mb);
      err << line;
      total += r.ms;
    }
    std::snprintf(line, sizeof line, "%-10s %11.2f %15.1f\n", "total", total,
                  rows_.empty() ? 0.0 : rows_.back().rss_mb);
    err << line;
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Row {
    const char* name;
    double ms;
    double rss_mb;
  };
  bool on_;
  Clock::time_point last_;
  std::vector<Row> rows_;
};

constexpr const char* kSpreadsheetRole = "a results spreadsheet";

// The file as its text: UTF-8 as it is, a declared or detected Shift_JIS or
// UTF-16 file converted, keeping its own bytes for the archive.
std::shared_ptr<const diag::SourceFile> decoded_source(const std::string& path, const std::string& bytes,
                                                       diag::DecodedText decoded) {
  return decoded.encoding.empty() ? std::make_shared<const diag::SourceFile>(path, bytes)
                                  : std::make_shared<const diag::SourceFile>(path, std::move(decoded.text), bytes);
}

// The same, or nullptr with the diagnostic printed when the encoding it
// declares or appears to have does not convert.
std::shared_ptr<const diag::SourceFile> decoded_source(const std::string& path, const std::string& bytes,
                                                       std::ostream& err) {
  std::string problem;
  auto decoded = diag::decode_input(bytes, problem);
  if (!decoded) {
    err << "shiryo: error: " << path << ": " << problem << "\n";
    return nullptr;
  }
  return decoded_source(path, bytes, std::move(*decoded));
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

std::optional<std::string> read_whole_file(const std::string& path, std::string& error) {
  return read_file(path, error);
}

std::optional<std::string> find_data_file(const std::string& relative, std::vector<std::string>& searched) {
  for (const auto& dir : data_directories()) {
    const std::string path = dir + "/" + relative;
    searched.push_back(path);
    if (fs::is_regular_file(path)) return path;
  }
  return std::nullopt;
}

std::vector<std::string> data_directories() {
  std::vector<std::string> dirs;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back((exe.parent_path().parent_path() / "share" / "shiryo").string());
  dirs.push_back(SHIRYO_SOURCE_DIR);
  return dirs;
}

std::optional<std::string> resolve_pdf_date(const std::optional<std::string>& date_option,
                                            const char* source_date_epoch,
                                            const model::CivilDate& meeting_day,
                                            std::string& error) {
  if (date_option) {
    auto t = model::parse_date_time(*date_option);
    if (!t) {
      error = "--date '" + *date_option +
              "' is not a date; expected 2024-03-14 or 2024-03-14T09:30:00+09:00";
      return std::nullopt;
    }
    return pdf_date(*t, t->utc_offset_minutes.value_or(kJapanOffsetMinutes));
  }
  if (source_date_epoch && *source_date_epoch) {
    long long seconds = 0;
    const char* end = source_date_epoch + std::strlen(source_date_epoch);
    const auto [ptr, ec] = std::from_chars(source_date_epoch, end, seconds);
    if (ec != std::errc() || ptr != end || seconds < 0) {
      error = std::string("SOURCE_DATE_EPOCH '") + source_date_epoch +
              "' is not a whole number of seconds since 1970";
      return std::nullopt;
    }
    const long long local = seconds + kJapanOffsetMinutes * 60LL;
    const long long days = local / 86400;
    const long long rest = local % 86400;
    model::DateTime t;
    t.date = model::civil_from_days(days);
    t.hour = static_cast<int>(rest / 3600);
    t.minute = static_cast<int>(rest / 60 % 60);
    t.second = static_cast<int>(rest % 60);
    return pdf_date(t, kJapanOffsetMinutes);
  }
  model::DateTime t;
  t.date = meeting_day;
  return pdf_date(t, kJapanOffsetMinutes);
}

std::optional<model::Packet> load_packet(const std::string& path, diag::Diagnostics& diags,
                                         std::ostream& err, int& status, std::vector<InputFile>* read) {
  std::string error;
  const auto text = read_file(path, error);
  if (!text) {
    err << "shiryo: error: " << error << "\n";
    status = kEnvironment;
    return std::nullopt;
  }
  const sheet::ReadDataFile noting = [read](const std::string& file, const std::string&, std::string& why) {
    read->push_back({file, kSpreadsheetRole});
    return read_file(file, why);
  };
  return load_packet(path, *text, diags, err, status, read ? noting : sheet::ReadDataFile{});
}

std::vector<InputFile> packet_inputs(const std::string& path, const model::Packet& packet) {
  std::vector<InputFile> inputs{{path, "the packet"}};
  for (const auto& [href, file] : packet.data_files) inputs.push_back({file->path(), kSpreadsheetRole});
  const fs::path dir = fs::path(path).parent_path();
  model::visit_plan_data(packet, {{}, {}, [&](const model::Block& figure) {
                                    if (figure.src && !figure.src->value.empty()) {
                                      inputs.push_back({(dir / figure.src->value).lexically_normal().string(), "a figure"});
                                    }
                                  }});
  return inputs;
}

std::optional<model::Packet> load_packet(const std::string& path, const std::string& text,
                                         diag::Diagnostics& diags, std::ostream& err, int& status,
                                         const sheet::ReadDataFile& read_data) {
  std::string problem;
  auto decoded = diag::decode_input(text, problem);
  if (!decoded) {
    err << "shiryo: error: " << path << ": " << problem << "\n";
    status = kInputError;
    return std::nullopt;
  }
  auto packet = model::parse_packet(decoded_source(path, text, std::move(*decoded)), diags);
  const std::size_t before = diags.items().size();
  if (packet) {
    const sheet::ReadDataFile from_disk = [](const std::string& file, const std::string&, std::string& error) {
      return read_file(file, error);
    };
    sheet::apply_results_data(*packet, read_data ? read_data : from_disk, diags);
  }
  // Figures are checked once every result is in: a result missing from a
  // spreadsheet is reported there, not again as missing from the packet.
  if (packet && diags.items().size() == before) compute::check_figures(*packet, diags);
  if (!packet || diags.has_errors()) {
    diags.print(err);
    status = kInputError;
    return std::nullopt;
  }
  status = kSuccess;
  return packet;
}

std::optional<style::LayoutSet> load_layout_set(const std::string& layout_name, const BuildOverrides* overrides,
                                               diag::Diagnostics& diags, std::ostream& err, int& status,
                                               LayoutSources& sources, std::vector<InputFile>& inputs) {
  std::string error;
  status = kEnvironment;
  std::vector<std::string> searched;
  // A name with a slash is a layout set's own directory (an extension of cli.md).
  const bool is_directory = layout_name.find('/') != std::string::npos;
  if (is_directory) searched.push_back(layout_name + "/layout.xml");
  const auto layout_path =
      overrides ? std::optional(overrides->layout_label)
      : is_directory ? (fs::is_regular_file(searched.front()) ? std::optional(searched.front()) : std::nullopt)
                     : find_data_file("layouts/" + layout_name + "/layout.xml", searched);
  if (!layout_path) {
    err << "shiryo: error: layout set '" << layout_name << "' not found; looked for " << join(searched) << "\n";
    return std::nullopt;
  }
  const auto layout_text = overrides ? std::optional(overrides->layout_text) : read_file(*layout_path, error);
  if (!layout_text) {
    err << "shiryo: error: " << error << "\n";
    return std::nullopt;
  }
  sources.path = *layout_path;
  sources.text = *layout_text;
  // A base set is a sibling of the set naming it (layouts/compact names
  // layouts/default), else found as --layout would find it; rebuild takes it
  // from the archive. Each one read is kept for the archive.
  if (!overrides) inputs.push_back({*layout_path, "the layout set"});
  bool base_missing = false;
  const style::BaseFinder find_base = [&](const std::string& name, const diag::SourceFile& from,
                                          std::string& why) -> std::shared_ptr<const diag::SourceFile> {
    std::optional<std::string> path;
    std::optional<std::string> text;
    if (overrides) {
      const std::string file = layout_base_file(name);
      const auto it = overrides->layout_bases.find(file);
      if (it != overrides->layout_bases.end()) {
        path = it->second.first;
        text = it->second.second;
      } else {
        why = "the archive holds no " + file;
      }
    } else {
      std::vector<std::string> tried;
      const fs::path set_dir = fs::path(from.path()).parent_path();
      const bool own_directory = name.find('/') != std::string::npos;
      const std::string sibling =
          own_directory ? name + "/layout.xml"
                        : ((set_dir.has_parent_path() ? set_dir.parent_path() : fs::path(".")) / name / "layout.xml")
                              .lexically_normal()
                              .string();
      tried.push_back(sibling);
      if (fs::is_regular_file(sibling)) {
        path = sibling;
      } else if (!own_directory) {
        path = find_data_file("layouts/" + name + "/layout.xml", tried);
      }
      if (path) text = read_file(*path, why);
      if (path) inputs.push_back({*path, "the layout set"});
      if (!path) why = "looked for " + join(tried);
    }
    if (!text) {
      base_missing = true;
      return nullptr;
    }
    sources.bases[name] = *text;
    auto source = decoded_source(*path, *text, err);
    if (!source) why = "it cannot be read as text";
    return source;
  };
  const auto layout_source = decoded_source(*layout_path, *layout_text, err);
  if (!layout_source) {
    status = kInputError;
    return std::nullopt;
  }
  const auto layout = style::LayoutSet::load(layout_source, compose::layout_requirements(), diags, find_base);
  // A base that names no layout set is missing like a --layout that does.
  status = layout ? kSuccess : base_missing ? kEnvironment : kInputError;
  return layout;
}


std::optional<text::FontConfig> load_font_config(const BuildOverrides* overrides, diag::Diagnostics& diags,
                                                 std::ostream& err, int& status, std::string& text,
                                                 std::vector<InputFile>& inputs) {
  std::string error;
  status = kEnvironment;
  std::vector<std::string> searched;
  const auto fonts_path =
      overrides ? std::optional(overrides->fontset_label) : find_data_file("fonts/fontset.xml", searched);
  if (!fonts_path) {
    err << "shiryo: error: font configuration not found; looked for " << join(searched) << "\n";
    return std::nullopt;
  }
  const auto fonts_text = overrides ? std::optional(overrides->fontset_text) : read_file(*fonts_path, error);
  if (!fonts_text) {
    err << "shiryo: error: " << error << "\n";
    return std::nullopt;
  }
  text = *fonts_text;
  const auto fonts_source = decoded_source(*fonts_path, *fonts_text, err);
  if (!fonts_source) {
    status = kInputError;
    return std::nullopt;
  }
  auto config = text::FontConfig::load(fonts_source, diags);
  if (!config) {
    status = kInputError;
    return std::nullopt;
  }
  if (!overrides) inputs.push_back({*fonts_path, "the font configuration"});
  status = kSuccess;
  return config;
}

int run_build(const Options& options, std::ostream& err, const BuildOverrides* overrides,
              std::vector<InputFile>* read) {
  const bool write = options.command == Command::build;
  StageTimer timer(options.timings);
  diag::Diagnostics diags;
  diags.set_warnings_are_errors(options.warnings_are_errors);
  auto fail = [&](int status) {
    diags.print(err);
    return status;
  };

  int status = kSuccess;
  std::vector<InputFile> own_inputs;
  std::vector<InputFile>& inputs = read ? *read : own_inputs;
  if (!overrides) inputs = {{options.input, "the packet"}};
  const auto packet = overrides ? load_packet(options.input, overrides->packet_text, diags, err, status,
                                            overrides->read_data)
                                : load_packet(options.input, diags, err, status, &inputs);
  if (!packet) return status;
  timer.stage("parse");
  std::string error;

  // The layout set: --layout, else the packet's layout attribute, else default.
  const std::string layout_name =
      options.layout ? *options.layout : packet->layout ? packet->layout->value : "default";
  if (!overrides) inputs = packet_inputs(options.input, *packet);
  LayoutSources layout_sources;
  const auto layout = load_layout_set(layout_name, overrides, diags, err, status, layout_sources, inputs);
  if (!layout) return fail(status);
  std::string fonts_text;
  const auto font_config = load_font_config(overrides, diags, err, status, fonts_text, inputs);
  if (!font_config) return fail(status);
  std::map<std::string, std::vector<std::string>> roles;
  for (const auto& role : layout->font_roles()) roles[role.name] = role.faces;
  const auto fonts = text::FontSet::open(*font_config, roles, error);
  if (!fonts) {
    err << "shiryo: error: " << error << "\n";
    return kEnvironment;
  }

  if (overrides && overrides->check_fonts) {
    if (const int font_status = overrides->check_fonts(*fonts, err)) return font_status;
  }

  const auto date = overrides ? std::optional(overrides->date)
                              : resolve_pdf_date(options.date, std::getenv("SOURCE_DATE_EPOCH"),
                                                 packet->meta.held_start.value.date, error);
  if (!date) {
    err << "shiryo: error: " << error << "\n";
    return kUsage;
  }
  timer.stage("compute");

  // Figures are found beside the packet; rebuild takes them from the archive.
  const fs::path packet_folder = fs::path(options.input).parent_path();
  const image::FileReader read_figure = [&](const std::string& src, std::string& why) -> std::optional<std::string> {
    if (overrides) {
      const auto it = overrides->figures.find(src);
      if (it != overrides->figures.end()) return it->second;
      why = "the PDF embeds no such file, or its copy differs from the SHA-256 its manifest records";
      return std::nullopt;
    }
    const fs::path folder = packet_folder.empty() ? fs::path(".") : packet_folder;
    const fs::path path = folder / src;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      why = fs::exists(path, ec) ? "it is not a regular file"
                                 : "no such file in the folder " + folder.string();
      return std::nullopt;
    }
    return read_file(path.string(), why);  // listed among the inputs by packet_inputs
  };
  std::vector<image::SvgFace> svg_faces;
  for (const auto& font : fonts->fonts()) svg_faces.push_back({font->path(), font->metrics().serif});
  // Read only when a CMYK JPEG without a profile asks for it.
  std::optional<std::optional<std::string>> cmyk_profile;
  std::string cmyk_error;
  const image::CmykProfile read_cmyk_profile = [&](std::string& why) -> const std::string* {
    if (!cmyk_profile) cmyk_profile = read_file(image::kCmykProfilePath, cmyk_error);
    why = cmyk_error + " (Debian's libgs-common installs it)";
    return *cmyk_profile ? &**cmyk_profile : nullptr;
  };
  const image::FigureFiles figures = image::load_figures(*packet, read_figure, svg_faces, read_cmyk_profile, diags);
  if (diags.has_errors()) return fail(kInputError);
  const std::string cmyk_profile_sha256 = cmyk_profile && *cmyk_profile ? pdf::sha256_hex(**cmyk_profile) : "";
  if (overrides && overrides->check_cmyk_profile && !cmyk_profile_sha256.empty()) {
    if (const int profile_status = overrides->check_cmyk_profile(cmyk_profile_sha256, err)) return fail(profile_status);
  }

  // The font lock hashes whole font files (megabytes each) and does not
  // depend on layout: it runs on a second thread while compose and layout
  // do. The future joins when it goes out of scope, on every return.
  std::future<std::string> font_lock_text;
  const bool embeds_sources = options.pdfa == "3u" || options.pdfa == "3a";
  if (write && embeds_sources) {
    font_lock_text = std::async(std::launch::async, [&faces = *fonts] { return font_lock(faces); });
  }

  const layout::BoxTree tree = compose::compose_packet(*packet, *layout, *fonts, figures, diags);
  timer.stage("compose");

  layout::TextContext context(diags, packet->source);
  const layout::LaidOutPacket pages = layout::layout_packet(tree, context);
  for (const auto& w : pages.warnings) diags.warning(packet->source, w.offset, w.message);
  // A PDF must have a page: PDF readers refuse a file of none.
  if (pages.pages.empty()) {
    diags.error(packet->source, packet->offset,
                "the packet prints no page: it holds no <agenda>, <roster> or <document>; add one of them");
  }
  timer.stage("layout");
  if (diags.has_errors()) return fail(kInputError);

  if (write) {
    pdf::DocumentInfo info;
    info.title = packet->meta.title.value;
    info.author = packet->meta.author ? packet->meta.author->value : "";
    info.creator = std::string("shiryo ") + SHIRYO_VERSION;
    info.date = *date;
    info.language = "ja-JP";
    info.pdfa = options.pdfa;
    info.tagged = options.pdfa == "3a" || options.pdfua;
    info.pdfua = options.pdfua;
    const bool debian_profile = overrides && overrides->debian_output_profile;
    if (options.pdfa != "none") {
      info.output_profile =
          pdf::srgb_profile(debian_profile ? pdf::SrgbProfile::debian_v2 : pdf::SrgbProfile::lcms2_v4);
    }
    if (embeds_sources) {
      std::vector<std::pair<std::string, std::string>> data_files;
      for (const auto& [href, file] : packet->data_files) data_files.emplace_back(href, file->bytes());
      std::vector<std::pair<std::string, std::string>> figure_files;
      for (const auto& [src, file] : figures) figure_files.emplace_back(src, file->bytes);
      info.sources = archive_sources({.input_name = options.input,
                                      .packet_text = packet->source->bytes(),
                                      .layout_text = layout_sources.text,
                                      .layout_bases = layout_sources.bases,
                                      .fontset_text = fonts_text,
                                      .data_files = data_files,
                                      .figure_files = figure_files,
                                      .layout_option = options.layout.value_or(""),
                                      .date = *date,
                                      .pdfa = options.pdfa,
                                      .pdfua = options.pdfua,
                                      .font_lock = font_lock_text.get(),
                                      .cmyk_profile_sha256 = cmyk_profile_sha256,
                                      .output_profile_sha256 =
                                          debian_profile ? "" : pdf::sha256_hex(info.output_profile)});
    }
    const std::string output = options.output ? *options.output : default_output(options.input);
    if (const auto clash = output_overwrites_input(output, inputs)) {
      diags.print(err);
      err << "shiryo: error: " << *clash << "\n";
      return kUsage;
    }
    const std::string bytes = pdf::write_pdf(pages, info);
    if (!write_output(output, bytes, error)) {
      diags.print(err);
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
    timer.stage("write");
  }
  diags.print(err);
  timer.print(err);
  return kSuccess;
}

}  // namespace shiryo::cli
