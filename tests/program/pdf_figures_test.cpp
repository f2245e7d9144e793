// PDF pages as figures: test PDFs written object by object by
// tests/tools/make_pdf_figures.py (and one page of shiryo's own output, for
// embedded fonts), imported into packets and checked with pdftoppm against
// the source page (pdf_page_pixels.py), pdffonts, pdftotext, qpdf, and
// extract + rebuild; then each hostile or unusable PDF an error at its src
// with nothing written.
#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>

#include "figure_packets.h"
#include "harness.h"

namespace shiryo::testing {
namespace {


class PdfFigures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    ASSERT_EQ(run(tool("make_pdf_figures.py") + " " + quote(dir_->path().string())).status, 0);
    // A page of shiryo's own output: Japanese text in embedded subset fonts.
    write_file(*dir_ / "source.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta>"
                                     "<title>予算の資料</title><held start=\"2024-03-14\"/></meta>\n<document id=\"d\" "
                                     "title=\"予算\">\n<p>令和6年度の予算は前年度より増えています。</p></document></packet>\n");
    ASSERT_EQ(shiryo("build " + quote(path("source.xml")) + " -o " + quote(path("budget.pdf")) + " --date 2024-03-14").status, 0);
    ASSERT_EQ(run("qpdf --encrypt secret owner 256 -- " + quote(path("pages.pdf")) + " " + quote(path("locked.pdf"))).status, 0);
    ASSERT_EQ(run("qpdf --encrypt '' owner 256 -- " + quote(path("pages.pdf")) + " " + quote(path("open-locked.pdf"))).status,
              0);
    const std::string whole = read_file(*dir_ / "pages.pdf");
    write_file(*dir_ / "cut.pdf", whole.substr(0, whole.size() * 2 / 3));
    write_file(*dir_ / "note.txt", "not a PDF\n");
    write_file(*dir_ / "org.svg",
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"150\"><rect width=\"300\" height=\"150\" "
               "fill=\"#36c\"/><text x=\"20\" y=\"80\" font-size=\"30\" font-family=\"BIZ UDGothic\" fill=\"#fff\">組織図 ABC</text></svg>\n");
    write_file(*dir_ / "external.svg",
               "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"30\" height=\"30\">"
               "<image xlink:href=\"file:///etc/passwd\" width=\"30\" height=\"30\"/></svg>\n");
    write_file(*dir_ / "styled.svg",
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"30\"><style>rect { fill: url(http://example.com/p.svg#g) }"
               "</style><rect width=\"30\" height=\"30\"/></svg>\n");
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }

  static RunResult build(const std::string& blocks, const std::string& pdf, const std::string& env = "") {
    write_file(*dir_ / "p.xml", packet(blocks));
    return shiryo("build " + quote(path("p.xml")) + " -o " + quote(path(pdf)) + " --date 2024-03-14", env);
  }

