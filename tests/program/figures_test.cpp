// Figures: test images of every kind written by tests/tools/make_figures.py
// (PIL and a small encoder, independent of shiryo), built into packets and
// checked with pdfimages, qpdf, pdftoppm pixel samples (figure_pixels.py),
// pdfdetach, and extract + rebuild; then each bad file an error at its src
// with nothing written.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>
#include <sstream>

#include "figure_packets.h"
#include "harness.h"

namespace shiryo::testing {
namespace {


class Figures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    ASSERT_EQ(run(tool("make_figures.py") + " " + quote(dir_->path().string())).status, 0);
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }

  // Builds `blocks` as p.xml in the image folder into `pdf`.
  static RunResult build(const std::string& blocks, const std::string& pdf, const std::string& extra = "") {
    write_file(*dir_ / "p.xml", packet(blocks));
    return shiryo("build " + quote(path("p.xml")) + " -o " + quote(path(pdf)) + " --date 2024-03-14 " + extra);
  }

  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> Figures::dir_;

// The shell command that writes the manifest embedded in `pdf` to `to`,
// through pdfdetach (by its number: -savefile does not find it).
std::string save_manifest(const std::string& pdf, const std::string& to) {
  return "pdfdetach -save \"$(pdfdetach -list " + quote(pdf) + " | sed -n 's/^\\([0-9]*\\): shiryo-manifest.txt$/\\1/p')\" -o " +
         quote(to) + " " + quote(pdf);
}

struct Kind {
  const char* file;
  const char* shows;  // what figure_pixels.py expects
  const char* listed; // pdfimages -list: color, bpc, enc
};

const Kind kKinds[] = {
    {"rgb.png", "colour", "rgb 3 8 image"},
    {"grey.png", "grey", "gray 1 8 image"},
    {"palette.png", "colour", "index 1 2 image"},
    {"alpha.png", "colour-clear", "rgb 3 8 image"},
    {"trns.png", "colour-clear", "rgb 3 8 image"},
    {"grey16.png", "grey", "gray 1 16 image"},
    {"rgb16.png", "colour", "rgb 3 16 image"},
    {"interlaced.png", "colour", "rgb 3 8 image"},
    {"interlaced-alpha.png", "colour-clear", "rgb 3 8 image"},
    {"baseline.jpg", "colour", "rgb 3 8 jpeg"},
    {"progressive.jpg", "colour", "rgb 3 8 jpeg"},
    {"grey.jpg", "grey", "gray 1 8 jpeg"},
    {"cmyk.jpg", "swop", "rgb 3 8 image"},
    {"exif2.jpg", "colour", "rgb 3 8 jpeg"},
    {"exif3.jpg", "colour", "rgb 3 8 jpeg"},
    {"exif4.jpg", "colour", "rgb 3 8 jpeg"},
    {"exif5.jpg", "colour", "rgb 3 8 jpeg"},
    {"exif6.jpg", "colour", "rgb 3 8 jpeg"},
    {"exif7.jpg", "colour", "rgb 3 8 jpeg"},
    {"exif8.jpg", "colour", "rgb 3 8 jpeg"},
};

// One figure a page, 60 mm wide, after a first page that holds the title:
// each is drawn at its size, the right way up, in its colours.
TEST_F(Figures, EveryKindIsDrawnAtItsSizeTheRightWayUpInItsColours) {
  std::string blocks = "<page-break/>\n";
  std::string kinds = "skip";
  for (const Kind& k : kKinds) {
    blocks += "<figure src=\"" + std::string(k.file) + "\" width=\"60mm\"/><page-break/>\n";
    kinds += std::string(" ") + k.shows;
  }
  const RunResult r = build(blocks, "kinds.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("figure 'cmyk.jpg' is a CMYK JPEG without a colour profile; it is converted to sRGB through a "
                       "standard press profile (SWOP)"),
            std::string::npos)
      << r.err;
  const RunResult pixels = run(tool("figure_pixels.py") + " " + quote(path("kinds.pdf")) + " 60 " + kinds);
  EXPECT_EQ(pixels.status, 0) << pixels.out << pixels.err;
  EXPECT_EQ(pixels.out.find("WRONG"), std::string::npos) << pixels.out;

