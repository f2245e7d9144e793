// tagged_check PDF [--text]: checks the machine-checkable conditions of
// PDF/UA-1 (the Matterhorn Protocol's) on a PDF as read back through
// PoDoFo, independently of the structures shiryo wrote it from. It prints
// one count per line, `name count`, each 0 for a conforming file:
//
//   untagged             painting operators (text, paths, images) in no
//                        marked content of an element or an artifact
//   unreachable_mcids    marked content whose MCID no structure element names
//   missing_mcids        MCIDs the tree names that no page's content has
//   th_without_scope     TH elements with no /Scope attribute
//   skipped_headings     headings more than one level below the one before
//   links_without_alt    Link annotations without /Contents or /StructParent,
//                        Link elements without the /OBJR of an annotation
//   figures_without_alt  Figure elements without /Alt or /ActualText
//   images_outside_figures  image and form XObjects drawn as content (not
//                        as an artifact) outside a Figure's marked content
//   missing_lang         1 when the catalog has no /Lang
//   not_marked           1 when the catalog's /MarkInfo does not say /Marked true
//
// With --text it also prints, for each page, the text of its artifacts and
// of its structure elements' marked content in the tree's order, each on
// one line (`artifacts N TEXT`, `tree N TEXT`), decoded through the fonts'
// /ToUnicode maps, and each table cell in the tree's order with the pages
// its content is on (`cell TD 3,4,5 TEXT`, a TH with its scope:
// `cell TH:Row 3 TEXT`); the tests compare them with
// pdftotext and with the cells of the packet.
#include <podofo/podofo.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace PoDoFo;

constexpr int kMaxDepth = 256;       // structure nesting deeper than this is refused
constexpr std::size_t kMaxKids = 1u << 22;

const PdfObject* resolve(PdfVecObjects& objects, const PdfObject* o) {
  for (int i = 0; o && o->IsReference() && i < 32; ++i) o = objects.GetObject(o->GetReference());
  return o && o->IsReference() ? nullptr : o;
}

const PdfObject* key(PdfVecObjects& objects, const PdfObject* dict, const char* name) {
  dict = resolve(objects, dict);
  if (!dict || !dict->IsDictionary()) return nullptr;
  return resolve(objects, dict->GetDictionary().GetKey(name));
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// UTF-16BE hex digits → UTF-8.
std::string utf16_hex(const std::string& hex) {
  std::vector<uint32_t> units;
  for (std::size_t i = 0; i + 4 <= hex.size(); i += 4) units.push_back(static_cast<uint32_t>(std::stoul(hex.substr(i, 4), nullptr, 16)));
  std::string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    uint32_t u = units[i];
    if (u >= 0xD800 && u < 0xDC00 && i + 1 < units.size()) {
      u = 0x10000 + ((u - 0xD800) << 10) + (units[++i] - 0xDC00);
    }
    append_utf8(out, u);
  }
  return out;
}

// A font's code → text from its /ToUnicode CMap (bfchar and bfrange).
struct FontMap {
  int bytes = 1;
  std::map<uint32_t, std::string> text;
};

