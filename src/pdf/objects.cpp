#include "pdf/objects.h"

#include <charconv>
#include <string_view>

namespace shiryo::pdf {

using namespace PoDoFo;

std::string pdf_number(double v) {
  std::string s;
  append_pdf_number(s, v);
  return s;
}

void append_pdf_number(std::string& out, double v) {
  // to_chars rounds exactly as printf's "%.3f" does, without its format
  // parsing and locale: content streams write millions of these.
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  if (ec != std::errc()) {  // beyond 1e27: no page coordinate
    out += '0';
    return;
  }
  const char* last = end;
  while (last != buf && last[-1] == '0') --last;
  if (last != buf && last[-1] == '.') --last;
  const std::string_view digits(buf, static_cast<std::size_t>(last - buf));
  out += digits == "-0" ? std::string_view("0") : digits;
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
