#include "pdf/page_import.h"

#include <zlib.h>

#include <cmath>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pdf/objects.h"
#include "pdf/pdf_reader.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;
using image::ImageError;

// Limits on what one imported page may bring along.
constexpr std::size_t kMaxTreeDepth = 64;         // page tree levels
constexpr std::size_t kMaxPages = 100'000;        // page tree leaves walked
constexpr std::size_t kMaxObjects = 50'000;       // indirect objects copied
constexpr std::size_t kMaxBytes = 256u << 20;     // stream bytes copied, as stored
constexpr std::size_t kMaxContent = 64u << 20;    // content stream bytes, decoded
constexpr int kMaxNesting = 32;                   // arrays and dictionaries inside one object
constexpr double kMaxCoordinate = 1e6;            // points; PDF's own limit on a page is 14400 units
constexpr double kLeastSide = 1;                  // points

// A PDF loaded from hostile bytes; PoDoFo's errors become ImageErrors.
struct SourcePdf {
  std::unique_ptr<PdfMemDocument> document;
  std::string bytes;
};

SourcePdf load(std::string_view bytes) {
  SourcePdf pdf;
  pdf.bytes = std::string(bytes);
  const std::string broken = structural_problem(pdf.bytes);
  if (!broken.empty()) throw ImageError("the PDF is damaged: " + broken);
  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
  pdf.document = std::make_unique<PdfMemDocument>();
  try {
    pdf.document->LoadFromBuffer(pdf.bytes.data(), static_cast<long>(pdf.bytes.size()));
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword) throw ImageError("the PDF is encrypted; save it without a password first");
    throw ImageError(std::string("the PDF is damaged (") + PdfError::ErrorName(e.GetError()) + ")");
  }
  if (pdf.document->GetEncrypted() || pdf.document->GetTrailer()->GetDictionary().HasKey("Encrypt"))
    throw ImageError("the PDF is encrypted; save it without a password first");
  return pdf;
}

// A number from the file, or an error when it is not one or not finite.
double number(const PdfObject* o, const char* what) {
  if (!o || (!o->IsNumber() && !o->IsReal())) throw ImageError(std::string("the PDF's ") + what + " is not a number");
  const double v = o->IsNumber() ? static_cast<double>(o->GetNumber()) : o->GetReal();
  if (!std::isfinite(v) || std::fabs(v) > kMaxCoordinate)
    throw ImageError(std::string("the PDF's ") + what + " is out of range");
  return v;
}

// The page as the page tree gives it, with the attributes it inherits.
struct PageEntry {
  const PdfObject* page = nullptr;
  const PdfObject* resources = nullptr;
  const PdfObject* media_box = nullptr;
  const PdfObject* crop_box = nullptr;
  const PdfObject* rotate = nullptr;
  std::size_t count = 0;  // the pages there are, when `page` is not found
};

// Walks the page tree to page `index` (from 0), depth first, iteratively,
// each node once, and at most kMaxTreeDepth deep.
PageEntry find_page(const PdfMemDocument& doc, long index) {
  const PdfVecObjects& objects = doc.GetObjects();
  const PdfObject* root = dict_key(objects, doc.GetCatalog(), "Pages");
  if (!root || !root->IsDictionary()) throw ImageError("the PDF is damaged (it has no page tree)");
  struct Node {
    const PdfObject* node;
    std::size_t depth;
    PageEntry inherited;
  };
  std::vector<Node> pending{{root, 0, {}}};
  std::set<const PdfObject*> seen;
  std::size_t leaves = 0;
  while (!pending.empty()) {
    Node n = pending.back();
    pending.pop_back();
    if (!n.node || !n.node->IsDictionary() || !seen.insert(n.node).second) continue;
    if (n.depth > kMaxTreeDepth) throw ImageError("the PDF is damaged (its page tree is nested too deeply)");
    PageEntry e = n.inherited;
    if (const auto* r = dict_key(objects, n.node, "Resources")) e.resources = r;
    if (const auto* m = dict_key(objects, n.node, "MediaBox")) e.media_box = m;
    if (const auto* c = dict_key(objects, n.node, "CropBox")) e.crop_box = c;
    if (const auto* r = dict_key(objects, n.node, "Rotate")) e.rotate = r;
    const PdfObject* kids = dict_key(objects, n.node, "Kids");
    if (!kids) {
      if (static_cast<long>(leaves) == index) {
        e.page = n.node;
        return e;
      }
      if (++leaves > kMaxPages) throw ImageError("the PDF has more than 100,000 pages");
      continue;
    }
    if (!kids->IsArray()) throw ImageError("the PDF is damaged (a /Kids entry is not an array)");
    const PdfArray& a = kids->GetArray();
    for (auto it = a.rbegin(); it != a.rend(); ++it) pending.push_back({resolve(objects, &*it), n.depth + 1, e});
  }
  PageEntry none;
  none.count = leaves;
  return none;
}

