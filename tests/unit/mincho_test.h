// A test fixture with BIZ UD Mincho as the one face of a "body" chain, opened
// once per suite: what layout tests set their text in.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "text/font.h"

namespace shiryo::testing {

inline constexpr const char* kMinchoPath = "/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf";

class MinchoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    mincho_ = text::Font::open(kMinchoPath, error);
  }
  static void TearDownTestSuite() { mincho_.reset(); }
  void SetUp() override {
    ASSERT_NE(mincho_, nullptr) << "cannot open " << kMinchoPath << " (run setup.sh)";
    chain_ = text::FontChain{"body", {mincho_.get()}};
  }

  static inline std::unique_ptr<text::Font> mincho_;
  text::FontChain chain_;
};

}  // namespace shiryo::testing
