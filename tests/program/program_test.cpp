// The bundled packet built by the binary and read back with poppler, qpdf
// and mupdf: text, fonts, page sizes, outline, page labels, links, dates and
// byte-for-byte reproducibility.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <vector>

#include "harness.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

class BundledPacket : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = (*dir_ / "packet.pdf").string();
    build_ = std::make_unique<RunResult>(shiryo("build " + quote(kPacket) + " -o " + quote(pdf_)));
  }
  static void TearDownTestSuite() {
    build_.reset();
    dir_.reset();
  }
  // The PDF's text with every space and line break removed, so that checks
  // do not depend on how pdftotext renders spacing.
  static std::string text() { return squeeze(run("pdftotext -layout " + quote(pdf_) + " -").out); }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<RunResult> build_;
  static std::string pdf_;
};
std::unique_ptr<TempDir> BundledPacket::dir_;
std::unique_ptr<RunResult> BundledPacket::build_;
std::string BundledPacket::pdf_;

// Views not drawn yet print a framed placeholder with one warning each;
// nothing else may be said.
// Every view of the packet is drawn: no placeholder, no warning, no error.
TEST_F(BundledPacket, BuildsWithoutAnyDiagnostic) {
  EXPECT_EQ(build_->status, 0) << build_->err;
  EXPECT_EQ(build_->err, "");
}

TEST_F(BundledPacket, AgendaTextIsThere) {
  const std::string t = text();
  for (const char* s : {"令和5年度第2回厚木市行政改革調査委員会　次第", "令和6年3月14日（木）午後2時から",
                        "厚木市役所本庁舎4階 大会議室", "開会", "あいさつ", "案件",
                        "第7次厚木市行政改革大綱令和5年度取組結果（見込み）について",
                        "第7次厚木市行政改革大綱第2期実施計画（案）について", "その他", "閉会",
                        "資料1", "資料2"}) {
    EXPECT_NE(t.find(squeeze(s)), std::string::npos) << s;
  }
}

TEST_F(BundledPacket, RosterTextIsThere) {
  const std::string t = text();
  for (const char* s : {"厚木市行政改革調査委員会委員名簿", "役職", "氏名", "選出区分", "備考",
                        "岩崎 忠", "早坂 宣則", "坂本 貴司", "塚田 修一", "畠山 陽子", "藤澤 浩子",
                        "松本 泰", "向島 史朗", "山田 弘美", "委員長", "職務代理", "公募による市民",
                        "学識経験者", "3期目"}) {
    EXPECT_NE(t.find(squeeze(s)), std::string::npos) << s;
  }
}

TEST_F(BundledPacket, DocumentTitlesAndLabels) {
  const std::string t = text();
  for (const char* s : {"第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）について",
                        "第7次厚木市行政改革大綱第2期実施計画の策定について",
                        "第7次厚木市行政改革大綱 第2期実施計画", "資料2_別紙1"}) {
    EXPECT_NE(t.find(squeeze(s)), std::string::npos) << s;
  }
}

TEST_F(BundledPacket, EveryFontEmbeddedSubsetWithUnicodeMap) {
  const RunResult r = run("pdffonts " + quote(pdf_));
  ASSERT_EQ(r.status, 0);
  std::istringstream lines(r.out);
  std::string line;
  int fonts = 0;
  std::getline(lines, line);
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    ++fonts;
    EXPECT_NE(line.find("CID TrueType"), std::string::npos) << line;
    EXPECT_NE(line.find("Identity-H"), std::string::npos) << line;
    EXPECT_TRUE(std::regex_search(line, std::regex(R"(yes\s+yes\s+yes)"))) << line;
    EXPECT_TRUE(std::regex_search(line, std::regex(R"(^[A-Z]{6}\+BIZUD)"))) << line;
  }
  EXPECT_GE(fonts, 2);
  EXPECT_NE(r.out.find("BIZUDMincho-Regular"), std::string::npos);
  EXPECT_NE(r.out.find("BIZUDGothic-Bold"), std::string::npos);
}

TEST_F(BundledPacket, QpdfFindsNoErrors) {
  const RunResult r = run("qpdf --check " + quote(pdf_));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No syntax or stream encoding errors"), std::string::npos);
}

