// Outputs never lose a clerk's work: an output that is an input is refused,
// devices, FIFOs and standard output are written directly, a symbolic link
// is replaced, a write error leaves no temporary file, and extract keeps the
// files it finds.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "harness.h"

namespace shiryo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kPacket = R"(<?xml version="1.0" encoding="UTF-8"?>
<packet version="1" lang="ja">
  <meta>
    <title>テスト委員会</title>
    <held start="2024-03-14T14:00" place="本庁舎"/>
  </meta>
  <agenda><item>開会</item></agenda>
</packet>
)";

std::set<std::string> names_in(const TempDir& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir.path())) out.insert(e.path().filename().string());
  return out;
}

std::string q(const fs::path& p) { return quote(p.string()); }

class Safety : public ::testing::Test {
 protected:
  void SetUp() override { write_file(dir_ / "p.xml", kPacket); }
  RunResult build_to(const std::string& output, const std::string& prefix = "") {
    return run(prefix + quote(SHIRYO_BINARY) + " build " + q(dir_ / "p.xml") + " -o " + output);
  }
  TempDir dir_;
};

TEST_F(Safety, AnOutputThatIsThePacketIsRefused) {
  const RunResult r = build_to(q(dir_ / "p.xml"));
  EXPECT_EQ(r.status, 2) << r.err;
  const std::string p = (dir_ / "p.xml").string();
  EXPECT_EQ(r.err, "shiryo: error: the output " + p + " is the same file as the packet " + p +
                       "; nothing written; choose another -o\n");
  EXPECT_EQ(read_file(dir_ / "p.xml"), kPacket);
  EXPECT_EQ(names_in(dir_), std::set<std::string>{"p.xml"});
}

TEST_F(Safety, AHardLinkToThePacketIsTheSameFile) {
  fs::create_hard_link(dir_ / "p.xml", dir_ / "p.pdf");
  const RunResult r = build_to(q(dir_ / "p.pdf"));
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("the output " + (dir_ / "p.pdf").string() + " is the same file as the packet"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(dir_ / "p.xml"), kPacket);
}

TEST_F(Safety, AnOutputThatIsTheLayoutSetIsRefused) {
  fs::create_directory(dir_ / "set");
  fs::copy_file(source_path("layouts/default/layout.xml"), dir_ / "set" / "layout.xml");
  const std::string layout = (dir_ / "set" / "layout.xml").string();
  const RunResult r = run(quote(SHIRYO_BINARY) + " build " + q(dir_ / "p.xml") + " --layout " +
                          q(dir_ / "set") + "/ -o " + quote(layout));
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("shiryo: error: the output " + layout + " is the same file as the layout set "),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(layout), read_file(source_path("layouts/default/layout.xml")));
}

TEST_F(Safety, ASymbolicLinkIsReplacedAndItsTargetKept) {
  fs::create_symlink(dir_ / "p.xml", dir_ / "link.pdf");
  const RunResult r = build_to(q(dir_ / "link.pdf"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(fs::is_symlink(dir_ / "link.pdf"));
  EXPECT_EQ(read_file(dir_ / "link.pdf").substr(0, 5), "%PDF-");
  EXPECT_EQ(read_file(dir_ / "p.xml"), kPacket);
  // help build says so.
  EXPECT_NE(shiryo("help build").out.find("a symbolic link at OUT.pdf is replaced"), std::string::npos);
}

TEST_F(Safety, DashWritesToStandardOutput) {
  const RunResult file = build_to(q(dir_ / "p.pdf"));
  ASSERT_EQ(file.status, 0) << file.err;
  const RunResult r = build_to("-");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, read_file(dir_ / "p.pdf"));
  EXPECT_FALSE(fs::exists(dir_ / "-"));
  EXPECT_EQ(names_in(dir_), (std::set<std::string>{"p.pdf", "p.xml"}));
}

TEST_F(Safety, AFullStandardOutputIsStatus3) {
  const RunResult r = build_to("- >/dev/full");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "shiryo: error: cannot write standard output: No space left on device\n");
}

TEST_F(Safety, ADeviceIsWrittenNotReplaced) {
  const RunResult full = build_to("/dev/full");
  EXPECT_EQ(full.status, 3);
  EXPECT_EQ(full.err, "shiryo: error: cannot write /dev/full: No space left on device\n");
  EXPECT_EQ(build_to("/dev/null").status, 0);
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_EQ(names_in(dir_), std::set<std::string>{"p.xml"});
}

