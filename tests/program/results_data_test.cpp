// Results from spreadsheets: the workbook figures --xlsx exports, read and
// filled by openpyxl (a writer independent of shiryo), built back through
// <results-data>, and compared with the build from typed results; the same
// through a CP932 CSV; then each bad case at its cell, nothing written.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "harness.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");
const std::string kPython = "/usr/bin/python3";

std::string tool(const std::string& name) { return quote(kPython) + " " + quote(source_path("tests/tools/" + name)); }

std::string pdf_text(const std::filesystem::path& pdf) { return run("pdftotext " + quote(pdf.string()) + " -").out; }

std::string figures(const std::filesystem::path& packet, const std::string& args) {
  return shiryo("figures " + quote(packet.string()) + " " + args).out;
}

// The packet's FY2023 results exported, filled and the packet rewritten to
// read them, once for all tests: a workbook and a CP932 CSV.
class RoundTrip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const RunResult exported = shiryo("figures " + quote(kPacket) + " --fy 2023 --xlsx " + quote(path("export.xlsx")));
    ASSERT_EQ(exported.status, 0) << exported.err;
    for (const auto& [out, packet, extra] : {std::tuple{"r5-results.xlsx", "from-xlsx.xml", ""},
                                             std::tuple{"r5-results.csv", "from-csv.xml", " --cp932"}}) {
      const RunResult filled = run(tool("fill_results.py") + " " + quote(kPacket) + " " + quote(path("export.xlsx")) +
                                   " 2023 p1 " + quote(path(out)) + " " + quote(path(packet)) + extra);
      ASSERT_EQ(filled.status, 0) << filled.err;
    }
    const RunResult typed = shiryo("build " + quote(kPacket) + " --pdfa none -o " + quote(path("typed.pdf")));
    ASSERT_EQ(typed.status, 0) << typed.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static TempDir* dir_;
};
TempDir* RoundTrip::dir_ = nullptr;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST_F(RoundTrip, TheWorkbookHasASheetPerDepartmentLockedIdsAndTheColumnsReadBack) {
  write_file(path("check_export.py"), R"(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    header = [c.value for c in ws[1]]
    print("sheet", ws.title, ws.protection.sheet, "|".join(header))
    for row in ws.iter_rows(min_row=2):
        c = {h: cell for h, cell in zip(header, row)}
        lists = [v.formula1 for v in ws.data_validations.dataValidation if c["達成"].coordinate in v.sqref]
        print("row", c["id"].value, type(c["目標"].value).__name__, c["id"].protection.locked,
              c["実績"].protection.locked, lists[0] if lists else "-")
)");
  const RunResult r = run(quote(kPython) + " " + quote(path("check_export.py")) + " " + quote(path("export.xlsx")));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("sheet 職員課 True id|分類|計画名|指標名|単位|目標|実績|達成|未定|未達成の理由|今後の対応策"),
            std::string::npos)
      << r.out;
  // A numeric target is a number; a text target stays text; ids locked, 実績 open; 達成 a list.
  EXPECT_NE(r.out.find("row I-1-a-1 int True False \"達成,未達成,未定\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("row I-3-c-3 str True False"), std::string::npos) << r.out;
  // Every indicator with a FY2023 target is on a sheet; I-2-a-1 (行政総務課 職員課) on both.
  std::set<std::string> ids;
  std::istringstream rows(r.out);
  for (std::string line; std::getline(rows, line);) {
    if (line.rfind("row ", 0) == 0) ids.insert(line.substr(4, line.find(' ', 4) - 4));
  }
  std::set<std::string> expected;
  std::istringstream table(figures(kPacket, "--fy 2023"));
  std::string line;
  std::getline(table, line);
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string f;
    for (int i = 0; i < 4; ++i) std::getline(fields, f, '\t');
    expected.insert(f);
  }
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(count(r.out, "row I-2-a-1 "), 2u);
}

TEST_F(RoundTrip, TheWorkbooksBytesNeverDependOnTheClockOrTimeZone) {
  const RunResult again = shiryo("figures " + quote(kPacket) + " --fy 2023 --xlsx " + quote(path("again.xlsx")),
                                 "TZ=Asia/Tokyo SOURCE_DATE_EPOCH=1");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(read_file(path("again.xlsx")), read_file(path("export.xlsx")));
}

