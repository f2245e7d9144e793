// shiryo archive add|list|verify: two signed packets of different fiscal
// years (one time-stamped by the loopback TSA of pki.h, one B-B) in a
// folder with its SQLite index, read back with the sqlite3 command,
// sha256sum and pdfdetach; a tampered file, a lost or damaged index, a name
// clash and an expiring certificate.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "harness.h"
#include "pki.h"

namespace shiryo::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The rows of a tab-separated table whose first column is `file`.
std::string row_of(const std::string& table, const std::string& file) {
  for (const auto& line : lines_of(table)) {
    if (line.compare(0, file.size() + 1, file + "\t") == 0) return line;
  }
  return "";
}

class ArchiveFolder : public PkiSuite<ArchiveFolder> {
 protected:
  static void SetUpTestSuite() {
    make_pki();
    // The next fiscal year's meeting: the same packet, another session and day.
    std::string xml = read_file(source_path("input/atsugi-r5-2.xml"));
    xml = std::regex_replace(xml, std::regex("<session fy=\"2023\""), "<session fy=\"2024\"");
    xml = std::regex_replace(xml, std::regex("<held start=\"2024-03-14T14:00\""), "<held start=\"2025-03-13T14:00\"");
    write_file(*dir_ / "r6-1.xml", xml);
    steps_ = std::make_unique<RunResult>(in_dir(
        quote(SHIRYO_BINARY) + " build r6-1.xml -o r6-plain.pdf && " + quote(SHIRYO_BINARY) +
        " sign packet.pdf -o r5.pdf --p12 signer.p12 --password-file password --tsa " + quote(tsa_->url()) + " && " +
        quote(SHIRYO_BINARY) + " sign r6-plain.pdf -o r6.pdf --p12 signer.p12 --password-file password && " +
        quote(SHIRYO_BINARY) + " archive add arch r5.pdf r6.pdf --trust root.pem"));
  }
  static void TearDownTestSuite() {
    steps_.reset();
    remove_pki();
  }
  void SetUp() override {
    PkiSuite::SetUp();
    ASSERT_EQ(steps_->status, 0) << steps_->err;
  }
  // A copy of the archive for a test that changes it.
  static std::string copy_of_archive(const std::string& name) {
    std::filesystem::remove_all(*dir_ / name);
    std::filesystem::copy(*dir_ / "arch", *dir_ / name);
    return name;
  }
  static RunResult archive(const std::string& args) { return in_dir(quote(SHIRYO_BINARY) + " archive " + args); }
  static inline std::unique_ptr<RunResult> steps_;
};

TEST_F(ArchiveFolder, AddCopiesTheFilesAndTheSqliteIndexNamesThem) {
  EXPECT_EQ(steps_->err, "") << steps_->err;
  EXPECT_EQ(read_file(path("arch/r5.pdf")), read_file(path("r5.pdf")));
  EXPECT_EQ(read_file(path("arch/r6.pdf")), read_file(path("r6.pdf")));
  const RunResult sums = in_dir("sha256sum r5.pdf r6.pdf");
  ASSERT_EQ(sums.status, 0) << sums.err;
  const auto sum_lines = lines_of(sums.out);
  ASSERT_EQ(sum_lines.size(), 2u);
  // The embedded packet, as pdfdetach saves it.
  ASSERT_NE(in_dir("pdfdetach -list r5.pdf").out.find("\n1: atsugi-r5-2.xml\n"), std::string::npos);
  const RunResult detached = in_dir("pdfdetach -save 1 -o source.xml r5.pdf && sha256sum source.xml");
  ASSERT_EQ(detached.status, 0) << detached.err;
  const RunResult rows = in_dir(
      "sqlite3 -separator '|' arch/shiryo-archive.sqlite "
      "\"SELECT file, sha256, title, held, fiscal_year, signers, levels, source_sha256 FROM packets ORDER BY file\"");
  ASSERT_EQ(rows.status, 0) << rows.err;
  const auto row = lines_of(rows.out);
  ASSERT_EQ(row.size(), 2u) << rows.out;
  EXPECT_EQ(row[0], "r5.pdf|" + sum_lines[0].substr(0, 64) + "|令和5年度第2回厚木市行政改革調査委員会|2024-03-14T14:00|2023|" +
                        "O=Shiryo,CN=Test Signer|B-T|" + detached.out.substr(0, 64));
  EXPECT_EQ(row[1].substr(0, row[1].find('|', 7)), "r6.pdf|" + sum_lines[1].substr(0, 64));
  EXPECT_NE(row[1].find("|2025-03-13T14:00|2024|O=Shiryo,CN=Test Signer|B-B|"), std::string::npos) << row[1];
  // One time-stamp for the B-T packet, none for the B-B one.
  const RunResult stamps = in_dir("sqlite3 arch/shiryo-archive.sqlite \"SELECT timestamps FROM packets ORDER BY file\"");
  EXPECT_TRUE(std::regex_match(stamps.out, std::regex("20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\n\n"))) << stamps.out;
}

