// Small pieces of PDF syntax shared by the writer, the reader, the signer
// and the signature stamp.
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <string_view>

namespace shiryo::pdf {

// A number in a content stream: at most three decimals, no exponent, no "-0".
std::string pdf_number(double v);
// The same digits appended to `out`, without a string of their own.
void append_pdf_number(std::string& out, double v);

// `data` deflated exactly as PoDoFo's FlateDecode filter does it (zlib's
// default level, all input in one call, then Z_FINISH): the same bytes, but
// on any thread and without PoDoFo's buffers.
std::string flate(std::string_view data);
// Gives `object` the stream `deflated` (from flate()) with /Filter /FlateDecode.
void set_flate_stream(PoDoFo::PdfObject& object, std::string_view deflated);

// A stream's bytes: decoded through its filters (`decoded`), or as stored.
// PoDoFo's buffer is freed whatever happens.
std::string stream_bytes(const PoDoFo::PdfStream& stream, bool decoded);

// An object in PDF syntax, compact (no stream data).
std::string serialized(const PoDoFo::PdfObject& o);

// Follows references to the object they name; null for a chain of more
// than 32 references (a loop in a damaged file).
const PoDoFo::PdfObject* resolve(const PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* o);
// A dictionary's entry, references followed; null where there is none.
const PoDoFo::PdfObject* dict_key(const PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* dict,
                                  const char* name);

}  // namespace shiryo::pdf
