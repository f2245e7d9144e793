// Archival packets (issue 15): PDF/A-3u parts checked clause by clause
// (docs/pdfa.md), the embedded sources through pdfdetach, extract and
// rebuild, and PAdES signatures checked by pdfsig, openssl and qpdf, made
// with the test PKI of pki.h.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "harness.h"
#include "pki.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// `qpdf --show-object` of the trailer, or of the object it names by key.
std::string show(const std::string& pdf, const std::string& object) {
  return run("qpdf --show-object=" + object + " " + quote(pdf)).out;
}

std::string referenced(const std::string& dict, const std::string& key) {
  std::smatch m;
  const std::regex r("/" + key + " (\\d+) \\d+ R");
  return std::regex_search(dict, m, r) ? m[1].str() : "";
}

// The text of one XMP property (a simple element or the first rdf:li in it).
std::string xmp_value(const std::string& xmp, const std::string& property, const std::string& lang = "") {
  const auto open = xmp.find("<" + property + ">");
  if (open == std::string::npos) return "";
  const auto close = xmp.find("</" + property + ">", open);
  std::string inner = xmp.substr(open + property.size() + 2, close - open - property.size() - 2);
  const std::string li = lang.empty() ? "<rdf:li>" : "<rdf:li xml:lang=\"" + lang + "\">";
  if (const auto at = inner.find(li); at != std::string::npos) {
    inner = inner.substr(at + li.size(), inner.find("</rdf:li>", at) - at - li.size());
  } else if (inner.find("<rdf:") != std::string::npos) {
    return "";
  }
  return inner;
}

// XMP date → PDF date: 2024-03-14T00:00:00+09:00 → D:20240314000000+09'00'.
std::string pdf_date(const std::string& x) {
  if (x.size() != 25) return "";
  return "D:" + x.substr(0, 4) + x.substr(5, 2) + x.substr(8, 2) + x.substr(11, 2) + x.substr(14, 2) +
         x.substr(17, 2) + x.substr(19, 3) + "'" + x.substr(23, 2) + "'";
}

std::string info_field(const std::string& pdfinfo, const std::string& field) {
  const auto at = pdfinfo.find("\n" + field + ":");
  if (at == std::string::npos) return "";
  auto begin = pdfinfo.find_first_not_of(' ', at + field.size() + 2);
  return pdfinfo.substr(begin, pdfinfo.find('\n', begin) - begin);
}

class Archival : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    packet_ = path("packet.pdf");
    build_ = std::make_unique<RunResult>(shiryo("build " + quote(kPacket) + " -o " + quote(packet_)));
    // The test PKI: a root, an intermediate, and the signer's PKCS#12 file.
    certs_ = std::make_unique<RunResult>(make_test_pki(dir_->path()));
    signed_ = path("signed.pdf");
    twice_ = path("twice.pdf");
    sign1_ = std::make_unique<RunResult>(sign(packet_, signed_, " --reason '承認' --location '厚木市' --name '行政経営課'"));
    sign2_ = std::make_unique<RunResult>(sign(signed_, twice_, " --date 2024-03-15T10:00:00+09:00"));
  }
  static void TearDownTestSuite() {
    sign2_.reset();
    sign1_.reset();
    certs_.reset();
    build_.reset();
    dir_.reset();  // removes the directory
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static RunResult sign(const std::string& in, const std::string& out, const std::string& extra = "",
                        const std::string& p12 = "signer.p12", const std::string& password = "password") {
    return shiryo("sign " + quote(in) + " -o " + quote(out) + " --p12 " + quote(path(p12)) + " --password-file " +
                  quote(path(password)) + extra);
  }
  static std::string xmp(const std::string& pdf) {
    const std::string bytes = read_file(pdf);
    const auto begin = bytes.find("<?xpacket begin");
    const auto end = bytes.find("<?xpacket end", begin);
    return begin == std::string::npos || end == std::string::npos ? "" : bytes.substr(begin, end - begin);
  }
  static std::string catalog(const std::string& pdf) { return show(pdf, referenced(show(pdf, "trailer"), "Root")); }
  // The bytes of the ICC profile the output intent embeds.
  static std::string output_profile(const std::string& pdf) {
    std::smatch m;
    const std::string cat = catalog(pdf);
    if (!std::regex_search(cat, m, std::regex("/OutputIntents \\[ (\\d+) 0 R \\]"))) return "";
    const std::string object = referenced(show(pdf, m[1].str()), "DestOutputProfile");
    return run("qpdf --show-object=" + object + " --filtered-stream-data " + quote(pdf)).out;
  }
  static std::string manifest(const std::string& pdf, const std::string& name) {
    const std::string out = path(name);
    shiryo("extract " + quote(pdf) + " -o " + quote(out));
    return read_file(out + "/shiryo-manifest.txt");
  }
  // A copy of `pdf` whose manifest's output-profile line is `replacement`.
  static std::string with_profile_line(const std::string& pdf, const std::string& replacement, const std::string& name) {
    const std::string qdf = path(name + "-qdf.pdf");
    run("qpdf --qdf --object-streams=disable " + quote(pdf) + " " + quote(qdf));
    std::string bytes = read_file(qdf);
    std::smatch m;
    if (!std::regex_search(bytes, m, std::regex("output-profile [0-9a-f]{64}\n"))) return "";
    bytes.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)), replacement);
    write_file(qdf, bytes);
    const std::string changed = path(name + ".pdf");
    run("fix-qdf " + quote(qdf) + " > " + quote(changed));
    return changed;
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<RunResult> build_, certs_, sign1_, sign2_;
  static std::string packet_, signed_, twice_;
};
std::unique_ptr<TempDir> Archival::dir_;
std::unique_ptr<RunResult> Archival::build_, Archival::certs_, Archival::sign1_, Archival::sign2_;
std::string Archival::packet_, Archival::signed_, Archival::twice_;

