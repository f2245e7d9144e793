#include "pdf/signature_changes.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "pdf/objects.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;


bool is_name(const PdfVecObjects& objects, const PdfObject* dict, const char* key, const char* value) {
  const PdfObject* o = dict_key(objects, dict, key);
  return o && o->IsName() && o->GetName() == PdfName(value);
}

// An object's text and, for a stream, its encoded bytes.
std::string contents_of(const PdfObject& o) {
  std::string s = serialized(o);
  if (o.HasStream()) {
    s += "\nstream\n" + stream_bytes(*o.GetStream(), false);
  }
  return s;
}

// The indirect objects reachable from `start`, not following the keys in
// `skip` (a page's /Parent would reach every page). Iterative, each object once.
std::set<PdfReference> reachable(const PdfVecObjects& objects, const PdfObject* start,
                                 const std::set<std::string>& skip = {"Parent", "P"}) {
  std::set<PdfReference> seen;
  std::vector<const PdfObject*> pending{start};
  while (!pending.empty()) {
    const PdfObject* o = pending.back();
    pending.pop_back();
    if (!o) continue;
    if (o->IsReference()) {
      if (seen.insert(o->GetReference()).second) pending.push_back(objects.GetObject(o->GetReference()));
    } else if (o->IsDictionary()) {
      for (const auto& [key, value] : o->GetDictionary().GetKeys()) {
        if (!skip.count(key.GetName())) pending.push_back(value);
      }
    } else if (o->IsArray()) {
      for (const auto& item : o->GetArray()) pending.push_back(&item);
    }
  }
  return seen;
}

std::set<PdfReference> references_in(const PdfObject* array) {
  std::set<PdfReference> out;
  if (array && array->IsArray()) {
    for (const auto& item : array->GetArray()) {
      if (item.IsReference()) out.insert(item.GetReference());
    }
  }
  return out;
}

// The keys whose values differ between two dictionaries, `ignored` aside.
std::vector<std::string> differing_keys(const PdfObject& a, const PdfObject& b, const std::set<std::string>& ignored) {
  std::set<std::string> keys;
  for (const PdfObject* d : {&a, &b}) {
    if (!d->IsDictionary()) continue;
    for (const auto& [key, value] : d->GetDictionary().GetKeys()) keys.insert(key.GetName());
  }
  std::vector<std::string> out;
  for (const auto& key : keys) {
    if (ignored.count(key)) continue;
    const PdfObject* x = a.IsDictionary() ? a.GetDictionary().GetKey(PdfName(key)) : nullptr;
    const PdfObject* y = b.IsDictionary() ? b.GetDictionary().GetKey(PdfName(key)) : nullptr;
    if (!x || !y || serialized(*x) != serialized(*y)) out.push_back(key);
  }
  return out;
}

std::string subtype_of(const PdfVecObjects& objects, const PdfObject* annot) {
  const PdfObject* s = dict_key(objects, annot, "Subtype");
  return s && s->IsName() ? s->GetName().GetName() : "unknown";
}

// What each object of the signed revision is to its pages: a content
// stream or a font (with what the font reaches), by page.
struct PageRoles {
  std::map<pdf_objnum, std::size_t> page_of;     // page object → index
  std::map<pdf_objnum, std::size_t> content_of;  // content stream → page index
  std::map<pdf_objnum, std::pair<std::size_t, std::string>> font_of;  // → page index, resource name
};

PageRoles page_roles(PdfMemDocument& document) {
  const PdfVecObjects& objects = document.GetObjects();
  PageRoles roles;
  for (int i = 0; i < document.GetPageCount(); ++i) {
    const PdfPage* page = document.GetPage(i);
    if (!page) continue;
    const auto index = static_cast<std::size_t>(i);
    const PdfObject* p = page->GetObject();
    roles.page_of.emplace(p->Reference().ObjectNumber(), index);
    const PdfObject* contents = p->GetDictionary().GetKey(PdfName("Contents"));
    for (const auto& r : reachable(objects, contents)) roles.content_of.emplace(r.ObjectNumber(), index);
    const PdfObject* fonts = dict_key(objects, dict_key(objects, p, "Resources"), "Font");
    if (!fonts || !fonts->IsDictionary()) continue;
    for (const auto& [name, value] : fonts->GetDictionary().GetKeys()) {
      for (const auto& r : reachable(objects, value)) roles.font_of.emplace(r.ObjectNumber(), std::pair(index, name.GetName()));
    }
  }
  return roles;
}

