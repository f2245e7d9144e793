// Reading PDFs back (extract, rebuild, sign, verify): a structural check of
// the raw bytes, PoDoFo's parse, and the embedded files of a packet.
#pragma once

#include <podofo/podofo.h>

#include <memory>
#include <optional>
#include <stdexcept>
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

// A PDF whose objects do not read: an error in the input, not in the environment.
struct DamagedPdf : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs `read` over a loaded PDF's objects. PoDoFo throws its own PdfError,
// which is no std::exception, where an object is damaged (a stream that does
// not decode, a broken page tree); here it becomes a DamagedPdf
// "damaged PDF (…)" that the commands print.
template <class Read>
auto reading(Read read) -> decltype(read()) {
  try {
    return read();
  } catch (const PoDoFo::PdfError& e) {
    throw DamagedPdf(std::string("damaged PDF (") + PoDoFo::PdfError::ErrorName(e.GetError()) + ")");
  }
}

// The files of the catalog's EmbeddedFiles name tree, in tree order; `name`
// from /UF (else /F), `mime` from the stream's /Subtype, `bytes` decoded.
// Throws std::runtime_error where the file is damaged (see reading()).
std::vector<EmbeddedSource> embedded_files(const LoadedPdf& pdf);

// The index of the page a named destination (/Names /Dests, or the old
// /Dests dictionary) shows; nullopt when there is no such name. Throws
// std::runtime_error where the file is damaged.
std::optional<std::size_t> destination_page(const LoadedPdf& pdf, const std::string& name);
// The names of the name tree's destinations, in its order. Throws std::runtime_error where the file is damaged.
std::vector<std::string> destination_names(const LoadedPdf& pdf);

// The offset after the last startxref's %%EOF line, i.e. where a revision ends.
std::size_t offset_of_last_startxref(const std::string& bytes);

}  // namespace shiryo::pdf
