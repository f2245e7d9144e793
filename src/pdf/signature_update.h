// The incremental update that sign, timestamp and the validation data
// append (ISO 32000-1 §7.5.6): new or redefined objects, an xref section and
// a trailer with /Prev, written by hand (dependencies.md, PoDoFo pitfall 5).
#pragma once

#include <map>
#include <string>
#include <utility>

#include "pdf/pdf_reader.h"

namespace shiryo::pdf {

// The objects of one update by number: generation and object text.
using UpdateBody = std::map<PoDoFo::pdf_objnum, std::pair<PoDoFo::pdf_gennum, std::string>>;

// The first object number free for an update of `pdf`: its trailer's /Size
// or one past its highest object. Throws DamagedPdf when /Size is out of
// range.
long long first_free_object(const LoadedPdf& pdf);

// `pdf`'s bytes followed by the update holding `body`; `size` is the new
// trailer /Size, `id_seed` varies the trailer's second /ID. `offsets`, when
// given, receives where each object of `body` begins.
std::string append_update(const LoadedPdf& pdf, const UpdateBody& body, long long size, const std::string& id_seed,
                          std::map<PoDoFo::pdf_objnum, std::size_t>* offsets = nullptr);

// Bytes as upper-case hex digits.
std::string hex_upper(const unsigned char* data, std::size_t n);

// "12 0 R".
std::string indirect(const PoDoFo::PdfReference& r);

}  // namespace shiryo::pdf