// --- PDF/A (docs/pdfa.md) ---

TEST_F(Archival, XmpMatchesTheInfoDictionaryFieldByField) {
  ASSERT_EQ(build_->status, 0) << build_->err;
  const std::string x = xmp(packet_);
  ASSERT_FALSE(x.empty());
  const std::string info = "\n" + run("pdfinfo -rawdates " + quote(packet_)).out;
  EXPECT_EQ(xmp_value(x, "dc:title", "x-default"), info_field(info, "Title"));
  EXPECT_EQ(xmp_value(x, "dc:title", "ja"), info_field(info, "Title"));
  EXPECT_EQ(xmp_value(x, "dc:creator"), info_field(info, "Author"));
  EXPECT_EQ(xmp_value(x, "xmp:CreatorTool"), info_field(info, "Creator"));
  EXPECT_EQ(xmp_value(x, "pdf:Producer"), info_field(info, "Producer"));
  EXPECT_EQ(pdf_date(xmp_value(x, "xmp:CreateDate")), info_field(info, "CreationDate"));
  EXPECT_EQ(pdf_date(xmp_value(x, "xmp:ModifyDate")), info_field(info, "ModDate"));
  EXPECT_EQ(xmp_value(x, "pdfaid:part"), "3");
  EXPECT_EQ(xmp_value(x, "pdfaid:conformance"), "U");
  EXPECT_NE(info_field(info, "Producer").find("0."), std::string::npos);  // the version
  // 6.6.2.1: no bytes= attribute in the packet header.
  EXPECT_EQ(x.substr(0, x.find("?>")).find("bytes="), std::string::npos);
  // Well-formedness is checked in tests/unit/archive_test.cpp (pugixml).
}

TEST_F(Archival, CatalogHasTheParts) {
  const std::string cat = catalog(packet_);
  EXPECT_NE(cat.find("/Lang (ja-JP)"), std::string::npos) << cat;
  EXPECT_NE(cat.find("/DisplayDocTitle true"), std::string::npos);
  // 6.6.2.1: the metadata stream is /Type /Metadata /Subtype /XML, unfiltered.
  const std::string meta = show(packet_, referenced(cat, "Metadata"));
  EXPECT_NE(meta.find("/Subtype /XML"), std::string::npos) << meta;
  EXPECT_NE(meta.find("/Type /Metadata"), std::string::npos);
  EXPECT_EQ(meta.find("/Filter"), std::string::npos);
  // 6.2.3: one output intent, GTS_PDFA1, with an RGB ICC profile.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(cat, m, std::regex("/OutputIntents \\[ (\\d+) 0 R \\]")));
  const std::string intent = show(packet_, m[1].str());
  EXPECT_NE(intent.find("/S /GTS_PDFA1"), std::string::npos) << intent;
  EXPECT_NE(intent.find("/OutputConditionIdentifier"), std::string::npos);
  const std::string profile = show(packet_, referenced(intent, "DestOutputProfile"));
  EXPECT_NE(profile.find("/N 3"), std::string::npos) << profile;
  // 6.1.3: a file identifier, no encryption.
  const std::string trailer = show(packet_, "trailer");
  EXPECT_NE(trailer.find("/ID"), std::string::npos);
  EXPECT_EQ(trailer.find("/Encrypt"), std::string::npos);
  // 6.1.2: a comment of four bytes above 127 after the header.
  const std::string head = read_file(packet_).substr(0, 15);
  ASSERT_EQ(head.compare(0, 9, "%PDF-1.7\n"), 0);
  EXPECT_EQ(head[9], '%');
  for (int i = 10; i < 14; ++i) EXPECT_GT(static_cast<unsigned char>(head[static_cast<std::size_t>(i)]), 127);
}