  // pdfimages: one image per page (and the /SMask of the clear ones), with
  // the colour space, bits and filter each kind must keep; JPEGs stay JPEG.
  const RunResult list = run("pdfimages -list " + quote(path("kinds.pdf")));
  ASSERT_EQ(list.status, 0);
  std::istringstream lines(list.out);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  std::size_t k = 0;
  int masks = 0;
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string page, num, type, width, height, color, comp, bpc, enc;
    f >> page >> num >> type >> width >> height >> color >> comp >> bpc >> enc;
    if (type == "smask") {
      ++masks;
      continue;
    }
    ASSERT_LT(k, std::size(kKinds)) << line;
    EXPECT_EQ(page, std::to_string(k + 2)) << kKinds[k].file;
    EXPECT_EQ(color + " " + comp + " " + bpc + " " + enc, kKinds[k].listed) << kKinds[k].file;
    ++k;
  }
  EXPECT_EQ(k, std::size(kKinds));
  EXPECT_EQ(masks, 3);  // alpha, tRNS and the interlaced one with alpha
  const RunResult check = run("qpdf --check " + quote(path("kinds.pdf")));
  EXPECT_EQ(check.status, 0) << check.out << check.err;
}

// width in percent and height alone set the size; the other follows the
// aspect ratio; a width wider than the text area is held to it.
TEST_F(Figures, WidthAndHeightFollowTheAspectRatio) {
  // The default A4 text area: pdfimages' x-ppi says the width drawn.
  ASSERT_EQ(build("<page-break/><figure src=\"rgb.png\" height=\"40mm\"/><page-break/><figure src=\"rgb.png\" width=\"400mm\"/>",
                  "sizes.pdf")
                .status,
            0);
  const RunResult list = run("pdfimages -list " + quote(path("sizes.pdf")));
  // 40 mm high is 60 mm wide: 120 px over 60 mm is 51 ppi.
  EXPECT_NE(list.out.find("  0    51    51 "), std::string::npos) << list.out;
  const RunResult pixels = run(tool("figure_pixels.py") + " " + quote(path("sizes.pdf")) + " 60 skip colour");
  EXPECT_EQ(pixels.status, 0) << pixels.out;
  // Page 3: held to the text width, never off the page.
  const RunResult ppi = run("pdfimages -list -f 3 -l 3 " + quote(path("sizes.pdf")) + " | tail -1");
  std::istringstream f(ppi.out);
  std::string skip;
  double x_ppi = 0;
  for (int i = 0; i < 12; ++i) f >> skip;
  f >> x_ppi;
  // 120 px across at most 210 mm less margins: more than 120 / (210 / 25.4) ppi.
  EXPECT_GT(x_ppi, 120 / (210 / 25.4)) << ppi.out;
  EXPECT_LT(x_ppi, 120 / (120 / 25.4)) << ppi.out;
}

// A figure and its caption stay together and a figure inside a <box> is
// drawn in its frame; the same image drawn twice is one object.
TEST_F(Figures, CaptionStaysWithItsImageAndBoxesDrawTheirFigures) {
  std::string blocks;
  for (int i = 0; i < 14; ++i) blocks += "<p>段落" + std::to_string(i) + "の本文です。行政改革の推進について説明します。</p>\n";
  blocks += "<figure src=\"rgb.png\" width=\"100mm\"><caption>図1 四色の図</caption></figure>\n";
  blocks += "<box><p>枠の中の図です。</p><figure src=\"rgb.png\" width=\"40mm\"><caption>図2 枠の図</caption></figure></box>\n";
  const RunResult r = build(blocks, "caption.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const RunResult list = run("pdfimages -list " + quote(path("caption.pdf")));
  std::istringstream lines(list.out);
  std::string line, first_page, first_object;
  std::getline(lines, line);
  std::getline(lines, line);
  int images = 0;
  std::set<std::string> objects;
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string page, num, type, w, h, color, comp, bpc, enc, interp, object;
    f >> page >> num >> type >> w >> h >> color >> comp >> bpc >> enc >> interp >> object;
    objects.insert(object);
    ++images;
    const std::string text =
        run("pdftotext -f " + page + " -l " + page + " " + quote(path("caption.pdf")) + " -").out;
    EXPECT_NE(squeeze(text).find(images == 1 ? "図1四色の図" : "図2枠の図"), std::string::npos) << page;
  }
  EXPECT_EQ(images, 2);
  EXPECT_EQ(objects.size(), 1u);
}

