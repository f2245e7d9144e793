// `shiryo init`: a starter packet that builds as it is, and the next
// meeting's packet started from this one's.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness.h"

namespace shiryo::testing {
namespace {

namespace fs = std::filesystem;

RunResult build(const fs::path& packet, const fs::path& pdf) {
  return shiryo("build -W error " + quote(packet.string()) + " -o " + quote(pdf.string()));
}

std::string pdf_text(const fs::path& pdf) { return squeeze(run("pdftotext " + quote(pdf.string()) + " -").out); }

TEST(Init, TheStarterBuildsAsItIsAndShowsItsTexts) {
  TempDir dir;
  const RunResult init = shiryo("init " + quote((dir / "r6-1").string()));
  ASSERT_EQ(init.status, 0) << init.err;
  const RunResult b = build(dir / "r6-1/packet.xml", dir / "r6-1/packet.pdf");
  ASSERT_EQ(b.status, 0) << b.err;
  const std::string text = pdf_text(dir / "r6-1/packet.pdf");
  // The 次第 with its two 案件, the roster, the results summary and the unmet
  // indicator computed from the plan (270 / 300 = 90.0%), and the prose.
  for (const char* expected : {"次第", "令和6年度取組結果について・・", "今後の進め方について・・", "山田太郎", "公募による市民",
                               "目標達成項目1項目", "研修の受講者数", "270人（90.0%）", "研修の時期を見直す。",
                               "令和7年度は、研修の時期を見直したうえで"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // The schema written beside it accepts it.
  const RunResult v = run("xmllint --noout --relaxng " + quote((dir / "r6-1/shiryo.rng").string()) + " " +
                          quote((dir / "r6-1/packet.xml").string()));
  EXPECT_EQ(v.status, 0) << v.err;
}

TEST(Init, RefusesADirectoryThatIsNotEmpty) {
  TempDir dir;
  write_file(dir / "notes.txt", "keep me");
  const RunResult init = shiryo("init " + quote(dir.path().string()));
  EXPECT_EQ(init.status, 3);
  EXPECT_NE(init.err.find("is not an empty directory"), std::string::npos) << init.err;
  EXPECT_FALSE(fs::exists(dir / "packet.xml"));
  EXPECT_EQ(read_file(dir / "notes.txt"), "keep me");
}

TEST(Init, FromKeepsMetaRosterAndPlanAndWaitsForTheDate) {
  TempDir dir;
  const std::string old_packet = source_path("input/atsugi-r5-2.xml");
  const RunResult init = shiryo("init --from " + quote(old_packet) + " " + quote((dir / "next").string()));
  ASSERT_EQ(init.status, 0) << init.err;
  const fs::path packet = dir / "next/packet.xml";

  // Until the date is written, the build fails at it and writes nothing.
  const RunResult before = build(packet, dir / "next/packet.pdf");
  EXPECT_EQ(before.status, 1);
  EXPECT_NE(before.err.find("start \"YYYY-MM-DDThh:mm\" is not a valid date and time"), std::string::npos) << before.err;
  EXPECT_FALSE(fs::exists(dir / "next/packet.pdf"));

  std::string text = read_file(packet);
  text.replace(text.find("YYYY-MM-DDThh:mm"), 16, "2024-07-25T10:00");
  write_file(packet, text);
  const RunResult after = build(packet, dir / "next/packet.pdf");
  ASSERT_EQ(after.status, 0) << after.err;
  const std::string pdf = pdf_text(dir / "next/packet.pdf");
  EXPECT_NE(pdf.find("令和6年7月25日（木）午前10時から"), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("岩崎忠"), std::string::npos);  // the roster is kept

  // The plan is kept whole: every computed figure is the old packet's.
  const RunResult old_figures = shiryo("figures --fy 2023 " + quote(old_packet));
  const RunResult new_figures = shiryo("figures --fy 2023 " + quote(packet.string()));
  ASSERT_EQ(old_figures.status, 0) << old_figures.err;
  EXPECT_GT(old_figures.out.size(), 1000u);
  EXPECT_EQ(new_figures.out, old_figures.out);
  const RunResult v = run("xmllint --noout --relaxng " + quote((dir / "next/shiryo.rng").string()) + " " +
                          quote(packet.string()));
  EXPECT_EQ(v.status, 0) << v.err;
}

TEST(Init, FromAPacketWithErrorsReportsThemAndWritesNothing) {
  TempDir dir;
  write_file(dir / "bad.xml", "<packet version=\"1\"><meta><title>t</title></meta></packet>\n");
  const RunResult init = shiryo("init --from " + quote((dir / "bad.xml").string()) + " " + quote((dir / "next").string()));
  EXPECT_EQ(init.status, 1);
  EXPECT_NE(init.err.find("<meta> is missing required child <held>"), std::string::npos) << init.err;
  EXPECT_FALSE(fs::exists(dir / "next"));
}

}  // namespace
}  // namespace shiryo::testing