// 6.2.3: the intent's profile is lcms2's sRGB, ICC v4.2 (ISO 15076-1:2005)
// with parametric tone curves, which poppler need not sample and invert for
// each colour transform; its header carries the fixed date, and the
// manifest its SHA-256.
TEST_F(Archival, OutputIntentIsAParametricSrgbV4Profile) {
  const std::string icc = output_profile(packet_);
  ASSERT_GE(icc.size(), 132u);
  auto be32 = [&icc](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(icc[at + i]);
    return v;
  };
  EXPECT_EQ(be32(0), icc.size());
  EXPECT_EQ(icc.substr(8, 2), std::string("\x04\x20", 2));
  EXPECT_EQ(icc.substr(12, 8), "mntrRGB ");
  EXPECT_EQ(icc.substr(36, 4), "acsp");
  EXPECT_EQ(icc.substr(24, 12), std::string("\x07\xea\x00\x0c\x00\x08\x00\x00\x00\x00\x00\x00", 12));
  std::set<std::string> curves;
  const std::uint32_t tags = be32(128);
  ASSERT_LT(132 + 12 * tags, icc.size());
  for (std::uint32_t i = 0; i < tags; ++i) {
    const std::string sig = icc.substr(132 + 12 * i, 4);
    const std::uint32_t offset = be32(136 + 12 * i);
    ASSERT_LT(offset + 4, icc.size());
    if (sig == "rTRC" || sig == "gTRC" || sig == "bTRC") curves.insert(sig + " " + icc.substr(offset, 4));
  }
  EXPECT_EQ(curves, (std::set<std::string>{"bTRC para", "gTRC para", "rTRC para"}));
  write_file(*dir_ / "intent.icc", icc);
  const std::string sum = run("sha256sum " + quote(path("intent.icc"))).out.substr(0, 64);
  EXPECT_NE(manifest(packet_, "intent-extracted").find("\noutput-profile " + sum + "\n"), std::string::npos);
}

TEST_F(Archival, NothingForbiddenAndEveryAnnotationPrints) {
  const std::string qdf = path("qdf.pdf");
  ASSERT_EQ(run("qpdf --qdf --object-streams=disable " + quote(packet_) + " " + quote(qdf)).status, 0);
  const std::string body = read_file(qdf);
  // 6.6.1 (actions), 6.4 (transparency), 6.1.7 (external streams).
  for (const char* forbidden : {"/JavaScript", "/JS ", "/Launch", "/AA ", "/SMask", "/Group", "/CA ", "/ca ",
                                "/Encrypt", "/FFilter", "/F (http", "/OpenAction", "/Movie", "/Sound"}) {
    EXPECT_EQ(body.find(forbidden), std::string::npos) << forbidden;
  }
  // 6.3.2: every annotation has /F with Print set and Hidden/Invisible/NoView clear.
  const std::size_t annots = count(body, "/Subtype /Link");
  EXPECT_GT(annots, 0u);
  EXPECT_EQ(count(body, "/F 4\n"), annots);
  // 6.2.11: every font embedded with a Unicode map.
  const std::string fonts = run("pdffonts " + quote(packet_)).out;
  const std::regex row(R"(\n\S+ +CID TrueType +Identity-H +(\S+) +(\S+) +(\S+))");
  int rows = 0;
  for (auto it = std::sregex_iterator(fonts.begin(), fonts.end(), row); it != std::sregex_iterator(); ++it, ++rows) {
    EXPECT_EQ((*it)[1].str(), "yes");
    EXPECT_EQ((*it)[3].str(), "yes");
  }
  EXPECT_GT(rows, 0) << fonts;
  EXPECT_EQ(count(fonts, "\n") - 2, static_cast<std::size_t>(rows)) << fonts;
  // 6.2.11.7: every glyph shown maps to Unicode (not to 0, FEFF or FFFE).
  // A union over the fonts' CMaps: a glyph id missing from all of them fails.
  std::set<std::string> mapped;
  const std::regex entry(R"(<([0-9A-F]{4})> <([0-9A-F]+)>)");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), entry); it != std::sregex_iterator(); ++it) {
    const std::string target = (*it)[2].str();
    EXPECT_TRUE(target != "0000" && target != "FEFF" && target != "FFFE") << (*it)[0].str();
    mapped.insert((*it)[1].str());
  }
  std::istringstream lines(body);
  std::size_t shown = 0;
  const std::regex hex("<([0-9A-Fa-f]+)>");  // qpdf --qdf writes content hex in lower case
  for (std::string line; std::getline(lines, line);) {
    if (line.size() < 6 || (line.compare(line.size() - 5, 5, "TJ ET") != 0 && line.compare(line.size() - 5, 5, "Tj ET") != 0)) {
      continue;
    }
    const auto from = line.find('[') != std::string::npos ? line.find('[') : line.rfind('<', line.size() - 6);
    const std::string shows = line.substr(from);
    for (auto it = std::sregex_iterator(shows.begin(), shows.end(), hex); it != std::sregex_iterator(); ++it) {
      std::string glyphs = (*it)[1].str();
      for (char& c : glyphs) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      for (std::size_t i = 0; i + 4 <= glyphs.size(); i += 4, ++shown) {
        EXPECT_TRUE(mapped.count(glyphs.substr(i, 4))) << "glyph " << glyphs.substr(i, 4) << " in " << line;
      }
    }
  }
  EXPECT_GT(shown, 1000u);
}