TEST_F(BundledPacket, PageSizesFollowOrientation) {
  const RunResult info = run("pdfinfo " + quote(pdf_));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")));
  const int pages = std::stoi(m[1]);
  const RunResult r = run("pdfinfo -f 1 -l " + std::to_string(pages) + " " + quote(pdf_));
  ASSERT_EQ(r.status, 0);
  const std::regex portrait("size: +595.276 x 841.89 pts \\(A4\\)");
  const std::regex landscape("size: +841.89 x 595.276 pts \\(A4\\)");
  int portraits = 0, landscapes = 0;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<bool> is_landscape;
  while (std::getline(lines, line)) {
    if (line.rfind("Page ", 0) != 0 || line.find(" size:") == std::string::npos) continue;
    const bool p = std::regex_search(line, portrait);
    const bool l = std::regex_search(line, landscape);
    EXPECT_TRUE(p || l) << line;  // every page is A4 one way or the other
    portraits += p;
    landscapes += l;
    is_landscape.push_back(l);
  }
  ASSERT_EQ(static_cast<int>(is_landscape.size()), pages);
  EXPECT_FALSE(is_landscape[0]);  // 次第
  EXPECT_FALSE(is_landscape[1]);  // 委員名簿
  EXPECT_TRUE(is_landscape.back());  // 資料2_別紙1 is landscape throughout
  EXPECT_GT(portraits, 2);
  EXPECT_GT(landscapes, 3);  // 資料1's detail parts and 資料2_別紙1
}

TEST_F(BundledPacket, InfoComesFromMeta) {
  const RunResult r = run("pdfinfo -isodates " + quote(pdf_));
  EXPECT_NE(r.out.find("Title:           令和5年度第2回厚木市行政改革調査委員会"), std::string::npos);
  EXPECT_NE(r.out.find("Author:          厚木市 政策部 行政経営課"), std::string::npos);
  EXPECT_NE(r.out.find("CreationDate:    2024-03-14T00:00:00+09"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ModDate:         2024-03-14T00:00:00+09"), std::string::npos) << r.out;
}

TEST_F(BundledPacket, OutlineHasAnEntryPerPart) {
  const RunResult r = run("mutool show " + quote(pdf_) + " outline");
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* s : {"次第", "委員名簿",
                        "資料1　第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）について",
                        "資料2　第7次厚木市行政改革大綱第2期実施計画の策定について",
                        "資料2_別紙1　第7次厚木市行政改革大綱 第2期実施計画"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
}

TEST_F(BundledPacket, PageLabels) {
  const RunResult r = run("qpdf --json --json-key=pagelabels " + quote(pdf_));
  ASSERT_EQ(r.status, 0) << r.err;
  // Agenda and roster are labelled by their titles; documents by label and number.
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"("index": 0,\s*"label": \{\s*"/P": "u:次第")"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"("index": 1,\s*"label": \{\s*"/P": "u:委員名簿")"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"("index": 2,\s*"label": \{\s*"/P": "u:資料1-",\s*"/S": "/D")"))) << r.out;
}

// Object numbers of the pages, in order.
std::vector<std::string> page_objects(const std::string& pdf) {
  const RunResult r = run("qpdf --show-pages " + quote(pdf));
  std::vector<std::string> pages;
  const std::regex line(R"(page \d+: (\d+) 0 R)");
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), line), end; it != end; ++it) {
    pages.push_back((*it)[1]);
  }
  return pages;
}

TEST_F(BundledPacket, AgendaLabelsLinkToTheirDocuments) {
  const std::string qdf = (*dir_ / "qdf.pdf").string();
  ASSERT_EQ(run("qpdf --qdf --object-streams=disable " + quote(pdf_) + " " + quote(qdf)).status, 0);
  const std::vector<std::string> pages = page_objects(qdf);  // QDF renumbers objects
  ASSERT_GT(pages.size(), 4u);
  const std::string body = read_file(qdf);
  std::vector<std::string> targets;
  const std::regex link(R"(/Dest \[\s*(\d+) 0 R)");
  for (std::sregex_iterator it(body.begin(), body.end(), link), end; it != end; ++it) {
    targets.push_back((*it)[1]);
  }
  // The first pages of 資料1 and 資料2: where their titles stand.
  auto page_with = [&](const std::string& title) -> std::size_t {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const std::string t = squeeze(run("pdftotext -f " + std::to_string(i + 1) + " -l " + std::to_string(i + 1) +
                                        " -layout " + quote(pdf_) + " -").out);
      if (t.find(squeeze(title)) != std::string::npos) return i;
    }
    return pages.size();
  };
  const std::size_t s1 = page_with("第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）について");
  const std::size_t s2 = page_with("第7次厚木市行政改革大綱第2期実施計画の策定について");
  ASSERT_LT(s1, pages.size());
  ASSERT_LT(s2, pages.size());
  // Outline entries also carry /Dest; the link annotations' targets are among them.
  EXPECT_NE(std::find(targets.begin(), targets.end(), pages[s1]), targets.end());
  EXPECT_NE(std::find(targets.begin(), targets.end(), pages[s2]), targets.end());
  // The cover of 資料2_別紙1 links its URL and e-mail address.
  EXPECT_NE(body.find("/URI (https://www.city.atsugi.kanagawa.jp/)"), std::string::npos);
  EXPECT_NE(body.find("/URI (mailto:0600@city.atsugi.kanagawa.jp)"), std::string::npos);
}

