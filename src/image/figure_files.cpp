#include "image/figure_files.h"

#include <cstdio>

#include "pdf/digest.h"

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

struct Loader {
  const model::Packet& packet;
  const FileReader& read;
  diag::Diagnostics& diags;
  FigureFiles files;
  std::map<std::string, std::shared_ptr<const FigureFile>> by_digest;

  void figure(const model::SourceText& src) {
    if (files.count(src.value)) return;
    std::string why;
    auto bytes = read(src.value, why);
    if (!bytes) {
      diags.error(packet.source, src.offset, "figure '" + src.value + "' cannot be read: " + why);
      return;
    }
    const std::string digest = hex(pdf::sha256(*bytes));
    if (const auto same = by_digest.find(digest); same != by_digest.end()) {
      files.emplace(src.value, same->second);
      return;
    }
    auto file = std::make_shared<FigureFile>();
    file->path = src.value;
    file->sha256 = digest;
    try {
      file->image = std::make_shared<const Image>(read_image(*bytes));
    } catch (const ImageError& e) {
      diags.error(packet.source, src.offset, "figure '" + src.value + "' cannot be drawn: " + e.what());
      return;
    }
    if (file->image->converted_from_cmyk) {
      diags.warning(packet.source, src.offset,
                    "figure '" + src.value + "' is a CMYK JPEG; it is converted to sRGB, since PDF/A under the packet's sRGB "
                    "output intent cannot hold CMYK, and without a colour profile its colours may shift slightly");
    }
    file->bytes = std::move(*bytes);
    by_digest.emplace(digest, file);
    files.emplace(src.value, std::move(file));
  }

  void blocks(const std::vector<model::Block>& list) {
    for (const auto& b : list) {
      if (b.kind == model::Block::Kind::figure && b.src) figure(*b.src);
      blocks(b.children);
    }
  }
};

}  // namespace

FigureFiles load_figures(const model::Packet& packet, const FileReader& read, diag::Diagnostics& diags) {
  Loader loader{packet, read, diags, {}, {}};
  for (const auto& document : packet.documents) {
    loader.blocks(document.blocks);
    for (const auto& part : document.parts) loader.blocks(part.blocks);
  }
  return std::move(loader.files);
}

}  // namespace shiryo::image