TEST_F(Archival, SourcesAreAssociatedFiles) {
  const std::string list = run("pdfdetach -list " + quote(packet_)).out;
  EXPECT_NE(list.find("5 embedded files"), std::string::npos) << list;
  for (const char* name : {"atsugi-r5-2.xml", "layout.xml", "fontset.xml", "shiryo-fonts.lock", "shiryo-manifest.txt"}) {
    EXPECT_NE(list.find(name), std::string::npos) << name;
  }
  // 6.8: each file specification has /F, /UF, /AFRelationship and is in /AF;
  // each embedded file stream has a MIME /Subtype and /Params /ModDate.
  const std::string cat = catalog(packet_);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(cat, m, std::regex("/AF \\[([^\\]]*)\\]")));
  const std::string af = m[1].str();
  const std::regex ref("(\\d+) 0 R");
  int n = 0;
  for (auto it = std::sregex_iterator(af.begin(), af.end(), ref); it != std::sregex_iterator(); ++it, ++n) {
    const std::string spec = show(packet_, (*it)[1].str());
    EXPECT_NE(spec.find("/AFRelationship /Source"), std::string::npos) << spec;
    EXPECT_NE(spec.find("/F "), std::string::npos);
    EXPECT_NE(spec.find("/UF "), std::string::npos);
    EXPECT_NE(spec.find("/Type /Filespec"), std::string::npos);
    std::smatch ef;
    ASSERT_TRUE(std::regex_search(spec, ef, std::regex("/EF << /F (\\d+) 0 R")));
    const std::string stream = show(packet_, ef[1].str());
    EXPECT_TRUE(std::regex_search(stream, std::regex("/Subtype /(application#2fxml|text#2fplain)", std::regex::icase)))
        << stream;
    EXPECT_NE(stream.find("/ModDate (D:20240314000000+09'00')"), std::string::npos) << stream;
  }
  EXPECT_EQ(n, 5);
}

TEST(ArchivalLevels, TwoUHasMetadataButNoSourcesAndNoneHasNeither) {
  TempDir dir;
  const std::string two = (dir / "2u.pdf").string();
  const std::string none = (dir / "none.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(two) + " --pdfa 2u").status, 0);
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(none) + " --pdfa none").status, 0);
  const std::string b2 = read_file(two);
  EXPECT_NE(b2.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
  EXPECT_NE(b2.find("/GTS_PDFA1"), std::string::npos);
  EXPECT_EQ(b2.find("/EmbeddedFiles"), std::string::npos);
  EXPECT_EQ(b2.find("/AF"), std::string::npos);
  const std::string bn = read_file(none);
  EXPECT_EQ(bn.find("pdfaid"), std::string::npos);
  EXPECT_EQ(bn.find("/OutputIntents"), std::string::npos);
}

TEST(ArchivalLevels, TimeZoneNeverChangesABitOf3u) {
  TempDir dir;
  const std::string a = (dir / "a.pdf").string();
  const std::string b = (dir / "b.pdf").string();
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(a) + " --pdfa 3u", "TZ=UTC").status, 0);
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(b) + " --pdfa 3u", "TZ=Pacific/Kiritimati").status, 0);
  EXPECT_EQ(read_file(a), read_file(b));
}

// --- extract and rebuild ---