TEST(Reproducible, TimeZoneNeverChangesABit) {
  TempDir dir;
  const std::string a = (dir / "a.pdf").string();
  const std::string b = (dir / "b.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(a), "TZ=UTC").status, 0);
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(b), "TZ=Asia/Tokyo").status, 0);
  const std::string bytes = read_file(a);
  EXPECT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes, read_file(b));
}

TEST(Reproducible, FileIdentifierIsAContentHash) {
  TempDir dir;
  const std::string a = (dir / "a.pdf").string();
  const std::string b = (dir / "b.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(a)).status, 0);
  std::string other = read_file(kPacket);
  other.replace(other.find("岩崎 忠"), std::string("岩崎 忠").size(), "岩崎 正");
  write_file(dir / "other.xml", other);
  ASSERT_EQ(shiryo("build " + quote((dir / "other.xml").string()) + " -o " + quote(b)).status, 0);
  const std::regex id(R"(/ID\s*\[\s*<([0-9A-Fa-f]{32})>)");
  std::smatch ma, mb;
  const std::string sa = read_file(a), sb = read_file(b);
  ASSERT_TRUE(std::regex_search(sa, ma, id));
  ASSERT_TRUE(std::regex_search(sb, mb, id));
  EXPECT_NE(ma[1].str(), mb[1].str());
}

std::string creation_date(const std::string& pdf) {
  const RunResult r = run("pdfinfo -isodates " + quote(pdf));
  const auto at = r.out.find("CreationDate:");
  return at == std::string::npos ? "" : r.out.substr(at + 17, r.out.find('\n', at) - at - 17);
}

TEST(Dates, DateOptionSetsThePdfDates) {
  TempDir dir;
  const std::string pdf = (dir / "p.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(pdf) + " --date 2024-02-01").status, 0);
  EXPECT_EQ(creation_date(pdf), "2024-02-01T00:00:00+09");  // pdfinfo prints the offset's hours
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(pdf) +
                   " --date 2024-03-14T09:30:00-05:00").status, 0);
  EXPECT_EQ(creation_date(pdf), "2024-03-14T09:30:00-05");
  const std::string raw = read_file(pdf);
  EXPECT_NE(raw.find("D:20240314093000-05'00'"), std::string::npos);
}

TEST(Dates, SourceDateEpochIsWrittenInJapanTime) {
  TempDir dir;
  const std::string pdf = (dir / "p.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(pdf), "SOURCE_DATE_EPOCH=1710374400").status, 0);
  // 1710374400 = 2024-03-14T00:00:00Z = 09:00 in Japan.
  EXPECT_EQ(creation_date(pdf), "2024-03-14T09:00:00+09");
  EXPECT_NE(read_file(pdf).find("D:20240314090000+09'00'"), std::string::npos);
}

TEST(Dates, DateOptionWinsOverSourceDateEpoch) {
  TempDir dir;
  const std::string pdf = (dir / "p.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(pdf) + " --date 2023-01-05",
                   "SOURCE_DATE_EPOCH=1710374400").status, 0);
  EXPECT_EQ(creation_date(pdf), "2023-01-05T00:00:00+09");
}

TEST(Dates, MalformedDateIsAUsageError) {
  TempDir dir;
  const RunResult r = shiryo("build " + quote(kPacket) + " -o " + quote((dir / "p.pdf").string()) +
                             " --date 2024-02-30");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--date '2024-02-30'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "p.pdf"));
}

