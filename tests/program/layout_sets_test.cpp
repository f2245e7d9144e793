// Layout sets as data (issue 14): the seed packet with the default and the
// derived compact set, a column width changed without a recompile, derived
// sets whose base is missing or makes a cycle, and rebuilding a packet built
// with a derived set.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "page_words.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

int page_count(const std::string& pdf) {
  const RunResult r = run("pdfinfo " + quote(pdf));
  const auto at = r.out.find("\nPages:");
  return at == std::string::npos ? -1 : std::stoi(r.out.substr(at + 7));
}

// The agenda's text (its first page) without spaces and the dot leaders,
// which fill whatever measure the set gives.
std::string agenda_text(const std::string& pdf) {
  const std::string text = squeeze(run("pdftotext -f 1 -l 1 " + quote(pdf) + " -").out);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') continue;
    if (text.compare(i, 3, "\xE2\x80\xA6") == 0 || text.compare(i, 3, "\xE3\x83\xBB") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

// The first word on page 1 that is exactly `text`.
Word first_word(const std::vector<PageWords>& pages, const std::string& text) {
  if (!pages.empty()) {
    for (const Word& w : pages[0].words) {
      if (w.text == text) return w;
    }
  }
  ADD_FAILURE() << "no word " << text;
  return {};
}

// Both sets built once for the whole suite.
class TwoLayoutSets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    default_pdf_ = (*dir_ / "default.pdf").string();
    compact_pdf_ = (*dir_ / "compact.pdf").string();
    default_build_ = std::make_unique<RunResult>(shiryo("build " + quote(kPacket) + " -o " + quote(default_pdf_)));
    compact_build_ = std::make_unique<RunResult>(
        shiryo("build " + quote(kPacket) + " --layout compact -o " + quote(compact_pdf_)));
  }
  static void TearDownTestSuite() {
    default_build_.reset();
    compact_build_.reset();
    dir_.reset();
  }
  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<RunResult> default_build_, compact_build_;
  static std::string default_pdf_, compact_pdf_;
};
std::unique_ptr<TempDir> TwoLayoutSets::dir_;
std::unique_ptr<RunResult> TwoLayoutSets::default_build_, TwoLayoutSets::compact_build_;
std::string TwoLayoutSets::default_pdf_, TwoLayoutSets::compact_pdf_;

TEST_F(TwoLayoutSets, TheSeedBuildsWithBothSetsWithoutAWord) {
  EXPECT_EQ(default_build_->status, 0);
  EXPECT_EQ(default_build_->err, "");
  EXPECT_EQ(compact_build_->status, 0);
  EXPECT_EQ(compact_build_->err, "");
}

TEST_F(TwoLayoutSets, CompactIsSmallerTypeOnFewerPages) {
  ASSERT_EQ(compact_build_->status, 0) << compact_build_->err;
  const int default_pages = page_count(default_pdf_);
  const int compact_pages = page_count(compact_pdf_);
  EXPECT_GT(default_pages, 0);
  EXPECT_LT(compact_pages, default_pages);
  // The agenda says the same in both, in smaller type in compact.
  const std::string agenda = agenda_text(default_pdf_);
  EXPECT_NE(agenda.find("次第"), std::string::npos) << agenda;
  EXPECT_EQ(agenda_text(compact_pdf_), agenda);
  const auto default_words = read_words(default_pdf_);
  const auto compact_words = read_words(compact_pdf_);
  const Word place_default = first_word(default_words, "場所");
  const Word place_compact = first_word(compact_words, "場所");
  const double default_height = place_default.y_max - place_default.y_min;
  const double compact_height = place_compact.y_max - place_compact.y_min;
  // 12pt body in default, 10.5pt in compact.
  EXPECT_NEAR(compact_height / default_height, 10.5 / 12.0, 0.03) << default_height << " " << compact_height;
  // Narrower margins: the portrait body starts further left.
  EXPECT_LT(first_word(compact_words, "場所").x_min, first_word(default_words, "場所").x_min);
}

TEST_F(TwoLayoutSets, EveryPageOfCompactKeepsItsWordsInsideThePage) {
  ASSERT_EQ(compact_build_->status, 0) << compact_build_->err;
  for (const PageWords& page : read_words(compact_pdf_)) {
    for (const Word& w : page.words) {
      EXPECT_TRUE(w.x_min >= 0 && w.y_min >= 0 && w.x_max <= page.width && w.y_max <= page.height) << w.text;
    }
  }
}