TEST_F(ArchiveFolder, ListPrintsEachPacketAndYearKeepsOneFiscalYear) {
  const RunResult all = archive("list arch");
  ASSERT_EQ(all.status, 0) << all.err;
  const auto rows = lines_of(all.out);
  ASSERT_EQ(rows.size(), 3u) << all.out;
  EXPECT_EQ(rows[0], "file\tfy\theld\ttitle\tsigners\tlevels\ttime-stamps");
  EXPECT_TRUE(std::regex_match(rows[1], std::regex("r5\\.pdf\t2023\t2024-03-14T14:00\t令和5年度第2回厚木市行政改革調査委員会\t"
                                                   "Test Signer\tB-T\t20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC")))
      << rows[1];
  EXPECT_EQ(rows[2], "r6.pdf\t2024\t2025-03-13T14:00\t令和5年度第2回厚木市行政改革調査委員会\tTest Signer\tB-B\t");
  for (const std::string year : {"2023", "令和5年度", "R5", "令和5"}) {
    const RunResult one = archive("list arch --year " + year);
    EXPECT_EQ(one.status, 0) << year << one.err;
    EXPECT_EQ(lines_of(one.out), (std::vector<std::string>{rows[0], rows[1]})) << year;
  }
  const RunResult r6 = archive("list arch --year 令和6年度");
  EXPECT_EQ(lines_of(r6.out), (std::vector<std::string>{rows[0], rows[2]}));
  EXPECT_EQ(archive("list arch --year 2022").out, rows[0] + "\n");
  // 平成 ended in FY2019: its 32nd year is 令和2年度.
  const RunResult bad = archive("list arch --year 平成32年度");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--year '平成32年度' is not a fiscal year"), std::string::npos) << bad.err;
  EXPECT_EQ(archive("list arch --year 平成31年度").out, rows[0] + "\n");
}

TEST_F(ArchiveFolder, VerifyPassesAndNamesTheCertificateThatExpiresWithinAYear) {
  const RunResult v = archive("verify arch --trust root.pem");
  EXPECT_EQ(v.status, 0) << v.out << v.err;
  const auto rows = lines_of(v.out);
  ASSERT_EQ(rows.size(), 5u) << v.out;
  EXPECT_EQ(rows[0], "file\tresult\tlevels\tproof until\tnote");
  // The B-T packet holds while the TSA's certificate (ten years) does.
  EXPECT_TRUE(std::regex_match(rows[1], std::regex("r5\\.pdf\tvalid: 1 signature, every signer trusted, nothing after "
                                                   "the last\tB-T\t20\\d\\d-\\d\\d-\\d\\d \\(Test TSA\\)\t")))
      << rows[1];
  // The B-B packet only while its signer's (one year), which openssl reads the same.
  const RunResult end = in_dir("openssl x509 -in signer.pem -noout -enddate -dateopt iso_8601");
  ASSERT_EQ(end.status, 0) << end.err;
  const std::string day = end.out.substr(end.out.find('=') + 1, 10);
  EXPECT_EQ(rows[2], "r6.pdf\tvalid: 1 signature, every signer trusted, nothing after the last\tB-B\t" + day +
                         " (Test Signer)\texpires within a year: add a document time-stamp (shiryo timestamp --ltv)");
  EXPECT_EQ(rows[3], "valid: 2 packets, every signature holds");
  EXPECT_EQ(rows[4], "to time-stamp within a year: r6.pdf");
  // Without anchors every file is intact but no signer is verified.
  const RunResult untrusted = archive("verify arch");
  EXPECT_EQ(untrusted.status, 4) << untrusted.out;
  EXPECT_NE(untrusted.out.find("\nvalid, signer not verified: r5.pdf, r6.pdf (--trust)\n"), std::string::npos)
      << untrusted.out;
}

TEST_F(ArchiveFolder, ADocumentTimeStampMovesTheProofToTheTsaCertificate) {
  const std::string a = copy_of_archive("stamped");
  ASSERT_EQ(in_dir(quote(SHIRYO_BINARY) + " timestamp r6.pdf -o r6-lta.pdf --tsa " + quote(tsa_->url())).status, 0);
  const RunResult add = archive("add " + a + " r6-lta.pdf --trust root.pem");
  ASSERT_EQ(add.status, 0) << add.err;
  const RunResult v = archive("verify " + a + " --trust root.pem");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_TRUE(std::regex_search(row_of(v.out, "r6-lta.pdf"), std::regex("\t20\\d\\d-\\d\\d-\\d\\d \\(Test TSA\\)\t$")))
      << v.out;
}