TEST_F(Archival, ExtractWritesTheXmlBackByteForByte) {
  const std::string out = path("extracted");
  const RunResult r = shiryo("extract " + quote(packet_) + " -o " + quote(out));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_file(out + "/atsugi-r5-2.xml"), read_file(kPacket));
  EXPECT_EQ(read_file(out + "/layout.xml"), read_file(source_path("layouts/default/layout.xml")));
  EXPECT_EQ(read_file(out + "/fontset.xml"), read_file(source_path("fonts/fontset.xml")));
  const std::string manifest = read_file(out + "/shiryo-manifest.txt");
  EXPECT_NE(manifest.find("date D:20240314000000+09'00'\n"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("pdfa 3u\n"), std::string::npos);
  EXPECT_NE(manifest.find("shiryo-version "), std::string::npos);
  const std::string lock = read_file(out + "/shiryo-fonts.lock");
  EXPECT_TRUE(std::regex_search(lock, std::regex("BIZUDMincho-Regular\\.ttf\tBIZUDMincho-Regular\t[0-9a-f]{64}\n")))
      << lock;
}

TEST_F(Archival, RebuildGivesTheSameBytes) {
  const std::string out = path("rebuilt.pdf");
  const RunResult r = shiryo("rebuild " + quote(packet_) + " -o " + quote(out));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("warning: " + packet_), std::string::npos) << r.err;
  EXPECT_EQ(read_file(out), read_file(packet_));
  // The manifest's options, not the defaults, drive it: a 2u-less date.
  const std::string dated = path("dated.pdf");
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(dated) + " --date 2023-01-02T03:04:05+09:00").status, 0);
  ASSERT_EQ(shiryo("rebuild " + quote(dated) + " -o " + quote(path("dated2.pdf"))).status, 0);
  EXPECT_EQ(read_file(path("dated2.pdf")), read_file(dated));
}

TEST_F(Archival, RebuildRefusesAFontThatDiffersFromTheLock) {
  // A copy whose lock names another hash for BIZUDMincho-Regular: the same
  // as a font file replaced since the build.
  const std::string qdf = path("lock-qdf.pdf");
  ASSERT_EQ(run("qpdf --qdf --object-streams=disable " + quote(packet_) + " " + quote(qdf)).status, 0);
  std::string bytes = read_file(qdf);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(bytes, m, std::regex("BIZUDMincho-Regular\t([0-9a-f]{64})")));
  const std::string locked = m[1].str();
  const std::string fake(64, 'a');
  bytes.replace(static_cast<std::size_t>(m.position(1)), 64, fake);
  write_file(qdf, bytes);
  const std::string changed = path("lock-changed.pdf");
  ASSERT_EQ(run("fix-qdf " + quote(qdf) + " > " + quote(changed)).status, 0);
  const std::string out = path("lock-out.pdf");
  const RunResult r = shiryo("rebuild " + quote(changed) + " -o " + quote(out));
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("error: font BIZUDMincho-Regular"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(fake), std::string::npos);
  EXPECT_NE(r.err.find(locked), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out));
  const RunResult anyway = shiryo("rebuild " + quote(changed) + " -o " + quote(out) + " --allow-font-change");
  EXPECT_EQ(anyway.status, 0) << anyway.err;
  EXPECT_NE(anyway.err.find("warning: font BIZUDMincho-Regular"), std::string::npos) << anyway.err;
  EXPECT_EQ(read_file(out), read_file(packet_));  // the fonts did not really change
}

// A packet built before lcms2's profile embeds Debian's sRGB.icc and its
// manifest names no profile: rebuild embeds Debian's again and writes no
// line, so the older packet's bytes come back (docs/pdfa.md). The copy here
// is the packet with the line taken out.
TEST_F(Archival, RebuildOfAnOlderPacketKeepsDebiansProfile) {
  const std::string older = with_profile_line(packet_, "", "older");
  ASSERT_FALSE(older.empty());
  const std::string once = path("older-rebuilt.pdf");
  const RunResult r = shiryo("rebuild " + quote(older) + " -o " + quote(once));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // icc-profiles-free
  EXPECT_EQ(output_profile(once), read_file("/usr/share/color/icc/sRGB.icc"));
  const std::string m = manifest(once, "older-extracted");
  EXPECT_NE(m.find("\npdfa 3u\n"), std::string::npos) << m;
  EXPECT_EQ(m.find("output-profile"), std::string::npos) << m;
  const std::string twice = path("older-rebuilt-again.pdf");
  ASSERT_EQ(shiryo("rebuild " + quote(once) + " -o " + quote(twice)).status, 0);
  EXPECT_EQ(read_file(twice), read_file(once));
  EXPECT_NE(read_file(once), read_file(packet_));
}

// Another lcms2 may write the profile otherwise: rebuild says the bytes
// will differ when the recorded SHA-256 is not the profile's now.
TEST_F(Archival, RebuildWarnsWhenTheProfileIsNotTheRecordedOne) {
  const std::string fake(64, 'a');
  const std::string changed = with_profile_line(packet_, "output-profile " + fake + "\n", "profile-changed");
  ASSERT_FALSE(changed.empty());
  const std::string out = path("profile-out.pdf");
  const RunResult r = shiryo("rebuild " + quote(changed) + " -o " + quote(out));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the sRGB profile of " + changed + "'s output intent (sha256 " + fake +
                       ") is not the one this shiryo's lcms2 writes"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(out), read_file(packet_));  // the profile did not really change
}