// A rectangle [l b r t] with every number checked, normalised so l < r, b < t.
std::array<double, 4> rectangle(const PdfVecObjects& objects, const PdfObject* o, const char* what) {
  if (!o || !o->IsArray() || o->GetArray().size() != 4)
    throw ImageError(std::string("the page's ") + what + " is not a rectangle of four numbers");
  double v[4];
  for (std::size_t i = 0; i < 4; ++i) v[i] = number(resolve(objects, &o->GetArray()[i]), what);
  return {std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3])};
}

// The content stream's bytes decoded, unfiltered or FlateDecode only, never
// more than `limit` bytes (a stream that inflates to gigabytes is refused
// while it inflates, not after).
std::string content_bytes(const PdfVecObjects& objects, const PdfObject& stream, std::size_t limit) {
  const std::string raw = stream_bytes(*stream.GetStream(), false);
  const PdfObject* filter = dict_key(objects, &stream, "Filter");
  if (filter && filter->IsArray() && filter->GetArray().size() == 1) filter = resolve(objects, &filter->GetArray()[0]);
  if (filter && filter->IsArray() && filter->GetArray().empty()) filter = nullptr;
  if (!filter) {
    if (raw.size() > limit) throw ImageError("the page's content is larger than 64 MB");
    return raw;
  }
  if (!filter->IsName() || filter->GetName().GetName() != "FlateDecode" || dict_key(objects, &stream, "DecodeParms"))
    throw ImageError("the page's content uses a filter other than FlateDecode, which is not read here");
  z_stream z{};
  if (inflateInit(&z) != Z_OK) throw std::runtime_error("zlib: inflateInit failed");
  const std::unique_ptr<z_stream, int (*)(z_stream*)> end(&z, inflateEnd);
  std::string out;
  char buffer[65536];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  z.avail_in = static_cast<uInt>(raw.size());
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int status = inflate(&z, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
      throw ImageError("the page's content stream is damaged (it does not inflate)");
    out.append(buffer, sizeof buffer - z.avail_out);
    if (out.size() > limit) throw ImageError("the page's content is larger than 64 MB");
    if (status == Z_STREAM_END || (status == Z_BUF_ERROR && z.avail_in == 0)) break;
  }
  return out;
}

// The page's content: its stream or its array of streams joined.
std::string page_content(const PdfVecObjects& objects, const PdfObject* page) {
  const PdfObject* contents = dict_key(objects, page, "Contents");
  std::vector<const PdfObject*> streams;
  if (contents && contents->IsArray()) {
    for (const auto& c : contents->GetArray()) streams.push_back(resolve(objects, &c));
  } else if (contents) {
    streams.push_back(contents);
  }
  std::string out;
  for (const PdfObject* s : streams) {
    if (!s || !s->HasStream()) throw ImageError("the page's /Contents is not a content stream");
    out += content_bytes(objects, *s, kMaxContent - std::min(out.size(), kMaxContent));
    out += '\n';
  }
  return out;
}

