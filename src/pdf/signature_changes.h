// What a file shows that its signed revision did not: the later document
// compared with the signed one object by object, the way modification
// detection in PDF viewers classifies incremental updates.
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace shiryo::pdf {

struct LaterRevisions {
  // In the words of the packet ("page 1: content replaced", "page 3 added",
  // "document title changed").
  std::vector<std::string> changes;
  // What the allowed updates added ("validation data (/DSS)", "document
  // time-stamp DocTimeStamp1", "signature field Signature2").
  std::vector<std::string> additions;
};

// `now` against `signed_revision`. Allowed, and so not changes: further
// signature fields with their widgets, values and appearances (document
// time-stamps among them), the /AcroForm /Fields and /SigFlags and the page
// /Annots that add them, and a /DSS with its /VRI. PoDoFo errors propagate
// (see reading()).
LaterRevisions changes_after_signing(PoDoFo::PdfMemDocument& signed_revision, PoDoFo::PdfMemDocument& now);

}  // namespace shiryo::pdf
