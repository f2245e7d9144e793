#include "pdf/objects.h"

#include <cstdio>

namespace shiryo::pdf {

using namespace PoDoFo;

std::string pdf_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

const PdfObject* resolve(const PdfVecObjects& objects, const PdfObject* o) {
  while (o && o->IsReference()) o = objects.GetObject(o->GetReference());
  return o;
}

const PdfObject* dict_key(const PdfVecObjects& objects, const PdfObject* dict, const char* name) {
  if (!dict || !dict->IsDictionary()) return nullptr;
  return resolve(objects, dict->GetDictionary().GetKey(PdfName(name)));
}

}  // namespace shiryo::pdf
