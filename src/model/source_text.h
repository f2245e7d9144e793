// A piece of text from the packet file and where it starts there.
#pragma once

#include <cstddef>
#include <string>

#include "diag/source_file.h"

namespace shiryo::model {

struct SourceText {
  std::string value;
  std::size_t offset = 0;  // byte offset of the value's first character in the source
};

// A fiscal year as written (`fy="2023"` is 令和5年度), with its position.
struct FiscalYear {
  int value = 0;
  std::size_t offset = 0;
};

// The source offset of byte `index` of `text.value`, walking the raw source
// past entity references and folded whitespace.
std::size_t source_offset(const diag::SourceFile& file, const SourceText& text, std::size_t index);

}  // namespace shiryo::model