FontMap read_font(PdfVecObjects& objects, const PdfObject* font) {
  FontMap map;
  const PdfObject* subtype = key(objects, font, "Subtype");
  if (subtype && subtype->IsName() && subtype->GetName().GetName() == "Type0") map.bytes = 2;
  const PdfObject* cmap = key(objects, font, "ToUnicode");
  if (!cmap || !cmap->HasStream()) return map;
  char* buffer = nullptr;
  pdf_long length = 0;
  cmap->GetStream()->GetFilteredCopy(&buffer, &length);
  const std::string text(buffer, static_cast<std::size_t>(length));
  podofo_free(buffer);
  // Tokens: hex strings and keywords, enough for the CMaps writers make.
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '<') {
      const std::size_t end = text.find('>', i);
      if (end == std::string::npos) break;
      tokens.push_back("<" + text.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '[' || c == ']') {
      tokens.emplace_back(1, c);
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else {
      std::size_t end = i;
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '<' &&
             text[end] != '[' && text[end] != ']')
        ++end;
      tokens.push_back(text.substr(i, end - i));
      i = end;
    }
  }
  const auto code = [](const std::string& t) { return static_cast<uint32_t>(std::stoul(t.substr(1), nullptr, 16)); };
  const auto is_hex = [](const std::string& t) { return !t.empty() && t[0] == '<'; };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] == "beginbfchar") {
      for (++i; i + 1 < tokens.size() && is_hex(tokens[i]) && is_hex(tokens[i + 1]); i += 2)
        map.text[code(tokens[i])] = utf16_hex(tokens[i + 1].substr(1));
    } else if (tokens[i] == "beginbfrange") {
      for (++i; i + 2 < tokens.size() && is_hex(tokens[i]) && is_hex(tokens[i + 1]); i += 3) {
        const uint32_t lo = code(tokens[i]), hi = code(tokens[i + 1]);
        if (hi < lo || hi - lo > 65535) continue;
        if (tokens[i + 2] == "[") {
          std::size_t j = i + 3;
          for (uint32_t c = lo; c <= hi && j < tokens.size() && is_hex(tokens[j]); ++c, ++j)
            map.text[c] = utf16_hex(tokens[j].substr(1));
          i = j - 2;  // the loop's += 3 steps past the ]
          continue;
        }
        const std::string base = tokens[i + 2].substr(1);
        if (base.size() < 4) continue;
        const uint32_t last = static_cast<uint32_t>(std::stoul(base.substr(base.size() - 4), nullptr, 16));
        for (uint32_t c = lo; c <= hi; ++c) {
          char hex[5];
          std::snprintf(hex, sizeof hex, "%04X", (last + (c - lo)) & 0xFFFF);
          map.text[c] = utf16_hex(base.substr(0, base.size() - 4) + hex);
        }
      }
    }
  }
  return map;
}

std::string decode(const FontMap& font, const PdfString& s) {
  const std::string bytes(s.GetString(), s.GetLength());
  std::string out;
  for (std::size_t i = 0; i + static_cast<std::size_t>(font.bytes) <= bytes.size(); i += static_cast<std::size_t>(font.bytes)) {
    uint32_t c = 0;
    for (int b = 0; b < font.bytes; ++b) c = (c << 8) | static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(b)]);
    const auto found = font.text.find(c);
    if (found != font.text.end()) out += found->second;
  }
  return out;
}

struct Counts {
  long untagged = 0, unreachable_mcids = 0, missing_mcids = 0, th_without_scope = 0, skipped_headings = 0,
       links_without_alt = 0, figures_without_alt = 0, images_outside_figures = 0, missing_lang = 0, not_marked = 0;
};

struct PageContent {
  std::map<long, std::string> mcid_text;  // MCID → its text
  std::string artifacts;                  // the artifacts' text in stream order
  std::vector<long> drawn_mcids;          // the MCID each XObject drawn as content is in
};

bool is_painting(const std::string& op) {
  static const std::set<std::string> ops = {"TJ", "Tj", "'", "\"", "Do", "f", "F", "f*", "B", "B*",
                                            "b", "b*", "S", "s", "sh", "BI"};
  return ops.count(op) > 0;
}

