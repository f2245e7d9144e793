#include "pdf/writer.h"


#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include "pdf/digest.h"
#include "pdf/font_embedding.h"
#include "pdf/image_xobject.h"
#include "pdf/objects.h"
#include "pdf/pdfa.h"
#include "pdf/structure.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;


// A page's content stream built by appending to one string: pages hold
// thousands of numbers, and a temporary string for each would cost more than
// the formatting itself.
class ContentBuilder {
 public:
  ContentBuilder& operator<<(std::string_view text) {
    out_ += text;
    return *this;
  }
  ContentBuilder& operator<<(double v) {
    append_pdf_number(out_, v);
    out_ += ' ';
    return *this;
  }
  ContentBuilder& operator<<(const style::Color& c) { return *this << c.r << c.g << c.b; }
  void glyph(uint32_t g) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (int shift = 12; shift >= 0; shift -= 4) out_ += kHex[(g >> shift) & 0xF];
  }
  // The operand just written without its trailing space, for a TJ adjustment
  // between the two halves of a hex string.
  void drop_space() { out_.pop_back(); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

PdfString utf8_string(const std::string& text) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str()));
}

// With `marks` (a tagged PDF), fills and rules are drawn as artifacts, each
// image and each sequence of runs of one element as its marked content, in
// reading order.
std::string content_stream(const layout::Page& page, std::size_t page_index,
                           const std::map<const text::Font*, EmbeddedFont>& fonts, const ImageXObjects& images,
                           MarkedContent* marks) {
  ContentBuilder out;
  const double h = page.height;
  const auto open = [&](layout::Tag tag) {
    if (!marks) return false;
    const std::string op = marks->open(page_index, tag);
    out << op;
    return !op.empty();
  };
  const bool fills_marked = !page.fills.empty() && open(layout::kArtifact);
  for (const auto& f : page.fills) {
    out << "q " << f.color << "rg " << f.x << h - f.y - f.height << f.width << f.height << "re f Q\n";
  }
  if (fills_marked) out << "EMC\n";
  if (marks) {
    for (const auto& placed : page.images) {
      const bool marked = open(placed.tag);
      out << images.content(placed, h);
      if (marked) out << "EMC\n";
    }
  } else {
    out << images.content(page);
  }
  const bool rules_marked = !page.rules.empty() && open(layout::kArtifact);
  for (const auto& r : page.rules) {
    out << "q " << r.width << "w ";
    // A dotted rule: zero-length dashes with round caps draw round dots.
    if (r.dot_spacing > 0) {
      out << "1 J [0 " << r.dot_spacing;
      out.drop_space();
      out << "] 0 d ";
    } else {
      out << (r.round_caps ? "1 J " : "0 J ");
    }
    out << r.color << "RG " << r.x1 << h - r.y1 << "m " << r.x2 << h - r.y2 << "l S Q\n";
  }
  if (rules_marked) out << "EMC\n";
  std::vector<std::size_t> order;
  if (marks) {
    order = marks->run_order(page);
  } else {
    for (std::size_t i = 0; i < page.runs.size(); ++i) order.push_back(i);
  }
  // Runs of one element in a row share one marked-content sequence.
  bool marked = false;
  layout::Tag current = layout::kUntagged;
  for (std::size_t i : order) {
    const auto& run = page.runs[i];
    if (run.glyphs.empty()) continue;
    if (marks && (!marked || run.tag != current)) {
      if (marked) out << "EMC\n";
      current = run.tag;
      marked = open(current);
    }
    const EmbeddedFont& font = fonts.at(run.font);
    const double upem = run.font->units_per_em();
    out << "BT /" << font.resource_name << " " << run.size << "Tf " << run.color << "rg 1 0 0 1 "
        << run.x + run.glyphs.front().x << h - run.y << "Tm [<";
    // Glyphs advance by their /W widths; where layout placed one elsewhere
    // (justification, leaders) a TJ adjustment in thousandths of an em moves it.
    double pen = run.glyphs.front().x;
    for (const auto& g : run.glyphs) {
      const double shift = g.x - pen;
      if (std::abs(shift) > 0.0005) {
        out << "> " << -shift * 1000.0 / run.size << "<";
        pen = g.x;
      }
      out.glyph(g.glyph);
      pen += std::round(run.font->advance(g.glyph) * 1000.0 / upem) * run.size / 1000.0;
    }
    out << ">] TJ ET\n";
  }
  if (marked) out << "EMC\n";
  return out.take();
}

PdfArray rect_array(double x1, double y1, double x2, double y2) {
  PdfArray a;
  for (double v : {x1, y1, x2, y2}) a.push_back(PdfObject(std::round(v * 1000) / 1000));
  return a;
}

