// Reading PDFs back (extract, rebuild, sign, verify): a structural check of
// the raw bytes, PoDoFo's parse, and the embedded files of a packet.
#pragma once

#include <podofo/podofo.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pdf/writer.h"

namespace shiryo::pdf {

// A parsed PDF and the bytes it was parsed from.
struct LoadedPdf {
  std::string bytes;
  std::unique_ptr<PoDoFo::PdfMemDocument> document;
};

// Why `bytes` is not a complete PDF (no %PDF- header, no %%EOF at its end, a
// startxref beyond the file), or empty. PoDoFo repairs some truncated files
// silently, so this check comes first.
std::string structural_problem(const std::string& bytes);

// Parses `bytes`; nullopt with `error` set when they are not a readable PDF.
std::optional<LoadedPdf> load_pdf(std::string bytes, std::string& error);

// The files of the catalog's EmbeddedFiles name tree, in tree order; `name`
// from /UF (else /F), `mime` from the stream's /Subtype, `bytes` decoded.
std::vector<EmbeddedSource> embedded_files(const LoadedPdf& pdf);

// The index of the page a named destination (/Names /Dests, or the old
// /Dests dictionary) shows; nullopt when there is no such name.
std::optional<std::size_t> destination_page(const LoadedPdf& pdf, const std::string& name);

// The offset after the last startxref's %%EOF line, i.e. where a revision ends.
std::size_t offset_of_last_startxref(const std::string& bytes);

}  // namespace shiryo::pdf