TEST_F(ArchiveFolder, ATamperedByteFailsVerifyNamingTheFile) {
  const std::string a = copy_of_archive("tampered");
  std::string bytes = read_file(*dir_ / a / "r5.pdf");
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x20);
  write_file(*dir_ / a / "r5.pdf", bytes);
  const RunResult v = archive("verify " + a + " --trust root.pem");
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(row_of(v.out, "r5.pdf").rfind("r5.pdf\tCHANGED since it was archived (its SHA-256 is not the index's); "
                                          "not valid: ",
                                          0),
            0u)
      << v.out;
  EXPECT_EQ(row_of(v.out, "r6.pdf").find("r6.pdf\tvalid: "), 0u) << v.out;
  EXPECT_NE(v.out.find("\nnot valid: r5.pdf\n"), std::string::npos) << v.out;
  // A file gone, and one the index does not name, fail too.
  std::filesystem::remove(*dir_ / a / "r6.pdf");
  std::filesystem::copy_file(*dir_ / "r6.pdf", *dir_ / a / "stray.pdf");
  const RunResult gone = archive("verify " + a + " --trust root.pem");
  EXPECT_EQ(gone.status, 1);
  EXPECT_EQ(row_of(gone.out, "r6.pdf").find("r6.pdf\tMISSING: "), 0u) << gone.out;
  EXPECT_EQ(row_of(gone.out, "stray.pdf"), "stray.pdf\tNOT IN THE INDEX (shiryo archive add)\t\t\t");
  EXPECT_NE(gone.out.find("\nnot valid: r5.pdf, r6.pdf, stray.pdf\n"), std::string::npos) << gone.out;
}

TEST_F(ArchiveFolder, ALostOrDamagedIndexIsRebuiltFromTheFiles) {
  const RunResult before = archive("list arch");
  const std::string a = copy_of_archive("lost");
  std::filesystem::remove(*dir_ / a / "shiryo-archive.sqlite");
  const RunResult rebuilt = archive("list " + a);
  EXPECT_EQ(rebuilt.status, 0) << rebuilt.err;
  EXPECT_EQ(rebuilt.out, before.out);
  EXPECT_EQ(rebuilt.err, "shiryo: note: " + a + ": the index (shiryo-archive.sqlite) was missing; rebuilt from 2 files, "
                         "whose SHA-256 it now takes as they are\n");
  // Written back: the next run finds it, and sqlite3 reads it.
  EXPECT_EQ(archive("list " + a).err, "");
  EXPECT_EQ(in_dir("sqlite3 " + a + "/shiryo-archive.sqlite 'SELECT count(*) FROM packets'").out, "2\n");
  write_file(*dir_ / a / "shiryo-archive.sqlite", "not a database at all, but long enough to be read as one ...\n");
  const RunResult damaged = archive("verify " + a + " --trust root.pem");
  EXPECT_EQ(damaged.status, 0) << damaged.out << damaged.err;
  EXPECT_NE(damaged.err.find(": the index (shiryo-archive.sqlite) was damaged ("), std::string::npos) << damaged.err;
  EXPECT_NE(damaged.out.find("\nvalid: 2 packets, every signature holds\n"), std::string::npos) << damaged.out;
}

TEST_F(ArchiveFolder, AddRefusesANameClashAndBadFilesAndNotesTheSameContent) {
  const std::string a = copy_of_archive("clash");
  const std::string index = read_file(*dir_ / a / "shiryo-archive.sqlite");
  const RunResult same = archive("add " + a + " r5.pdf --trust root.pem");
  EXPECT_EQ(same.status, 0) << same.err;
  EXPECT_EQ(same.err, "shiryo: note: r5.pdf is already in " + a + " with the same content\n");
  // Another file by that name: nothing written, the archived one kept.
  std::filesystem::create_directory(*dir_ / "other");
  std::filesystem::copy_file(*dir_ / "r6.pdf", *dir_ / "other" / "r5.pdf");
  const RunResult clash = archive("add " + a + " r6-plain.pdf other/r5.pdf --trust root.pem");
  EXPECT_EQ(clash.status, 1);
  EXPECT_NE(clash.err.find("other/r5.pdf: " + a + "/r5.pdf exists with other content; not archived\n"), std::string::npos)
      << clash.err;
  // An unsigned packet is refused too, and neither file is added.
  EXPECT_NE(clash.err.find("r6-plain.pdf: no signatures; not archived\n"), std::string::npos) << clash.err;
  EXPECT_NE(clash.err.find("shiryo: error: nothing archived\n"), std::string::npos) << clash.err;
  EXPECT_EQ(read_file(*dir_ / a / "r5.pdf"), read_file(path("r5.pdf")));
  EXPECT_FALSE(std::filesystem::exists(*dir_ / a / "r6-plain.pdf"));
  EXPECT_EQ(in_dir("sqlite3 " + a + "/shiryo-archive.sqlite 'SELECT file FROM packets ORDER BY file'").out,
            "r5.pdf\nr6.pdf\n");
  // A file whose signature fails is refused.
  std::string bytes = read_file(path("r6.pdf"));
  bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 0x20);
  write_file(*dir_ / "broken.pdf", bytes);
  const RunResult broken = archive("add " + a + " broken.pdf --trust root.pem");
  EXPECT_EQ(broken.status, 1);
  EXPECT_NE(broken.err.find("broken.pdf: not valid: "), std::string::npos) << broken.err;
  EXPECT_FALSE(std::filesystem::exists(*dir_ / a / "broken.pdf"));
  // No temporary file is left behind.
  for (const auto& e : std::filesystem::directory_iterator(*dir_ / a)) {
    EXPECT_NE(e.path().filename().string()[0], '.') << e.path();
  }
}

}  // namespace
}  // namespace shiryo::testing