// The trailer's /ID, which PoDoFo derives from the Info dictionary alone,
// becomes a hash of the whole file, so packets that differ anywhere differ in ID.
void set_file_identifier(std::string& bytes) {
  const std::size_t id = bytes.rfind("/ID");
  if (id == std::string::npos) return;
  const auto digest = sha256(bytes);
  char hex[33];
  for (int i = 0; i < 16; ++i) std::snprintf(hex + 2 * i, 3, "%02X", digest[static_cast<std::size_t>(i)]);
  std::size_t at = id;
  for (int k = 0; k < 2; ++k) {
    const std::size_t open = bytes.find('<', at);
    const std::size_t close = bytes.find('>', open);
    if (open == std::string::npos || close == std::string::npos || close - open - 1 != 32) return;
    bytes.replace(open + 1, 32, hex);
    at = close + 1;
  }
}

// Pages for `sizes`, in order. PoDoFo's CreatePage and GetPage walk the
// page tree's kids from the first for every page they add or find, which
// over all pages grows with the square of their count: the pages are
// inserted at once under the root, whose /Kids then lists them in order.
std::vector<std::unique_ptr<PdfPage>> create_pages(PdfMemDocument& document, const std::vector<PdfRect>& sizes) {
  std::vector<std::unique_ptr<PdfPage>> pages;
  if (sizes.empty()) return pages;
  document.CreatePages(sizes);
  PdfObject* root = document.GetPagesTree()->GetObject();
  const PdfObject* kids = root->GetIndirectKey("Kids");
  if (!kids || !kids->IsArray() || kids->GetArray().size() != sizes.size()) {
    throw std::logic_error("PoDoFo did not put the new pages under the page tree's root");
  }
  const std::deque<PdfObject*> parents{root};
  for (const auto& kid : kids->GetArray()) {
    pages.push_back(std::make_unique<PdfPage>(document.GetObjects().GetObject(kid.GetReference()), parents));
  }
  return pages;
}

// Entries in order under `parent`, each with its own children.
void add_outline(const std::vector<std::unique_ptr<PdfPage>>& pages, PdfOutlineItem& parent,
                 const std::vector<layout::OutlineEntry>& entries) {
  PdfOutlineItem* previous = nullptr;
  for (const auto& entry : entries) {
    PdfDestination dest(pages.at(entry.page).get());
    previous = previous ? previous->CreateNext(utf8_string(entry.title), dest)
                        : parent.CreateChild(utf8_string(entry.title), dest);
    if (!entry.children.empty()) add_outline(pages, *previous, entry.children);
  }
}

// Pages' content streams, deflated a batch at a time on a second thread
// while the next batch is built (a thread per page would cost more than it
// saves); at most two batches are held.
void write_contents(const layout::LaidOutPacket& packet, const std::map<const text::Font*, EmbeddedFont>& fonts,
                    const ImageXObjects& images, const PdfDictionary& font_resources,
                    const std::vector<std::unique_ptr<PdfPage>>& pdf_pages, MarkedContent* marks) {
  constexpr std::size_t kBatch = 64;
  std::future<std::vector<std::string>> deflating;
  std::size_t deflating_from = 0;
  auto store = [&] {
    const std::vector<std::string> deflated = deflating.get();
    for (std::size_t j = 0; j < deflated.size(); ++j) {
      set_flate_stream(*pdf_pages[deflating_from + j]->GetContents(), deflated[j]);
    }
  };
  for (std::size_t from = 0; from < packet.pages.size(); from += kBatch) {
    std::vector<std::string> batch;
    for (std::size_t i = from; i < std::min(packet.pages.size(), from + kBatch); ++i) {
      batch.push_back(content_stream(packet.pages[i], i, fonts, images, marks));
      pdf_pages[i]->GetContents();
      pdf_pages[i]->GetResources()->GetDictionary().AddKey("Font", font_resources);
      images.add_resources(packet.pages[i], pdf_pages[i]->GetResources()->GetDictionary());
    }
    if (deflating.valid()) store();
    deflating = std::async(std::launch::async, [batch = std::move(batch)]() mutable {
      for (std::string& content : batch) content = flate(content);
      return std::move(batch);
    });
    deflating_from = from;
  }
  if (deflating.valid()) store();
}

}  // namespace

