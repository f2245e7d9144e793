#include "pdf/objects.h"

#include <charconv>

namespace shiryo::pdf {

using namespace PoDoFo;

std::string pdf_number(double v) {
  // to_chars rounds exactly as printf's "%.3f" does, without its format
  // parsing and locale: content streams write millions of these.
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  if (ec != std::errc()) return "0";  // beyond 1e27: no page coordinate
  std::string s(buf, end);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string serialized(const PdfObject& o) {
  std::string s;
  o.ToString(s, ePdfWriteMode_Compact);
  return s;
}

const PdfObject* resolve(const PdfVecObjects& objects, const PdfObject* o) {
  // An object may itself be a reference, and a damaged file may loop them.
  for (int hops = 0; o && o->IsReference(); ++hops) {
    if (hops == 32) return nullptr;
    o = objects.GetObject(o->GetReference());
  }
  return o;
}

const PdfObject* dict_key(const PdfVecObjects& objects, const PdfObject* dict, const char* name) {
  if (!dict || !dict->IsDictionary()) return nullptr;
  return resolve(objects, dict->GetDictionary().GetKey(PdfName(name)));
}

}  // namespace shiryo::pdf
