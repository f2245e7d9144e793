// libFuzzer target: arbitrary bytes as a packet file through the whole
// pipeline in memory — parse, compute, compose, layout and PDF bytes. Built
// with -DSHIRYO_FUZZ=ON and clang (see docs/robustness.md).
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "compose/compose.h"
#include "compute/checks.h"
#include "layout/flow.h"
#include "model/parse.h"
#include "pdf/writer.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The layout set and fonts every input is set with, read once.
struct Fixture {
  std::optional<shiryo::style::LayoutSet> layout;
  std::optional<shiryo::text::FontSet> fonts;

  Fixture() {
    using namespace shiryo;
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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace shiryo;
  static const Fixture fixture;
  auto source = std::make_shared<const diag::SourceFile>(
      "fuzz.xml", std::string(reinterpret_cast<const char*>(data), size));
  diag::Diagnostics diags;
  auto packet = model::parse_packet(source, diags);
  if (!packet) return 0;
  compute::check_figures(*packet, diags);
  if (diags.has_errors()) return 0;
  const layout::BoxTree tree = compose::compose_packet(*packet, *fixture.layout, *fixture.fonts, diags);
  layout::TextContext context(diags, source);
  const layout::LaidOutPacket pages = layout::layout_packet(tree, context);
  for (const auto& w : pages.warnings) diags.warning(source, w.offset, w.message);
  if (diags.has_errors()) return 0;
  pdf::DocumentInfo info;
  info.title = packet->meta.title.value;
  info.creator = "shiryo fuzz";
  info.date = "D:20240314000000+09'00'";
  const std::string bytes = pdf::write_pdf(pages, info);
  if (bytes.compare(0, 5, "%PDF-") != 0) std::abort();
  return 0;
}