bool name_is(const PdfObject* o, const char* name) { return o && o->IsName() && o->GetName().GetName() == name; }

constexpr const char* kCmykRefused =
    "the page paints in DeviceCMYK, which PDF/A under the packet's sRGB output intent cannot hold; export it in RGB";

// Colour operators that paint in DeviceCMYK: `k`, `K`, `/DeviceCMYK cs`
// and an inline image whose /CS is DeviceCMYK (or its short name CMYK).
// Inline image data is skipped.
void check_operators(const std::string& content) {
  PdfContentsTokenizer tokens(content.data(), static_cast<long>(content.size()));
  EPdfContentsType type;
  const char* keyword = nullptr;
  PdfVariant operand;
  bool inline_data = false, inline_dictionary = false;
  std::string last_name;
  try {
    while (tokens.ReadNext(type, keyword, operand)) {
      if (type == ePdfContentsType_Variant) {
        if (!operand.IsName()) continue;
        const std::string& n = operand.GetName().GetName();
        if (inline_dictionary && (last_name == "CS" || last_name == "ColorSpace") && (n == "DeviceCMYK" || n == "CMYK"))
          throw ImageError(kCmykRefused);
        last_name = n;
        continue;
      }
      if (type != ePdfContentsType_Keyword) continue;
      const std::string_view op(keyword);
      if (inline_data) {
        inline_data = op != "EI";
        continue;
      }
      if (op == "BI") inline_dictionary = true;
      if (op == "ID") {
        inline_data = true;
        inline_dictionary = false;
      }
      if (op == "k" || op == "K" || ((op == "cs" || op == "CS") && last_name == "DeviceCMYK")) throw ImageError(kCmykRefused);
      last_name.clear();
    }
  } catch (const PdfError&) {
    throw ImageError("the page's content stream cannot be parsed");
  }
}

const char* const kBlendModes[] = {"Normal",    "Compatible", "Multiply",   "Screen",     "Overlay",
                                   "Darken",    "Lighten",    "ColorDodge", "ColorBurn",  "HardLight",
                                   "SoftLight", "Difference", "Exclusion",  "Hue",        "Saturation",
                                   "Color",     "Luminosity"};
const char* const kFilters[] = {"FlateDecode",    "DCTDecode",   "ASCIIHexDecode", "ASCII85Decode", "RunLengthDecode",
                                "CCITTFaxDecode", "JBIG2Decode", "JPXDecode",      "AHx",           "A85",
                                "Fl",             "RL",          "CCF",            "DCT"};

template <std::size_t N>
bool listed(const char* const (&list)[N], const std::string& name) {
  for (const char* l : list)
    if (name == l) return true;
  return false;
}

std::string font_name(const PdfVecObjects& objects, const PdfObject* font) {
  const PdfObject* base = dict_key(objects, font, "BaseFont");
  return base && base->IsName() ? base->GetName().GetName() : "(unnamed)";
}

// Whether a simple font's codes map to Unicode without a /ToUnicode map
// (ISO 19005-2, 6.2.11.7.2): its /Encoding is WinAnsi, MacRoman or
// MacExpert, by name or as the base of an encoding dictionary without
// /Differences. A /Differences array's glyph names may also be standard
// ones, but are not looked up here: such a font is refused.
bool standard_encoding(const PdfVecObjects& objects, const PdfObject* font) {
  const PdfObject* encoding = dict_key(objects, font, "Encoding");
  if (encoding && encoding->IsDictionary()) {
    if (dict_key(objects, encoding, "Differences")) return false;
    encoding = dict_key(objects, encoding, "BaseEncoding");
  }
  return name_is(encoding, "WinAnsiEncoding") || name_is(encoding, "MacRomanEncoding") ||
         name_is(encoding, "MacExpertEncoding");
}