// One file under two names (the same bytes) is one image object and one
// embedded file; extract writes it at both paths.
TEST_F(Figures, TheSameBytesUnderTwoNamesAreOneImageAndOneEmbeddedFile) {
  std::filesystem::copy_file(path("rgb.png"), path("same-rgb.png"), std::filesystem::copy_options::overwrite_existing);
  ASSERT_EQ(build("<figure src=\"rgb.png\" width=\"50mm\"/><page-break/><figure src=\"same-rgb.png\" width=\"30mm\"/>",
                  "same.pdf")
                .status,
            0);
  const RunResult objects = run("pdfimages -list " + quote(path("same.pdf")) + " | tail -n +3 | awk '{print $11}' | sort -u");
  EXPECT_EQ(objects.out.find('\n'), objects.out.size() - 1) << objects.out;
  EXPECT_EQ(run("pdfimages -list " + quote(path("same.pdf")) + " | tail -n +3 | wc -l").out, "2\n");
  const RunResult files = run(tool("embedded_filters.py") + " " + quote(path("same.pdf")) + " | grep -c png");
  EXPECT_EQ(files.out, "1\n");
  TempDir elsewhere;
  ASSERT_EQ(shiryo("extract " + quote(path("same.pdf")) + " -o " + quote((elsewhere / "x").string())).status, 0);
  EXPECT_EQ(read_file(elsewhere / "x" / "rgb.png"), read_file(path("rgb.png")));
  EXPECT_EQ(read_file(elsewhere / "x" / "same-rgb.png"), read_file(path("rgb.png")));
}

// A figure that does not fit under the text moves to the next page with its
// caption, and the room it leaves is not filled by what follows it: the
// paragraph after it prints after it, on its page.
TEST_F(Figures, TheRoomAMovedFigureLeavesIsNotFilledByALaterBlock) {
  std::string blocks;
  for (int i = 0; i < 24; ++i) blocks += "<p>段落" + std::to_string(i) + "の本文です。行政改革の推進について説明します。</p>\n";
  blocks += "<figure src=\"rgb.png\" width=\"100mm\"><caption>図1 四色の図</caption></figure>\n<p>図の後の段落です。</p>\n";
  ASSERT_EQ(build(blocks, "room.pdf").status, 0);
  const RunResult first = run("pdfimages -list " + quote(path("room.pdf")) + " | tail -n +3 | awk '{print $1}'");
  ASSERT_EQ(first.out, "2\n") << "the figure did not move to page 2: " << first.out;
  EXPECT_EQ(squeeze(run("pdftotext -f 1 -l 1 " + quote(path("room.pdf")) + " -").out).find("図の後の段落"), std::string::npos);
  const std::string second = squeeze(run("pdftotext -f 2 -l 2 " + quote(path("room.pdf")) + " -").out);
  const auto caption = second.find("図1四色の図"), after = second.find("図の後の段落");
  ASSERT_NE(caption, std::string::npos) << second;
  ASSERT_NE(after, std::string::npos) << second;
  EXPECT_LT(caption, after);
}