PageContent read_page(PdfMemDocument& doc, PdfPage& page, Counts& counts) {
  PdfVecObjects& objects = doc.GetObjects();
  PageContent out;
  std::map<std::string, FontMap> fonts;
  const PdfObject* resources = page.GetResources();
  const PdfObject* font_dict = key(objects, resources, "Font");
  const PdfObject* xobject_dict = key(objects, resources, "XObject");
  // Marked content open: -1 another tag, -2 an artifact, else an MCID.
  std::vector<long> marks;
  const FontMap* font = nullptr;
  std::vector<PdfVariant> operands;
  PdfContentsTokenizer tokenizer(&page);
  EPdfContentsType type;
  const char* keyword = nullptr;
  PdfVariant var;
  while (tokenizer.ReadNext(type, keyword, var)) {
    if (type == ePdfContentsType_Variant) {
      operands.push_back(var);
      continue;
    }
    if (type != ePdfContentsType_Keyword) continue;
    const std::string op = keyword;
    if (op == "BMC" || op == "BDC") {
      long mark = -1;
      if (!operands.empty()) {
        const PdfVariant& tag = operands.front();
        if (tag.IsName() && tag.GetName().GetName() == "Artifact") {
          mark = -2;
        } else if (op == "BDC" && operands.size() >= 2 && operands[1].IsDictionary()) {
          const PdfObject* mcid = operands[1].GetDictionary().GetKey("MCID");
          if (mcid && mcid->IsNumber()) mark = static_cast<long>(mcid->GetNumber());
        }
      }
      marks.push_back(mark);
    } else if (op == "EMC") {
      if (!marks.empty()) marks.pop_back();
    } else if (op == "Tf" && !operands.empty() && operands.front().IsName()) {
      const std::string name = operands.front().GetName().GetName();
      if (!fonts.count(name)) fonts[name] = read_font(objects, key(objects, font_dict, name.c_str()));
      font = &fonts[name];
    } else if (is_painting(op)) {
      long owner = -1;
      bool artifact = false;
      for (auto m = marks.rbegin(); m != marks.rend(); ++m) {
        if (*m == -2) artifact = true;
        if (*m >= 0 && owner < 0) owner = *m;
      }
      if (!artifact && owner < 0) ++counts.untagged;
      if (op == "Do" && !artifact && !operands.empty() && operands.front().IsName()) {
        const PdfObject* subtype =
            key(objects, key(objects, xobject_dict, operands.front().GetName().GetName().c_str()), "Subtype");
        const bool drawing = subtype && subtype->IsName() &&
                             (subtype->GetName().GetName() == "Image" || subtype->GetName().GetName() == "Form");
        if (drawing && owner < 0) ++counts.images_outside_figures;
        if (drawing && owner >= 0) out.drawn_mcids.push_back(owner);
      }
      if (font && (op == "TJ" || op == "Tj" || op == "'" || op == "\"") && !operands.empty()) {
        std::string text;
        const PdfVariant& last = operands.back();
        if (last.IsArray()) {
          for (const auto& item : last.GetArray())
            if (item.IsString() || item.IsHexString()) text += decode(*font, item.GetString());
        } else if (last.IsString() || last.IsHexString()) {
          text += decode(*font, last.GetString());
        }
        if (artifact) out.artifacts += text;
        else if (owner >= 0) out.mcid_text[owner] += text;
      }
      if (owner >= 0 && !out.mcid_text.count(owner)) out.mcid_text[owner];
    }
    operands.clear();
  }
  return out;
}

std::string role_of(PdfVecObjects& objects, const PdfObject* element, const PdfObject* role_map) {
  const PdfObject* s = key(objects, element, "S");
  if (!s || !s->IsName()) return {};
  std::string role = s->GetName().GetName();
  for (int i = 0; i < 8 && role_map; ++i) {
    const PdfObject* mapped = key(objects, role_map, role.c_str());
    if (!mapped || !mapped->IsName()) break;
    role = mapped->GetName().GetName();
  }
  return role;
}

