// The rules of plan-format.md §6 and §9: each broken once in a small packet,
// reported at the offending position with the ids and values involved, and
// nothing written.
#include <gtest/gtest.h>

#include <vector>

#include "harness.h"

namespace shiryo::testing {
namespace {

const std::vector<std::string> kLines = {
    R"(<?xml version="1.0" encoding="UTF-8"?>)",
    R"(<packet version="1">)",
    R"(  <meta>)",
    R"(    <title>テスト委員会</title>)",
    R"(    <held start="2024-03-14T14:00"/>)",
    R"(  </meta>)",
    R"(  <plan id="t" title="大綱" from-fy="2021" to-fy="2026">)",
    R"(    <period id="p1" title="第1期" from-fy="2021" to-fy="2023" achieved-at="100">)",
    R"(      <goal id="I" title="強い組織">)",
    R"(        <area id="I-1" title="能力向上">)",
    R"(          <item id="I-1-a" title="人材育成" depts="職員課">)",
    R"(            <measure status="continued">研修を充実する。</measure>)",
    R"(            <indicator id="A" name="割合" unit="%" decimals="1">)",
    R"(              <target fy="2023" value="90"/>)",
    R"(              <actual fy="2023" value="84.4"/>)",
    R"(            </indicator>)",
    R"(            <indicator id="B" name="件数" unit="件">)",
    R"(              <target fy="2023" value="4"/>)",
    R"(              <actual fy="2023" pending="集計中"/>)",
    R"(            </indicator>)",
    R"(          </item>)",
    R"(        </area>)",
    R"(      </goal>)",
    R"(    </period>)",
    R"(    <period id="p2" title="第2期" from-fy="2024" to-fy="2026">)",
    R"(      <goal id="I" title="強い組織">)",
    R"(        <area id="I-1" title="能力向上">)",
    R"(          <item id="I-1-a" title="人材育成">)",
    R"(            <measure dept="職員課" status="continued">研修を充実する。<step fy="2024" through="2026">研修</step></measure>)",
    R"(            <footnote mark="1" term="研修">研修とは、職員の能力開発をいう。</footnote>)",
    R"(          </item>)",
    R"(        </area>)",
    R"(      </goal>)",
    R"(    </period>)",
    R"(  </plan>)",
    R"(  <document id="s1" title="資料">)",
    R"(    <results fy="2023" period="p1" part="summary" expect-set="2" expect-met="0" expect-unmet="1" expect-pending="1"/>)",
    R"(    <p>設定<tally fy="2023" period="p1" what="set"/>項目</p>)",
    R"(    <period-comparison from="p1" to="p2"/>)",
    R"(  </document>)",
    R"(</packet>)",
};

std::string packet_with(std::initializer_list<std::pair<std::size_t, std::string>> changes) {
  return lines_with(kLines, changes);
}

// Checks the packet and builds it over a previous PDF: both report the error
// at `position`; the previous PDF is untouched.
std::string expect_error_at(const std::string& packet, const std::string& position, const std::string& message) {
  TempDir dir;
  write_file(dir / "p.xml", packet);
  write_file(dir / "p.pdf", "previous");
  const RunResult check = shiryo("check " + quote((dir / "p.xml").string()));
  const RunResult build = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  const std::string where = (dir / "p.xml").string() + ":" + position + ": error: ";
  EXPECT_EQ(check.status, 1) << check.err;
  EXPECT_EQ(build.status, 1) << build.err;
  EXPECT_NE(check.err.find(where + message), std::string::npos) << "expected " << where << message << "\n" << check.err;
  EXPECT_EQ(read_file(dir / "p.pdf"), "previous");
  return check.err;
}

TEST(PlanRules, TheValidBaseChecks) {
  TempDir dir;
  write_file(dir / "p.xml", packet_with({}));
  const RunResult r = shiryo("check " + quote((dir / "p.xml").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
}

TEST(PlanRules, IndicatorIdsAreUniqueInThePacket) {
  expect_error_at(packet_with({{17, R"(            <indicator id="A" name="件数" unit="件">)"}}), "17:28",
                  "duplicate indicator id \"A\"; first used on line 13");
}

TEST(PlanRules, GoalIdsAreUniqueInTheirPeriod) {
  expect_error_at(packet_with({{23, R"(      </goal><goal id="I" title="二つ目"/>)"}}), "23:24",
                  "duplicate goal id \"I\"; first used on line 9");
}

TEST(PlanRules, ViewGoalResolvesInItsPeriod) {
  expect_error_at(
      packet_with({{37, R"(    <results fy="2023" period="p1" part="unmet" goal="IX"/>)"}}), "37:55",
      "goal \"IX\" names no goal of period p1");
}

TEST(PlanRules, TallyPeriodResolves) {
  expect_error_at(packet_with({{38, R"(    <p>設定<tally fy="2023" period="p9" what="set"/>項目</p>)"}}), "38:35",
                  "period \"p9\" names no period of plan t");
}

TEST(PlanRules, BreakdownIndicatorResolvesInThePacket) {
  expect_error_at(packet_with({{38, R"(    <breakdown indicator="Z" fy="2023"/>)"}}), "38:27",
                  "indicator \"Z\" names no indicator of the packet");
}

TEST(PlanRules, FiscalYearInsideItsPeriod) {
  expect_error_at(packet_with({{14, R"(              <target fy="2024" value="90"/>)"}}), "14:27",
                  "fy 2024 of <target> is outside period p1 (FY2021–2023)");
}

TEST(PlanRules, NumberWellFormed) {
  expect_error_at(packet_with({{15, R"(              <actual fy="2023" value="84,4"/>)"}}), "15:40",
                  "value \"84,4\" is not a number");
}

TEST(PlanRules, NoMoreDigitsThanDecimals) {
  expect_error_at(packet_with({{15, R"(              <actual fy="2023" value="84.45"/>)"}}), "15:40",
                  "actual \"84.45\" has 2 decimals; indicator A has decimals=\"1\"");
}

TEST(PlanRules, TextResultNeedsAJudgement) {
  expect_error_at(packet_with({{18, R"(              <target fy="2023">前年度比5%減</target>)"},
                               {19, R"(              <actual fy="2023" value="3"/>)"}}),
                  "19:15", "the FY2023 result of indicator B is text, so no rate can judge it");
}

TEST(PlanRules, WrittenJudgementMustAgreeWithTheComputedOne) {
  expect_error_at(packet_with({{15, R"(              <actual fy="2023" value="84.4" achieved="yes"/>)"}}), "15:56",
                  "achieved=\"yes\" contradicts the computed result: A FY2023 84.4% of 90.0% is 93.8%, not met at 100%");
}

TEST(PlanRules, PartMeanMustEqualTheValue) {
  expect_error_at(
      packet_with({{15, R"(              <actual fy="2023" value="90.0"><part name="一" value="80"/><part name="二" value="90"/></actual>)"}}),
      "15:40", "actual \"90.0\" differs from the mean of its 2 parts, 85.0");
}

TEST(PlanRules, ReportedYearNeedsAResult) {
  expect_error_at(packet_with({{15, R"(              <!-- no result yet -->)"}}), "14:15",
                  "indicator A has a target for FY2023 but no result; add <actual fy=\"2023\" pending=\"…\"/>");
}

TEST(PlanRules, ExpectedCountsDifferWithNotes) {
  expect_error_at(
      packet_with({{37, R"(    <results fy="2023" period="p1" part="summary" expect-set="2" expect-met="1" expect-unmet="1" expect-pending="1"/>)"}}),
      "37:78", "expect-met 1 differs from the computed 0 (period p1, FY2023)");
  // Behind a differing count, a note per indicator in that category.
  const std::string err2 = expect_error_at(
      packet_with({{37, R"(    <results fy="2023" period="p1" part="summary" expect-set="2" expect-met="0" expect-unmet="2" expect-pending="1"/>)"}}),
      "37:95", "expect-unmet 2 differs from the computed 1 (period p1, FY2023)");
  EXPECT_NE(err2.find(":13:13: note: Ⅰ-(1)-ア A: unmet (93.8%)"), std::string::npos) << err2;
}

TEST(PlanRules, ComparedPeriodsNeedMeasureStatuses) {
  expect_error_at(packet_with({{12, R"(            <measure>研修を充実する。</measure>)"}}), "12:13",
                  "measure 1 of item I-1-a in period p1 needs status=\"completed\" or \"continued\"");
}

TEST(PlanRules, FootnoteTermMustBeOnTheSheet) {
  expect_error_at(packet_with({{30, R"(            <footnote mark="1" term="委員">委員とは…</footnote>)"}}), "30:38",
                  "footnote term \"委員\" is found nowhere on item I-1-a's sheet");
}

TEST(PlanRules, StepThroughNotBeforeItsYear) {
  expect_error_at(
      packet_with({{29, R"(            <measure dept="職員課" status="continued">研修。<step fy="2025" through="2024">研修</step></measure>)"}}),
      "29:80", "through 2024 is before the step's fy 2025");
}

TEST(PlanRules, UnknownElementInAPlan) {
  expect_error_at(packet_with({{16, R"(            </indicator><indicatr id="C" name="x"/>)"}}), "16:25",
                  "unknown element <indicatr> in <item>");
}

TEST(PlanRules, APercentTypedAsTextIsToldToBeAValue) {
  expect_error_at(packet_with({{15, R"(              <actual fy="2023">99.2%</actual>)"}}), "15:33",
                  "the FY2023 result of indicator A is typed as the text \"99.2%\"; a numeric result is written "
                  "value=\"99.2\", its unit coming from the indicator");
  expect_error_at(packet_with({{19, R"(              <actual fy="2023">３件</actual>)"}}), "19:33",
                  "the FY2023 result of indicator B is typed as the text \"３件\"; a numeric result is written "
                  "value=\"3\", its unit coming from the indicator");
}

TEST(PlanRules, FullWidthDigitsAreNamedWithTheHalfWidthForm) {
  expect_error_at(packet_with({{14, R"(              <target fy="２０２３" value="90"/>)"}}), "14:27",
                  "fy \"２０２３\" is written in full-width digits; write them half-width: fy=\"2023\"");
  expect_error_at(packet_with({{15, R"(              <actual fy="2023" value="８４．４"/>)"}}), "15:40",
                  "value \"８４．４\" is written in full-width digits; write them half-width: value=\"84.4\"");
}

}  // namespace
}  // namespace shiryo::testing
