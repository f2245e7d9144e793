#include "pdf/pdf_reader.h"

#include <charconv>
#include <cstdlib>
#include <functional>
#include <set>

#include "pdf/objects.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;


// PoDoFo stamps the Info dictionary's /ModDate with the clock when it loads a
// file; the file's own value (or its absence) is put back, read through a
// second parser that loads only the trailer and that one object.
void restore_info_mod_date(const std::string& bytes, PdfMemDocument& document) {
  const PdfObject* info_ref = document.GetTrailer()->GetDictionary().GetKey(PdfName("Info"));
  if (!info_ref || !info_ref->IsReference()) return;
  PdfObject* info = document.GetObjects().GetObject(info_ref->GetReference());
  if (!info || !info->IsDictionary()) return;
  PdfVecObjects objects;
  objects.SetAutoDelete(true);  // the parser's objects are the vector's to free
  PdfParser parser(&objects, bytes.data(), static_cast<long>(bytes.size()), true);
  const PdfObject* raw = objects.GetObject(info_ref->GetReference());
  const PdfObject* mod_date = raw && raw->IsDictionary() ? raw->GetDictionary().GetKey(PdfName("ModDate")) : nullptr;
  if (mod_date) {
    info->GetDictionary().AddKey(PdfName("ModDate"), *mod_date);
  } else {
    info->GetDictionary().RemoveKey(PdfName("ModDate"));
  }
}

}  // namespace

std::size_t offset_of_last_startxref(const std::string& bytes) { return bytes.rfind("startxref"); }

std::string structural_problem(const std::string& bytes) {
  if (bytes.compare(0, 5, "%PDF-") != 0) return "not a PDF (no %PDF- header)";
  const std::size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 0;
  const std::size_t eof = bytes.rfind("%%EOF");
  if (eof == std::string::npos || eof < tail) return "truncated PDF (no %%EOF at its end)";
  const std::size_t sx = bytes.rfind("startxref", eof);
  if (sx == std::string::npos || sx < tail) return "truncated PDF (no startxref before %%EOF)";
  std::size_t p = sx + 9;
  while (p < eof && (bytes[p] == ' ' || bytes[p] == '\r' || bytes[p] == '\n')) ++p;
  unsigned long long offset = 0;
  const auto [ptr, ec] = std::from_chars(bytes.data() + p, bytes.data() + eof, offset);
  if (ec != std::errc() || ptr == bytes.data() + p) return "damaged PDF (startxref has no offset)";
  if (offset >= sx) return "damaged PDF (startxref points beyond the file)";
  const std::string at = bytes.substr(offset, 4);
  if (at != "xref" && (at.empty() || at[0] < '0' || at[0] > '9')) {
    return "damaged PDF (startxref does not point to a cross-reference section)";
  }
  return "";
}

std::optional<LoadedPdf> load_pdf(std::string bytes, std::string& error) {
  error = structural_problem(bytes);
  if (!error.empty()) return std::nullopt;
  LoadedPdf pdf;
  pdf.bytes = std::move(bytes);
  // PoDoFo logs parser details (even the trailer) to stdout unless told not to.
  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
  pdf.document = std::make_unique<PdfMemDocument>();
  try {
    pdf.document->LoadFromBuffer(pdf.bytes.data(), static_cast<long>(pdf.bytes.size()));
    restore_info_mod_date(pdf.bytes, *pdf.document);
  } catch (const PdfError& e) {
    error = std::string("not a readable PDF (") + PdfError::ErrorName(e.GetError()) + ")";
    return std::nullopt;
  }
  return pdf;
}

