// PDF/A-2u and PDF/A-3u (ISO 19005-2/-3, docs/pdfa.md): the XMP metadata
// that mirrors the Info dictionary, the sRGB output intent, and with 3u the
// packet's sources as associated files.
#pragma once

#include <podofo/podofo.h>

#include <string>

#include "pdf/writer.h"

namespace shiryo::pdf {

// Debian's icc-profiles-free: the profile the output intent embeds.
inline constexpr const char* kSrgbProfilePath = "/usr/share/color/icc/sRGB.icc";

// D:20240314093000+09'00' → 2024-03-14T09:30:00+09:00 (the same instant, the
// same offset); empty when `pdf_date` is not of that form.
std::string xmp_date(const std::string& pdf_date);

// The XMP packet for `info` at PDF/A level `info.pdfa` ("2u" or "3u"):
// dc:title (x-default and ja), dc:creator, xmp:CreatorTool, CreateDate,
// ModifyDate, pdf:Producer, pdfaid:part and conformance.
std::string xmp_packet(const DocumentInfo& info);

// Adds /Metadata, /OutputIntents and, for 3u, /AF and the EmbeddedFiles name
// tree to the catalog. Throws std::runtime_error when the ICC profile cannot
// be read (an environment error).
void add_pdfa_parts(PoDoFo::PdfMemDocument& document, const DocumentInfo& info);

}  // namespace shiryo::pdf
