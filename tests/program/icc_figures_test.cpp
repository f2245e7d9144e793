// ICC profiles of figures (tests/tools/make_icc_figures.py writes them with
// PIL): kept as /ICCBased with the same bytes, read back with qpdf --json by
// icc_spaces.py; a CMYK JPEG with a profile passes through and renders in its
// colours (pdftoppm); a mismatched or unreadable profile is dropped with a
// warning; the build stays --pdfa 3u and passes qpdf --check.
#include <gtest/gtest.h>

#include "figure_packets.h"
#include "harness.h"

namespace shiryo::testing {
namespace {

TEST(IccFigures, ProfilesAreKeptAsIccBasedWithTheirBytes) {
  TempDir dir;
  ASSERT_EQ(run(tool("make_icc_figures.py") + " " + quote(dir.path().string())).status, 0);
  const char* files[] = {"srgb-icc.png", "grey-icc.png", "palette-icc.png", "alpha-icc.png",
                         "adobe-icc.jpg", "cmyk-icc.jpg", "grey-rgbicc.png", "broken-icc.png"};
  std::string blocks = "<page-break/>\n";
  std::string args;
  int n = 0;
  for (const char* f : files) {
    blocks += "<figure src=\"" + std::string(f) + "\" width=\"60mm\"/><page-break/>\n";
    args += " Im" + std::to_string(n++) + " " + quote((dir / f).string());
  }
  write_file(dir / "p.xml", packet(blocks));
  const std::string pdf = (dir / "icc.pdf").string();
  const RunResult r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote(pdf) + " --date 2024-03-14 --pdfa 3u");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("figure 'grey-rgbicc.png' carries an ICC colour profile that is not used: its colour space is RGB, but the "
                       "image has 1 colour component"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("figure 'broken-icc.png' carries an ICC colour profile that is not used: it is not a readable ICC profile"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("cmyk-icc.jpg' is a CMYK JPEG"), std::string::npos) << r.err;

  const RunResult spaces = run(tool("icc_spaces.py") + " " + quote(pdf) + args);
  ASSERT_EQ(spaces.status, 0) << spaces.err;
  EXPECT_EQ(spaces.out,
            "Im0: ICCBased N=3 Alternate=/DeviceRGB same-profile\n"
            "Im1: ICCBased N=1 Alternate=/DeviceGray same-profile\n"
            "Im2: Indexed ICCBased N=3 Alternate=/DeviceRGB same-profile\n"
            "Im3: ICCBased N=3 Alternate=/DeviceRGB same-profile\n"
            "Im4: ICCBased N=3 Alternate=/DeviceRGB same-profile\n"
            "Im5: ICCBased N=4 Alternate=/DeviceCMYK same-profile Decode=1 0 1 0 1 0 1 0\n"
            "Im6: /DeviceGray\n"
            "Im7: /DeviceRGB\n");
  // The JPEGs stay JPEG, the CMYK one too.
  const RunResult list = run("pdfimages -list " + quote(pdf) + " | grep -c ' jpeg '");
  EXPECT_EQ(list.out, "2\n") << list.out;
  // sRGB-profiled images and the CMYK JPEG through its profile show their colours.
  const RunResult pixels =
      run(tool("figure_pixels.py") + " " + quote(pdf) + " 60 skip colour skip colour colour-clear skip colour skip colour");
  EXPECT_EQ(pixels.status, 0) << pixels.out << pixels.err;
  const RunResult check = run("qpdf --check " + quote(pdf));
  EXPECT_EQ(check.status, 0) << check.out << check.err;
}

}  // namespace
}  // namespace shiryo::testing