// What PDF/A-3 (ISO 19005-3, clauses of 19005-2) forbids in one dictionary
// of the imported page, or what this import cannot keep valid.
void check_dictionary(const PdfVecObjects& objects, const PdfObject* o) {
  const PdfDictionary& d = o->GetDictionary();
  const PdfObject* type = dict_key(objects, o, "Type");
  const PdfObject* subtype = dict_key(objects, o, "Subtype");
  if (name_is(type, "Font") || (subtype && dict_key(objects, o, "BaseFont"))) {
    const std::string kind = subtype && subtype->IsName() ? subtype->GetName().GetName() : "";
    if (kind != "Type0" && kind != "Type3") {
      const PdfObject* descriptor = dict_key(objects, o, "FontDescriptor");
      if (!descriptor || !descriptor->IsDictionary() ||
          !(dict_key(objects, descriptor, "FontFile") || dict_key(objects, descriptor, "FontFile2") ||
            dict_key(objects, descriptor, "FontFile3")))
        throw ImageError("it uses the font " + font_name(objects, o) +
                         " without embedding it; PDF/A needs every font embedded (6.2.11.4): export the PDF with its fonts embedded");
    }
    if (kind == "Type0") {
      if (!d.HasKey("ToUnicode"))
        throw ImageError("its font " + font_name(objects, o) +
                         " has no /ToUnicode map, so its text could not be searched or copied (PDF/A-3u, 6.2.11.7)");
    } else if (kind.compare(0, 7, "CIDFont") != 0 && !d.HasKey("ToUnicode") && !standard_encoding(objects, o)) {
      // A simple font (a CIDFont's map is its Type0 parent's).
      throw ImageError("its font " + font_name(objects, o) +
                       " has no /ToUnicode map and no standard encoding (WinAnsi, MacRoman, MacExpert) that says which "
                       "characters its codes are, so its text could not be searched or copied (PDF/A-3u, 6.2.11.7.2); "
                       "export the PDF with Unicode maps for its fonts");
    }
    if (kind == "Type3") {
      // Its glyphs are content streams: they must not paint in DeviceCMYK either.
      if (const PdfObject* procs = dict_key(objects, o, "CharProcs"); procs && procs->IsDictionary()) {
        for (const auto& entry : procs->GetDictionary().GetKeys()) {
          const PdfObject* glyph = resolve(objects, entry.second);
          if (glyph && glyph->HasStream()) check_operators(content_bytes(objects, *glyph, kMaxContent));
        }
      }
    }
  }
  if (name_is(subtype, "PS") || d.HasKey("OPI") || (name_is(subtype, "Form") && d.HasKey("Ref")))
    throw ImageError("it holds PostScript, OPI or a reference XObject, which PDF/A forbids (6.2.9)");
  if (d.HasKey("OC") || name_is(type, "OCG") || name_is(type, "OCMD"))
    throw ImageError("it uses optional content (layers), which is not kept when a page is imported");
  if (d.HasKey("Alternates")) throw ImageError("an image of it has /Alternates, which PDF/A forbids (6.2.8)");
  if (d.HasKey("TR") || d.HasKey("HTP") || d.HasKey("HTO") ||
      (d.HasKey("TR2") && !name_is(dict_key(objects, o, "TR2"), "Default")) || (d.HasKey("HalftoneType") && d.HasKey("TransferFunction")))
    throw ImageError("it uses a transfer function or a halftone, which PDF/A forbids (6.2.5)");
  if (const PdfObject* bm = dict_key(objects, o, "BM")) {
    const PdfObject* mode = bm->IsArray() && !bm->GetArray().empty() ? resolve(objects, &bm->GetArray()[0]) : bm;
    if (!mode || !mode->IsName() || !listed(kBlendModes, mode->GetName().GetName()))
      throw ImageError("it uses a blend mode that PDF/A does not allow (6.2.10.4)");
  }
  if (name_is(type, "Action") || d.HasKey("JS") || d.HasKey("AA"))
    throw ImageError("it holds actions or JavaScript, which PDF/A forbids (6.5)");
  if (o->HasStream() && (d.HasKey("F") || d.HasKey("FFilter") || d.HasKey("FDecodeParms")))
    throw ImageError("a stream of it refers to an external file, which PDF/A forbids (6.1.7)");
  if (const PdfObject* filter = dict_key(objects, o, "Filter"); filter && o->HasStream()) {
    std::vector<const PdfObject*> names;
    if (filter->IsArray()) {
      for (const auto& f : filter->GetArray()) names.push_back(resolve(objects, &f));
    } else {
      names.push_back(filter);
    }
    for (const PdfObject* n : names) {
      if (!n || !n->IsName() || !listed(kFilters, n->GetName().GetName()))
        throw ImageError("a stream of it uses a filter that PDF/A forbids or that is unknown (LZW, Crypt; 6.1.7)");
    }
  }
}