  // Each page of `pdf` shows what its source page shows (pdf_page_pixels.py).
  struct Shown {
    int page;
    const char* source;
    int source_page;
  };
  static void expect_shown(const std::string& pdf, std::initializer_list<Shown> shown) {
    for (const Shown& s : shown) {
      const RunResult pixels = run(tool("pdf_page_pixels.py") + " " + quote(path(pdf)) + " " + std::to_string(s.page) + " " +
                                   quote(path(s.source)) + " " + std::to_string(s.source_page));
      EXPECT_EQ(pixels.status, 0) << s.source << "\n" << pixels.out << pixels.err;
    }
  }

  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> PdfFigures::dir_;

// Each page on a page of its own: rendered, it shows what pdftoppm shows of
// the source page at its crop box (never the red outside it), turned by its
// /Rotate, with its transparency; a page number picks the page, 1 by default.
TEST_F(PdfFigures, PagesAreDrawnCroppedAndTurnedAsTheirSourceShowsThem) {
  const RunResult r = build("<page-break/><figure src=\"pages.pdf\" page=\"2\"/><page-break/>"
                            "<figure src=\"rotated.pdf\" width=\"50mm\"/><page-break/>"
                            "<figure src=\"transparent.pdf\" width=\"150mm\"/><page-break/>"
                            "<figure src=\"pages.pdf\" width=\"30mm\"/>",
                            "pages-out.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  expect_shown("pages-out.pdf", {{2, "pages.pdf", 2}, {3, "rotated.pdf", 1}, {4, "transparent.pdf", 1}, {5, "pages.pdf", 1}});
  // The comparison can fail: page 2 of pages.pdf is not what page 4 shows.
  const RunResult other = run(tool("pdf_page_pixels.py") + " " + quote(path("pages-out.pdf")) + " 4 " +
                              quote(path("pages.pdf")) + " 2");
  EXPECT_EQ(other.status, 1) << other.out;
  const RunResult check = run("qpdf --check " + quote(path("pages-out.pdf")));
  EXPECT_EQ(check.status, 0) << check.out << check.err;
  // The transparency group came along, with its colour space.
  const RunResult objects = run("qpdf --qdf --object-streams=disable " + quote(path("pages-out.pdf")) + " -");
  EXPECT_NE(objects.out.find("/S /Transparency"), std::string::npos);
  EXPECT_EQ(objects.out.find("/DeviceCMYK"), std::string::npos);
}

// A page of a PDF with embedded fonts keeps them: pdffonts lists each font of
// the source page in the packet, embedded and with a Unicode map, and its
// text reads back as text.
TEST_F(PdfFigures, AnImportedPageKeepsItsFontsAndItsText) {
  const RunResult r = build("<p>次の資料を添付します。</p><figure src=\"budget.pdf\" page=\"1\" width=\"80%\"/>", "fonts-out.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  const RunResult source_fonts = run("pdffonts " + quote(path("budget.pdf")) + " | tail -n +3");
  const RunResult fonts = run("pdffonts " + quote(path("fonts-out.pdf")) + " | tail -n +3");
  std::istringstream lines(source_fonts.out);
  std::string line;
  int listed = 0;
  while (std::getline(lines, line)) {
    std::istringstream f(line);
    std::string name;
    f >> name;
    ++listed;
    const auto at = fonts.out.find(name + " ");
    ASSERT_NE(at, std::string::npos) << name << "\n" << fonts.out;
    const std::string row = fonts.out.substr(at, fonts.out.find('\n', at) - at);
    EXPECT_NE(row.find("yes yes yes"), std::string::npos) << row;
  }
  EXPECT_EQ(listed, 2) << source_fonts.out;
  const RunResult text = run("pdftotext " + quote(path("fonts-out.pdf")) + " -");
  EXPECT_NE(squeeze(text.out).find("令和6年度の予算は前年度より増えています。"), std::string::npos) << text.out;
  const RunResult check = run("qpdf --check " + quote(path("fonts-out.pdf")));
  EXPECT_EQ(check.status, 0) << check.out << check.err;
}

// The PDF travels in the packet: extract writes it back, rebuild without the
// folder gives the same bytes, and another time zone changes nothing.
TEST_F(PdfFigures, ExtractAndRebuildGiveTheSameBytes) {
  const std::string blocks = "<figure src=\"pages.pdf\" page=\"2\"/><figure src=\"budget.pdf\" width=\"60%\"/>";
  ASSERT_EQ(build(blocks, "a.pdf").status, 0);
  TempDir elsewhere;
  const std::string copy = (elsewhere / "a.pdf").string();
  std::filesystem::copy_file(path("a.pdf"), copy);
  const RunResult extracted = shiryo("extract " + quote(copy) + " -o " + quote((elsewhere / "x").string()));
  ASSERT_EQ(extracted.status, 0) << extracted.err;
  EXPECT_EQ(read_file(elsewhere / "x" / "pages.pdf"), read_file(path("pages.pdf")));
  EXPECT_EQ(read_file(elsewhere / "x" / "budget.pdf"), read_file(path("budget.pdf")));
  const RunResult rebuilt = shiryo("rebuild " + quote(copy) + " -o " + quote((elsewhere / "b.pdf").string()));
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_EQ(read_file(elsewhere / "b.pdf"), read_file(path("a.pdf")));
  ASSERT_EQ(build(blocks, "tokyo.pdf", "TZ=Asia/Tokyo").status, 0);
  EXPECT_EQ(read_file(path("tokyo.pdf")), read_file(path("a.pdf")));
}

// Each PDF that cannot be drawn, or not within PDF/A: an error at src (or at
// page) that says why, status 1, and the previous output left as it was.
TEST_F(PdfFigures, UnusablePdfsAreErrorsAtSrcAndWriteNothing) {
  write_file(*dir_ / "old.pdf", "previous");
  const struct {
    const char* figure;
    const char* at;
    const char* says;
  } cases[] = {
      {"src=\"pages.pdf\" page=\"3\"", "p.xml:5:14", "figure 'pages.pdf' cannot be drawn: it has 2 pages, no page 3"},
      {"src=\"locked.pdf\"", "p.xml:5:14", "figure 'locked.pdf' cannot be drawn: the PDF is encrypted"},
      {"src=\"open-locked.pdf\"", "p.xml:5:14", "figure 'open-locked.pdf' cannot be drawn: the PDF is encrypted"},
      {"src=\"cut.pdf\"", "p.xml:5:14", "figure 'cut.pdf' cannot be drawn: the PDF is damaged"},
      {"src=\"cmyk.pdf\"", "p.xml:5:14", "the page paints in DeviceCMYK, which PDF/A under the packet's sRGB output intent cannot hold"},
      {"src=\"helvetica.pdf\"", "p.xml:5:14", "it uses the font Helvetica without embedding it; PDF/A needs every font embedded"},
      {"src=\"lzw.pdf\"", "p.xml:5:14", "the page's content uses a filter other than FlateDecode"},
      {"src=\"deep.pdf\"", "p.xml:5:14", "the PDF is damaged (an object is nested too deeply)"},
      {"src=\"loop.pdf\"", "p.xml:5:14", "figure 'loop.pdf' cannot be drawn: it has 0 pages, no page 1"},
      {"src=\"differences.pdf\"", "p.xml:5:14",
       "its font BIZUDGothic-Regular has no /ToUnicode map and no standard encoding (WinAnsi, MacRoman, MacExpert)"},
      {"src=\"spot-cmyk.pdf\"", "p.xml:5:14",
       "it uses a spot colour (Separation) whose alternate colour space is DeviceCMYK, which PDF/A under the packet's sRGB "
       "output intent cannot hold (6.2.4.4)"},
      {"src=\"devicen-cmyk.pdf\"", "p.xml:5:14", "it uses a spot colour (DeviceN) whose alternate colour space is DeviceCMYK"},
      {"src=\"cs-cmyk.pdf\"", "p.xml:5:14", "the page paints in DeviceCMYK"},
      {"src=\"inline-cmyk.pdf\"", "p.xml:5:14", "the page paints in DeviceCMYK"},
      {"src=\"type3-cmyk.pdf\"", "p.xml:5:14", "the page paints in DeviceCMYK"},
      {"src=\"javascript.pdf\"", "p.xml:5:14", "it holds actions or JavaScript, which PDF/A forbids (6.5)"},
      {"src=\"pages.pdf\" page=\"0\"", "p.xml:5:31", "page=\"0\" is not a page number"},
      {"src=\"budget.pdf\" page=\"two\"", "p.xml:5:32", "page=\"two\" is not a page number"},
      {"src=\"note.txt\" page=\"2\"", "p.xml:5:30", "page=\"2\" picks a page of a PDF, but 'note.txt' is text"},
  };
  for (const auto& c : cases) {
    const RunResult r = build("<p>本文</p>\n<figure " + std::string(c.figure) + "/>\n", "old.pdf");
    EXPECT_EQ(r.status, 1) << c.figure << r.err;
    EXPECT_NE(r.err.find(std::string(c.at) + ": error: "), std::string::npos) << c.figure << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.figure << r.err;
    EXPECT_EQ(read_file(*dir_ / "old.pdf"), "previous") << c.figure;
  }
}

// What an imported page may bring that PDF/A-3 takes as it is: a simple
// font with a standard encoding and no /ToUnicode (its text still reads
// back), a spot colour with an RGB alternate, a transparency group with no
// blending colour space (the packet's output intent gives it); and what is
// left out because a figure does not draw it: the page's own output intent
// and its JavaScript page action. Each page shows what its source shows.
TEST_F(PdfFigures, ImportedPagesThatPdfAAllowsStayValid) {
  const RunResult r = build("<page-break/><figure src=\"winansi.pdf\" width=\"150mm\"/><page-break/>"
                            "<figure src=\"spot-rgb.pdf\" width=\"150mm\"/><page-break/>"
                            "<figure src=\"group-nocs.pdf\" width=\"150mm\"/><page-break/>"
                            "<figure src=\"page-intent.pdf\" width=\"150mm\"/>",
                            "allowed.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  expect_shown("allowed.pdf", {{2, "winansi.pdf", 1}, {3, "spot-rgb.pdf", 1}, {4, "group-nocs.pdf", 1}, {5, "page-intent.pdf", 1}});
  const RunResult fonts = run("pdffonts " + quote(path("allowed.pdf")) + " | grep BIZUDGothic-Regular | grep TrueType");
  EXPECT_NE(fonts.out.find(" WinAnsi "), std::string::npos) << fonts.out;
  EXPECT_NE(fonts.out.find(" yes "), std::string::npos) << fonts.out;
  EXPECT_NE(run("pdftotext -f 2 -l 2 " + quote(path("allowed.pdf")) + " -").out.find("PDF FIGURE"), std::string::npos);
  // The objects as written, streams left encoded: the source PDFs embedded
  // as associated files hold what their pages had.
  const RunResult objects =
      run("qpdf --qdf --object-streams=disable --decode-level=none " + quote(path("allowed.pdf")) + " -");
  EXPECT_NE(objects.out.find("/Separation"), std::string::npos);
  EXPECT_NE(objects.out.find("/DeviceRGB"), std::string::npos);
  EXPECT_NE(objects.out.find("/S /Transparency"), std::string::npos);
  // One output intent, the packet's; no action came along.
  std::size_t intents = 0;
  for (std::size_t at = objects.out.find("/OutputIntents"); at != std::string::npos; at = objects.out.find("/OutputIntents", at + 1))
    ++intents;
  EXPECT_EQ(intents, 1u);
  EXPECT_EQ(objects.out.find("FOGRA39"), std::string::npos);
  EXPECT_EQ(objects.out.find("/JavaScript"), std::string::npos);
  EXPECT_EQ(objects.out.find("/JS"), std::string::npos);
  EXPECT_EQ(objects.out.find("/AA"), std::string::npos);
  const RunResult check = run("qpdf --check " + quote(path("allowed.pdf")));
  EXPECT_EQ(check.status, 0) << check.out << check.err;
}

// An SVG is drawn with its text as text, in an embedded font; the same bytes
// at another time zone; one that refers to a file outside it is refused.
TEST_F(PdfFigures, AnSvgKeepsItsTextAndIsTheSameEveryBuild) {
  ASSERT_EQ(build("<figure src=\"org.svg\"/>", "svg-a.pdf").status, 0);
  ASSERT_EQ(build("<figure src=\"org.svg\"/>", "svg-b.pdf", "TZ=Asia/Tokyo").status, 0);
  EXPECT_EQ(read_file(path("svg-a.pdf")), read_file(path("svg-b.pdf")));
  const RunResult text = run("pdftotext " + quote(path("svg-a.pdf")) + " -");
  EXPECT_NE(text.out.find("組織図 ABC"), std::string::npos) << text.out;
  const RunResult fonts = run("pdffonts " + quote(path("svg-a.pdf")) + " | tail -n +3");
  EXPECT_EQ(fonts.out.find(" no "), std::string::npos) << fonts.out;
  EXPECT_EQ(run("qpdf --check " + quote(path("svg-a.pdf"))).status, 0);
  for (const char* bad : {"external.svg", "styled.svg"}) {
    write_file(*dir_ / "old.pdf", "previous");
    const RunResult r = build("<figure src=\"" + std::string(bad) + "\"/>", "old.pdf");
    EXPECT_EQ(r.status, 1) << bad;
    EXPECT_NE(r.err.find("p.xml:4:14: error: figure '" + std::string(bad) + "' cannot be drawn: the SVG refers to "),
              std::string::npos)
        << r.err;
    EXPECT_EQ(read_file(*dir_ / "old.pdf"), "previous") << bad;
  }
}

// librsvg, cairo and pango are opened when the first SVG is drawn, not at
// start (the dynamic linker's own account, LD_DEBUG=files): a build without
// an SVG loads none of them, nor libcurl, which only signing fetches with.
TEST_F(PdfFigures, SvgLibrariesAreOpenedOnlyToDrawAnSvg) {
  const RunResult plain = build("<p>図はありません。</p>", "plain.pdf", "LD_DEBUG=files");
  ASSERT_EQ(plain.status, 0) << plain.err;
  ASSERT_NE(plain.err.find("file=libharfbuzz.so.0"), std::string::npos) << "LD_DEBUG lists no libraries";
  for (const char* library : {"librsvg-2.so", "libcairo.so", "libpango", "libcurl.so"})
    EXPECT_EQ(plain.err.find(library), std::string::npos) << library;
  const RunResult svg = build("<figure src=\"org.svg\"/>", "drawn.pdf", "LD_DEBUG=files");
  ASSERT_EQ(svg.status, 0) << svg.err;
  EXPECT_NE(svg.err.find("file=librsvg-2.so.2 [0];  dynamically loaded by"), std::string::npos) << svg.err;
  EXPECT_EQ(svg.err.find("libcurl.so"), std::string::npos);
}

// An SVG's text is set in the packet's font set, never in the machine's
// other fonts: a family installed here but not in the set (the first one
// fontconfig lists) falls back to the set's Gothic, a serif one to its
// Mincho, with one warning naming each; the bytes are the same when the
// machine's fontconfig prefers that family for everything, and a rebuild
// elsewhere gives them again.
TEST_F(PdfFigures, AnSvgsTextIsSetInTheFontSetWhateverTheMachineHas) {
  const RunResult listed = run("fc-list --format '%{family[0]}\\n' | grep -v BIZ | LC_ALL=C sort | head -n 1");
  const std::string installed = listed.out.substr(0, listed.out.find('\n'));
  ASSERT_FALSE(installed.empty()) << "fontconfig lists no font outside the font set";
  write_file(*dir_ / "fonts.svg",
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"160\">"
             "<style>.s { font: bold 20px/1.2 'Serif Not Here', serif }</style>"
             "<text x=\"10\" y=\"30\" font-size=\"20\" font-family=\"" + installed + "\">Installed 組織</text>"
             "<text x=\"10\" y=\"70\" class=\"s\">Serif 組織</text>"
             "<text x=\"10\" y=\"110\" font-size=\"20\" style=\"font-family: 'BIZ UDGothic'\">Set 組織</text>"
             "<text x=\"10\" y=\"150\" font-size=\"20\">Unnamed 組織</text></svg>\n");
  const RunResult r = build("<figure src=\"fonts.svg\"/>", "fonts-a.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning: figure 'fonts.svg' names font families 'Serif Not Here' (drawn in BIZ UDMincho), '" + installed +
                       "' (drawn in BIZ UDGothic) that the packet's font set does not hold"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("'BIZ UDGothic' (drawn"), std::string::npos) << r.err;
  // Every font is the set's; the SVG's Latin text is in cairo's simple
  // TrueType fonts (shiryo's own text is only in CID fonts): one Gothic for
  // the installed family, the set's family and no family, one Mincho.
  const RunResult fonts = run("pdffonts " + quote(path("fonts-a.pdf")) + " | tail -n +3");
  const RunResult names = run("pdffonts " + quote(path("fonts-a.pdf")) + " | tail -n +3 | awk '{print $1}' | sed 's/^.*+//' | sort -u");
  EXPECT_EQ(names.out, "BIZUDGothic-Bold\nBIZUDGothic-Regular\nBIZUDMincho-Regular\n") << fonts.out;
  const RunResult simple =
      run("pdffonts " + quote(path("fonts-a.pdf")) + " | tail -n +3 | awk '$2 == \"TrueType\" {print $1}' | sed 's/^.*+//' | sort");
  EXPECT_EQ(simple.out, "BIZUDGothic-Regular\nBIZUDMincho-Regular\n") << fonts.out;
  const RunResult text = run("pdftotext " + quote(path("fonts-a.pdf")) + " -");
  for (const char* shown : {"Installed 組織", "Serif 組織", "Set 組織", "Unnamed 組織"})
    EXPECT_NE(text.out.find(shown), std::string::npos) << shown << "\n" << text.out;

  // A machine whose fontconfig sends every family to the installed font.
  write_file(*dir_ / "prefer.conf", "<?xml version=\"1.0\"?><fontconfig><dir>/usr/share/fonts</dir>"
                                    "<match target=\"pattern\"><edit name=\"family\" mode=\"prepend\" binding=\"strong\">"
                                    "<string>" + installed + "</string></edit></match></fontconfig>\n");
  const RunResult fc = run("FONTCONFIG_FILE=" + quote(path("prefer.conf")) + " fc-match -f '%{family[0]}' 'BIZ UDGothic'");
  ASSERT_EQ(fc.out, installed) << "the test's fontconfig does not prefer the installed font";
  ASSERT_EQ(build("<figure src=\"fonts.svg\"/>", "fonts-b.pdf", "TZ=Asia/Tokyo FONTCONFIG_FILE=" + quote(path("prefer.conf"))).status, 0);
  EXPECT_TRUE(read_file(path("fonts-b.pdf")) == read_file(path("fonts-a.pdf"))) << "the machine's fontconfig changed the bytes";

  TempDir elsewhere;
  const std::string copy = (elsewhere / "a.pdf").string();
  std::filesystem::copy_file(path("fonts-a.pdf"), copy);
  const RunResult rebuilt = shiryo("rebuild " + quote(copy) + " -o " + quote((elsewhere / "b.pdf").string()));
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_TRUE(read_file(elsewhere / "b.pdf") == read_file(path("fonts-a.pdf"))) << "the rebuild differs";
}

}  // namespace
}  // namespace shiryo::testing