TEST_F(Safety, AFifoIsWrittenNotReplaced) {
  ASSERT_EQ(mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  const RunResult r = run("cat " + q(dir_ / "fifo") + " > " + q(dir_ / "got") + " & " + quote(SHIRYO_BINARY) +
                          " build " + q(dir_ / "p.xml") + " -o " + q(dir_ / "fifo") + "; s=$?; wait; exit $s");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::is_fifo(dir_ / "fifo"));
  ASSERT_EQ(build_to(q(dir_ / "p.pdf")).status, 0);
  EXPECT_EQ(read_file(dir_ / "got"), read_file(dir_ / "p.pdf"));
}

TEST_F(Safety, AWriteErrorLeavesNoTemporaryFile) {
  write_file(dir_ / "p.pdf", "previous");
  // A file-size limit of 8 KiB: the PDF cannot be written whole.
  const RunResult r = build_to(q(dir_ / "p.pdf"), "ulimit -f 8; ");
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(r.err, "shiryo: error: cannot write " + (dir_ / "p.pdf").string() + ": File too large\n");
  EXPECT_EQ(read_file(dir_ / "p.pdf"), "previous");
  EXPECT_EQ(names_in(dir_), (std::set<std::string>{"p.pdf", "p.xml"}));
}

TEST_F(Safety, RebuildAndSignNeverReplaceTheirPdf) {
  ASSERT_EQ(build_to(q(dir_ / "p.pdf")).status, 0);
  const std::string before = read_file(dir_ / "p.pdf");
  const std::string pdf = (dir_ / "p.pdf").string();
  const std::string message = "shiryo: error: the output " + pdf + " is the same file as the PDF " + pdf +
                              "; nothing written; choose another -o\n";
  const RunResult rebuild = shiryo("rebuild " + quote(pdf) + " -o " + quote(pdf));
  EXPECT_EQ(rebuild.status, 2);
  EXPECT_EQ(rebuild.err, message);
  const RunResult sign = shiryo("sign " + quote(pdf) + " -o " + quote(pdf) + " --p12 " + q(dir_ / "k.p12") +
                                " --password-file " + q(dir_ / "pw"));
  EXPECT_EQ(sign.status, 2);
  EXPECT_EQ(sign.err, message);
  EXPECT_EQ(read_file(dir_ / "p.pdf"), before);
  EXPECT_EQ(names_in(dir_), (std::set<std::string>{"p.pdf", "p.xml"}));
}

TEST_F(Safety, ExtractKeepsFilesItFindsUnlessForced) {
  ASSERT_EQ(build_to(q(dir_ / "p.pdf")).status, 0);
  fs::create_directory(dir_ / "out");
  write_file(dir_ / "out" / "layout.xml", "edited");
  write_file(dir_ / "out" / "p.xml", "edited too");
  const std::string out = (dir_ / "out").string();
  const RunResult r = shiryo("extract " + q(dir_ / "p.pdf") + " -o " + quote(out));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "shiryo: error: " + out + " already holds layout.xml, p.xml; nothing written; add --force to "
                   "overwrite them, or choose another -o\n");
  EXPECT_EQ(read_file(dir_ / "out" / "layout.xml"), "edited");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_ / "out")) ++files;
  EXPECT_EQ(files, 2u);
  const RunResult forced = shiryo("extract " + q(dir_ / "p.pdf") + " -o " + quote(out) + " --force");
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_EQ(read_file(dir_ / "out" / "p.xml"), kPacket);
}

