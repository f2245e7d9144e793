// libFuzzer target: arbitrary bytes as a packet file through the whole
// pipeline in memory — parse, compute, compose, layout and PDF bytes. Built
// with -DSHIRYO_FUZZ=ON and clang (see docs/robustness.md).
#include <cstddef>
#include <cstdint>
#include <string>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  shiryo::fuzz::run_packet(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