// The keys a copy leaves out: links back into the source document's page
// tree and structure tree, and the stream length PoDoFo writes anew.
bool dropped_key(const PdfName& key) {
  const std::string& k = key.GetName();
  return k == "Parent" || k == "StructParent" || k == "StructParents" || k == "Length" || k == "DL";
}

// The indirect objects the page's resources reach, in a fixed order (first
// reached first), checked: each dictionary for what PDF/A forbids, each
// form and tiling pattern's content for DeviceCMYK. Breadth first with an
// explicit queue; nesting inside an object is limited to kMaxNesting.
class Graph {
 public:
  Graph(const PdfVecObjects& objects) : objects_(objects) {}

  void add_root(const PdfObject& o) { scan(o, 0); }

  void walk() {
    while (!queue_.empty()) {
      const PdfReference ref = queue_.front();
      queue_.pop_front();
      const PdfObject* o = objects_.GetObject(ref);
      if (!o) continue;  // a dangling reference reads as null
      order_.push_back(ref);
      if (o->HasStream()) {
        const PdfStream* s = o->GetStream();
        const pdf_long length = s->GetLength();
        if (length < 0 || static_cast<std::size_t>(length) > kMaxBytes - bytes_)
          throw ImageError("the page brings along more than 256 MB of streams");
        bytes_ += static_cast<std::size_t>(length);
        const PdfObject* subtype = dict_key(objects_, o, "Subtype");
        const PdfObject* pattern = dict_key(objects_, o, "PatternType");
        if (name_is(subtype, "Form") || (pattern && pattern->IsNumber() && pattern->GetNumber() == 1)) {
          check_operators(content_bytes(objects_, *o, kMaxContent));
        }
      }
      scan(*o, 0);
    }
  }

  const std::vector<PdfReference>& order() const { return order_; }

 private:
  void scan(const PdfObject& o, int depth) {
    if (depth > kMaxNesting) throw ImageError("the PDF is damaged (an object is nested too deeply)");
    if (o.IsReference()) {
      const PdfReference& r = o.GetReference();
      if (!seen_.insert(r).second) return;
      const PdfObject* target = objects_.GetObject(r);
      if (target && target->IsDictionary()) {
        const PdfObject* type = dict_key(objects_, target, "Type");
        if (name_is(type, "Page") || name_is(type, "Pages") || name_is(type, "Catalog"))
          throw ImageError("the page's resources refer to the document's pages or catalog, which a figure cannot bring along");
      }
      if (seen_.size() > kMaxObjects) throw ImageError("the page brings along more than 50,000 objects");
      queue_.push_back(r);
    } else if (o.IsArray()) {
      const PdfArray& a = o.GetArray();
      // [/Separation name alternate tint] and [/DeviceN names alternate tint …].
      if (a.size() >= 4 && (name_is(&a[0], "Separation") || name_is(&a[0], "DeviceN")) &&
          name_is(resolve(objects_, &a[2]), "DeviceCMYK"))
        throw ImageError("it uses a spot colour (" + a[0].GetName().GetName() +
                         ") whose alternate colour space is DeviceCMYK, which PDF/A under the packet's sRGB output intent "
                         "cannot hold (6.2.4.4); export it in RGB");
      for (const auto& item : a) scan(item, depth + 1);
    } else if (o.IsDictionary()) {
      check_dictionary(objects_, &o);
      for (const auto& [key, value] : o.GetDictionary().GetKeys()) {
        if (!dropped_key(key)) scan(*value, depth + 1);
      }
    } else if (o.IsName() && o.GetName().GetName() == "DeviceCMYK") {
      throw ImageError("the page uses DeviceCMYK colours, which PDF/A under the packet's sRGB output intent cannot hold; "
                       "export it in RGB");
    }
  }