TEST_F(RoundTrip, FromTheWorkbookThePdfTextAndFiguresAreThoseOfTheTypedBuild) {
  // The rewritten packet has lost its typed FY2023 results.
  const std::string typed = read_file(kPacket), rewritten = read_file(path("from-xlsx.xml"));
  EXPECT_GT(count(typed, "<actual fy=\"2023\"") - count(rewritten, "<actual fy=\"2023\""), 40u);
  const RunResult built = shiryo("build " + quote(path("from-xlsx.xml")) + " --pdfa none -o " + quote(path("x.pdf")));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(built.err, "");
  EXPECT_EQ(pdf_text(path("x.pdf")), pdf_text(path("typed.pdf")));
  for (const char* args : {"--fy 2023", "--fy 2023 --counts", "--fy 2023 --csv --excel"}) {
    const std::string f = figures(path("from-xlsx.xml"), args);
    EXPECT_GT(f.size(), 100u) << args;
    EXPECT_EQ(f, figures(kPacket, args)) << args;
  }
}

TEST_F(RoundTrip, FromACp932CsvThePdfTextAndFiguresAreThoseOfTheTypedBuild) {
  // The CSV is CP932, not UTF-8.
  EXPECT_NE(run("iconv -f UTF-8 -t UTF-8 " + quote(path("r5-results.csv"))).status, 0);
  EXPECT_EQ(run("iconv -f CP932 -t UTF-8 " + quote(path("r5-results.csv"))).status, 0);
  const RunResult built = shiryo("build " + quote(path("from-csv.xml")) + " --pdfa none -o " + quote(path("c.pdf")));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(pdf_text(path("c.pdf")), pdf_text(path("typed.pdf")));
  EXPECT_EQ(figures(path("from-csv.xml"), "--fy 2023"), figures(kPacket, "--fy 2023"));
}

TEST_F(RoundTrip, AnArchivalPacketEmbedsTheWorkbookAndRebuildsFromIt) {
  const RunResult built = shiryo("build " + quote(path("from-xlsx.xml")) + " -o " + quote(path("a.pdf")));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_NE(run("pdfdetach -list " + quote(path("a.pdf"))).out.find("r5-results.xlsx"), std::string::npos);
  TempDir out;
  ASSERT_EQ(run("cd " + quote(out.path().string()) + " && pdfdetach -saveall " + quote(path("a.pdf"))).status, 0);
  EXPECT_EQ(read_file(out / "r5-results.xlsx"), read_file(path("r5-results.xlsx")));
  EXPECT_NE(read_file(out / "shiryo-manifest.txt").find("results-data-1 r5-results.xlsx\t"), std::string::npos);
  // Only the PDF in an empty directory: the workbook comes from inside it.
  TempDir elsewhere;
  std::filesystem::copy_file(path("a.pdf"), elsewhere / "a.pdf");
  const RunResult rebuilt =
      shiryo("rebuild " + quote((elsewhere / "a.pdf").string()) + " -o " + quote((elsewhere / "b.pdf").string()));
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_EQ(read_file(elsewhere / "b.pdf"), read_file(path("a.pdf")));
}

TEST_F(RoundTrip, TheWorkbookReadIsNeverWrittenOver) {
  const std::string before = read_file(path("r5-results.xlsx"));
  const RunResult r =
      shiryo("figures " + quote(path("from-xlsx.xml")) + " --fy 2023 --xlsx " + quote(path("r5-results.xlsx")));
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(read_file(path("r5-results.xlsx")), before);
}

