// Every input a fuzz target once crashed or hung on (tests/fuzz/regressions)
// runs again through the same code (tests/fuzz/targets.h); in the sanitizer
// build, with ASan and UBSan watching.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/targets.h"

namespace shiryo {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const std::string& target) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(SHIRYO_SOURCE_DIR) / "tests/fuzz/regressions" / target)) {
    if (e.is_regular_file() && e.path().filename() != "README") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FuzzRegressions, PacketInputsRunThrough) {
  for (const auto& path : inputs("packet")) {
    SCOPED_TRACE(path.filename().string());
    fuzz::run_packet(bytes_of(path));
  }
}

TEST(FuzzRegressions, PdfInputsRunThrough) {
  for (const auto& path : inputs("pdf")) {
    SCOPED_TRACE(path.filename().string());
    fuzz::run_pdf(bytes_of(path));
  }
}

TEST(FuzzRegressions, SignatureInputsRunThrough) {
  const auto all = inputs("signature");
  EXPECT_GE(all.size(), 3u);
  for (const auto& path : all) {
    SCOPED_TRACE(path.filename().string());
    fuzz::run_signature(bytes_of(path));
  }
}

}  // namespace
}  // namespace shiryo