// The figures' files travel in the PDF: pdfdetach lists them, stored
// without a filter and with their MIME types (embedded_filters.py reads
// them through qpdf), the manifest records each src's SHA-256, extract
// writes them back byte for byte, and rebuild without the folder gives the
// same bytes.
TEST_F(Figures, FilesAreEmbeddedAndRebuildGivesTheSameBytes) {
  TempDir elsewhere;
  ASSERT_EQ(build("<figure src=\"baseline.jpg\" width=\"50mm\"/><figure src=\"alpha.png\" width=\"50mm\"/>", "a.pdf").status, 0);
  const RunResult attached = run("pdfdetach -list " + quote(path("a.pdf")));
  EXPECT_NE(attached.out.find("baseline.jpg"), std::string::npos) << attached.out;
  EXPECT_NE(attached.out.find("alpha.png"), std::string::npos) << attached.out;
  // JPEG and PNG files are stored as they are (deflating them again saves
  // nothing); the XML sources are deflated.
  const RunResult filters = run(tool("embedded_filters.py") + " " + quote(path("a.pdf")));
  ASSERT_EQ(filters.status, 0) << filters.err;
  EXPECT_NE(filters.out.find("baseline.jpg none /image/jpeg\n"), std::string::npos) << filters.out;
  EXPECT_NE(filters.out.find("alpha.png none /image/png\n"), std::string::npos) << filters.out;
  EXPECT_NE(filters.out.find("p.xml /FlateDecode /application/xml\n"), std::string::npos) << filters.out;
  // The manifest maps each src to its embedded file and SHA-256.
  const RunResult saved = run(save_manifest(path("a.pdf"), (elsewhere / "m.txt").string()));
  ASSERT_EQ(saved.status, 0) << saved.err;
  const std::string sha = run("sha256sum " + quote(path("baseline.jpg")) + " | cut -c1-64").out.substr(0, 64);
  EXPECT_NE(read_file(elsewhere / "m.txt").find(" baseline.jpg\t" + sha + "\tbaseline.jpg\n"), std::string::npos)
      << read_file(elsewhere / "m.txt");
  const std::string copy = (elsewhere / "a.pdf").string();
  std::filesystem::copy_file(path("a.pdf"), copy);
  const RunResult extracted = shiryo("extract " + quote(copy) + " -o " + quote((elsewhere / "x").string()));
  ASSERT_EQ(extracted.status, 0) << extracted.err;
  EXPECT_EQ(read_file(elsewhere / "x" / "baseline.jpg"), read_file(path("baseline.jpg")));
  EXPECT_EQ(read_file(elsewhere / "x" / "alpha.png"), read_file(path("alpha.png")));
  const RunResult rebuilt = shiryo("rebuild " + quote(copy) + " -o " + quote((elsewhere / "b.pdf").string()));
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_EQ(read_file(elsewhere / "b.pdf"), read_file(path("a.pdf")));
  // The same input at another TZ gives the same bytes.
  ASSERT_EQ(build("<figure src=\"baseline.jpg\" width=\"50mm\"/><figure src=\"alpha.png\" width=\"50mm\"/>", "tz.pdf",
                  "").status,
            0);
  const RunResult tokyo = shiryo("build " + quote(path("p.xml")) + " -o " + quote(path("tokyo.pdf")) + " --date 2024-03-14",
                                 "TZ=Asia/Tokyo");
  ASSERT_EQ(tokyo.status, 0);
  EXPECT_EQ(read_file(path("tokyo.pdf")), read_file(path("tz.pdf")));
}