TEST_F(Archival, AnotherVersionIsAWarning) {
  const std::string qdf = path("version-qdf.pdf");
  ASSERT_EQ(run("qpdf --qdf --object-streams=disable " + quote(packet_) + " " + quote(qdf)).status, 0);
  std::string bytes = read_file(qdf);
  const auto at = bytes.find("shiryo-version ");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at + 15, 1, "9");
  write_file(qdf, bytes);
  const std::string changed = path("version-changed.pdf");
  ASSERT_EQ(run("fix-qdf " + quote(qdf) + " > " + quote(changed)).status, 0);
  const RunResult r = shiryo("rebuild " + quote(changed) + " -o " + quote(path("version-out.pdf")));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning: " + changed + " was built by shiryo 9"), std::string::npos) << r.err;
}

TEST_F(Archival, NoEmbeddedSourceNotAPdfAndTruncatedAreErrors) {
  const std::string none = path("plain.pdf");
  ASSERT_EQ(shiryo("build " + quote(kPacket) + " -o " + quote(none) + " --pdfa none").status, 0);
  write_file(*dir_ / "text.pdf", "hello\n");
  write_file(*dir_ / "truncated.pdf", read_file(packet_).substr(0, 50000));
  for (const auto& [file, message] : std::vector<std::pair<std::string, std::string>>{
           {none, "no embedded source"}, {path("text.pdf"), "not a PDF"}, {path("truncated.pdf"), "truncated"}}) {
    const RunResult e = shiryo("extract " + quote(file) + " -o " + quote(path("nowhere")));
    EXPECT_EQ(e.status, 1) << file;
    EXPECT_NE(e.err.find(message), std::string::npos) << e.err;
    EXPECT_FALSE(std::filesystem::exists(path("nowhere")));
    const RunResult b = shiryo("rebuild " + quote(file) + " -o " + quote(path("nothing.pdf")));
    EXPECT_EQ(b.status, 1) << file;
    EXPECT_NE(b.err.find(message), std::string::npos) << b.err;
    EXPECT_FALSE(std::filesystem::exists(path("nothing.pdf")));
  }
}

// --- sign and verify ---

TEST_F(Archival, PdfsigValidatesEachSignature) {
  ASSERT_EQ(certs_->status, 0) << certs_->err;
  ASSERT_EQ(sign1_->status, 0) << sign1_->err;
  ASSERT_EQ(sign2_->status, 0) << sign2_->err;
  const std::string once = run("pdfsig " + quote(signed_)).out;
  EXPECT_EQ(count(once, "Signature is Valid"), 1u) << once;
  EXPECT_EQ(count(once, "ETSI.CAdES.detached"), 1u);
  EXPECT_NE(once.find("Total document signed"), std::string::npos);
  const std::string both = run("pdfsig " + quote(twice_)).out;
  EXPECT_EQ(count(both, "Signature is Valid"), 2u) << both;
  EXPECT_EQ(count(both, "ETSI.CAdES.detached"), 2u);
  EXPECT_NE(both.find("Signing Hash Algorithm: SHA-256"), std::string::npos);
  EXPECT_NE(both.find("CN=Test Signer"), std::string::npos);
}

TEST_F(Archival, SigningAppendsAndKeepsTheOriginalBytes) {
  const std::string original = read_file(packet_);
  const std::string once = read_file(signed_);
  const std::string twice = read_file(twice_);
  ASSERT_GT(once.size(), original.size());
  EXPECT_EQ(once.substr(0, original.size()), original);
  EXPECT_EQ(twice.substr(0, once.size()), once);
  EXPECT_EQ(count(twice, "startxref"), 3u);  // three revisions, each with its own xref
  for (const std::string& f : {packet_, signed_, twice_}) {
    const RunResult q = run("qpdf --check " + quote(f));
    EXPECT_EQ(q.status, 0) << f << q.out << q.err;
    EXPECT_NE(q.out.find("No syntax or stream encoding errors"), std::string::npos) << q.out;
  }
  // The Info dictionary and the XMP are untouched, so they still agree.
  EXPECT_EQ(run("pdfinfo -rawdates " + quote(twice_)).out.find("ModDate:         D:20240314000000+09'00'") !=
                std::string::npos, true);
}

