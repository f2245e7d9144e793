// PDF/A-2u and PDF/A-3u (ISO 19005-2/-3, docs/pdfa.md): the XMP metadata
// that mirrors the Info dictionary, the sRGB output intent, and with 3u the
// packet's sources as associated files.
#pragma once

#include <podofo/podofo.h>

#include <string>

#include "pdf/writer.h"

namespace shiryo::pdf {

// The sRGB IEC61966-2.1 profiles an output intent can embed.
enum class SrgbProfile {
  // What lcms2 writes: ICC v4.2 (ISO 15076-1:2005, which ISO 19005-2 and -3
  // name), the tone curves parametric, dated kSrgbProfileDate and without a
  // profile ID, so that the bytes do not depend on when shiryo runs. Every
  // build embeds it.
  lcms2_v4,
  // Debian's icc-profiles-free sRGB.icc: ICC v2.3 with 1024-point sampled
  // tone curves, which poppler inverts anew for each colour transform it
  // sets up (seconds per file). Packets built before lcms2_v4 embed it, and
  // rebuild reproduces them with it (docs/pdfa.md).
  debian_v2,
};
inline constexpr const char* kDebianSrgbProfilePath = "/usr/share/color/icc/sRGB.icc";
// The creation date in lcms2_v4's header: year, month, day, hours, minutes,
// seconds (UTC), as the ICC dateTimeNumber holds them.
inline constexpr unsigned kSrgbProfileDate[6] = {2026, 12, 8, 0, 0, 0};

// The profile's bytes. Throws std::runtime_error when lcms2 cannot write it
// or the Debian file cannot be read (an environment error).
std::string srgb_profile(SrgbProfile which);

// D:20240314093000+09'00' → 2024-03-14T09:30:00+09:00 (the same instant, the
// same offset); empty when `pdf_date` is not of that form.
std::string xmp_date(const std::string& pdf_date);

// The XMP packet for `info` at PDF/A level `info.pdfa` ("2u" or "3u"):
// dc:title (x-default and ja), dc:creator, xmp:CreatorTool, CreateDate,
// ModifyDate, pdf:Producer, pdfaid:part and conformance.
std::string xmp_packet(const DocumentInfo& info);

// Adds /Metadata, /OutputIntents (with info.output_profile) and, for 3u,
// /AF and the EmbeddedFiles name tree to the catalog.
void add_pdfa_parts(PoDoFo::PdfMemDocument& document, const DocumentInfo& info);

}  // namespace shiryo::pdf