// A CMYK JPEG without a profile is converted through Ghostscript's default
// CMYK profile (its colours are those PIL's ImageCms computes through it:
// figure_pixels.py's `swop`, not the naive inverse of PIL's conversion,
// which would give back the picture's colours), the manifest locks that
// profile by its SHA-256, rebuild gives the same bytes, and a lock that
// records another profile stops a rebuild (status 3) unless
// --allow-font-change.
TEST_F(Figures, ACmykJpegWithoutAProfileIsConvertedThroughALockedProfile) {
  ASSERT_EQ(build("<page-break/><figure src=\"cmyk.jpg\" width=\"60mm\"/>", "cmyk.pdf").status, 0);
  const RunResult pixels = run(tool("figure_pixels.py") + " " + quote(path("cmyk.pdf")) + " 60 skip swop");
  EXPECT_EQ(pixels.status, 0) << pixels.out << pixels.err;
  const RunResult naive = run(tool("figure_pixels.py") + " " + quote(path("cmyk.pdf")) + " 60 skip colour");
  EXPECT_EQ(naive.status, 1) << naive.out;
  TempDir elsewhere;
  const RunResult manifest = run(save_manifest(path("cmyk.pdf"), (elsewhere / "m.txt").string()));
  ASSERT_EQ(manifest.status, 0) << manifest.err;
  const RunResult sum = run("sha256sum /usr/share/color/icc/ghostscript/default_cmyk.icc | cut -c1-64");
  const std::string sha = sum.out.substr(0, 64);
  ASSERT_EQ(sha.size(), 64u);
  EXPECT_NE(read_file(elsewhere / "m.txt").find("cmyk-profile /usr/share/color/icc/ghostscript/default_cmyk.icc\t" + sha + "\n"),
            std::string::npos)
      << read_file(elsewhere / "m.txt");
  const RunResult rebuilt = shiryo("rebuild " + quote(path("cmyk.pdf")) + " -o " + quote((elsewhere / "b.pdf").string()));
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_TRUE(read_file(elsewhere / "b.pdf") == read_file(path("cmyk.pdf")));

  // The same PDF with another profile's hash in its lock (qpdf's QDF form
  // holds the manifest uncompressed; the hash keeps its length).
  const std::string qdf = (elsewhere / "q.pdf").string();
  ASSERT_EQ(run("qpdf --qdf --object-streams=disable " + quote(path("cmyk.pdf")) + " " + quote(qdf)).status, 0);
  std::string bytes = read_file(qdf);
  const std::size_t at = bytes.find(sha);
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 64, std::string(64, '0'));
  write_file(elsewhere / "q.pdf", bytes);
  const RunResult refused = shiryo("rebuild " + quote(qdf) + " -o " + quote((elsewhere / "c.pdf").string()));
  EXPECT_EQ(refused.status, 3) << refused.err;
  EXPECT_NE(refused.err.find("error: the CMYK profile /usr/share/color/icc/ghostscript/default_cmyk.icc differs from the lock: "
                             "locked sha256 " + std::string(64, '0') + ", found " + sha),
            std::string::npos)
      << refused.err;
  EXPECT_FALSE(std::filesystem::exists(elsewhere / "c.pdf"));
  const RunResult allowed = shiryo("rebuild " + quote(qdf) + " -o " + quote((elsewhere / "c.pdf").string()) + " --allow-font-change");
  EXPECT_EQ(allowed.status, 0) << allowed.err;
  EXPECT_NE(allowed.err.find("warning: the CMYK profile"), std::string::npos) << allowed.err;
}