  const PdfVecObjects& objects_;
  std::set<PdfReference> seen_;
  std::deque<PdfReference> queue_;
  std::vector<PdfReference> order_;
  std::size_t bytes_ = 0;
};

// One page, found and checked: its box, rotation, content and resources.
struct CheckedPage {
  std::array<double, 4> box{};
  int rotate = 0;
  std::string content;
  const PdfObject* resources = nullptr;
  const PdfObject* group = nullptr;
  std::vector<PdfReference> objects;  // what the resources reach, in order
};

CheckedPage check_page(const PdfMemDocument& doc, long number) {
  try {
    const PdfVecObjects& objects = doc.GetObjects();
    const PageEntry e = find_page(doc, number - 1);
    if (!e.page)
      throw ImageError("it has " + std::to_string(e.count) + (e.count == 1 ? " page" : " pages") + ", no page " +
                       std::to_string(number));
    CheckedPage p;
    const auto media = rectangle(objects, e.media_box, "/MediaBox");
    p.box = e.crop_box ? rectangle(objects, e.crop_box, "/CropBox") : media;
    // The crop box is clipped to the media box (ISO 32000-1, 14.11.2).
    p.box = {std::max(p.box[0], media[0]), std::max(p.box[1], media[1]), std::min(p.box[2], media[2]),
             std::min(p.box[3], media[3])};
    if (!(p.box[2] - p.box[0] >= kLeastSide) || !(p.box[3] - p.box[1] >= kLeastSide))
      throw ImageError("the page's crop box is empty");
    if (e.rotate) {
      if (!e.rotate->IsNumber() || e.rotate->GetNumber() % 90 != 0 || std::llabs(e.rotate->GetNumber()) > 3600)
        throw ImageError("the page's /Rotate is not a multiple of 90");
      p.rotate = static_cast<int>(((e.rotate->GetNumber() % 360) + 360) % 360);
    }
    p.content = page_content(objects, e.page);
    check_operators(p.content);
    Graph graph(objects);
    if (e.resources) {
      if (!e.resources->IsDictionary()) throw ImageError("the page's /Resources is not a dictionary");
      p.resources = e.resources;
      graph.add_root(*e.resources);
    }
    if (const PdfObject* group = dict_key(objects, e.page, "Group")) {
      if (!group->IsDictionary()) throw ImageError("the page's /Group is not a dictionary");
      p.group = group;
      graph.add_root(*group);
    }
    graph.walk();
    p.objects = graph.order();
    return p;
  } catch (const PdfError& e) {
    throw ImageError(std::string("the PDF is damaged (") + PdfError::ErrorName(e.GetError()) + ")");
  }
}

// Copies objects from one document into another, references renumbered.
class Copier {
 public:
  Copier(const PdfVecObjects& from, PdfMemDocument& to, const std::vector<PdfReference>& order)
      : from_(from), to_(to) {
    // Every target object exists before any is filled, in the checked order.
    for (const PdfReference& r : order) refs_.emplace(r, to_.GetObjects().CreateObject()->Reference());
  }

