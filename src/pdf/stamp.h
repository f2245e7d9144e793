// The appearance of a visible signature: a small framed stamp with a few
// lines of text (the signer, the date in 和暦), its fonts embedded as subsets,
// exported as numbered objects for a hand-written incremental update.
#pragma once

#include <podofo/podofo.h>

#include <map>
#include <string>
#include <vector>

#include "text/font.h"

namespace shiryo::pdf {

struct Stamp {
  double width = 0, height = 0;                 // pt
  PoDoFo::pdf_objnum form = 0;                  // the form XObject for /AP /N
  std::map<PoDoFo::pdf_objnum, std::string> objects;  // number → object text (dictionary, maybe a stream)
};

// Lays `lines` out in `chain`'s faces (each character in the first face that
// has it) and numbers the objects from `first_number` upwards. Throws
// std::runtime_error when a character is in no face.
Stamp make_stamp(const text::FontChain& chain, const std::vector<std::string>& lines,
                 PoDoFo::pdf_objnum first_number);

}  // namespace shiryo::pdf
