#include "pdf/stamp.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>

#include "layout/fragment.h"
#include "pdf/font_embedding.h"
#include "pdf/objects.h"
#include "text/shaper.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;

constexpr double kFontSize = 8;
constexpr double kLeading = 11;
constexpr double kPadding = 4;


// A line as glyph runs, one per face, from x = 0; returns its width.
double shape_line(const text::FontChain& chain, const std::string& line, text::ShapeCache& cache,
                  std::vector<layout::GlyphRun>& runs) {
  const text::Itemization items = text::itemize(chain, line);
  if (!items.missing.empty()) throw std::runtime_error("the stamp text '" + line + "' has a character no font has");
  double x = 0;
  for (const auto& span : items.spans) {
    const std::string part = line.substr(span.begin, span.end - span.begin);
    layout::GlyphRun run;
    run.font = span.font;
    run.size = kFontSize;
    run.x = x;
    run.text = part;
    double pen = 0;
    for (const auto& g : cache.shape(*span.font, part)) {
      run.glyphs.push_back({.x = pen, .glyph = g.glyph, .cluster = g.cluster});
      // Advance by the width the PDF will use (/W in thousandths of an em).
      pen += std::round(span.font->advance(g.glyph) * 1000.0 / span.font->units_per_em()) * kFontSize / 1000.0;
    }
    x += pen;
    runs.push_back(std::move(run));
  }
  return x;
}

// A copy of `o` with every reference renumbered through `renumber`.
PdfObject remapped(const PdfObject& o, const std::function<PdfReference(const PdfReference&)>& renumber) {
  if (o.IsReference()) return PdfObject(renumber(o.GetReference()));
  if (o.IsArray()) {
    PdfArray a;
    for (const auto& item : o.GetArray()) a.push_back(remapped(item, renumber));
    return PdfObject(a);
  }
  if (o.IsDictionary()) {
    PdfDictionary d;
    for (const auto& [key, value] : o.GetDictionary().GetKeys()) d.AddKey(key, remapped(*value, renumber));
    return PdfObject(d);
  }
  return o;
}

}  // namespace

Stamp make_stamp(const text::FontChain& chain, const std::vector<std::string>& lines, pdf_objnum first_number) {
  text::ShapeCache cache;
  std::vector<std::vector<layout::GlyphRun>> shaped(lines.size());
  double widest = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) widest = std::max(widest, shape_line(chain, lines[i], cache, shaped[i]));
  Stamp stamp;
  stamp.width = std::ceil(widest + 2 * kPadding);
  stamp.height = std::ceil(kLeading * static_cast<double>(lines.size()) + 2 * kPadding);

  // The fonts and the form are made in a scratch document with the writer's
  // own font embedding, then copied out under new object numbers.
  PdfMemDocument scratch;
  GlyphUsage usage;
  for (const auto& line : shaped) {
    for (const auto& run : line) usage.add(run);
  }
  const auto fonts = embed_fonts(usage, scratch);
  std::string content = "q 0.75 0 0 RG 1 w 0.5 0.5 " + pdf_number(stamp.width - 1) + " " + pdf_number(stamp.height - 1) + " re S Q\n";
  for (std::size_t i = 0; i < shaped.size(); ++i) {
    const double baseline = stamp.height - kPadding - kLeading * static_cast<double>(i) - kFontSize;
    for (const auto& run : shaped[i]) {
      content += "BT /" + fonts.at(run.font).resource_name + " " + pdf_number(kFontSize) + " Tf 0.75 0 0 rg 1 0 0 1 " +
                 pdf_number(kPadding + run.x) + " " + pdf_number(baseline) + " Tm <";
      for (const auto& g : run.glyphs) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(g.glyph));
        content += hex;
      }
      content += "> Tj ET\n";
    }
  }
  PdfObject* form = scratch.GetObjects().CreateObject("XObject");
  PdfDictionary& d = form->GetDictionary();
  d.AddKey("Subtype", PdfName("Form"));
  PdfArray bbox;
  for (double v : {0.0, 0.0, stamp.width, stamp.height}) bbox.push_back(PdfObject(v));
  d.AddKey("BBox", bbox);
  PdfDictionary font_resources;
  for (const auto& [font, embedded] : fonts) font_resources.AddKey(embedded.resource_name, embedded.reference);
  PdfDictionary resources;
  resources.AddKey("Font", font_resources);
  d.AddKey("Resources", resources);
  form->GetStream()->Set(content.data(), static_cast<pdf_long>(content.size()));

  // Everything the form reaches, numbered in order of discovery.
  std::map<pdf_objnum, pdf_objnum> numbers;
  std::vector<const PdfObject*> order;
  pdf_objnum next = first_number;
  std::function<PdfReference(const PdfReference&)> renumber = [&](const PdfReference& r) {
    auto [it, inserted] = numbers.try_emplace(r.ObjectNumber(), next);
    if (inserted) {
      ++next;
      order.push_back(scratch.GetObjects().GetObject(r));
    }
    return PdfReference(it->second, 0);
  };
  stamp.form = renumber(form->Reference()).ObjectNumber();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const PdfObject* o = order[i];
    PdfObject copy = remapped(*o, renumber);
    std::string data;
    if (o->HasStream()) {
      const auto* mem = dynamic_cast<const PdfMemStream*>(o->GetStream());
      if (!mem) throw std::runtime_error("stamp: unexpected stream type");
      data.assign(mem->Get(), static_cast<std::size_t>(mem->GetLength()));
      copy.GetDictionary().AddKey("Length", PdfObject(static_cast<pdf_int64>(data.size())));
    }
    std::string text;
    copy.ToString(text, ePdfWriteMode_Compact);
    if (o->HasStream()) text += "\nstream\n" + data + "\nendstream";
    stamp.objects[numbers.at(o->Reference().ObjectNumber())] = text;
  }
  return stamp;
}

}  // namespace shiryo::pdf
