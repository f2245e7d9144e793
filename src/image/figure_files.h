// The files a packet's <figure> elements name, read and checked once each
// before anything is composed: a bad one is an error at its `src`.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "image/image.h"
#include "image/svg.h"
#include "model/packet.h"

namespace shiryo::image {

struct FigureFile {
  std::string path;    // as the packet names it, relative to the packet
  std::string bytes;   // the file as read (the archive embeds it)
  std::string sha256;  // of `bytes`, lower-case hex
  std::shared_ptr<const Image> image;  // a PNG or JPEG; null for a PDF
  // A PDF's pages that figures draw, by number from 1.
  std::map<long, std::shared_ptr<const Image>> pages;

  // What a figure with `page` (from 1) draws of this file; null when it was
  // not read.
  std::shared_ptr<const Image> drawn(long page) const;
};

// The page a figure asks for: its `page` attribute, 1 without one, 0 when
// the attribute is not a whole number from 1.
long figure_page(const model::Block& figure);

// The figures by `src` as written. Files with the same bytes share one
// FigureFile, and so one image object in the PDF.
using FigureFiles = std::map<std::string, std::shared_ptr<const FigureFile>>;

// Gives a figure file's bytes by its `src`, or nullopt with `why` set.
using FileReader = std::function<std::optional<std::string>(const std::string& src, std::string& why)>;

// Reads every figure of the packet's documents; each problem is an error at
// the `src` attribute. An SVG's text is set in `svg_faces` (the faces the
// packet is typeset with, which its font lock records); a CMYK JPEG without
// a profile is converted through `cmyk_profile`.
FigureFiles load_figures(const model::Packet& packet, const FileReader& read, const std::vector<SvgFace>& svg_faces,
                         const CmykProfile& cmyk_profile, diag::Diagnostics& diags);

}  // namespace shiryo::image
