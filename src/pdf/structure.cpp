#include "pdf/structure.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;
using layout::Tag;

PdfString utf8_string(const std::string& text) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str()));
}

}  // namespace

MarkedContent::MarkedContent(const layout::StructureTree& tree, std::size_t pages)
    : tree_(tree), kids_(tree.elements.size()), page_mcids_(pages), pages_(pages) {}

std::vector<std::size_t> MarkedContent::run_order(const layout::Page& page) const {
  // A link's runs read with the paragraph around it, in drawing order.
  const auto rank = [this](Tag tag) -> std::size_t {
    if (layout::is_artifact(tag)) return 0;
    if (!layout::is_element(tag) || tag >= tree_.elements.size()) return std::numeric_limits<std::size_t>::max();
    while (tree_.elements[tag].role == "Link" && layout::is_element(tree_.elements[tag].parent))
      tag = tree_.elements[tag].parent;
    return static_cast<std::size_t>(tag) + 1;
  };
  std::vector<std::size_t> order(page.runs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank(page.runs[a].tag) < rank(page.runs[b].tag); });
  return order;
}

std::string MarkedContent::open(std::size_t page, Tag tag) {
  // Operators, not messages: named so.
  static constexpr const char* kArtifactOperator = "/Artifact BMC\n";
  static constexpr const char* kPaginationOperator = "/Artifact <</Type /Pagination>> BDC\n";
  if (tag == layout::kArtifact) return kArtifactOperator;
  if (tag == layout::kPagination) return kPaginationOperator;
  if (!layout::is_element(tag) || tag >= tree_.elements.size() || page >= pages_) return {};
  auto& mcids = page_mcids_[page];
  const long mcid = static_cast<long>(mcids.size());
  mcids.push_back(tag);
  kids_[tag].push_back(Kid{page, mcid, PdfReference(), static_cast<std::size_t>(mcid)});
  return "/" + tree_.elements[tag].role + " <</MCID " + std::to_string(mcid) + ">> BDC\n";
}

long MarkedContent::annotation(std::size_t page, Tag tag, const PdfReference& annot) {
  if (!layout::is_element(tag) || tag >= tree_.elements.size()) return -1;
  const long key = static_cast<long>(pages_ + annotations_.size());
  annotations_.push_back(tag);
  // After the page's marked content, in the order the annotations come.
  kids_[tag].push_back(Kid{page, -1, annot, std::numeric_limits<std::size_t>::max() / 2 + annotations_.size()});
  return key;
}

const std::string& MarkedContent::alt(Tag tag) const {
  static const std::string none;
  return layout::is_element(tag) && tag < tree_.elements.size() ? tree_.elements[tag].alt : none;
}