// The x of the word after `label` on the first line, on any page, that starts with it.
double x_after(const std::string& pdf, const std::string& label) {
  for (const PageWords& page : read_words(pdf)) {
    for (const auto& line : lines_of(page.words)) {
      if (line.size() >= 2 && line[0].text == label) return line[1].x_min;
    }
  }
  ADD_FAILURE() << "no line starts with " << label;
  return 0;
}

TEST(LayoutSetAsData, AColumnWidthChangesWithoutARecompile) {
  TempDir dir;
  std::filesystem::copy(source_path("layouts/default"), dir / "wide");
  const std::string layout = (dir / "wide" / "layout.xml").string();
  // The summary table's label column, 62mm, becomes 90mm.
  const std::string from = "<length name=\"results.summary.column.label\" value=\"62mm\"/>";
  ASSERT_NE(read_file(layout).find(from), std::string::npos);
  ASSERT_EQ(run("sed -i 's|name=\"results.summary.column.label\" value=\"62mm\"|"
                "name=\"results.summary.column.label\" value=\"90mm\"|' " + quote(layout)).status, 0);
  ASSERT_EQ(read_file(layout).find(from), std::string::npos);

  const std::string narrow = (dir / "narrow.pdf").string();
  const std::string wide = (dir / "wide.pdf").string();
  const RunResult a = shiryo("build " + quote(kPacket) + " -o " + quote(narrow));
  ASSERT_EQ(a.status, 0) << a.err;
  const RunResult b = shiryo("build " + quote(kPacket) + " --layout " + quote((dir / "wide").string()) + " -o " +
                             quote(wide));
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(b.err, "");
  // The count column's text moves right by the 28mm the label column gained.
  const double moved = x_after(wide, "目標未達成項目") - x_after(narrow, "目標未達成項目");
  EXPECT_NEAR(moved, 28 * kPointsPerMillimetre, 2.0) << moved;
}

void write_set(const std::filesystem::path& dir, const std::string& text) {
  std::filesystem::create_directories(dir);
  write_file(dir / "layout.xml", text);
}