TEST(CommandLine, DefaultOutputIsThePacketPathWithPdf) {
  TempDir dir;
  write_file(dir / "r5-2.xml", read_file(kPacket));
  const RunResult r = shiryo("build " + quote((dir / "r5-2.xml").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "r5-2.pdf"));
}

TEST(CommandLine, CheckWritesNothing) {
  TempDir dir;
  write_file(dir / "p.xml", read_file(kPacket));
  const RunResult r = shiryo("check " + quote((dir / "p.xml").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "p.pdf"));
}

TEST(CommandLine, HelpAndVersion) {
  RunResult r = shiryo("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("build PACKET.xml"), std::string::npos);
  EXPECT_NE(r.out.find("layouts"), std::string::npos);  // where layout sets are looked up
  r = shiryo("help build");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--date"), std::string::npos);
  r = shiryo("--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(std::regex_match(r.out.substr(0, r.out.find('\n') + 1), std::regex("shiryo \\d+\\.\\d+\\.\\d+\n")))
      << r.out;
}

TEST(CommandLine, UsageErrorsExitTwo) {
  EXPECT_EQ(shiryo("frobnicate").status, 2);
  EXPECT_EQ(shiryo("build").status, 2);
  EXPECT_EQ(shiryo("build " + quote(kPacket) + " --bogus").status, 2);
  EXPECT_EQ(shiryo("build " + quote(kPacket) + " -W warning").status, 2);
  EXPECT_EQ(shiryo("verify").status, 2);
  EXPECT_EQ(shiryo("extract " + quote(kPacket)).status, 2);  // -o DIR is required
  TempDir dir;
  const RunResult pdfa = shiryo("build " + quote(kPacket) + " -o " + quote((dir / "p.pdf").string()) + " --pdfa 1b");
  EXPECT_EQ(pdfa.status, 2);
  EXPECT_NE(pdfa.err.find("expected 3a, 3u, 2u or none"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "p.pdf"));
  EXPECT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote((dir / "p.pdf").string()) + " --pdfa 3u").status, 0);
  EXPECT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote((dir / "p.pdf").string()) + " --pdfa none").status, 0);
}

TEST(CommandLine, MissingPacketIsAnEnvironmentError) {
  const RunResult r = shiryo("build /nonexistent/packet.xml");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("/nonexistent/packet.xml"), std::string::npos);
}

TEST(CommandLine, TimingsPrintEveryStage) {
  TempDir dir;
  const RunResult r = shiryo("build " + quote(kPacket) + " -o " + quote((dir / "p.pdf").string()) + " --timings");
  EXPECT_EQ(r.status, 0);
  for (const char* stage : {"parse", "compute", "compose", "layout", "write", "total", "peak RSS"}) {
    EXPECT_NE(r.err.find(stage), std::string::npos) << stage;
  }
}

TEST(LayoutSets, MissingLayoutSetIsStatusThreeListingThePlacesSearched) {
  TempDir dir;
  const RunResult r = shiryo("build " + quote(kPacket) + " -o " + quote((dir / "p.pdf").string()) +
                             " --layout nosuch");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("layouts/nosuch/layout.xml"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "p.pdf"));
}

TEST(LayoutSets, MalformedLayoutSetIsStatusOneAtItsLine) {
  TempDir dir;
  std::filesystem::create_directories(dir / "bad");
  std::string layout = read_file(source_path("layouts/default/layout.xml"));
  const std::string good = R"(<length name="roster.column.no" value="12mm"/>)";
  const auto at = layout.find(good);
  ASSERT_NE(at, std::string::npos);
  layout.replace(at, good.size(), R"(<length name="roster.column.no" value="12 furlongs"/>)");
  write_file(dir / "bad" / "layout.xml", layout);
  const std::size_t line = static_cast<std::size_t>(std::count(layout.begin(), layout.begin() + static_cast<long>(at), '\n')) + 1;
  const std::size_t column = std::string(R"(  <length name="roster.column.no" value=")").size() + 1;
  const RunResult r = shiryo("build " + quote(kPacket) + " -o " + quote((dir / "p.pdf").string()) +
                             " --layout " + quote((dir / "bad").string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("layout.xml:" + std::to_string(line) + ":" + std::to_string(column) + ": error:"),
            std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "p.pdf"));
}

}  // namespace
}  // namespace shiryo::testing