void MarkedContent::write(PdfMemDocument& document, const std::vector<std::unique_ptr<PdfPage>>& pages) const {
  const auto& elements = tree_.elements;
  if (elements.empty()) return;
  using Key = std::pair<std::size_t, std::size_t>;  // page, order within it
  constexpr Key kNone{std::numeric_limits<std::size_t>::max(), 0};
  // Where each element's content first appears, its subtree's included:
  // children have higher indices than their parents.
  std::vector<Key> first(elements.size(), kNone);
  std::vector<bool> kept(elements.size(), false);
  for (std::size_t e = elements.size(); e-- > 0;) {
    for (const Kid& k : kids_[e]) first[e] = std::min(first[e], Key{k.page, k.order});
    for (Tag c : elements[e].children) first[e] = std::min(first[e], first[c]);
    // An element with nothing under it is left out, but for a table's empty
    // cells, which keep its rows and columns regular.
    const std::string& role = elements[e].role;
    kept[e] = first[e] != kNone || role == "TD" || role == "TH" ||
              (role == "TR" && std::any_of(elements[e].children.begin(), elements[e].children.end(),
                                           [&](Tag c) { return kept[c]; }));
  }
  kept[0] = true;

  PdfVecObjects& objects = document.GetObjects();
  PdfObject* root = objects.CreateObject("StructTreeRoot");
  std::vector<PdfObject*> objs(elements.size(), nullptr);
  // /Type is optional in a structure element; left out, as a table's
  // thousand cells would pay for it.
  for (std::size_t e = 0; e < elements.size(); ++e)
    if (kept[e]) objs[e] = objects.CreateObject();

  std::vector<std::pair<std::string, PdfReference>> ids;  // for the /IDTree
  for (std::size_t e = 0; e < elements.size(); ++e) {
    if (!kept[e]) continue;
    const layout::StructElement& el = elements[e];
    PdfDictionary& d = objs[e]->GetDictionary();
    d.AddKey("S", PdfName(el.role));
    d.AddKey("P", layout::is_element(el.parent) && el.parent < elements.size() && objs[el.parent]
                      ? objs[el.parent]->Reference()
                      : root->Reference());
    if (!el.alt.empty()) d.AddKey("Alt", utf8_string(el.alt));
    if (!el.id.empty()) {
      d.AddKey("ID", PdfString(el.id));
      ids.emplace_back(el.id, objs[e]->Reference());
    }
    if (layout::is_element(el.ref) && el.ref < elements.size() && objs[el.ref]) {
      PdfArray ref;
      ref.push_back(objs[el.ref]->Reference());
      d.AddKey("Ref", ref);
    }
    if (!el.scope.empty() || el.rowspan > 1 || el.colspan > 1) {
      PdfDictionary a;
      a.AddKey("O", PdfName("Table"));
      if (!el.scope.empty()) a.AddKey("Scope", PdfName(el.scope));
      if (el.rowspan > 1) a.AddKey("RowSpan", PdfObject(static_cast<pdf_int64>(el.rowspan)));
      if (el.colspan > 1) a.AddKey("ColSpan", PdfObject(static_cast<pdf_int64>(el.colspan)));
      d.AddKey("A", a);
    }
    // The element's own content and its children, merged in reading order:
    // its marked content where it stands among the children's.
    std::vector<Kid> own = kids_[e];
    std::stable_sort(own.begin(), own.end(),
                     [](const Kid& a, const Kid& b) { return Key{a.page, a.order} < Key{b.page, b.order}; });
    // The element's /Pg is the page of its first marked content: MCIDs of
    // that page are written as bare integers, others as MCR dictionaries.
    const auto first_mcid = std::find_if(own.begin(), own.end(), [](const Kid& kid) { return kid.mcid >= 0; });
    const std::size_t own_page = first_mcid == own.end() ? pages.size() : first_mcid->page;
    if (own_page < pages.size()) d.AddKey("Pg", pages.at(own_page)->GetObject()->Reference());
    PdfArray k;
    std::size_t next = 0;
    const auto put_own_before = [&](Key limit) {
      for (; next < own.size() && Key{own[next].page, own[next].order} < limit; ++next) {
        const Kid& kid = own[next];
        if (kid.mcid >= 0 && kid.page == own_page) {
          k.push_back(PdfObject(static_cast<pdf_int64>(kid.mcid)));
          continue;
        }
        PdfDictionary ref;
        if (kid.mcid >= 0) {
          ref.AddKey("Type", PdfName("MCR"));
          ref.AddKey("Pg", pages.at(kid.page)->GetObject()->Reference());
          ref.AddKey("MCID", PdfObject(static_cast<pdf_int64>(kid.mcid)));
        } else {
          ref.AddKey("Type", PdfName("OBJR"));
          ref.AddKey("Pg", pages.at(kid.page)->GetObject()->Reference());
          ref.AddKey("Obj", kid.annotation);
        }
        k.push_back(ref);
      }
    };
    for (Tag c : el.children) {
      if (!kept[c]) continue;
      if (first[c] != kNone) put_own_before(first[c]);
      k.push_back(objs[c]->Reference());
    }
    put_own_before(kNone);
    if (k.size() == 1) d.AddKey("K", k.front());
    else if (!k.empty()) d.AddKey("K", k);
  }

  // Each page's MCIDs name their elements; each annotation its Link.
  PdfArray nums;
  for (std::size_t p = 0; p < page_mcids_.size(); ++p) {
    if (page_mcids_[p].empty()) continue;
    PdfArray parents;
    for (Tag t : page_mcids_[p]) parents.push_back(objs[t]->Reference());
    nums.push_back(PdfObject(static_cast<pdf_int64>(p)));
    nums.push_back(objects.CreateObject(PdfVariant(parents))->Reference());
    pages.at(p)->GetObject()->GetDictionary().AddKey("StructParents", PdfObject(static_cast<pdf_int64>(p)));
  }
  for (std::size_t a = 0; a < annotations_.size(); ++a) {
    nums.push_back(PdfObject(static_cast<pdf_int64>(pages_ + a)));
    nums.push_back(objs[annotations_[a]]->Reference());
  }
  PdfDictionary parent_tree;
  parent_tree.AddKey("Nums", nums);
  PdfDictionary& r = root->GetDictionary();
  r.AddKey("K", objs[0]->Reference());
  r.AddKey("ParentTree", objects.CreateObject(PdfVariant(parent_tree))->Reference());
  r.AddKey("ParentTreeNextKey", PdfObject(static_cast<pdf_int64>(pages_ + annotations_.size())));
  if (!ids.empty()) {
    // A name tree: keys in byte order.
    std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    PdfArray names;
    for (const auto& [id, ref] : ids) {
      names.push_back(PdfString(id));
      names.push_back(ref);
    }
    PdfDictionary id_tree;
    id_tree.AddKey("Names", names);
    r.AddKey("IDTree", id_tree);
  }

  // Annotations are read in the order of the structure.
  for (std::size_t p = 0; p < pages.size(); ++p) {
    PdfDictionary& page = pages[p]->GetObject()->GetDictionary();
    if (page.HasKey("Annots")) page.AddKey("Tabs", PdfName("S"));
  }
  PdfDictionary& catalog = document.GetCatalog()->GetDictionary();
  catalog.AddKey("StructTreeRoot", root->Reference());
  PdfDictionary mark_info;
  mark_info.AddKey("Marked", PdfVariant(true));
  catalog.AddKey("MarkInfo", mark_info);
}

}  // namespace shiryo::pdf