TEST(LayoutSetAsData, AMissingBaseIsStatus3AtTheAttributeAndWritesNothing) {
  TempDir dir;
  write_set(dir / "a", "<layout-set name=\"a\" base=\"nowhere\"/>\n");
  const std::string out = (dir / "out.pdf").string();
  const RunResult r = shiryo("build " + quote(kPacket) + " --layout " + quote((dir / "a").string()) + " -o " +
                             quote(out));
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("a/layout.xml:1:28: error: base layout set \"nowhere\" not found; looked for "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find((dir / "nowhere" / "layout.xml").string()), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(LayoutSetAsData, ACycleIsStatus1AtTheAttributeAndWritesNothing) {
  TempDir dir;
  write_set(dir / "a", "<layout-set name=\"a\" base=\"b\"/>\n");
  write_set(dir / "b", "<layout-set name=\"b\"\n            base=\"a\"/>\n");
  const std::string out = (dir / "out.pdf").string();
  const RunResult r = shiryo("build " + quote(kPacket) + " --layout " + quote((dir / "a").string()) + " -o " +
                             quote(out));
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("b/layout.xml:2:19: error: base layout set \"a\" makes a cycle: a → b → a"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(LayoutSetAsData, ABaseIsASiblingOfItsSet) {
  // A copy of default and compact elsewhere: compact's base is the copy.
  TempDir dir;
  std::filesystem::copy(source_path("layouts/default"), dir / "default");
  std::filesystem::copy(source_path("layouts/compact"), dir / "compact");
  const std::string base = (dir / "default" / "layout.xml").string();
  ASSERT_EQ(run("sed -i 's|name=\"results.summary.column.label\" value=\"62mm\"|"
                "name=\"results.summary.column.label\" value=\"90mm\"|' " + quote(base)).status, 0);
  const std::string copied = (dir / "copied.pdf").string();
  const std::string installed = (dir / "installed.pdf").string();
  const RunResult a = shiryo("build " + quote(kPacket) + " --layout " + quote((dir / "compact").string()) + " -o " +
                             quote(copied));
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " --layout compact -o " + quote(installed)).status, 0);
  const double moved = x_after(copied, "目標未達成項目") - x_after(installed, "目標未達成項目");
  EXPECT_NEAR(moved, 28 * kPointsPerMillimetre, 2.0) << moved;
}

TEST_F(TwoLayoutSets, ACompactArchiveEmbedsBothFilesAndRebuildsTheSameBytes) {
  ASSERT_EQ(compact_build_->status, 0) << compact_build_->err;
  const std::string extracted = (*dir_ / "extracted").string();
  const RunResult e = shiryo("extract " + quote(compact_pdf_) + " -o " + quote(extracted));
  ASSERT_EQ(e.status, 0) << e.err;
  EXPECT_EQ(read_file(extracted + "/layout.xml"), read_file(source_path("layouts/compact/layout.xml")));
  EXPECT_EQ(read_file(extracted + "/layout-base-default.xml"), read_file(source_path("layouts/default/layout.xml")));
  EXPECT_NE(read_file(extracted + "/shiryo-manifest.txt").find("layout compact\n"), std::string::npos);

  const std::string rebuilt = (*dir_ / "rebuilt.pdf").string();
  const RunResult r = shiryo("rebuild " + quote(compact_pdf_) + " -o " + quote(rebuilt));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read_file(rebuilt), read_file(compact_pdf_));
}

TEST_F(TwoLayoutSets, ADefaultArchiveEmbedsNoBase) {
  ASSERT_EQ(default_build_->status, 0) << default_build_->err;
  const RunResult r = run("pdfdetach -list " + quote(default_pdf_));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("layout.xml"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("layout-base-"), std::string::npos) << r.out;
}

TEST(DerivedLayoutSets, AStyleThatChangesNoTextIsAWarningAtItsLine) {
  TempDir dir;
  std::filesystem::create_directory(dir / "mine");
  write_file(dir / "mine" / "layout.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<layout-set name=\"mine\" base=\"default\">\n"
             "  <style name=\"body\" base=\"body\" size=\"14pt\"/>\n"
             "  <style name=\"block.p\" base=\"block.p\" size=\"10pt\"/>\n"
             "</layout-set>\n");
  const std::string layout = (dir / "mine").string();
  const RunResult r = shiryo("check " + quote(kPacket) + " --layout " + quote(layout + "/"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, layout + "//layout.xml:3:16: warning: style \"body\" is used by no view, and no style after it is "
                            "based on it (a base is copied when a style is read), so it changes no text; change the "
                            "styles the views use instead, each on its own base (<style name=\"block.p\" "
                            "base=\"block.p\" …/>)\n"
                            "  3 |   <style name=\"body\" base=\"body\" size=\"14pt\"/>\n"
                            "    |                ^\n");
  // The bundled compact set has no such style: it checks without a warning.
  const RunResult compact = shiryo("check " + quote(kPacket) + " --layout compact");
  EXPECT_EQ(compact.status, 0);
  EXPECT_EQ(compact.err, "");
}

TEST(DerivedLayoutSets, AnOverrideThatEveryUseSetsAgainIsAWarningAtItsLine) {
  // body at 14pt reaches no text: the only style based on it after it sets
  // its own size, and no view uses body itself.
  TempDir dir;
  std::filesystem::create_directory(dir / "mine");
  write_file(dir / "mine" / "layout.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<layout-set name=\"mine\" base=\"default\">\n"
             "  <style name=\"body\" base=\"body\" size=\"14pt\" color=\"#333333\"/>\n"
             "  <style name=\"block.p\" base=\"body\" size=\"10pt\"/>\n"
             "</layout-set>\n");
  const std::string layout = (dir / "mine").string();
  const RunResult r = shiryo("check " + quote(kPacket) + " --layout " + quote(layout + "/"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, layout + "//layout.xml:3:16: warning: style \"body\" sets size, which every style based on it "
                            "(block.p) sets again, and no view uses \"body\" itself: its size changes no text; set it "
                            "on the styles the views use instead\n"
                            "  3 |   <style name=\"body\" base=\"body\" size=\"14pt\" color=\"#333333\"/>\n"
                            "    |                ^\n");
  // -W error makes it an error.
  EXPECT_EQ(shiryo("check -W error " + quote(kPacket) + " --layout " + quote(layout + "/")).status, 1);
}

TEST(DerivedLayoutSets, ALayoutSetInShiftJisIsReadLikeAPacket) {
  TempDir dir;
  std::filesystem::create_directory(dir / "sj");
  const std::string utf8 =
      "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n"
      "<!-- 名簿の見出しを変える -->\n"
      "<layout-set name=\"sj\" base=\"default\">\n"
      "  <word name=\"results.summary.met\" text=\"達成した項目\"/>\n"
      "  <wrod name=\"x\"/>\n"
      "</layout-set>\n";
  write_file(dir / "u.xml", utf8);
  ASSERT_EQ(run("iconv -f UTF-8 -t CP932 " + quote((dir / "u.xml").string()) + " > " +
                quote((dir / "sj" / "layout.xml").string())).status, 0);
  const std::string layout = (dir / "sj").string() + "/";
  // Its error is at its line and column, counted in the converted text.
  const RunResult bad = shiryo("check " + quote(kPacket) + " --layout " + quote(layout));
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.err.rfind(layout + "/layout.xml:5:3: error: unknown element <wrod>", 0), 0u) << bad.err;
  EXPECT_NE(bad.err.find("  5 |   <wrod name=\"x\"/>\n"), std::string::npos) << bad.err;

  std::string good = utf8;
  good.erase(good.find("  <wrod"), std::string("  <wrod name=\"x\"/>\n").size());
  write_file(dir / "u.xml", good);
  ASSERT_EQ(run("iconv -f UTF-8 -t CP932 " + quote((dir / "u.xml").string()) + " > " +
                quote((dir / "sj" / "layout.xml").string())).status, 0);
  const std::string pdf = (dir / "p.pdf").string();
  const RunResult r = shiryo("build " + quote(kPacket) + " --layout " + quote(layout) + " -o " + quote(pdf));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(squeeze(run("pdftotext " + quote(pdf) + " -").out).find("達成した項目"), std::string::npos);
}

TEST(FontConfiguration, AFontConfigurationInShiftJisIsReadLikeAPacket) {
  // A copy of the program finds the font configuration under its prefix
  // (share/shiryo/fonts) first: there, in Shift_JIS with a Japanese comment.
  TempDir dir;
  std::filesystem::create_directories(dir / "bin");
  std::filesystem::create_directories(dir / "share/shiryo/fonts");
  std::filesystem::copy_file(SHIRYO_BINARY, dir / "bin/shiryo");
  std::string text = read_file(source_path("fonts/fontset.xml"));
  ASSERT_NE(text.find("encoding=\"UTF-8\""), std::string::npos);
  text.replace(text.find("encoding=\"UTF-8\""), 16, "encoding=\"Shift_JIS\"");
  text.replace(text.find("<fontset>"), 9, "<!-- 書体の置き場所 -->\n<fontset>");
  const std::string fontset = (dir / "share/shiryo/fonts/fontset.xml").string();
  auto write_cp932 = [&](const std::string& utf8) {
    write_file(dir / "u.xml", utf8);
    return run("iconv -f UTF-8 -t CP932 " + quote((dir / "u.xml").string()) + " > " + quote(fontset)).status;
  };
  ASSERT_EQ(write_cp932(text), 0);
  const std::string program = quote((dir / "bin/shiryo").string());
  const RunResult good = run(program + " check " + quote(kPacket));
  EXPECT_EQ(good.status, 0) << good.err;
  EXPECT_EQ(good.err, "");

  std::string bad = text;
  bad.replace(bad.find("<fontset>"), 9, "<fontset>\n  <fase/>");
  ASSERT_EQ(write_cp932(bad), 0);
  const RunResult r = run(program + " check " + quote(kPacket));
  EXPECT_EQ(r.status, 1);
  const std::size_t line = static_cast<std::size_t>(std::count(bad.begin(), bad.begin() + bad.find("<fase"), '\n')) + 1;
  EXPECT_EQ(r.err.rfind(fontset + ":" + std::to_string(line) + ":3: error: unknown element <fase>", 0), 0u) << r.err;
}

}  // namespace
}  // namespace shiryo::testing
