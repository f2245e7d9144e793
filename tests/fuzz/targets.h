// What the fuzz targets do with one input, shared by the libFuzzer entry
// points (packet_fuzzer.cpp, pdf_fuzzer.cpp, signature_fuzzer.cpp) and the regression test that
// replays every input they once crashed or hung on (tests/unit/fuzz_regression_test.cpp).
#pragma once

#include <string>

namespace shiryo::fuzz {

// The bytes as a packet file through parse, compute, compose, layout and the
// PDF writer, in memory, with the default layout set and fonts.
void run_packet(const std::string& bytes);

// The bytes as a PDF through the readers of extract, rebuild and verify.
void run_pdf(const std::string& bytes);

// A fixed signed PDF attacked with the bytes: the first byte chooses how —
// even: the rest appended as an incremental update; odd: the rest written
// over the /ByteRange numbers — and verify's checks run on the result, with
// the signer's certificate as trust anchor.
void run_signature(const std::string& bytes);

}  // namespace shiryo::fuzz
