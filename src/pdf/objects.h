// Small pieces of PDF syntax shared by the writer, the reader, the signer
// and the signature stamp.
#pragma once

#include <podofo/podofo.h>

#include <string>

namespace shiryo::pdf {

// A number in a content stream: at most three decimals, no exponent, no "-0".
std::string pdf_number(double v);
// The same digits appended to `out`, without a string of their own.
void append_pdf_number(std::string& out, double v);

// An object in PDF syntax, compact (no stream data).
std::string serialized(const PoDoFo::PdfObject& o);

// Follows references to the object they name; null for a chain of more
// than 32 references (a loop in a damaged file).
const PoDoFo::PdfObject* resolve(const PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* o);
// A dictionary's entry, references followed; null where there is none.
const PoDoFo::PdfObject* dict_key(const PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* dict,
                                  const char* name);

}  // namespace shiryo::pdf
