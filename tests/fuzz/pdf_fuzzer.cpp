// libFuzzer target: arbitrary bytes as a PDF through the readers of
// `shiryo extract`, `rebuild` and `verify` — the structural check, PoDoFo's
// parse, the embedded-files name tree, the manifest and font lock, named
// destinations and the signature checks. Built with -DSHIRYO_FUZZ=ON and
// clang; tests/fuzz/make_seeds seeds it with PDFs the program makes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  shiryo::fuzz::run_pdf(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