  void copy_all(const std::vector<PdfReference>& order) {
    for (const PdfReference& r : order) {
      const PdfObject* src = from_.GetObject(r);
      PdfObject* dst = to_.GetObjects().GetObject(refs_.at(r));
      // Through PdfVariant: PdfObject's own assignment would take the source's object number too.
      static_cast<PdfVariant&>(*dst) = static_cast<const PdfVariant&>(value(*src, 0));
      if (src->HasStream()) {
        const std::string raw = stream_bytes(*src->GetStream(), false);
        PdfDictionary keys = dst->GetDictionary();
        dst->GetStream()->Set(raw.data(), static_cast<pdf_long>(raw.size()), TVecFilters());
        // Set() drops /Filter for the empty filter list; the data stay encoded as they were.
        for (const auto& [key, v] : keys.GetKeys()) dst->GetDictionary().AddKey(key, *v);
      }
    }
  }

  // `o` with its references mapped to the copies; depth as checked.
  PdfObject value(const PdfObject& o, int depth) const {
    if (depth > kMaxNesting) throw ImageError("the PDF is damaged (an object is nested too deeply)");
    if (o.IsReference()) {
      const auto it = refs_.find(o.GetReference());
      return it == refs_.end() ? PdfObject(PdfVariant()) : PdfObject(it->second);
    }
    if (o.IsArray()) {
      PdfArray a;
      for (const auto& item : o.GetArray()) a.push_back(value(item, depth + 1));
      return PdfObject(a);
    }
    if (o.IsDictionary()) {
      PdfDictionary d;
      for (const auto& [key, v] : o.GetDictionary().GetKeys()) {
        if (dropped_key(key)) continue;
        // PDF/A: an image is never interpolated (6.2.8).
        if (key.GetName() == "Interpolate") {
          d.AddKey(key, PdfVariant(false));
          continue;
        }
        d.AddKey(key, value(*v, depth + 1));
      }
      return PdfObject(d);
    }
    return PdfObject(static_cast<const PdfVariant&>(o));
  }

 private:
  const PdfVecObjects& from_;
  PdfMemDocument& to_;
  std::map<PdfReference, PdfReference> refs_;
};

}  // namespace

image::Image read_pdf_page(std::string_view bytes, long number) {
  const SourcePdf pdf = load(bytes);
  const CheckedPage p = check_page(*pdf.document, number);
  image::Image img;
  img.kind = image::Image::Kind::pdf;
  img.data = pdf.bytes;
  img.page = number - 1;
  std::copy(p.box.begin(), p.box.end(), img.box);
  static constexpr int kOrientation[] = {1, 6, 3, 8};  // /Rotate 0, 90, 180, 270
  img.orientation = kOrientation[p.rotate / 90];
  img.width = static_cast<int>(std::ceil(p.box[2] - p.box[0]));
  img.height = static_cast<int>(std::ceil(p.box[3] - p.box[1]));
  return img;
}

PdfReference import_pdf_page(PdfMemDocument& document, const image::Image& page) {
  const SourcePdf pdf = load(page.data);
  const CheckedPage p = check_page(*pdf.document, page.page + 1);
  try {
    Copier copier(pdf.document->GetObjects(), document, p.objects);
    copier.copy_all(p.objects);
    PdfObject* form = document.GetObjects().CreateObject("XObject");
    set_flate_stream(*form, flate(p.content));
    PdfDictionary& d = form->GetDictionary();
    d.AddKey("Subtype", PdfName("Form"));
    PdfArray bbox;
    for (double v : p.box) bbox.push_back(PdfObject(v));
    d.AddKey("BBox", bbox);
    d.AddKey("Resources", p.resources ? copier.value(*p.resources, 0) : PdfObject(PdfDictionary()));
    if (p.group) d.AddKey("Group", copier.value(*p.group, 0));
    return form->Reference();
  } catch (const PdfError& e) {
    throw ImageError(std::string("the PDF is damaged (") + PdfError::ErrorName(e.GetError()) + ")");
  }
}

}  // namespace shiryo::pdf