// A photo printed below 150 dpi is warned about with its resolution at the
// size drawn, outside a table and in a cell at the cell's width (the width
// mutool draws it at); a PNG (no photo) and a sharp photo are not.
TEST_F(Figures, APhotoBelow150DpiIsWarnedAboutAtItsDrawnSize) {
  const RunResult r = build("<figure src=\"baseline.jpg\" width=\"60mm\"/>\n"
                            "<figure src=\"photo300.jpg\" width=\"100mm\"/>\n"
                            "<table><col width=\"40%\"/><col width=\"*\"/><tr><td><figure src=\"progressive.jpg\" width=\"100%\"/></td>"
                            "<td><figure src=\"rgb.png\" width=\"100%\"/></td></tr></table>",
                            "dpi.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("p.xml:4:14: warning: the photo 'baseline.jpg' prints at 51 dpi at this size (120 pixels across 60 mm), "
                       "below 150 dpi"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("'photo300.jpg' prints"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("'rgb.png' prints"), std::string::npos) << r.err;
  // The cell's photo: its width as drawn, from mutool's trace of page 1.
  const RunResult trace = run("mutool draw -F trace -o - " + quote(path("dpi.pdf")) + " 1 2>/dev/null");
  std::vector<double> widths;
  const std::regex placed("fill_image[^>]*transform=\"([-0-9.]+) 0 0 [-0-9.]+ [-0-9.]+ [-0-9.]+\"");
  for (auto it = std::sregex_iterator(trace.out.begin(), trace.out.end(), placed); it != std::sregex_iterator(); ++it)
    widths.push_back(std::stod((*it)[1]));
  ASSERT_EQ(widths.size(), 4u) << trace.out;
  const double mm = widths[2] / 72 * 25.4;
  const long dpi = std::lround(120 / (widths[2] / 72));
  EXPECT_NE(r.err.find("p.xml:6:63: warning: the photo 'progressive.jpg' prints at " + std::to_string(dpi) +
                       " dpi at this size (120 pixels across " + std::to_string(std::lround(mm)) + " mm)"),
            std::string::npos)
      << r.err;
}

// extract writes a figure at the path its src gives, folders and all, so
// that the extracted packet builds in its folder; a folder on that path that
// is a symbolic link is refused before anything is written.
TEST_F(Figures, ExtractWritesFiguresWhereTheirSrcFindsThem) {
  TempDir elsewhere;
  std::filesystem::create_directories(*dir_ / "sub");
  std::filesystem::copy_file(path("alpha.png"), *dir_ / "sub" / "alpha.png",
                             std::filesystem::copy_options::overwrite_existing);
  ASSERT_EQ(build("<figure src=\"sub/alpha.png\" width=\"50mm\"/><figure src=\"baseline.jpg\" width=\"20mm\"/>", "sub.pdf")
                .status,
            0);
  const std::filesystem::path x = elsewhere / "x";
  const RunResult extracted = shiryo("extract " + quote(path("sub.pdf")) + " -o " + quote(x.string()));
  ASSERT_EQ(extracted.status, 0) << extracted.err;
  EXPECT_NE(extracted.out.find((x / "sub" / "alpha.png").string() + "\n"), std::string::npos) << extracted.out;
  EXPECT_EQ(read_file(x / "sub" / "alpha.png"), read_file(path("alpha.png")));
  EXPECT_EQ(read_file(x / "baseline.jpg"), read_file(path("baseline.jpg")));
  EXPECT_FALSE(std::filesystem::exists(x / "alpha.png"));
  const RunResult again = shiryo("build " + quote((x / "p.xml").string()) + " -o " + quote((elsewhere / "again.pdf").string()) +
                                 " --date 2024-03-14");
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.err, "");
  EXPECT_EQ(run("pdfimages -list " + quote((elsewhere / "again.pdf").string())).out,
            run("pdfimages -list " + quote(path("sub.pdf"))).out);

  const std::filesystem::path y = elsewhere / "y";
  std::filesystem::create_directories(y);
  std::filesystem::create_directory_symlink(elsewhere.path(), y / "sub");
  const RunResult refused = shiryo("extract " + quote(path("sub.pdf")) + " -o " + quote(y.string()));
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find((y / "sub").string() + " is not a directory, so sub/alpha.png cannot be written inside"),
            std::string::npos)
      << refused.err;
  EXPECT_FALSE(std::filesystem::exists(y / "p.xml"));
}

// Each bad file: an error at the src attribute that says what is wrong,
// status 1, and the previous PDF left as it was.
TEST_F(Figures, BadFilesAreErrorsAtSrcAndWriteNothing) {
  write_file(*dir_ / "old.pdf", "previous");
  const struct {
    const char* src;
    const char* says;
  } cases[] = {
      {"missing.png", "figure 'missing.png' cannot be read: no such file in the folder " },
      {"passwd.png", "figure 'passwd.png' cannot be drawn: it is text, not a PNG or JPEG image"},
      {"truncated.png", "figure 'truncated.png' cannot be drawn: the PNG is truncated"},
      {"truncated.jpg", "figure 'truncated.jpg' cannot be drawn: "},
      {"bomb.png", "it declares 20000 × 20000 pixels, more than 100 million; refused without decoding it"},
  };
  for (const auto& c : cases) {
    const RunResult r = build("<p>本文</p>\n<figure src=\"" + std::string(c.src) + "\" width=\"50mm\"/>\n", "old.pdf");
    EXPECT_EQ(r.status, 1) << c.src << r.err;
    EXPECT_NE(r.err.find("p.xml:5:14: error: "), std::string::npos) << c.src << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.src << r.err;
    EXPECT_EQ(read_file(*dir_ / "old.pdf"), "previous") << c.src;
  }
  // An output over a figure it reads is refused.
  const RunResult over = build("<figure src=\"rgb.png\"/>", "rgb.png");
  EXPECT_NE(over.status, 0);
  EXPECT_NE(over.err.find("rgb.png"), std::string::npos) << over.err;
}