TEST_F(Archival, CmsHasSigningCertificateV2AndNoSigningTime) {
  TempDir dump;
  ASSERT_EQ(run("cd " + quote(dump.path().string()) + " && pdfsig -dump " + quote(twice_)).status, 0);
  for (const char* name : {"twice.pdf.sig0", "twice.pdf.sig1"}) {
    const RunResult p = run("openssl cms -inform DER -cmsout -print -in " + quote((dump / name).string()));
    ASSERT_EQ(p.status, 0) << p.err;
    EXPECT_NE(p.out.find("signingCertificateV2"), std::string::npos) << name;
    EXPECT_NE(p.out.find("messageDigest"), std::string::npos);
    EXPECT_NE(p.out.find("contentType"), std::string::npos);
    EXPECT_EQ(p.out.find("signingTime"), std::string::npos) << name;
  }
}

TEST_F(Archival, VerifyReportsEachSignature) {
  // Both signatures intact; the second claims a time before its
  // certificate was issued (the CA of this run is made today).
  const RunResult r = shiryo("verify " + quote(twice_) + " --trust " + quote(path("root.pem")));
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_EQ(count(r.out, "  digest of the byte ranges: matches\n  CMS signature: valid\n"), 2u) << r.out;
  EXPECT_NE(r.out.find("signature 1 (Signature1): valid\n  signer: O=Shiryo,CN=Test Signer\n"
                       "  certificate: trusted (Test Root CA)\n"),
            std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\nsignature 2 \\(Signature2\\): FAILED\n.*\n"
                                                  "  certificate: INVALID \\(not valid until \\d{4}-\\d\\d-\\d\\d, "
                                                  "after the signing time\\)\n  time: 2024-03-15 10:00 \\+09:00 \\(令和6年3月15日\\)\n")))
      << r.out;
  EXPECT_NE(r.out.find("  reason: 承認\n  name: 行政経営課\n  location: 厚木市\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("after the last signature: nothing appended"), std::string::npos);
  // The first signature alone, without anchors: intact, signer not verified.
  const RunResult once = shiryo("verify " + quote(signed_));
  EXPECT_EQ(once.status, 4) << once.out;
  // Bytes appended after the last signature are reported and fail.
  write_file(*dir_ / "appended.pdf", read_file(signed_) + "% appended\n");
  const RunResult a = shiryo("verify " + quote(path("appended.pdf")) + " --trust " + quote(path("root.pem")));
  EXPECT_EQ(a.status, 1) << a.out;
  EXPECT_EQ(a.out.substr(0, a.out.find('\n')),
            "not valid: 11 bytes appended after signature 1, not covered by any signature") << a.out;
  EXPECT_NE(a.out.find("after the last signature: 11 bytes appended"), std::string::npos) << a.out;
  // A file without signatures fails.
  EXPECT_EQ(shiryo("verify " + quote(packet_)).status, 1);
}

TEST_F(Archival, OneChangedByteInASignedRangeFailsPdfsigAndVerify) {
  std::string bytes = read_file(twice_);
  // In the uncompressed XMP: inside both signatures' first range.
  const auto at = bytes.find("<pdfaid:part>3");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 13] = '2';
  write_file(*dir_ / "tampered.pdf", bytes);
  const std::string sig = run("pdfsig " + quote(path("tampered.pdf"))).out;
  EXPECT_EQ(count(sig, "Signature is Valid"), 0u) << sig;
  const RunResult v = shiryo("verify " + quote(path("tampered.pdf")));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(count(v.out, "FAILED"), 2u) << v.out;
  // And in the second signature's own increment (its /M), after the first one.
  bytes = read_file(twice_);
  const auto m = bytes.rfind("/M(D:2024");
  ASSERT_NE(m, std::string::npos);
  bytes[m + 7] = '3';
  write_file(*dir_ / "tampered2.pdf", bytes);
  const std::string sig2 = run("pdfsig " + quote(path("tampered2.pdf"))).out;
  EXPECT_EQ(count(sig2, "Signature is Valid"), 1u) << sig2;
  const RunResult v2 = shiryo("verify " + quote(path("tampered2.pdf")));
  EXPECT_EQ(v2.status, 1);
  EXPECT_EQ(count(v2.out, "FAILED"), 1u) << v2.out;
}