TEST_F(Safety, AnOutputThatIsAFigureIsRefused) {
  std::string packet = kPacket;
  packet.replace(packet.find("</packet>"), 9,
                 "  <document id=\"s1\" title=\"図\"><figure src=\"chart.png\"><caption>図</caption></figure></document>\n</packet>");
  write_file(dir_ / "p.xml", packet);
  write_file(dir_ / "chart.png", one_pixel_png());
  const RunResult r = build_to(q(dir_ / "chart.png"));
  EXPECT_EQ(r.status, 2) << r.err;
  const std::string figure = (dir_ / "chart.png").string();
  EXPECT_NE(r.err.find("shiryo: error: the output " + figure + " is the same file as a figure " + figure +
                       "; nothing written; choose another -o\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(dir_ / "chart.png"), one_pixel_png());
}

TEST_F(Safety, APacketNameWithAControlCharacterIsEmbeddedPlainAndShownEscaped) {
  // A line break in the packet's file name: the archive names it with `_`,
  // so extract and rebuild take it back, and diagnostics show it escaped.
  write_file(dir_ / "a\nb.xml", kPacket);
  ASSERT_EQ(shiryo("build " + q(dir_ / "a\nb.xml") + " -o " + q(dir_ / "p.pdf")).status, 0);
  const RunResult list = run("pdfdetach -list " + q(dir_ / "p.pdf"));
  EXPECT_NE(list.out.find(": a_b.xml\n"), std::string::npos) << list.out;
  const RunResult extracted = shiryo("extract " + q(dir_ / "p.pdf") + " -o " + q(dir_ / "out"));
  EXPECT_EQ(extracted.status, 0) << extracted.err;
  EXPECT_EQ(read_file(dir_ / "out" / "a_b.xml"), kPacket);
  const RunResult rebuilt = shiryo("rebuild " + q(dir_ / "p.pdf") + " -o " + q(dir_ / "again.pdf"));
  EXPECT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_EQ(read_file(dir_ / "again.pdf"), read_file(dir_ / "p.pdf"));

  std::string bad = kPacket;
  bad.replace(bad.find("<item>"), 6, "<itme>");
  bad.replace(bad.find("</item>"), 7, "</itme>");
  write_file(dir_ / "c\td.xml", bad);
  const RunResult r = shiryo("check " + q(dir_ / "c\td.xml"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind((dir_ / "c\\td.xml:7:").string(), 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\t'), std::string::npos) << r.err;
}

TEST_F(Safety, ExtractRefusesANameWithAControlCharacter) {
  // A PDF from elsewhere whose embedded name holds a line break, made by
  // rewriting the name through qpdf's JSON.
  ASSERT_EQ(shiryo("build " + q(dir_ / "p.xml") + " -o " + q(dir_ / "p.pdf")).status, 0);
  ASSERT_EQ(run("qpdf --json-output --json-stream-data=inline " + q(dir_ / "p.pdf") + " " + q(dir_ / "p.json")).status, 0);
  std::string json = read_file(dir_ / "p.json");
  std::size_t renamed = 0;
  for (auto at = json.find("\"u:p.xml\""); at != std::string::npos; at = json.find("\"u:p.xml\"", at)) {
    json.replace(at, 9, "\"u:a\\nb.xml\"");
    ++renamed;
  }
  ASSERT_GT(renamed, 0u);
  write_file(dir_ / "forged.json", json);
  ASSERT_EQ(run("qpdf --json-input " + q(dir_ / "forged.json") + " " + q(dir_ / "forged.pdf")).status, 0);
  const RunResult r = shiryo("extract " + q(dir_ / "forged.pdf") + " -o " + q(dir_ / "out"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "shiryo: error: " + (dir_ / "forged.pdf").string() +
                       ": embedded file name 'a\\nb.xml' is not a plain file name; nothing written\n");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Safety, FiguresWritesToAFileButNeverOverThePacket) {
  const std::string packet = source_path("input/atsugi-r5-2.xml");
  const RunResult shown = shiryo("figures " + quote(packet) + " --counts --fy 2023");
  ASSERT_EQ(shown.status, 0) << shown.err;
  const RunResult written = shiryo("figures " + quote(packet) + " --counts --fy 2023 -o " + q(dir_ / "f.tsv"));
  EXPECT_EQ(written.status, 0) << written.err;
  EXPECT_EQ(written.out, "");
  EXPECT_EQ(read_file(dir_ / "f.tsv"), shown.out);
  const std::string p = (dir_ / "p.xml").string();
  const RunResult over = shiryo("figures " + quote(p) + " -o " + quote(p));
  EXPECT_EQ(over.status, 2);
  EXPECT_EQ(over.err, "shiryo: error: the output " + p + " is the same file as the packet " + p +
                          "; nothing written; choose another -o\n");
  EXPECT_EQ(read_file(dir_ / "p.xml"), kPacket);
  const RunResult full = shiryo("figures " + quote(packet) + " --counts --fy 2023 -o /dev/full");
  EXPECT_EQ(full.status, 3);
  EXPECT_EQ(full.err, "shiryo: error: cannot write /dev/full: No space left on device\n");
}

}  // namespace
}  // namespace shiryo::testing
