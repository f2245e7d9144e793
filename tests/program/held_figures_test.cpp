// The held packet tests/packets/figures.xml: a 資料 with a figure of every
// kind (PNG, JPEG, an ICC-profiled PNG, a PNG with alpha, a page of a PDF and
// an SVG, in prose and in table cells). Its image and PDF files are written
// beside a copy of it by the figure generators; built with --pdfa 3u, the
// PDF is checked with qpdf, pdffonts, pdfimages, pdftotext and
// pdfa_objects.py (qpdf --json), then extract + rebuild.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "figure_packets.h"
#include "harness.h"

namespace shiryo::testing {
namespace {

class HeldFigures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const std::string to = quote(dir_->path().string());
    for (const char* generator : {"make_figures.py", "make_icc_figures.py", "make_pdf_figures.py"})
      ASSERT_EQ(run(tool(generator) + " " + to).status, 0) << generator;
    for (const char* held : {"figures.xml", "org-chart.svg"})
      std::filesystem::copy_file(source_path(std::string("tests/packets/") + held), *dir_ / held);
    built_ = std::make_unique<RunResult>(
        shiryo("build " + quote(path("figures.xml")) + " -o " + quote(pdf()) + " --date 2024-07-18 --pdfa 3u"));
  }
  static void TearDownTestSuite() {
    built_.reset();
    dir_.reset();
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static std::string pdf() { return path("figures.pdf"); }
  void SetUp() override { ASSERT_EQ(built_->status, 0) << built_->err; }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<RunResult> built_;
};
std::unique_ptr<TempDir> HeldFigures::dir_;
std::unique_ptr<RunResult> HeldFigures::built_;

// It builds without a warning and qpdf finds nothing wrong.
TEST_F(HeldFigures, BuildsAsPdfA3uWithoutAWarning) {
  EXPECT_EQ(built_->err, "");
  const RunResult check = run("qpdf --check " + quote(pdf()));
  EXPECT_EQ(check.status, 0) << check.out << check.err;
}

// Every font, shiryo's and the SVG's, is embedded and has a Unicode map.
TEST_F(HeldFigures, EveryFontIsEmbeddedWithAUnicodeMap) {
  const RunResult fonts = run("pdffonts " + quote(pdf()) + " | tail -n +3");
  ASSERT_EQ(fonts.status, 0);
  std::istringstream lines(fonts.out);
  std::string line;
  int listed = 0;
  while (std::getline(lines, line)) {
    ++listed;
    // name, type words, encoding, then emb sub uni and the object ID.
    std::istringstream f(line);
    std::vector<std::string> words;
    for (std::string w; f >> w;) words.push_back(w);
    ASSERT_GE(words.size(), 6u) << line;
    const std::size_t n = words.size();
    EXPECT_EQ(words[n - 5], "yes") << "embedded: " << line;
    EXPECT_EQ(words[n - 3], "yes") << "Unicode map: " << line;
  }
  // The body's Gothic, bold Gothic and Mincho, and the SVG's Gothic.
  EXPECT_EQ(listed, 4) << fonts.out;
}

// Each image is there in its colour space: the PNGs as images (the profiled
// one ICC-based, the one with alpha with its soft mask), the JPEGs still
// JPEG; the PDF page and the SVG add none.
TEST_F(HeldFigures, ImagesKeepTheirColourSpacesAndJpegsStayJpeg) {
  const RunResult list = run("pdfimages -list " + quote(pdf()) + " | tail -n +3");
  ASSERT_EQ(list.status, 0);
  std::istringstream lines(list.out);
  std::string line, listed;
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string page, num, type, width, height, color, comp, bpc, enc;
    f >> page >> num >> type >> width >> height >> color >> comp >> bpc >> enc;
    listed += type + " " + width + "x" + height + " " + color + " " + enc + "\n";
  }
  EXPECT_EQ(listed,
            "image 120x80 rgb image\n"     // rgb.png
            "image 2400x1600 rgb jpeg\n"   // photo300.jpg, in a cell
            "image 120x80 gray jpeg\n"     // grey.jpg, in a cell
            "image 120x80 icc image\n"     // srgb-icc.png, in a cell
            "image 120x80 rgb image\n"     // alpha.png
            "smask 120x80 gray image\n");  // its alpha
}

// Nothing PDF/A-3 under the sRGB output intent cannot hold: no DeviceCMYK in
// any object or content stream, no JavaScript, launch or additional actions,
// soft masks only on images, and one output intent.
TEST_F(HeldFigures, HoldsNothingPdfA3Refuses) {
  const RunResult qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf()) + " -");
  ASSERT_EQ(qdf.status, 0) << qdf.err;
  EXPECT_EQ(qdf.out.find("/DeviceCMYK"), std::string::npos);
  const RunResult objects = run(tool("pdfa_objects.py") + " " + quote(pdf()));
  ASSERT_EQ(objects.status, 0) << objects.err;
  EXPECT_EQ(objects.out, "OutputIntents 1 1\nSMask 1 1\n");
}

// The text, the captions (in prose and in cells) and the SVG's text read
// back as text.
TEST_F(HeldFigures, TextCaptionsAndTheSvgsTextReadBack) {
  const std::string text = squeeze(run("pdftotext " + quote(pdf()) + " -").out);
  for (const char* shown : {"利用者の年齢構成は、60歳以上が全体の半数を超えています。", "図1施設別利用者数（令和5年度）",
                            "写真1中央公民館", "写真3南地区集会所", "図2施設の位置（都市計画課資料より）", "図4検討体制",
                            "検討委員会", "施設所管課"})
    EXPECT_NE(text.find(shown), std::string::npos) << shown << "\n" << text;
}

// extract writes every figure file back byte for byte, and rebuild without
// the folder gives the same bytes.
TEST_F(HeldFigures, ExtractAndRebuildGiveTheSameBytes) {
  TempDir elsewhere;
  const std::string copy = (elsewhere / "figures.pdf").string();
  std::filesystem::copy_file(pdf(), copy);
  const RunResult extracted = shiryo("extract " + quote(copy) + " -o " + quote((elsewhere / "x").string()));
  ASSERT_EQ(extracted.status, 0) << extracted.err;
  for (const char* file :
       {"figures.xml", "rgb.png", "photo300.jpg", "grey.jpg", "srgb-icc.png", "pages.pdf", "alpha.png", "org-chart.svg"})
    EXPECT_EQ(read_file(elsewhere / "x" / file), read_file(path(file))) << file;
  const RunResult rebuilt = shiryo("rebuild " + quote(copy) + " -o " + quote((elsewhere / "b.pdf").string()));
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_EQ(read_file(elsewhere / "b.pdf"), read_file(pdf()));
}

}  // namespace
}  // namespace shiryo::testing
