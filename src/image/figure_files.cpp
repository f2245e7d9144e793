#include "image/figure_files.h"

#include <charconv>
#include <cstdio>

#include "pdf/digest.h"
#include "image/svg.h"
#include "pdf/page_import.h"

namespace shiryo::image {
namespace {

std::string hex(const std::array<unsigned char, 32>& digest) {
  std::string out;
  char byte[3];
  for (unsigned char c : digest) {
    std::snprintf(byte, sizeof byte, "%02x", c);
    out += byte;
  }
  return out;
}

bool is_pdf(std::string_view bytes) { return bytes.substr(0, 5) == "%PDF-"; }

struct Loader {
  const model::Packet& packet;
  const FileReader& read;
  const std::vector<SvgFace>& svg_faces;
  const CmykProfile& cmyk_profile;
  diag::Diagnostics& diags;
  std::map<std::string, std::shared_ptr<FigureFile>> files;
  std::map<std::string, std::shared_ptr<FigureFile>> by_digest;

  void error(const model::SourceText& src, const std::string& why) {
    diags.error(packet.source, src.offset, "figure '" + src.value + "' cannot be drawn: " + why);
  }

  // The file `src` names, read once; null when it cannot be read.
  std::shared_ptr<FigureFile> file(const model::SourceText& src) {
    if (const auto known = files.find(src.value); known != files.end()) return known->second;
    std::string why;
    auto bytes = read(src.value, why);
    if (!bytes) {
      diags.error(packet.source, src.offset, "figure '" + src.value + "' cannot be read: " + why);
      files.emplace(src.value, nullptr);
      return nullptr;
    }
    const std::string digest = hex(pdf::sha256(*bytes));
    auto& same = by_digest[digest];
    if (!same) {
      same = std::make_shared<FigureFile>();
      same->path = src.value;
      same->sha256 = digest;
      same->bytes = std::move(*bytes);
    }
    files.emplace(src.value, same);
    return same;
  }

  void figure(const model::Block& b) {
    const model::SourceText& src = *b.src;
    const auto f = file(src);
    if (!f) return;
    const long page = figure_page(b);
    const bool svg = is_svg(f->bytes);
    if (!is_pdf(f->bytes) && !svg) {
      if (b.page) {
        diags.error(packet.source, b.page->offset,
                    "page=\"" + b.page->value + "\" picks a page of a PDF, but '" + src.value + "' is " +
                        describe_bytes(f->bytes));
        return;
      }
      if (f->image) return;
      try {
        f->image = std::make_shared<const Image>(read_image(f->bytes, cmyk_profile));
      } catch (const ImageError& e) {
        error(src, e.what());
        return;
      }
      if (!f->image->icc_dropped.empty()) {
        diags.warning(packet.source, src.offset,
                      "figure '" + src.value + "' carries an ICC colour profile that is not used: " + f->image->icc_dropped +
                          "; its colours are drawn as " + (f->image->components == 1 ? "grey" : "sRGB"));
      }
      if (f->image->converted_from_cmyk) {
        diags.warning(packet.source, src.offset,
                      "figure '" + src.value + "' is a CMYK JPEG without a colour profile; it is converted to sRGB through "
                      "a standard press profile (SWOP), since PDF/A under the packet's sRGB output intent cannot hold "
                      "DeviceCMYK; its colours may differ from what the file's maker saw");
      }
      return;
    }
    if (svg && b.page) {
      diags.error(packet.source, b.page->offset, "page=\"" + b.page->value + "\" picks a page of a PDF, but '" + src.value + "' is an SVG image");
      return;
    }
    if (page < 1) {
      diags.error(packet.source, b.page->offset, "page=\"" + b.page->value + "\" is not a page number (1, 2, …)");
      return;
    }
    if (f->pages.count(page)) return;
    try {
      if (!svg) {
        f->pages.emplace(page, std::make_shared<const Image>(pdf::read_pdf_page(f->bytes, page)));
        return;
      }
      // An SVG is drawn as the one page librsvg makes of it; the file embedded is the SVG.
      const SvgPage drawn = svg_to_pdf(f->bytes, svg_faces);
      f->pages.emplace(page, std::make_shared<const Image>(pdf::read_pdf_page(drawn.pdf, page)));
      if (!drawn.substituted.empty()) {
        std::string list;
        for (const auto& s : drawn.substituted) list += (list.empty() ? "" : ", ") + s;
        diags.warning(packet.source, src.offset,
                      "figure '" + src.value + "' names font famil" + (drawn.substituted.size() == 1 ? "y " : "ies ") + list +
                          " that the packet's font set does not hold; an SVG's text is set in the font set only, so that it "
                          "prints the same on every machine");
      }
    } catch (const ImageError& e) {
      error(src, e.what());
    }
  }

  void blocks(const std::vector<model::Block>& list) {
    for (const auto& b : list) {
      if (b.kind == model::Block::Kind::figure && b.src) figure(b);
      blocks(b.children);
      if (b.table) {
        for (const auto* rows : {&b.table->head, &b.table->body})
          for (const auto& row : *rows)
            for (const auto& cell : row.cells) blocks(cell.figures);
      }
    }
  }
};

}  // namespace

std::shared_ptr<const Image> FigureFile::drawn(long page) const {
  if (image) return image;
  const auto found = pages.find(page);
  return found == pages.end() ? nullptr : found->second;
}

long figure_page(const model::Block& figure) {
  if (!figure.page) return 1;
  const std::string& v = figure.page->value;
  long page = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), page);
  return ec == std::errc() && end == v.data() + v.size() && page >= 1 ? page : 0;
}

FigureFiles load_figures(const model::Packet& packet, const FileReader& read, const std::vector<SvgFace>& svg_faces,
                         const CmykProfile& cmyk_profile, diag::Diagnostics& diags) {
  Loader loader{packet, read, svg_faces, cmyk_profile, diags, {}, {}};
  for (const auto& document : packet.documents) {
    loader.blocks(document.blocks);
    for (const auto& part : document.parts) loader.blocks(part.blocks);
  }
  // A file that could not be drawn at all is left out, as its errors say.
  FigureFiles out;
  for (auto& [src, f] : loader.files) {
    if (f && (f->image || !f->pages.empty())) out.emplace(src, std::move(f));
  }
  return out;
}

}  // namespace shiryo::image
