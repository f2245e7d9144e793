#include "cli/build.h"
#include "targets.h"

#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>

#include "cli/archive.h"
#include "compose/compose.h"
#include "compute/checks.h"
#include "layout/flow.h"
#include "model/parse.h"
#include "pdf/pdf_reader.h"
#include "pdf/signature.h"
#include "pdf/writer.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::fuzz {
namespace {

// The project's own files: a missing one shows as an empty text.
std::string read(const std::string& path) {
  std::string error;
  return cli::read_whole_file(path, error).value_or(std::string());
}

// The layout set and fonts every input is set with, read once.
struct Fixture {
  std::optional<style::LayoutSet> layout;
  std::optional<text::FontSet> fonts;

  Fixture() {
    const std::string root = SHIRYO_SOURCE_DIR;
    diag::Diagnostics diags;
    layout = style::LayoutSet::load(
        std::make_shared<const diag::SourceFile>("layout.xml", read(root + "/layouts/default/layout.xml")),
        compose::layout_requirements(), diags);
    auto config = text::FontConfig::load(
        std::make_shared<const diag::SourceFile>("fontset.xml", read(root + "/fonts/fontset.xml")), diags);
    if (!layout || !config) std::abort();
    std::map<std::string, std::vector<std::string>> roles;
    for (const auto& role : layout->font_roles()) roles[role.name] = role.faces;
    std::string error;
    fonts = text::FontSet::open(*config, roles, error);
    if (!fonts) std::abort();
  }
};

}  // namespace

void run_packet(const std::string& bytes) {
  static const Fixture fixture;
  auto source = std::make_shared<const diag::SourceFile>("fuzz.xml", bytes);
  diag::Diagnostics diags;
  auto packet = model::parse_packet(source, diags);
  if (!packet) return;
  compute::check_figures(*packet, diags);
  if (diags.has_errors()) return;
  const layout::BoxTree tree = compose::compose_packet(*packet, *fixture.layout, *fixture.fonts, diags);
  layout::TextContext context(diags, source);
  const layout::LaidOutPacket pages = layout::layout_packet(tree, context);
  for (const auto& w : pages.warnings) diags.warning(source, w.offset, w.message);
  if (diags.has_errors()) return;
  pdf::DocumentInfo info;
  info.title = packet->meta.title.value;
  info.creator = "shiryo fuzz";
  info.date = "D:20240314000000+09'00'";
  const std::string pdf = pdf::write_pdf(pages, info);
  if (pdf.compare(0, 5, "%PDF-") != 0) std::abort();
}

void run_pdf(const std::string& bytes) {
  std::string error;
  const auto pdf = pdf::load_pdf(bytes, error);
  if (!pdf) {
    if (error.empty()) std::abort();  // a refusal always says why
    return;
  }
  try {
    for (const auto& file : pdf::embedded_files(*pdf)) {
      if (file.name == cli::kManifestFile) (void)cli::parse_manifest(file.bytes);
      if (file.name == cli::kFontLockFile) (void)cli::parse_font_lock(file.bytes);
    }
    (void)pdf::destination_page(*pdf, "s1");
    for (const auto& check : pdf::verify_signatures(*pdf, nullptr)) {
      // Malformed ranges cover nothing; well-formed ones stay in the file.
      if (check.revision_end > (check.ranges_valid ? pdf->bytes.size() : 0)) std::abort();
    }
  } catch (const std::runtime_error& e) {
    // A damaged object: the commands print this and stop.
    if (std::string(e.what()).rfind("damaged PDF (", 0) != 0) std::abort();
  }
}

}  // namespace shiryo::fuzz
