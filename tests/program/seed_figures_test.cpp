// The bundled packet through `shiryo figures` and `shiryo check`: the
// published figures reproduced by computation.
#include <gtest/gtest.h>

#include "harness.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

TEST(SeedFigures, CheckPassesWithEveryExpectation) {
  const RunResult r = shiryo("check " + quote(kPacket));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
  // The packet states the published counts, so the check above compared them.
  const std::string xml = read_file(kPacket);
  EXPECT_NE(xml.find(R"(expect-set="52" expect-met="23" expect-unmet="16" expect-pending="13")"), std::string::npos);
}

// The published FY2023 counts of period p1, by goal and in total.
const std::string kCounts2023 =
    "period\tfy\tgoal\tset\tmet\tunmet\tpending\n"
    "p1\t2023\tⅠ\t25\t7\t10\t8\n"
    "p1\t2023\tⅡ\t18\t10\t5\t3\n"
    "p1\t2023\tⅢ\t9\t6\t1\t2\n"
    "p1\t2023\t合計\t52\t23\t16\t13\n";

TEST(SeedFigures, Fy2023CountsByGoal) {
  const RunResult r = shiryo("figures " + quote(kPacket) + " --period p1 --fy 2023 --counts");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kCounts2023);
}

TEST(SeedFigures, IndicatorRowsCarryPrintedFigures) {
  const RunResult r = shiryo("figures " + quote(kPacket) + " --period p1 --fy 2023");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("p1\t2023\tⅠ-(1)-ア\tI-1-a-1\t職員アンケート「職務遂行能力が向上していると感じている」と回答した割合\t"
                       "90.0%\t84.4%\t93.8%\t未達成\n"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tI-2-a-2\t"), std::string::npos);
  EXPECT_NE(r.out.find("70.0%\t46.2%\t66.0%\t未達成"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("66.6%"), std::string::npos);
  EXPECT_NE(r.out.find("\tII-2-c-1\t"), std::string::npos);
  EXPECT_NE(r.out.find("\t94.2%\t"), std::string::npos) << r.out;
  // 52 indicator rows and the header.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 53);
}

TEST(SeedFigures, CsvQuotesFieldsWithCommas) {
  const RunResult r = shiryo("figures " + quote(kPacket) + " --period p1 --fy 2023 --csv");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("period,fy,class,indicator,name,target,actual,rate,result\r\n", 0), 0u);
  EXPECT_NE(r.out.find(",\"260,000千円\",\"243,439千円\","), std::string::npos) << r.out.substr(0, 2000);
}

TEST(SeedFigures, APeriodOrYearNotInThePacketIsStatus1AndPrintsNothing) {
  const RunResult period = shiryo("figures " + quote(kPacket) + " --period p9");
  EXPECT_EQ(period.status, 1);
  EXPECT_EQ(period.out, "");
  EXPECT_EQ(period.err,
            "shiryo: error: --period 'p9' names no period of the packet; its periods are p1 (2021–2023), p2 "
            "(2024–2026)\n");
  const RunResult year = shiryo("figures " + quote(kPacket) + " --fy 2030");
  EXPECT_EQ(year.status, 1);
  EXPECT_EQ(year.out, "");
  EXPECT_EQ(year.err,
            "shiryo: error: --fy 2030 is in no period of the packet; its periods are p1 (2021–2023), p2 (2024–2026)\n");
  const RunResult outside = shiryo("figures " + quote(kPacket) + " --fy 2023 --period p2");
  EXPECT_EQ(outside.status, 1);
  EXPECT_EQ(outside.out, "");
  EXPECT_EQ(outside.err, "shiryo: error: --fy 2023 is outside period p2 (2024–2026)\n");
}

TEST(SeedFigures, APeriodOutsideTheYearPrintsNoRows) {
  // Without --period: p2 (2024–2026) does not hold 2023 and prints nothing.
  const RunResult r = shiryo("figures " + quote(kPacket) + " --counts --fy 2023");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kCounts2023);
}

TEST(SeedFigures, ResultsNobodyEnteredAreErrorsAsInTheViews) {
  // FY2021 has 48 targets and 28 results: the 20 missing are errors, not 未定.
  const RunResult r = shiryo("figures " + quote(kPacket) + " --counts --fy 2021");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  std::size_t errors = 0;
  for (auto at = r.err.find("but no result"); at != std::string::npos; at = r.err.find("but no result", at + 1)) ++errors;
  EXPECT_EQ(errors, 20u) << r.err;
  EXPECT_EQ(r.err.find(kPacket + ":35:15: error: indicator I-1-a-1 has a target for FY2021 but no result; add "
                                 "<actual fy=\"2021\" pending=\"…\"/> if it is not known yet\n"),
            0u)
      << r.err.substr(0, 400);
}

TEST(SeedFigures, TalliesPrintComputedFigures) {
  TempDir dir;
  const std::string pdf = (dir / "p.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(pdf)).status, 0);
  const std::string text = squeeze(run("pdftotext -layout " + quote(pdf) + " -").out);
  EXPECT_NE(text.find("85.5%（47/55）"), std::string::npos);
  EXPECT_NE(text.find("23の取組を位置付け、55項目の成果指標"), std::string::npos);
  EXPECT_NE(text.find("52項目の成果指標を設定"), std::string::npos);
}

}  // namespace
}  // namespace shiryo::testing