TEST_F(Archival, BadSigningInputsWriteNothing) {
  ASSERT_EQ(certs_->status, 0);
  write_file(*dir_ / "wrong", "not the password\n");
  const std::string d = quote(dir_->path().string());
  // A key with someone else's certificate: openssl pairs nothing with it.
  ASSERT_EQ(run("cd " + d + " && openssl genrsa -out other.key 2048 && openssl pkcs12 -export -nocerts -inkey "
                "other.key -certfile signer.pem -passout file:password -out mismatch.p12").status, 0);
  write_file(*dir_ / "text.pdf", "hello\n");
  write_file(*dir_ / "truncated.pdf", read_file(packet_).substr(0, 50000));
  const std::string out = path("never.pdf");
  struct Case {
    std::string in, p12, password, message;
  };
  for (const Case& c : std::vector<Case>{{packet_, "signer.p12", "wrong", "wrong password"},
                                         {packet_, "mismatch.p12", "password", "does not match the certificate"},
                                         {path("text.pdf"), "signer.p12", "password", "not a PDF"},
                                         {path("truncated.pdf"), "signer.p12", "password", "truncated"}}) {
    const RunResult r = sign(c.in, out, "", c.p12, c.password);
    EXPECT_EQ(r.status, 1) << c.message << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.message;
  }
}

TEST_F(Archival, ExpiredCertificateIsAWarningAndStillSigns) {
  ASSERT_EQ(certs_->status, 0);
  // A certificate that ended yesterday (openssl takes -days -1).
  ASSERT_EQ(run("cd " + quote(dir_->path().string()) +
                " && openssl x509 -req -in signer.csr -CA intermediate.pem -CAkey intermediate.key -CAcreateserial -out expired.pem -days -1"
                " && openssl pkcs12 -export -inkey signer.key -in expired.pem -passout file:password -out expired.p12")
                .status, 0);
  const std::string expired = path("expired.pdf");
  const RunResult e = sign(packet_, expired, "", "expired.p12");
  EXPECT_EQ(e.status, 0) << e.err;
  EXPECT_NE(e.err.find("warning: the certificate of O=Shiryo,CN=Test Signer expired"), std::string::npos) << e.err;
  EXPECT_EQ(count(run("pdfsig " + quote(expired)).out, "Signature is Valid"), 1u);
  // Intact, but the certificate had expired when it signed.
  const RunResult v = shiryo("verify " + quote(expired));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("  certificate: INVALID (expired on "), std::string::npos) << v.out;
  // Likewise at a signing time after the certificate's end.
  const std::string out = path("late.pdf");
  const RunResult r = sign(packet_, out, " --date 2099-01-01");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the certificate of O=Shiryo,CN=Test Signer expired"), std::string::npos) << r.err;
  EXPECT_EQ(count(run("pdfsig " + quote(out)).out, "Signature is Valid"), 1u);
}

TEST_F(Archival, VisibleStampOnTheDocumentsFirstPage) {
  const std::string out = path("visible.pdf");
  const RunResult r = sign(packet_, out, " --visible s2 --name '行政経営課 山田' --date 2024-03-15T10:00:00+09:00");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(run("pdfsig " + quote(out)).out, "Signature is Valid"), 1u);
  EXPECT_EQ(run("qpdf --check " + quote(out)).status, 0);
  // 資料2 starts on the page whose label is 資料2-1.
  int page = 0;
  const std::string labels = run("pdfinfo -f 1 -l 99 " + quote(out)).out;
  for (int p = 1; p <= 40 && page == 0; ++p) {
    if (labels.find("Page " + std::string(p < 10 ? "   " : "  ") + std::to_string(p) + " labels: 資料2-1") != std::string::npos) {
      page = p;
    }
  }
  const std::string stamp = "電子署名行政経営課山田令和6年3月15日";
  const auto on_page = [&](int p) {
    return squeeze(run("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + quote(out) + " -").out);
  };
  if (page == 0) {
    // Without page labels in pdfinfo's output, find the page by its text.
    const std::string info = run("pdfinfo " + quote(out)).out;
    const int pages = std::stoi(info.substr(info.find("Pages:") + 6));
    for (int p = 1; p <= pages && page == 0; ++p) {
      if (on_page(p).find(stamp) != std::string::npos) page = p;
    }
  }
  ASSERT_GT(page, 1);
  EXPECT_NE(on_page(page).find(stamp), std::string::npos) << on_page(page);
  EXPECT_EQ(on_page(1).find("電子署名"), std::string::npos);
  // The stamp's fonts are embedded with Unicode maps too (6.2.11).
  const std::string fonts = run("pdffonts -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + quote(out)).out;
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << fonts;
  const RunResult missing = sign(packet_, path("never2.pdf"), " --visible nosuch");
  EXPECT_EQ(missing.status, 1);
  // The ids it does have are listed: the documents' named destinations.
  EXPECT_EQ(missing.err, "shiryo: error: " + packet_ +
                             " has no document 'nosuch' (no named destination of that id); its documents are s1, s2, "
                             "s2-1; nothing signed\n");
  EXPECT_FALSE(std::filesystem::exists(path("never2.pdf")));
}

}  // namespace
}  // namespace shiryo::testing