std::string write_pdf(const layout::LaidOutPacket& packet, const DocumentInfo& info) {
  PdfMemDocument document;
  document.SetPdfVersion(ePdfVersion_1_7);

  GlyphUsage usage;
  for (const auto& page : packet.pages) {
    for (const auto& run : page.runs) usage.add(run);
  }
  // Subset and deflated on a second thread while the pages are built.
  std::future<std::vector<FontFile>> subsets =
      std::async(std::launch::async, [&usage] { return font_files(usage); });
  std::vector<PdfObject*> font_file_objects;
  const auto fonts = embed_fonts(usage, document, font_file_objects);

  PdfDictionary font_resources;
  for (const auto& [font, embedded] : fonts) font_resources.AddKey(embedded.resource_name, embedded.reference);

  const ImageXObjects images(document, packet.pages);

  std::vector<PdfRect> sizes;
  for (const auto& page : packet.pages) sizes.emplace_back(0, 0, page.width, page.height);
  const auto pdf_pages = create_pages(document, sizes);
  std::optional<MarkedContent> marks;
  if (info.tagged) marks.emplace(packet.structure, packet.pages.size());
  write_contents(packet, fonts, images, font_resources, pdf_pages, marks ? &*marks : nullptr);
  set_font_files(font_file_objects, subsets.get());

  for (std::size_t i = 0; i < packet.pages.size(); ++i) {
    const layout::Page& page = packet.pages[i];
    if (page.links.empty()) continue;
    PdfArray annots;
    for (const auto& link : page.links) {
      const auto target = packet.anchors.find(link.anchor);
      if (link.uri.empty() && target == packet.anchors.end()) continue;
      PdfObject* annot = document.GetObjects().CreateObject("Annot");
      PdfDictionary& a = annot->GetDictionary();
      a.AddKey("Subtype", PdfName("Link"));
      a.AddKey("Rect", rect_array(link.x, page.height - link.y - link.height, link.x + link.width,
                                  page.height - link.y));
      PdfArray border;
      for (int k = 0; k < 3; ++k) border.push_back(PdfObject(static_cast<pdf_int64>(0)));
      a.AddKey("Border", border);
      // Print flag: PDF/A (6.3.2) wants every annotation printable.
      a.AddKey("F", PdfObject(static_cast<pdf_int64>(4)));
      if (marks) {
        // PDF/UA (7.18.5): each link is reached from its Link element and says where it goes.
        const long key = marks->annotation(i, link.tag, annot->Reference());
        if (key >= 0) a.AddKey("StructParent", PdfObject(static_cast<pdf_int64>(key)));
        const std::string& alt = marks->alt(link.tag);
        a.AddKey("Contents", utf8_string(alt.empty() ? (link.uri.empty() ? link.anchor : link.uri) : alt));
      }
      if (!link.uri.empty()) {
        PdfDictionary action;
        action.AddKey("S", PdfName("URI"));
        action.AddKey("URI", PdfString(link.uri));
        a.AddKey("A", action);
      } else {
        PdfArray dest;
        dest.push_back(pdf_pages.at(target->second)->GetObject()->Reference());
        dest.push_back(PdfName("Fit"));
        a.AddKey("Dest", dest);
      }
      annots.push_back(annot->Reference());
    }
    pdf_pages[i]->GetObject()->GetDictionary().AddKey("Annots", annots);
  }

  if (!packet.outline.empty()) add_outline(pdf_pages, *document.GetOutlines(), packet.outline);
  if (marks) marks->write(document, pdf_pages);

  PdfDictionary& catalog = document.GetCatalog()->GetDictionary();
  if (!packet.labels.empty()) {
    PdfArray nums;
    for (const auto& range : packet.labels) {
      PdfDictionary label;
      if (range.numbered) {
        label.AddKey("S", PdfName("D"));
        if (range.start != 1) label.AddKey("St", PdfObject(static_cast<pdf_int64>(range.start)));
      }
      if (!range.prefix.empty()) label.AddKey("P", utf8_string(range.prefix));
      nums.push_back(PdfObject(static_cast<pdf_int64>(range.first_page)));
      nums.push_back(label);
    }
    PdfDictionary labels;
    labels.AddKey("Nums", nums);
    catalog.AddKey("PageLabels", labels);
  }
  if (!packet.anchors.empty()) {
    // Named destinations by document id (a name tree, keys in byte order):
    // `packet.pdf#s1` opens 資料1, and `shiryo sign --visible s1` finds its page.
    PdfArray dests;
    for (const auto& [anchor, page_index] : packet.anchors) {
      PdfArray dest;
      dest.push_back(pdf_pages.at(page_index)->GetObject()->Reference());
      dest.push_back(PdfName("Fit"));
      dests.push_back(PdfString(anchor));
      dests.push_back(dest);
    }
    PdfDictionary tree;
    tree.AddKey("Names", dests);
    PdfDictionary names;
    names.AddKey("Dests", tree);
    catalog.AddKey("Names", names);
  }
  if (!info.language.empty()) catalog.AddKey("Lang", PdfString(info.language));
  PdfDictionary viewer;
  viewer.AddKey("DisplayDocTitle", PdfVariant(true));
  catalog.AddKey("ViewerPreferences", viewer);
  catalog.AddKey("PageMode", PdfName("UseOutlines"));

  // PoDoFo stamps the clock into Info when the document is created: replace
  // every entry with ours.
  PdfDictionary& meta = document.GetInfo()->GetObject()->GetDictionary();
  meta.Clear();
  meta.AddKey("Title", utf8_string(info.title));
  if (!info.author.empty()) meta.AddKey("Author", utf8_string(info.author));
  meta.AddKey("Creator", PdfString(info.creator));
  meta.AddKey("Producer", PdfString(info.creator));
  meta.AddKey("CreationDate", PdfString(info.date));
  meta.AddKey("ModDate", PdfString(info.date));
  if (info.pdfa != "none" || info.pdfua) add_pdfa_parts(document, info);

  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  document.Write(&device);
  std::string bytes(buffer.GetBuffer(), device.GetLength());
  set_file_identifier(bytes);
  return bytes;
}

}  // namespace shiryo::pdf