namespace {

// Visits each (key, value) of a PDF name tree, values resolved. Nodes are
// visited once, so a malformed tree that loops ends.
void for_each_name(const PdfVecObjects& objects, const PdfObject* root,
                   const std::function<void(const PdfObject& key, const PdfObject* value)>& visit) {
  // Iterative, each node once: a hostile file may nest /Kids deeply or loop.
  std::set<const PdfObject*> seen;
  std::vector<const PdfObject*> pending{root};
  while (!pending.empty()) {
    const PdfObject* node = pending.back();
    pending.pop_back();
    if (!node || !node->IsDictionary() || !seen.insert(node).second) continue;
    if (const PdfObject* pairs = dict_key(objects, node, "Names"); pairs && pairs->IsArray()) {
      const PdfArray& a = pairs->GetArray();
      for (std::size_t i = 0; i + 1 < a.size(); i += 2) visit(a[i], resolve(objects, &a[i + 1]));
    }
    // Kids in reverse, so that the first is taken next: the names keep the tree's order.
    if (const PdfObject* kids = dict_key(objects, node, "Kids"); kids && kids->IsArray()) {
      const PdfArray& k = kids->GetArray();
      for (std::size_t i = k.size(); i-- > 0;) pending.push_back(resolve(objects, &k[i]));
    }
  }
}

std::optional<std::size_t> find_destination_page(const LoadedPdf& pdf, const std::string& name) {
  const PdfVecObjects& objects = pdf.document->GetObjects();
  const PdfObject* catalog = pdf.document->GetCatalog();
  const PdfObject* dest = nullptr;
  for_each_name(objects, dict_key(objects, dict_key(objects, catalog, "Names"), "Dests"),
                [&](const PdfObject& key, const PdfObject* value) {
                  if (!dest && key.IsString() && key.GetString().GetStringUtf8() == name) dest = value;
                });
  if (!dest) {
    if (const PdfObject* old = dict_key(objects, catalog, "Dests"); old && old->IsDictionary()) {
      dest = resolve(objects, old->GetDictionary().GetKey(PdfName(name)));
    }
  }
  if (dest && dest->IsDictionary()) dest = dict_key(objects, dest, "D");
  if (!dest || !dest->IsArray() || dest->GetArray().empty() || !dest->GetArray()[0].IsReference()) return std::nullopt;
  const PdfReference target = dest->GetArray()[0].GetReference();
  for (int i = 0; i < pdf.document->GetPageCount(); ++i) {
    // A damaged page tree yields no page for some indices.
    const PdfPage* page = pdf.document->GetPage(i);
    if (page && page->GetObject()->Reference() == target) return static_cast<std::size_t>(i);
  }
  return std::nullopt;
}

std::vector<EmbeddedSource> read_embedded_files(const LoadedPdf& pdf) {
  std::vector<EmbeddedSource> out;
  const PdfVecObjects& objects = pdf.document->GetObjects();
  const PdfObject* names = dict_key(objects, pdf.document->GetCatalog(), "Names");
  const PdfObject* root = dict_key(objects, names, "EmbeddedFiles");
  for_each_name(objects, root, [&](const PdfObject& key, const PdfObject* spec) {
    const PdfObject* ef = dict_key(objects, spec, "EF");
    const PdfObject* stream = dict_key(objects, ef, "UF");
    if (!stream || !stream->HasStream()) stream = dict_key(objects, ef, "F");
    if (!stream || !stream->HasStream()) return;
    EmbeddedSource file;
    const PdfObject* name = dict_key(objects, spec, "UF");
    if (!name || !name->IsString()) name = dict_key(objects, spec, "F");
    file.name = name && name->IsString() ? name->GetString().GetStringUtf8()
                                         : (key.IsString() ? key.GetString().GetStringUtf8() : "");
    if (const PdfObject* d = dict_key(objects, spec, "Desc"); d && d->IsString()) {
      file.description = d->GetString().GetStringUtf8();
    }
    if (const PdfObject* m = dict_key(objects, stream, "Subtype"); m && m->IsName()) file.mime = m->GetName().GetName();
    file.bytes = stream_bytes(*stream->GetStream(), true);
    out.push_back(std::move(file));
  });
  return out;
}

}  // namespace

std::optional<std::size_t> destination_page(const LoadedPdf& pdf, const std::string& name) {
  return reading([&] { return find_destination_page(pdf, name); });
}

std::vector<std::string> destination_names(const LoadedPdf& pdf) {
  return reading([&] {
    const PdfVecObjects& objects = pdf.document->GetObjects();
    std::vector<std::string> names;
    for_each_name(objects, dict_key(objects, dict_key(objects, pdf.document->GetCatalog(), "Names"), "Dests"),
                  [&](const PdfObject& key, const PdfObject*) {
                    if (key.IsString()) names.push_back(key.GetString().GetStringUtf8());
                  });
    return names;
  });
}

std::vector<EmbeddedSource> embedded_files(const LoadedPdf& pdf) {
  return reading([&] { return read_embedded_files(pdf); });
}

}  // namespace shiryo::pdf