TEST_F(RoundTrip, ExcelCsvHasABomOrIsCp932AndNumbersAsNumbers) {
  const std::string utf8 = figures(kPacket, "--fy 2023 --csv --excel");
  ASSERT_EQ(utf8.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(utf8.find(",I-1-a-1,職員アンケート「職務遂行能力が向上していると感じている」と回答した割合,90.0,84.4,93.8,未達成"),
            std::string::npos);
  const RunResult cp932 = shiryo("figures " + quote(kPacket) + " --fy 2023 --csv --encoding cp932 | iconv -f CP932 -t UTF-8");
  ASSERT_EQ(cp932.status, 0) << cp932.err;
  EXPECT_EQ(cp932.out, utf8.substr(3));
  // The plain --csv of cli.md is unchanged: display text, no BOM.
  EXPECT_NE(figures(kPacket, "--fy 2023 --csv").find(",90.0%,84.4%,93.8%,未達成"), std::string::npos);
}

// A copy of the filled workbook edited through openpyxl, built over a
// previous PDF: status 1, the error at `where`, the PDF untouched.
void expect_sheet_error(const std::string& dir, const std::string& edits, const std::string& where,
                        const std::string& message, const std::string& packet = "from-xlsx.xml") {
  TempDir work;
  ASSERT_EQ(run(tool("edit_sheet.py") + " " + quote(dir + "/r5-results.xlsx") + " " +
                quote((work / "r5-results.xlsx").string()) + " " + edits)
                .status,
            0);
  std::filesystem::copy_file(dir + "/" + packet, work / "p.xml");
  write_file(work / "p.pdf", "previous");
  const RunResult r = shiryo("build " + quote((work / "p.xml").string()) + " -o " + quote((work / "p.pdf").string()));
  EXPECT_EQ(r.status, 1) << r.err;
  const std::string at = (work / "r5-results.xlsx").string() + ":" + where + ": error: " + message;
  EXPECT_NE(r.err.find(at), std::string::npos) << "expected " << at << "\n" << r.err;
  EXPECT_EQ(read_file(work / "p.pdf"), "previous");
}

TEST_F(RoundTrip, EachBadCellIsAnErrorAtItsSheetAndCell) {
  const std::string d = dir_->path().string();
  // I-1-a-1 (decimals 1) is on row 2 of 職員課, I-1-a-3 (人) on row 4, I-1-b-1 on row 5.
  expect_sheet_error(d, "'職員課!G2=84.45'", "職員課!G2", "actual \"84.45\" has 2 decimals; indicator I-1-a-1 has decimals=\"1\"");
  expect_sheet_error(d, "'職員課!G4=約1人'", "職員課!G4", "text \"約1人\" in a number cell");
  expect_sheet_error(d, "'職員課!G5=８２．５'", "職員課!G5", "full-width digits in 実績 \"８２．５\"; type the number in half-width digits (82.5)");
  expect_sheet_error(d, "'職員課!G5=82.5%'", "職員課!G5", "a percent sign in 実績 \"82.5%\"");
  expect_sheet_error(d, "'職員課!A2=I-9-z-9'", "職員課!A2", "indicator \"I-9-z-9\" is not in period p1");
  expect_sheet_error(d, "'+職員課!I-1-a-3,,,,,,2'", "職員課!A20", "a second row for indicator I-1-a-3; the first is 職員課!A4");
  expect_sheet_error(d, "'-職員課!4'", "職員課!A1", "indicator I-1-a-3 has a FY2023 target and no row here");
  expect_sheet_error(d, "'職員課!H4=まる'", "職員課!H4", "達成 \"まる\" is not known; expected 達成, 未達成 or 未定");
}

TEST_F(RoundTrip, AResultTypedInThePacketAndInTheSheetIsAnError) {
  // The typed packet with the sheet named as well: every filled row clashes.
  std::string typed = read_file(kPacket);
  typed.replace(typed.find("<period "), 0, "<results-data period=\"p1\" fy=\"2023\" href=\"r5-results.xlsx\"/>\n    ");
  write_file(path("typed-too.xml"), typed);
  expect_sheet_error(dir_->path().string(), "", "職員課!G2",
                     "indicator I-1-a-1's FY2023 <actual> is typed in the packet (line 40) and given here; keep one",
                     "typed-too.xml");
}

TEST_F(RoundTrip, ACsvErrorIsAtItsLineAndColumn) {
  TempDir work;
  std::string csv = run("iconv -f CP932 -t UTF-8 " + quote(path("r5-results.csv"))).out;
  const std::string row = "\nI-1-a-1,";
  const std::size_t at = csv.find(row);
  ASSERT_NE(at, std::string::npos);
  const std::size_t value = csv.find(",84.4,", at);
  csv.replace(value + 1, 4, "８４．４");
  write_file(work / "r5-results.csv", csv);
  std::filesystem::copy_file(path("from-csv.xml"), work / "p.xml");
  const RunResult r = shiryo("check " + quote((work / "p.xml").string()));
  EXPECT_EQ(r.status, 1);
  // Line 2, after the six fields before 実績: column 1 + the code points before it.
  std::size_t column = 1;
  for (std::size_t i = at + 1; i <= value; ++i) column += (static_cast<unsigned char>(csv[i]) & 0xC0) != 0x80;
  const std::string where = (work / "r5-results.csv").string() + ":2:" + std::to_string(column) + ": error: full-width digits";
  EXPECT_NE(r.err.find(where), std::string::npos) << where << "\n" << r.err;
}

// A workbook written part by part (inline and shared strings with a
// reading, a 17-digit number, a merged range, a date) against a small packet.
const char* kSmallPacket = R"(<?xml version="1.0" encoding="UTF-8"?>
<packet version="1" lang="ja">
  <meta><title>テスト委員会</title><held start="2024-03-14T14:00"/></meta>
  <plan id="pl" title="計画" from-fy="2023" to-fy="2023">
    <results-data period="p1" fy="2023" href="r.xlsx"/>
    <period id="p1" title="第1期" from-fy="2023" to-fy="2023">
      <goal id="G" title="目標"><area id="A" title="分野"><item id="I" title="項目" depts="職員課">
        <indicator id="i1" name="指標1" unit="人"><target fy="2023" value="10"/></indicator>
        <indicator id="i2" name="指標2" unit="人"><target fy="2023" value="5"/></indicator>
        <indicator id="i3" name="指標3"><target fy="2023">実施</target></indicator>
        <indicator id="i4" name="指標4" unit="%" decimals="1"><target fy="2023" value="90"/></indicator>
      </item></area></goal>
    </period>
  </plan>
</packet>
)";

