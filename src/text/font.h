// Font faces and the font set: which file holds each face (fonts/fontset.xml),
// faces opened once with HarfBuzz, and role chains in fallback order.
#pragma once

#include <hb.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace shiryo::text {

template <typename T, void (*Destroy)(T*)>
struct HbDeleter {
  void operator()(T* p) const { Destroy(p); }
};
using HbBlob = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;
using HbFace = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using HbFont = std::unique_ptr<hb_font_t, HbDeleter<hb_font_t, hb_font_destroy>>;
using HbBuffer = std::unique_ptr<hb_buffer_t, HbDeleter<hb_buffer_t, hb_buffer_destroy>>;

// What a PDF FontDescriptor needs, in font units.
struct FaceMetrics {
  int ascender = 0;
  int descender = 0;
  int cap_height = 0;
  int bbox[4] = {0, 0, 0, 0};
  int italic_angle = 0;
  bool fixed_pitch = false;
  bool serif = false;
};

class Font {
 public:
  // nullopt with `error` set when the file cannot be read as a font.
  static std::unique_ptr<Font> open(const std::string& path, std::string& error);

  const std::string& path() const { return path_; }
  const std::string& postscript_name() const { return postscript_name_; }
  // The name table's version string ("Version 1.05"), or empty.
  std::string version() const;
  unsigned units_per_em() const { return upem_; }
  const FaceMetrics& metrics() const { return metrics_; }
  hb_font_t* hb_font() const { return font_.get(); }
  hb_face_t* hb_face() const { return face_.get(); }

  bool has_glyph(char32_t cp) const;
  int32_t advance(uint32_t glyph) const;

 private:
  Font() = default;
  std::string path_;
  std::string postscript_name_;
  unsigned upem_ = 1000;
  FaceMetrics metrics_;
  HbBlob blob_;
  HbFace face_;
  HbFont font_;
};

// fonts/fontset.xml: directories searched and the faces that may be named.
struct FaceEntry {
  std::string postscript_name;
  std::string file;
  std::string package;
};

struct FontConfig {
  std::vector<std::string> directories;
  std::vector<FaceEntry> faces;

  static std::optional<FontConfig> load(std::shared_ptr<const diag::SourceFile> file,
                                        diag::Diagnostics& diags);
};

// A role's faces in fallback order (body: Mincho, then Gothic).
struct FontChain {
  std::string role;
  std::vector<const Font*> faces;
};

class FontSet {
 public:
  // Opens every face the roles name. A face missing from the config or on
  // disk is an environment error (exit status 3): `error` says which.
  static std::optional<FontSet> open(const FontConfig& config,
                                     const std::map<std::string, std::vector<std::string>>& roles,
                                     std::string& error);

  const FontChain& chain(const std::string& role) const { return chains_.at(role); }
  const std::vector<std::unique_ptr<Font>>& fonts() const { return fonts_; }

 private:
  std::vector<std::unique_ptr<Font>> fonts_;
  std::map<std::string, FontChain> chains_;
};

}  // namespace shiryo::text
