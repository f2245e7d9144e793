// What a file shows that its signed revision did not: the later document
// compared with the signed one object by object, the way modification
// detection in PDF viewers classifies incremental updates.
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace shiryo::pdf {

// The changes of `now` against `signed_revision`, in the words of the
// packet ("page 1: content replaced", "page 3 added", "document title
// changed"). Allowed, and so not listed: further signature fields with
// their widgets, values and appearances, the /AcroForm /Fields and /SigFlags
// and the page /Annots that add them, and a /DSS. PoDoFo errors propagate
// (see reading()).
std::vector<std::string> changes_after_signing(PoDoFo::PdfMemDocument& signed_revision, PoDoFo::PdfMemDocument& now);

}  // namespace shiryo::pdf
