// libFuzzer target: a fixed signed PDF attacked with the fuzzer's bytes, as
// an appended incremental update or as the /ByteRange numbers (the first
// byte chooses), so that every input reaches the signature checks and the
// comparison of revisions. Built with -DSHIRYO_FUZZ=ON and clang;
// tests/fuzz/make_seeds seeds it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  shiryo::fuzz::run_signature(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