TEST(ResultsData, ReadsStringsNumbersAndMergedCellsAsExcelWritesThem) {
  TempDir dir;
  write_file(dir / "p.xml", kSmallPacket);
  ASSERT_EQ(run(tool("handmade_xlsx.py") + " " + quote((dir / "r.xlsx").string())).status, 0);
  const RunResult r = shiryo("figures " + quote((dir / "p.xml").string()));
  ASSERT_EQ(r.status, 0) << r.err;
  // B2:B3 merged: i2 reads i1's 7; 84.400000000000006 is Excel's 84.4.
  EXPECT_NE(r.out.find("\ti1\t指標1\t10人\t7人\t70.0%\t未達成"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ti2\t指標2\t5人\t7人\t140.0%\t達成"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ti3\t指標3\t実施\t実施済み\t－\t達成"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ti4\t指標4\t90.0%\t84.4%\t93.8%\t未達成"), std::string::npos) << r.out;
}

TEST(ResultsData, ADateInANumberCellIsAnError) {
  TempDir dir;
  write_file(dir / "p.xml", kSmallPacket);
  ASSERT_EQ(run(tool("handmade_xlsx.py") + " " + quote((dir / "r.xlsx").string()) + " --date").status, 0);
  const RunResult r = shiryo("check " + quote((dir / "p.xml").string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("r.xlsx:職員課!B5: error: a date (2024-03-31) in 実績"), std::string::npos) << r.err;
}

TEST(ResultsData, CsvFieldsMayHoldQuotedNewlinesAndABom) {
  TempDir dir;
  std::string packet = kSmallPacket;
  packet.replace(packet.find("r.xlsx"), 6, "r.csv");
  write_file(dir / "p.xml", packet);
  write_file(dir / "r.csv", "\xEF\xBB\xBFid,実績,達成,未達成の理由\r\ni1,7,,\"一行目\r\n二行目, \"\"引用\"\"\"\r\n"
                            "i2,5,,\r\ni3,実施済み,達成,\r\ni4,90.0,,\r\n");
  const RunResult r = shiryo("figures " + quote((dir / "p.xml").string()));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\ti2\t指標2\t5人\t5人\t100.0%\t達成"), std::string::npos) << r.out;
  // The record after the quoted newline is its own row: its error names line 6.
  write_file(dir / "r.csv", "id,実績\ni1,\"7\n\"\ni2,5\ni3,x\ni9,1\n");
  const RunResult bad = shiryo("check " + quote((dir / "p.xml").string()));
  EXPECT_NE(bad.err.find("r.csv:6:1: error: indicator \"i9\" is not in period p1"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace shiryo::testing
