// How fast the paragraph composer sets text: every text of a packet (the
// bundled one unless a path is given) composed as justified paragraphs at a
// body measure and at a narrow cell measure. Prints characters per second
// for a cold shape cache and a warm one.
#include <pugixml.hpp>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/build.h"
#include "layout/paragraph.h"
#include "text/font.h"

namespace {

// The project's own files: a missing one shows as an empty text.
std::string read(const std::string& path) {
  std::string error;
  return shiryo::cli::read_whole_file(path, error).value_or(std::string());
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void collect(pugi::xml_node node, std::vector<std::string>& out) {
  for (auto attr : node.attributes()) {
    const std::string v = attr.value();
    if (code_points(v) > 3 && (static_cast<unsigned char>(v[0]) >= 0x80)) out.push_back(v);
  }
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata) {
      std::string v = child.value();
      if (v.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(v);
    } else if (child.type() == pugi::node_element) {
      collect(child, out);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace shiryo;
  const std::string root = SHIRYO_SOURCE_DIR;
  const std::string packet = argc > 1 ? argv[1] : root + "/input/atsugi-r5-2.xml";

  pugi::xml_document doc;
  const std::string xml = read(packet);
  if (!doc.load_buffer(xml.data(), xml.size())) {
    std::fprintf(stderr, "cannot read %s\n", packet.c_str());
    return 1;
  }
  std::vector<std::string> texts;
  collect(doc.document_element(), texts);
  std::size_t characters = 0;
  for (const auto& t : texts) characters += code_points(t);

  diag::Diagnostics diags;
  auto config = text::FontConfig::load(
      std::make_shared<const diag::SourceFile>("fontset.xml", read(root + "/fonts/fontset.xml")), diags);
  std::string error;
  auto fonts = config ? text::FontSet::open(*config, {{"mincho", {"BIZUDMincho-Regular", "BIZUDGothic-Regular"}}}, error)
                      : std::nullopt;
  if (!fonts) {
    std::fprintf(stderr, "fonts: %s\n", error.c_str());
    return 1;
  }
  const text::FontChain& chain = fonts->chain("mincho");

  // Body text is justified (total fit); narrow cells are set flush left, as
  // the layout sets them.
  auto paragraphs_for = [&](double size, style::Align align) {
    std::vector<layout::ParagraphBox> out;
    for (const auto& t : texts) {
      layout::ParagraphBox p;
      layout::InlineRun run;
      run.text = t;
      run.chain = &chain;
      run.size = size;
      p.runs.push_back(std::move(run));
      p.style.size = size;
      p.style.align = align;
      out.push_back(std::move(p));
    }
    return out;
  };
  const auto body = paragraphs_for(10.5, style::Align::justify);
  const auto cells = paragraphs_for(9, style::Align::left);

  auto source = std::make_shared<const diag::SourceFile>(packet, xml);
  auto pass = [&](layout::TextContext& context) {
    std::size_t lines = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& p : body) lines += layout::layout_paragraph(p, 462, context).size();
    for (const auto& p : cells) lines += layout::layout_paragraph(p, 90, context).size();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return std::make_pair(ms, lines);
  };

  std::printf("packet: %s\n", packet.c_str());
  std::printf("texts: %zu, characters: %zu, each set twice (44 em justified body, 10 em flush-left cell)\n",
              texts.size(), characters);
  layout::TextContext cold(diags, source);
  const auto [cold_ms, lines] = pass(cold);
  std::printf("cold shape cache: %8.2f ms  %12.0f characters/s  (%zu lines)\n", cold_ms,
              2.0 * static_cast<double>(characters) / cold_ms * 1000, lines);
  double best = 1e300;
  for (int i = 0; i < 5; ++i) best = std::min(best, pass(cold).first);
  std::printf("warm shape cache: %8.2f ms  %12.0f characters/s  (best of 5)\n", best,
              2.0 * static_cast<double>(characters) / best * 1000);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