// A TH's /Scope (Row, Column, Both), or empty.
std::string scope_of(PdfVecObjects& objects, const PdfObject* element) {
  const PdfObject* a = key(objects, element, "A");
  std::vector<const PdfObject*> attributes;
  if (a && a->IsDictionary()) attributes.push_back(a);
  if (a && a->IsArray())
    for (const auto& item : a->GetArray()) attributes.push_back(&item);
  for (const PdfObject* attribute : attributes) {
    const PdfObject* scope = key(objects, attribute, "Scope");
    if (scope && scope->IsName()) return scope->GetName().GetName();
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: tagged_check PDF [--text]\n");
    return 2;
  }
  const bool text = argc > 2 && std::string(argv[2]) == "--text";
  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
  PdfMemDocument doc;
  try {
    doc.Load(argv[1]);
  } catch (const PdfError& e) {
    std::fprintf(stderr, "tagged_check: cannot read %s\n", argv[1]);
    return 2;
  }
  PdfVecObjects& objects = doc.GetObjects();
  Counts counts;
  const PdfObject* catalog = doc.GetCatalog();
  const PdfObject* lang = key(objects, catalog, "Lang");
  if (!lang || !lang->IsString() || lang->GetString().GetLength() == 0) counts.missing_lang = 1;
  const PdfObject* marked = key(objects, key(objects, catalog, "MarkInfo"), "Marked");
  if (!marked || !marked->IsBool() || !marked->GetBool()) counts.not_marked = 1;

  const int page_count = doc.GetPageCount();
  std::map<PdfReference, int> page_index;
  std::vector<PageContent> pages;
  std::set<PdfReference> link_annotations;  // reached from a Link element by /OBJR
  std::vector<PdfReference> annotations;
  for (int p = 0; p < page_count; ++p) {
    PdfPage* page = doc.GetPage(p);
    page_index[page->GetObject()->Reference()] = p;
    pages.push_back(read_page(doc, *page, counts));
    const PdfObject* annots = key(objects, page->GetObject(), "Annots");
    if (!annots || !annots->IsArray()) continue;
    for (const auto& a : annots->GetArray()) {
      const PdfObject* annot = resolve(objects, &a);
      const PdfObject* subtype = key(objects, annot, "Subtype");
      if (!subtype || !subtype->IsName() || subtype->GetName().GetName() != "Link") continue;
      const PdfObject* contents = key(objects, annot, "Contents");
      if (!contents || !contents->IsString() || contents->GetString().GetLength() == 0 ||
          !key(objects, annot, "StructParent"))
        ++counts.links_without_alt;
      if (a.IsReference()) annotations.push_back(a.GetReference());
    }
  }

  // The tree, depth first, iteratively and with each element visited once.
  std::vector<std::vector<std::string>> tree_text(static_cast<std::size_t>(page_count));
  std::set<std::pair<int, long>> reached;
  std::map<std::pair<int, long>, std::string> mcid_roles;  // the role of the element each MCID is content of
  std::map<const PdfObject*, std::string> roles;
  const PdfObject* root = key(objects, catalog, "StructTreeRoot");
  const PdfObject* role_map = key(objects, root, "RoleMap");
  struct Item {
    const PdfObject* kid;
    const PdfObject* element;  // the element the kid belongs to
    int page;                  // the element's /Pg, or -1
    int depth;
    int cell;                  // the TD or TH it is in (an index into cells), or -1
  };
  struct Cell {
    std::string role, text;
    std::vector<int> pages;
  };
  std::vector<Cell> cells;
  std::vector<Item> stack;
  std::set<const PdfObject*> seen;
  int last_heading = 0;
  std::size_t visited = 0;
  if (root) stack.push_back({root->GetDictionary().GetKey("K"), nullptr, -1, 0, -1});
  while (!stack.empty() && visited++ < kMaxKids) {
    const Item item = stack.back();
    stack.pop_back();
    const PdfObject* kid = resolve(objects, item.kid);
    if (!kid || item.depth > kMaxDepth) continue;
    if (kid->IsArray()) {
      const auto& array = kid->GetArray();
      for (std::size_t i = array.size(); i-- > 0;) stack.push_back({&array[i], item.element, item.page, item.depth, item.cell});
      continue;
    }
    if (kid->IsNumber()) {
      const long mcid = static_cast<long>(kid->GetNumber());
      if (item.page >= 0) {
        reached.insert({item.page, mcid});
        mcid_roles[{item.page, mcid}] = roles[item.element];
        const auto& texts = pages[static_cast<std::size_t>(item.page)].mcid_text;
        if (const auto found = texts.find(mcid); found != texts.end()) {
          tree_text[static_cast<std::size_t>(item.page)].push_back(found->second);
          if (item.cell >= 0) {
            Cell& c = cells[static_cast<std::size_t>(item.cell)];
            c.text += found->second;
            if (c.pages.empty() || c.pages.back() != item.page + 1) c.pages.push_back(item.page + 1);
          }
        } else {
          ++counts.missing_mcids;
        }
      } else {
        ++counts.missing_mcids;
      }
      continue;
    }
    if (!kid->IsDictionary()) continue;
    const PdfObject* type = key(objects, kid, "Type");
    const std::string type_name = type && type->IsName() ? type->GetName().GetName() : "";
    int page = item.page;
    if (const PdfObject* pg = kid->GetDictionary().GetKey("Pg"); pg && pg->IsReference()) {
      const auto found = page_index.find(pg->GetReference());
      page = found == page_index.end() ? -1 : found->second;
    }
    if (type_name == "MCR") {
      const PdfObject* mcid = key(objects, kid, "MCID");
      if (mcid && mcid->IsNumber()) stack.push_back({mcid, item.element, page, item.depth, item.cell});
      continue;
    }
    if (type_name == "OBJR") {
      const PdfObject* obj = kid->GetDictionary().GetKey("Obj");
      if (obj && obj->IsReference()) link_annotations.insert(obj->GetReference());
      continue;
    }
    if (!seen.insert(kid).second) continue;
    const std::string role = role_of(objects, kid, role_map);
    roles[kid] = role;
    const std::string scope = role == "TH" ? scope_of(objects, kid) : std::string();
    if (role == "TH" && scope.empty()) ++counts.th_without_scope;
    if (role.size() == 2 && role[0] == 'H' && role[1] >= '1' && role[1] <= '6') {
      const int level = role[1] - '0';
      if (level > last_heading + 1) ++counts.skipped_headings;
      last_heading = level;
    }
    if (role == "Figure" && !key(objects, kid, "Alt") && !key(objects, kid, "ActualText")) ++counts.figures_without_alt;
    if (role == "Link") {
      // A Link element must hold its annotation.
      bool objr = false;
      const PdfObject* k = key(objects, kid, "K");
      std::vector<const PdfObject*> ks;
      if (k && k->IsArray()) {
        for (const auto& x : k->GetArray()) ks.push_back(resolve(objects, &x));
      } else if (k) {
        ks.push_back(k);
      }
      for (const PdfObject* x : ks) {
        const PdfObject* t = key(objects, x, "Type");
        if (t && t->IsName() && t->GetName().GetName() == "OBJR") objr = true;
      }
      if (!objr) ++counts.links_without_alt;
    }
    int cell = item.cell;
    if (role == "TD" || role == "TH") {
      cell = static_cast<int>(cells.size());
      cells.push_back({scope.empty() ? role : role + ":" + scope, {}, {}});
    }
    stack.push_back({kid->GetDictionary().GetKey("K"), kid, page, item.depth + 1, cell});
  }
  for (const auto& a : annotations)
    if (!link_annotations.count(a)) ++counts.links_without_alt;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const auto& [mcid, t] : pages[p].mcid_text)
      if (!reached.count({static_cast<int>(p), mcid})) ++counts.unreachable_mcids;
    for (long mcid : pages[p].drawn_mcids) {
      const auto role = mcid_roles.find({static_cast<int>(p), mcid});
      if (role == mcid_roles.end() || (role->second != "Figure" && role->second != "Formula")) ++counts.images_outside_figures;
    }
  }

  std::printf("untagged %ld\nunreachable_mcids %ld\nmissing_mcids %ld\nth_without_scope %ld\n"
              "skipped_headings %ld\nlinks_without_alt %ld\nfigures_without_alt %ld\nimages_outside_figures %ld\n"
              "missing_lang %ld\nnot_marked %ld\n",
              counts.untagged, counts.unreachable_mcids, counts.missing_mcids, counts.th_without_scope,
              counts.skipped_headings, counts.links_without_alt, counts.figures_without_alt,
              counts.images_outside_figures, counts.missing_lang, counts.not_marked);
  if (text) {
    for (std::size_t p = 0; p < pages.size(); ++p) {
      std::string joined;
      for (const auto& t : tree_text[p]) joined += t;
      std::printf("artifacts %zu %s\ntree %zu %s\n", p + 1, pages[p].artifacts.c_str(), p + 1, joined.c_str());
    }
    for (const Cell& c : cells) {
      std::string on;
      for (int p : c.pages) on += (on.empty() ? "" : ",") + std::to_string(p);
      std::printf("cell %s %s %s\n", c.role.c_str(), on.empty() ? "-" : on.c_str(), c.text.c_str());
    }
  }
  return 0;
}
