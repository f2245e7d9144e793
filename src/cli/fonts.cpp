#include "cli/fonts.h"

#include <ostream>
#include <set>

#include "cli/archive.h"
#include "cli/build.h"
#include "diag/diagnostics.h"

namespace shiryo::cli {
namespace {

// One face opened as FontSet::open finds it, or nullopt with `error` set.
std::optional<text::FontSet> open_face(const text::FontConfig& config, const std::string& name, std::string& error) {
  return text::FontSet::open(config, {{name, {name}}}, error);
}

// "NAME\tFILE\tVERSION\tSHA256", or the reason the face cannot be opened
// (`found` false).
std::string face_line(const text::FontConfig& config, const std::string& name, bool& found) {
  std::string error;
  const auto set = open_face(config, name, error);
  found = set.has_value();
  if (!set) return name + "\tnot available: " + error + "\n";
  const text::Font& font = *set->fonts().front();
  return name + "\t" + font.path() + "\t" + font.version() + "\t" + font_sha256(font) + "\n";
}

}  // namespace

std::string fonts_help_text() {
  return "usage: shiryo fonts [--layout NAME|DIR]\n\n"
         "Lists the font roles of a layout set (default: default), each with its faces\n"
         "in fallback order, then each face those roles use: its PostScript name, the\n"
         "file it is read from, its version and the SHA-256 of the file, tab-separated.\n"
         "A face that cannot be opened is listed with the reason, and the status is 3.\n";
}

int run_fonts(const Options& options, std::ostream& out, std::ostream& err) {
  diag::Diagnostics diags;
  int status = kSuccess;
  std::vector<InputFile> inputs;
  LayoutSources sources;
  const std::string name = options.layout.value_or("default");
  const auto layout = load_layout_set(name, nullptr, diags, err, status, sources, inputs);
  std::string fontset_text;
  const auto config = layout ? load_font_config(nullptr, diags, err, status, fontset_text, inputs) : std::nullopt;
  if (!config) {
    diags.print(err);
    return status;
  }
  out << "layout set\t" << sources.path << "\n";
  out << "font configuration\t" << inputs.back().path << "\n\n";
  out << "role\tfaces\n";
  std::vector<std::string> faces;
  std::set<std::string> seen;
  for (const auto& role : layout->font_roles()) {
    out << role.name << "\t";
    for (std::size_t i = 0; i < role.faces.size(); ++i) {
      out << (i ? " " : "") << role.faces[i];
      if (seen.insert(role.faces[i]).second) faces.push_back(role.faces[i]);
    }
    out << "\n";
  }
  out << "\nface\tfile\tversion\tsha256\n";
  for (const auto& face : faces) {
    bool found = false;
    out << face_line(*config, face, found);
    if (!found) status = kEnvironment;
  }
  diags.print(err);
  return status;
}

int run_version(std::ostream& out, std::ostream& err) {
  out << "shiryo " << SHIRYO_VERSION << "\n";
  diag::Diagnostics diags;
  int status = kSuccess;
  std::vector<InputFile> inputs;
  std::string fontset_text;
  const auto config = load_font_config(nullptr, diags, err, status, fontset_text, inputs);
  if (!config) {
    diags.print(err);
    return status;
  }
  out << "fonts (" << inputs.back().path << "):\n";
  // A missing face is listed, not an error: --version answers anyway.
  for (const auto& face : config->faces) {
    bool found = false;
    out << "  " << face_line(*config, face.postscript_name, found);
  }
  return kSuccess;
}

}  // namespace shiryo::cli
