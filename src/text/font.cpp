#include "text/font.h"

#include <hb-ot.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <sys/stat.h>

#include "model/xml_reader.h"

namespace shiryo::text {
namespace {

struct FtLibraryDeleter {
  void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
};
struct FtFaceDeleter {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using FtLibrary = std::unique_ptr<std::remove_pointer_t<FT_Library>, FtLibraryDeleter>;
using FtFace = std::unique_ptr<std::remove_pointer_t<FT_Face>, FtFaceDeleter>;

bool read_metrics(const std::string& path, std::string& postscript_name, FaceMetrics& m) {
  FT_Library raw_lib = nullptr;
  if (FT_Init_FreeType(&raw_lib) != 0) return false;
  FtLibrary lib(raw_lib);
  FT_Face raw_face = nullptr;
  if (FT_New_Face(lib.get(), path.c_str(), 0, &raw_face) != 0) return false;
  FtFace face(raw_face);
  if (const char* ps = FT_Get_Postscript_Name(face.get())) postscript_name = ps;
  m.ascender = face->ascender;
  m.descender = face->descender;
  m.bbox[0] = static_cast<int>(face->bbox.xMin);
  m.bbox[1] = static_cast<int>(face->bbox.yMin);
  m.bbox[2] = static_cast<int>(face->bbox.xMax);
  m.bbox[3] = static_cast<int>(face->bbox.yMax);
  m.fixed_pitch = FT_IS_FIXED_WIDTH(face.get());
  if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(face.get(), FT_SFNT_OS2))) {
    m.cap_height = os2->sCapHeight != 0 ? os2->sCapHeight : m.ascender;
    // PANOSE serif style 2–10 are serif designs (Mincho is one); 11–13 are sans.
    m.serif = os2->panose[1] >= 2 && os2->panose[1] <= 10;
  } else {
    m.cap_height = m.ascender;
  }
  if (auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(face.get(), FT_SFNT_POST))) {
    m.italic_angle = static_cast<int>(post->italicAngle >> 16);
  }
  return true;
}

}  // namespace

std::unique_ptr<Font> Font::open(const std::string& path, std::string& error) {
  std::unique_ptr<Font> font(new Font());
  font->path_ = path;
  font->blob_.reset(hb_blob_create_from_file_or_fail(path.c_str()));
  if (!font->blob_) {
    error = "cannot read font file " + path;
    return nullptr;
  }
  if (!read_metrics(path, font->postscript_name_, font->metrics_)) {
    error = "cannot open " + path + " as a font";
    return nullptr;
  }
  font->face_.reset(hb_face_create(font->blob_.get(), 0));
  font->upem_ = hb_face_get_upem(font->face_.get());
  font->font_.reset(hb_font_create(font->face_.get()));
  const int scale = static_cast<int>(font->upem_);
  hb_font_set_scale(font->font_.get(), scale, scale);
  return font;
}

std::string Font::version() const {
  // The first version record in the name table, in whatever language it has.
  unsigned count = 0;
  const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face_.get(), &count);
  for (unsigned i = 0; i < count; ++i) {
    if (entries[i].name_id != HB_OT_NAME_ID_VERSION_STRING) continue;
    unsigned length = 0;
    const unsigned needed = hb_ot_name_get_utf8(face_.get(), HB_OT_NAME_ID_VERSION_STRING, entries[i].language, &length, nullptr);
    if (needed == 0) continue;
    std::string text(needed + 1, '\0');
    length = static_cast<unsigned>(text.size());
    hb_ot_name_get_utf8(face_.get(), HB_OT_NAME_ID_VERSION_STRING, entries[i].language, &length, text.data());
    text.resize(length);
    return text;
  }
  return {};
}

bool Font::has_glyph(char32_t cp) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(font_.get(), cp, &glyph) != 0;
}

int32_t Font::advance(uint32_t glyph) const {
  return hb_font_get_glyph_h_advance(font_.get(), glyph);
}

std::optional<FontConfig> FontConfig::load(std::shared_ptr<const diag::SourceFile> file,
                                           diag::Diagnostics& diags) {
  auto input = model::XmlInput::parse(file, diags);
  if (!input) return std::nullopt;
  const pugi::xml_node root = input->root();
  if (std::string_view(root.name()) != "fontset") {
    diags.error(file, input->element_offset(root),
                "the root element is <" + std::string(root.name()) + ">; expected <fontset>");
    return std::nullopt;
  }
  model::ElementReader rr(*input, root, diags, {});
  FontConfig config;
  for (auto child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view kind = child.name();
    if (kind == "dir") {
      model::ElementReader r(*input, child, diags, {"path"});
      if (auto p = r.require("path")) config.directories.push_back(p->value);
    } else if (kind == "face") {
      model::ElementReader r(*input, child, diags, {"name", "file", "package"});
      auto name = r.require("name");
      auto f = r.require("file");
      auto package = r.get("package");
      if (name && f) config.faces.push_back({name->value, f->value, package ? package->value : ""});
    } else {
      diags.error(file, input->element_offset(child),
                  "unknown element <" + std::string(kind) + "> in <fontset>; expected <dir>, <face>");
    }
  }
  if (diags.has_errors()) return std::nullopt;
  return config;
}

std::optional<FontSet> FontSet::open(const FontConfig& config,
                                     const std::map<std::string, std::vector<std::string>>& roles,
                                     std::string& error) {
  FontSet set;
  std::map<std::string, const Font*> by_name;
  auto face = [&](const std::string& ps_name) -> const Font* {
    if (auto it = by_name.find(ps_name); it != by_name.end()) return it->second;
    const FaceEntry* entry = nullptr;
    for (const auto& e : config.faces) {
      if (e.postscript_name == ps_name) entry = &e;
    }
    if (!entry) {
      error = "font face " + ps_name + " is not listed in fonts/fontset.xml";
      return nullptr;
    }
    std::string tried;
    for (const auto& dir : config.directories) {
      const std::string path = dir + "/" + entry->file;
      struct stat st {};
      if (stat(path.c_str(), &st) != 0) {
        tried += (tried.empty() ? "" : ", ") + path;
        continue;
      }
      auto font = Font::open(path, error);
      if (!font) return nullptr;
      if (font->postscript_name() != ps_name) {
        error = path + " holds " + font->postscript_name() + ", not " + ps_name;
        return nullptr;
      }
      const Font* raw = font.get();
      set.fonts_.push_back(std::move(font));
      by_name[ps_name] = raw;
      return raw;
    }
    error = "font file " + entry->file + " for " + ps_name + " not found (looked for " + tried +
            (entry->package.empty() ? ")" : "; Debian package " + entry->package + ")");
    return nullptr;
  };
  for (const auto& [role, faces] : roles) {
    FontChain chain{role, {}};
    for (const auto& ps_name : faces) {
      const Font* f = face(ps_name);
      if (!f) return std::nullopt;
      chain.faces.push_back(f);
    }
    set.chains_[role] = std::move(chain);
  }
  return set;
}

}  // namespace shiryo::text