std::string page_words(std::size_t index) { return "page " + std::to_string(index + 1); }

}  // namespace

LaterRevisions changes_after_signing(PdfMemDocument& signed_revision, PdfMemDocument& now) {
  const PdfVecObjects& before = signed_revision.GetObjects();
  const PdfVecObjects& after = now.GetObjects();
  LaterRevisions later;
  std::vector<std::string>& out = later.changes;
  const auto say = [&out](const std::string& change) {
    if (std::find(out.begin(), out.end(), change) == out.end()) out.push_back(change);
  };

  // What further signatures may add: each new signature field with the new
  // objects it reaches (widget, value, appearance), and those of a /DSS.
  std::set<PdfReference> allowed;
  for (const PdfObject* o : after) {
    if (before.GetObject(o->Reference()) || !is_name(after, o, "FT", "Sig")) continue;
    allowed.insert(o->Reference());
    for (const auto& r : reachable(after, o)) {
      if (!before.GetObject(r)) allowed.insert(r);
    }
    const PdfObject* t = dict_key(after, o, "T");
    const std::string name = t && (t->IsString() || t->IsHexString()) ? " " + t->GetString().GetStringUtf8() : "";
    const PdfObject* value = dict_key(after, o, "V");
    later.additions.push_back((!value                                          ? "empty signature field"
                               : is_name(after, value, "Type", "DocTimeStamp") ? "document time-stamp"
                                                                               : "signature") +
                              name);
  }
  // A /DSS may grow: its new objects, and its own objects of the signed
  // revision that it still reaches, redefined (certificates, CRLs and
  // responses added for a later signature).
  const PdfObject* catalog_now = now.GetCatalog();
  std::set<PdfReference> dss_updated;
  if (const PdfObject* dss = catalog_now->GetDictionary().GetKey(PdfName("DSS"))) {
    const PdfObject* dss_before = signed_revision.GetCatalog()->GetDictionary().GetKey(PdfName("DSS"));
    bool added = !dss_before || serialized(*dss_before) != serialized(*dss);
    const std::set<PdfReference> was_dss = dss_before ? reachable(before, dss_before) : std::set<PdfReference>{};
    for (const auto& r : reachable(after, dss)) {
      const PdfObject* old = before.GetObject(r);
      const PdfObject* o = after.GetObject(r);
      if (!old) {
        allowed.insert(r), added = true;
      } else if (was_dss.count(r) && o && contents_of(*o) != contents_of(*old)) {
        dss_updated.insert(r), added = true;
      }
    }
    if (added) later.additions.push_back("validation data (/DSS)");
  }

  const PageRoles roles = page_roles(signed_revision);
  const PdfObject* form_now = catalog_now->GetDictionary().GetKey(PdfName("AcroForm"));
  const PdfObject* info_now = now.GetTrailer()->GetDictionary().GetKey(PdfName("Info"));
  for (const PdfObject* o : after) {
    const PdfReference ref = o->Reference();
    const PdfObject* old = before.GetObject(ref);
    // An object of the signed revision redefined is never among the allowed
    // ones: a new signature field cannot lend its licence to what it reaches.
    if (!old || dss_updated.count(ref) || contents_of(*o) == contents_of(*old)) continue;
    if (ref == catalog_now->Reference()) {
      for (const auto& key : differing_keys(*old, *o, {"AcroForm", "DSS"})) say("document catalog: /" + key + " changed");
      continue;
    }
    if (form_now && form_now->IsReference() && ref == form_now->GetReference()) {
      for (const auto& key : differing_keys(*old, *o, {"Fields", "SigFlags"})) say("form: /" + key + " changed");
      const auto fields_before = references_in(dict_key(before, old, "Fields"));
      const auto fields_after = references_in(dict_key(after, o, "Fields"));
      for (const auto& f : fields_before) {
        if (!fields_after.count(f)) say("form field removed");
      }
      for (const auto& f : fields_after) {
        if (!fields_before.count(f) && !allowed.count(f)) say("form field added");
      }
      continue;
    }
    if (const auto page = roles.page_of.find(ref.ObjectNumber()); page != roles.page_of.end()) {
      const std::string where = page_words(page->second);
      for (const auto& key : differing_keys(*old, *o, {"Annots"})) {
        say(where + (key == "Contents" ? ": content replaced" : key == "Resources" ? ": resources changed" : ": /" + key + " changed"));
      }
      const auto annots_before = references_in(dict_key(before, old, "Annots"));
      const auto annots_after = references_in(dict_key(after, o, "Annots"));
      for (const auto& a : annots_after) {
        if (!annots_before.count(a) && !allowed.count(a)) {
          say(where + ": annotation added (" + subtype_of(after, after.GetObject(a)) + ")");
        }
      }
      for (const auto& a : annots_before) {
        if (!annots_after.count(a)) say(where + ": annotation removed (" + subtype_of(before, before.GetObject(a)) + ")");
      }
      continue;
    }
    if (const auto c = roles.content_of.find(ref.ObjectNumber()); c != roles.content_of.end()) {
      say(page_words(c->second) + ": content replaced");
      continue;
    }
    if (const auto f = roles.font_of.find(ref.ObjectNumber()); f != roles.font_of.end()) {
      say(page_words(f->second.first) + ": font " + f->second.second + " replaced");
      continue;
    }
    if (is_name(before, old, "Type", "Pages")) {
      // Pages added, removed or replaced are named page by page below.
      for (const auto& key : differing_keys(*old, *o, {"Kids", "Count"})) say("page tree: /" + key + " changed");
      continue;
    }
    if (is_name(before, old, "Type", "Sig")) continue;  // the signature's own check names it
    if (info_now && info_now->IsReference() && ref == info_now->GetReference()) {
      const auto keys = differing_keys(*old, *o, {});
      say(std::find(keys.begin(), keys.end(), "Title") != keys.end() ? "document title changed"
                                                                     : "document information changed");
      continue;
    }
    if (const PdfObject* t = dict_key(before, old, "T"); t && (t->IsString() || t->IsHexString())) {
      const auto keys = differing_keys(*old, *o, {});
      const bool value = std::find(keys.begin(), keys.end(), "V") != keys.end();
      say("form field `" + t->GetString().GetStringUtf8() + "`: " + (value ? "value changed" : "changed"));
      continue;
    }
    say("object " + std::to_string(ref.ObjectNumber()) + " changed");
  }

  const int pages_before = signed_revision.GetPageCount();
  const int pages_now = now.GetPageCount();
  for (int i = pages_before; i < pages_now; ++i) say(page_words(static_cast<std::size_t>(i)) + " added");
  for (int i = pages_now; i < pages_before; ++i) say(page_words(static_cast<std::size_t>(i)) + " removed");

  // Shadow attacks: a page that now reaches an object the signed revision
  // held but did not use; that object was signed, yet nobody saw it.
  std::set<PdfReference> used = reachable(before, signed_revision.GetTrailer(), {});
  for (int i = 0; i < pages_now; ++i) {
    const PdfPage* page = now.GetPage(i);
    if (!page) continue;
    const std::string where = page_words(static_cast<std::size_t>(i));
    if (i < pages_before) {
      const PdfPage* was = signed_revision.GetPage(i);
      if (was && was->GetObject()->Reference() != page->GetObject()->Reference()) say(where + " replaced");
    }
    for (const auto& r : reachable(after, page->GetObject())) {
      if (before.GetObject(r) && !used.count(r)) {
        say(where + " now shows an object that was in the signed file but unused");
        break;
      }
    }
  }
  return later;
}

}  // namespace shiryo::pdf
