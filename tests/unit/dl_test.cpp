// dl: a library opened by its soname, its functions typed by their header's
// declarations, and the errors that name what is missing.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "dl/shared_library.h"

namespace shiryo::dl {
namespace {

struct Zlib {
  SharedLibrary library{"libz.so.1", "zlib1g"};
  SHIRYO_DL_FUNCTION(library, zlibVersion);
  SHIRYO_DL_FUNCTION(library, crc32);
};

TEST(SharedLibrary, ItsFunctionsAreTheLibrarysOwn) {
  const Zlib z;
  EXPECT_EQ(std::string(z.zlibVersion()), std::string(zlibVersion()));
  const unsigned char text[] = "123456789";
  EXPECT_EQ(z.crc32(0, text, 9), 0xCBF43926u);  // the CRC-32 check value
}

TEST(SharedLibrary, AMissingLibraryNamesItselfAndItsPackage) {
  try {
    const SharedLibrary missing("libshiryo-no-such-library.so.7", "shiryo-no-such-package");
    FAIL() << "opened a library that does not exist";
  } catch (const LoadError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("libshiryo-no-such-library.so.7"), std::string::npos) << what;
    EXPECT_NE(what.find("(Debian package shiryo-no-such-package)"), std::string::npos) << what;
  }
}

TEST(SharedLibrary, AMissingFunctionIsNamed) {
  const SharedLibrary z("libz.so.1", "zlib1g");
  EXPECT_NE(z.function<decltype(::zlibVersion)>("zlibVersion"), nullptr);
  try {
    z.function<decltype(::zlibVersion)>("shiryo_no_such_function");
    FAIL() << "found a function the library does not have";
  } catch (const LoadError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("libz.so.1 has no function shiryo_no_such_function"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace shiryo::dl