// A figure taller than a page is drawn smaller to fit, with a warning,
// never clipped.
TEST_F(Figures, AFigureTallerThanAPageIsScaledToFitWithAWarning) {
  const RunResult r = build("<p>前の段落</p><figure src=\"tall.png\" width=\"100%\"><caption>縦長の図</caption></figure>", "tall.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("the figure is taller than a page; it is drawn smaller, to fit one"), std::string::npos) << r.err;
  const RunResult text = run("pdftotext " + quote(path("tall.pdf")) + " -");
  EXPECT_NE(squeeze(text.out).find("縦長の図"), std::string::npos);
  // Drawn whole on the page after the paragraph, its caption under it: the
  // rendering of that page has the image's grey from the top margin to above
  // the caption, and nothing grey leaves the page.
  const RunResult pages = run("pdfinfo " + quote(path("tall.pdf")) + " | grep Pages:");
  EXPECT_NE(pages.out.find(" 2\n"), std::string::npos) << pages.out;
  const RunResult where = run("pdfimages -list -f 2 -l 2 " + quote(path("tall.pdf")) + " | tail -n +3 | wc -l");
  EXPECT_EQ(where.out, "1\n");
  const RunResult caption = run("pdftotext -f 2 -l 2 " + quote(path("tall.pdf")) + " -");
  EXPECT_NE(squeeze(caption.out).find("縦長の図"), std::string::npos) << caption.out;
  const RunResult extent = run(tool("figure_pixels.py") + " --extent " + quote(path("tall.pdf")) + " 2");
  ASSERT_EQ(extent.status, 0) << extent.out << extent.err;
  std::istringstream e(extent.out);
  int top = 0, bottom = 0, height = 0;
  e >> top >> bottom >> height;
  EXPECT_GT(top, 0) << extent.out;
  EXPECT_LT(bottom, height * 19 / 20) << extent.out;  // above the caption and the foot
  EXPECT_GT(bottom - top, height / 2) << extent.out;
}

// In a frame too: a figure taller than a page is drawn smaller with the same
// warning, whole on one page with its caption under it, and the frame's text
// after it follows on the next page.
TEST_F(Figures, AFigureInABoxTallerThanAPageIsScaledToFitWithItsCaption) {
  const RunResult r = build("<box><p>前の段落</p><figure src=\"tall.png\" width=\"100%\"><caption>縦長の図</caption></figure>"
                            "<p>後の段落</p></box>",
                            "boxed.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("the figure is taller than a page; it is drawn smaller, to fit one"), std::string::npos) << r.err;
  const RunResult images = run("pdfimages -list " + quote(path("boxed.pdf")) + " | tail -n +3");
  std::istringstream listed(images.out);
  int page = 0;
  listed >> page;
  ASSERT_GT(page, 0) << images.out;
  const std::string at = std::to_string(page);
  const RunResult caption = run("pdftotext -f " + at + " -l " + at + " " + quote(path("boxed.pdf")) + " -");
  EXPECT_NE(squeeze(caption.out).find("縦長の図"), std::string::npos) << caption.out;
  EXPECT_NE(squeeze(run("pdftotext " + quote(path("boxed.pdf")) + " -").out).find("後の段落"), std::string::npos);
  // Where mutool draws the image and pdftotext the caption and page number,
  // from the page's top in points: the image starts on the page, its caption
  // ends under it, and both end above the page number.
  const RunResult trace = run("mutool draw -F trace -o - " + quote(path("boxed.pdf")) + " " + at + " 2>/dev/null");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(trace.out, m, std::regex("fill_image[^>]*transform=\"[-0-9.]+ 0 0 ([-0-9.]+) [-0-9.]+ ([-0-9.]+)\"")))
      << trace.out;
  const RunResult size = run("pdfinfo -f " + at + " -l " + at + " " + quote(path("boxed.pdf")) + " | grep 'size:'");
  std::smatch sm;
  ASSERT_TRUE(std::regex_search(size.out, sm, std::regex("x ([0-9.]+) pts"))) << size.out;
  const double page_height = std::stod(sm[1]);
  const double image_bottom = page_height - std::stod(m[2]);
  const double image_top = image_bottom - std::stod(m[1]);
  const RunResult words = run("pdftotext -bbox -f " + at + " -l " + at + " " + quote(path("boxed.pdf")) + " -");
  std::smatch cm, nm;
  ASSERT_TRUE(std::regex_search(words.out, cm, std::regex("yMax=\"([0-9.]+)\">縦長の図<"))) << words.out;
  ASSERT_TRUE(std::regex_search(words.out, nm, std::regex("yMin=\"([0-9.]+)\"[^>]*>" + at + "<"))) << words.out;
  EXPECT_GT(image_top, 0);
  EXPECT_LT(image_bottom, std::stod(cm[1]));
  EXPECT_LT(std::stod(cm[1]), std::stod(nm[1]));
}

// A figure in a <table> cell is drawn inside the cell at the cell's width:
// `width="80%"` is of the cell, a figure asking for more than the cell is
// drawn at the cell's inner width, and each is centred between the cell's
// rules as mutool draws them; text beside a figure in a cell is an error.
TEST_F(Figures, AFigureInATableCellIsDrawnAtTheCellsWidth) {
  const RunResult r = build("<table><col width=\"30%\"/><col width=\"*\"/>"
                            "<tr><td><figure src=\"rgb.png\" width=\"80%\"><caption>図A</caption></figure></td><td>説明</td></tr>"
                            "<tr><td>写真</td><td><figure src=\"photo300.jpg\" width=\"300mm\"/></td></tr></table>",
                            "cell.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  const RunResult trace = run("mutool draw -F trace -o - " + quote(path("cell.pdf")) + " 1 2>/dev/null");
  // The vertical rules: the table's left edge, the column boundary, its right edge.
  std::set<double> rules;
  const std::regex vertical("<moveto x=\"([0-9.]+)\" y=\"[0-9.]+\"/>\\s*<lineto x=\"([0-9.]+)\" y=\"[0-9.]+\"/>\\s*</stroke_path>");
  for (auto it = std::sregex_iterator(trace.out.begin(), trace.out.end(), vertical); it != std::sregex_iterator(); ++it) {
    if ((*it)[1] == (*it)[2]) rules.insert(std::round(std::stod((*it)[1]) * 10) / 10);
  }
  ASSERT_EQ(rules.size(), 3u) << trace.out;
  const double left = *rules.begin(), middle = *std::next(rules.begin()), right = *rules.rbegin();
  std::vector<std::pair<double, double>> images;  // x, width
  const std::regex placed("fill_image[^>]*transform=\"([-0-9.]+) 0 0 [-0-9.]+ ([-0-9.]+) [-0-9.]+\"");
  for (auto it = std::sregex_iterator(trace.out.begin(), trace.out.end(), placed); it != std::sregex_iterator(); ++it)
    images.emplace_back(std::stod((*it)[2]), std::stod((*it)[1]));
  ASSERT_EQ(images.size(), 2u) << trace.out;
  // rgb.png: 80% of the first cell, centred in it.
  const auto [x1, w1] = images[0];
  EXPECT_GT(x1, left);
  EXPECT_LT(x1 + w1, middle);
  EXPECT_NEAR(x1 - left, middle - (x1 + w1), 0.1);
  EXPECT_GT(w1, 0.7 * (middle - left));
  EXPECT_LT(w1, 0.8 * (middle - left));
  // The photo asks for 300 mm: it fills the second cell's inner width, with
  // the same padding each side as the first cell's inner width has.
  const auto [x2, w2] = images[1];
  const double padding = ((middle - left) - w1 / 0.8) / 2;
  EXPECT_NEAR(x2, middle + padding, 0.1);
  EXPECT_NEAR(x2 + w2, right - padding, 0.1);
  EXPECT_NE(squeeze(run("pdftotext " + quote(path("cell.pdf")) + " -").out).find("図A"), std::string::npos);
  EXPECT_EQ(run("qpdf --check " + quote(path("cell.pdf"))).status, 0);

  write_file(*dir_ / "old.pdf", "previous");
  const RunResult mixed = build("<table><tr><td>前<figure src=\"rgb.png\"/></td></tr></table>", "old.pdf");
  EXPECT_EQ(mixed.status, 1);
  EXPECT_NE(mixed.err.find("p.xml:4:16: error: a <td> that holds a <figure> holds nothing else"), std::string::npos) << mixed.err;
  EXPECT_EQ(read_file(*dir_ / "old.pdf"), "previous");
}

}  // namespace
}  // namespace shiryo::testing
