#include "pdf/signature_update.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "pdf/digest.h"
#include "pdf/objects.h"

namespace shiryo::pdf {

using namespace PoDoFo;

namespace {

// ISO 32000-1 Annex C: at most 8,388,607 indirect objects; room is kept for
// the objects an update adds.
constexpr long long kMaxObjectNumber = 8388607 - 64;

}  // namespace

std::string hex_upper(const unsigned char* data, std::size_t n) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string indirect(const PdfReference& r) {
  return std::to_string(r.ObjectNumber()) + " " + std::to_string(r.GenerationNumber()) + " R";
}

long long first_free_object(const LoadedPdf& pdf) {
  const PdfVecObjects& objects = pdf.document->GetObjects();
  long long size = 0;
  if (const PdfObject* s = dict_key(objects, pdf.document->GetTrailer(), "Size"); s && s->IsNumber()) size = s->GetNumber();
  for (const PdfObject* o : objects) size = std::max<long long>(size, o->Reference().ObjectNumber() + 1);
  if (size < 0 || size > kMaxObjectNumber) throw DamagedPdf("damaged PDF (trailer /Size out of range)");
  return size;
}

std::string append_update(const LoadedPdf& pdf, const UpdateBody& body, long long size, const std::string& id_seed,
                          std::map<pdf_objnum, std::size_t>* offsets) {
  const PdfVecObjects& objects = pdf.document->GetObjects();
  const std::string& original = pdf.bytes;
  const PdfObject* trailer = pdf.document->GetTrailer();
  const PdfObject* root = trailer->GetDictionary().GetKey(PdfName("Root"));
  const PdfObject* info = trailer->GetDictionary().GetKey(PdfName("Info"));
  const PdfObject* ids = dict_key(objects, trailer, "ID");
  if (!root || !root->IsReference()) throw std::runtime_error("the trailer has no /Root reference");
  long long prev = 0;
  if (const std::size_t startxref = original.rfind("startxref"); startxref != std::string::npos) {
    std::size_t p = startxref + 9;
    while (p < original.size() && (original[p] == ' ' || original[p] == '\r' || original[p] == '\n')) ++p;
    std::from_chars(original.data() + p, original.data() + original.size(), prev);
  }

  std::string update;
  if (!original.empty() && original.back() != '\n' && original.back() != '\r') update += "\n";
  std::map<pdf_objnum, std::pair<pdf_gennum, std::size_t>> at;  // number → generation, offset
  for (const auto& [number, entry] : body) {
    at[number] = {entry.first, original.size() + update.size()};
    if (offsets) (*offsets)[number] = original.size() + update.size();
    update += std::to_string(number) + " " + std::to_string(entry.first) + " obj\n" + entry.second + "\nendobj\n";
  }
  const std::size_t xref_at = original.size() + update.size();
  update += "xref\n";
  for (auto it = at.begin(); it != at.end();) {
    auto end = it;
    pdf_objnum expect = it->first;
    while (end != at.end() && end->first == expect) {
      ++end;
      ++expect;
    }
    update += std::to_string(it->first) + " " + std::to_string(expect - it->first) + "\n";
    for (; it != end; ++it) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu %05u n\r\n", it->second.second, static_cast<unsigned>(it->second.first));
      update += line;
    }
  }
  // The first ID stays (it names the document); the second changes with
  // each revision.
  std::string first_id;
  if (ids && ids->IsArray() && !ids->GetArray().empty() && (ids->GetArray()[0].IsString() || ids->GetArray()[0].IsHexString())) {
    const PdfString& s = ids->GetArray()[0].GetString();
    first_id = hex_upper(reinterpret_cast<const unsigned char*>(s.GetString()), s.GetLength());
  }
  const auto revision_id = sha256(original + id_seed);
  if (first_id.empty()) first_id = hex_upper(revision_id.data(), 16);
  update += "trailer\n<</Size " + std::to_string(size) + "/Root " + indirect(root->GetReference());
  if (info && info->IsReference()) update += "/Info " + indirect(info->GetReference());
  update += "/ID[<" + first_id + "><" + hex_upper(revision_id.data(), 16) + ">]/Prev " + std::to_string(prev) +
            ">>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return original + update;
}

}  // namespace shiryo::pdf
