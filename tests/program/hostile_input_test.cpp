// Hostile and large inputs through the whole program: each is built by the
// test (nothing committed) and must build, or fail with a clear error and
// the right exit status, without crashing, without unbounded memory and
// without touching a previous output. bad_input_test.cpp covers the error
// positions of ordinary mistakes, including invalid UTF-8 in a packet
// (InvalidUtf8AtTheByte) and 10,000-deep nesting in a packet
// (DeepNestingIsRefusedWithoutCrashing); program_test.cpp covers a
// missing layout set by name and a bad length in a layout set. This file
// adds what those do not.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "../tools/long_table.h"
#include "harness.h"

namespace shiryo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<packet version=\"1\" lang=\"ja\">\n"
    "  <meta>\n"
    "    <title>行政改革調査委員会</title>\n"
    "    <held start=\"2024-03-14T14:00\" place=\"本庁舎\"/>\n"
    "  </meta>\n"
    "  <agenda>\n"
    "    <item doc=\"s1\">議題</item>\n"
    "  </agenda>\n"
    "  <roster>\n"
    "    <member role=\"委員長\" name=\"岩崎 忠\" note=\"\"/>\n"
    "  </roster>\n";
const std::string kTail = "</packet>\n";

// A document holding `blocks`.
std::string packet_with_document(const std::string& blocks) {
  return kHead + "  <document id=\"s1\" label=\"資料1\" title=\"資料の表題\">\n" + blocks + "  </document>\n" + kTail;
}

// Full-size katakana only: nothing else in these packets (nor the page
// furniture) is katakana, so the PDF's katakana, in order, must be exactly
// the text put in.
std::string katakana(SeedSequence& seq, std::size_t count) {
  static const std::vector<std::string> letters = {
      "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ",
      "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ",
      "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ", "ヲ", "ン"};
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += letters[seq.next() % letters.size()];
  return out;
}

// The katakana of `text` (U+30A1..U+30FA, three bytes each in UTF-8), in order.
std::string katakana_of(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    const unsigned cp = b0 == 0xE3 ? ((b1 & 0x3Fu) << 6 | (b2 & 0x3Fu)) | 0x3000u : 0;
    if (cp >= 0x30A1 && cp <= 0x30FA) {
      out.append(text, i, 3);
      i += 2;
    }
  }
  return out;
}

std::string pdf_text(const fs::path& pdf) { return run("pdftotext " + quote(pdf.string()) + " -").out; }

// The largest resident set of any child this process has waited for, in MB:
// an upper bound on the build's own.
double children_peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The "total" line's peak RSS of `shiryo build --timings`.
double timings_peak_rss_mb(const std::string& err) {
  std::smatch m;
  static const std::regex total(R"(total\s+[0-9.]+\s+([0-9.]+))");
  return std::regex_search(err, m, total) ? std::stod(m[1]) : -1;
}

TEST(HostileInput, FiftyMegabytePacketFailsCleanlyWithBoundedMemory) {
  // 50 MB of ordinary paragraphs with one mistake at the very end: the whole
  // file is read and checked, the error is reported at its position, and the
  // previous PDF stays as it was.
  TempDir dir;
  SeedSequence seq(50);
  std::string blocks;
  std::size_t paragraphs = 0;
  while (blocks.size() < 50u * 1024 * 1024) {
    blocks += "    <p>" + katakana(seq, 300) + "</p>\n";
    ++paragraphs;
  }
  blocks += "    <q>最後</q>\n";
  const std::string packet = packet_with_document(blocks);
  const std::size_t line = static_cast<std::size_t>(std::count(packet.begin(), packet.end(), '\n')) - 2;
  write_file(dir / "big.xml", packet);
  write_file(dir / "big.pdf", "previous");
  const RunResult r = shiryo("build " + quote((dir / "big.xml").string()) + " -o " + quote((dir / "big.pdf").string()));
  const double rss = children_peak_rss_mb();
  std::printf("50 MB packet (%zu paragraphs): status %d, peak RSS at most %.0f MB\n", paragraphs, r.status, rss);
  EXPECT_EQ(r.status, 1) << r.err.substr(0, 500);
  EXPECT_NE(r.err.find("big.xml:" + std::to_string(line) + ":5: error: "), std::string::npos) << r.err.substr(0, 500);
  EXPECT_EQ(read_file(dir / "big.pdf"), "previous");
  EXPECT_LT(rss, 2048.0);
}

TEST(HostileInput, LargePacketBuildsWithBoundedMemory) {
  // 2 MB of paragraphs (about 700,000 characters, some 350 pages) builds,
  // and every character comes out.
  TempDir dir;
  SeedSequence seq(2);
  std::string blocks, text;
  while (text.size() < 2u * 1024 * 1024) {
    const std::string p = katakana(seq, 400);
    blocks += "    <p>" + p + "</p>\n";
    text += p;
  }
  write_file(dir / "large.xml", packet_with_document(blocks));
  const RunResult r = shiryo("build " + quote((dir / "large.xml").string()) + " -o " +
                             quote((dir / "large.pdf").string()) + " --timings");
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  const double rss = timings_peak_rss_mb(r.err);
  std::printf("2 MB packet: peak RSS %.0f MB\n%s", rss, r.err.c_str());
  EXPECT_GT(rss, 0);
  EXPECT_LT(rss, 2048.0);
  EXPECT_EQ(katakana_of(pdf_text(dir / "large.pdf")), text);
}

TEST(HostileInput, EntityExpansionIsRefusedAtTheDoctype) {
  // The "billion laughs": ten levels of ten references each.
  std::string doctype = "<!DOCTYPE packet [\n  <!ENTITY lol0 \"lol\">\n";
  for (int i = 1; i < 10; ++i) {
    doctype += "  <!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doctype += "&lol" + std::to_string(i - 1) + ";";
    doctype += "\">\n";
  }
  doctype += "]>\n";
  std::string packet = packet_with_document("    <p>&lol9;</p>\n");
  packet.insert(packet.find('\n') + 1, doctype);
  TempDir dir;
  write_file(dir / "p.xml", packet);
  write_file(dir / "p.pdf", "previous");
  const RunResult r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("p.xml:2:1: error: a DOCTYPE is not allowed"), std::string::npos) << r.err.substr(0, 500);
  EXPECT_EQ(r.err.find("lollollol"), std::string::npos);
  EXPECT_LT(r.err.size(), 10000u);
  EXPECT_EQ(read_file(dir / "p.pdf"), "previous");
}

TEST(HostileInput, ExternalEntitiesAreRefusedAndNeverRead) {
  TempDir dir;
  write_file(dir / "secret.txt", "秘密の内容");
  std::string packet = packet_with_document("    <p>&secret;</p>\n");
  packet.insert(packet.find('\n') + 1,
                "<!DOCTYPE packet [<!ENTITY secret SYSTEM \"file://" + (dir / "secret.txt").string() + "\">]>\n");
  write_file(dir / "p.xml", packet);
  const RunResult r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("p.xml:2:1: error: a DOCTYPE is not allowed"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("秘密"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "p.pdf"));
}

TEST(HostileInput, HundredThousandCharacterCellLaysOutWhole) {
  SeedSequence seq(100000);
  const std::string cell = katakana(seq, 100000);
  TempDir dir;
  write_file(dir / "p.xml", packet_with_document("    <table>\n      <col width=\"30%\"/><col width=\"*\"/>\n"
                                                 "      <thead><tr><th>項目</th><th>内容</th></tr></thead>\n"
                                                 "      <tbody><tr><td>長い欄</td><td>" + cell +
                                                 "</td></tr></tbody>\n    </table>\n"));
  const RunResult r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  const std::string text = katakana_of(pdf_text(dir / "p.pdf"));
  EXPECT_EQ(text.size(), cell.size());
  EXPECT_TRUE(text == cell) << "the cell's text differs from the PDF's";
}

TEST(HostileInput, FiveThousandRowTableLaysOutEveryRow) {
  SeedSequence seq(5000);
  std::string rows, expected;
  for (int i = 1; i <= 5000; ++i) {
    const std::string k = katakana(seq, 12);
    rows += "        <tr><td>第" + std::to_string(i) + "行</td><td>" + k + "</td></tr>\n";
    expected += k;
  }
  TempDir dir;
  write_file(dir / "p.xml", packet_with_document("    <table>\n      <col width=\"30%\"/><col width=\"*\"/>\n"
                                                 "      <thead><tr><th>番号</th><th>内容</th></tr></thead>\n"
                                                 "      <tbody>\n" + rows + "      </tbody>\n    </table>\n"));
  const RunResult r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 500);
  const std::string text = squeeze(pdf_text(dir / "p.pdf"));
  std::size_t at = 0;
  int missing = 0;
  for (int i = 1; i <= 5000; ++i) {
    const std::size_t found = text.find("第" + std::to_string(i) + "行", at);
    if (found == std::string::npos) {
      if (++missing <= 5) ADD_FAILURE() << "row " << i << " is missing or out of order";
    } else {
      at = found;
    }
  }
  EXPECT_EQ(missing, 0);
  EXPECT_TRUE(katakana_of(text) == expected) << "the second column's text differs from the PDF's";
}

TEST(HostileInput, InvalidUtf8VariantsAreErrorsAtTheirByte) {
  // Each malformed sequence goes before 議題 on line 8, column 20.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\xC0\xAF", "overlong"},         {"\xED\xA0\x80", "surrogate"},   {"\xF4\x90\x80\x80", "beyond U+10FFFF"},
      {"\xE8\xAD", "truncated"},        {"\x80", "stray continuation"}, {"\xFF", "never valid"}};
  for (const auto& [bytes, what] : cases) {
    std::string packet = packet_with_document("");
    packet.insert(packet.find("議題"), bytes);
    TempDir dir;
    write_file(dir / "p.xml", packet);
    const RunResult r = shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()));
    EXPECT_EQ(r.status, 1) << what;
    EXPECT_NE(r.err.find("p.xml:8:20: error: invalid UTF-8"), std::string::npos) << what << "\n" << r.err;
    EXPECT_FALSE(fs::exists(dir / "p.pdf")) << what;
  }
}

struct WriteOutcome {
  RunResult run;
  bool previous_intact = false;
};

// Builds a valid packet to `out`, over `previous` when it is a file.
WriteOutcome build_to(const TempDir& dir, const std::string& out, const std::string& wrapper = "") {
  write_file(dir / "p.xml", packet_with_document("    <p>本文</p>\n"));
  WriteOutcome o;
  const std::string command = quote(SHIRYO_BINARY) + " build " + quote((dir / "p.xml").string()) + " -o " + quote(out);
  o.run = run(wrapper.empty() ? command : wrapper + " " + quote(command));
  return o;
}

TEST(HostileInput, OutputInMissingDirectoryIsStatusThree) {
  TempDir dir;
  const WriteOutcome o = build_to(dir, (dir / "missing" / "p.pdf").string());
  EXPECT_EQ(o.run.status, 3) << o.run.err;
  EXPECT_NE(o.run.err.find("cannot write " + (dir / "missing" / "p.pdf").string()), std::string::npos) << o.run.err;
  EXPECT_FALSE(fs::exists(dir / "missing"));
}

TEST(HostileInput, OutputUnderAFileIsStatusThreeWithTheFileIntact) {
  // A path through a regular file (ENOTDIR) cannot be written by anyone, root included.
  TempDir dir;
  write_file(dir / "old.pdf", "previous");
  const WriteOutcome o = build_to(dir, (dir / "old.pdf" / "p.pdf").string());
  EXPECT_EQ(o.run.status, 3) << o.run.err;
  EXPECT_NE(o.run.err.find("cannot write"), std::string::npos) << o.run.err;
  EXPECT_EQ(read_file(dir / "old.pdf"), "previous");
}

TEST(HostileInput, OutputInReadOnlyDirectoryIsStatusThreeWithTheOldFileIntact) {
  TempDir dir;
  fs::create_directories(dir / "ro");
  write_file(dir / "ro" / "p.pdf", "previous");
  const std::string ro = (dir / "ro").string();
  std::string wrapper;
  if (geteuid() != 0) {
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  } else {
    // Root writes through any mode bits, so chmod proves nothing: the
    // directory is bound read-only over itself in a private mount namespace
    // (unshare -m), where the kernel refuses every write (EROFS).
    wrapper = "unshare -m sh -c 'mount --bind -o ro " + ro + " " + ro + " && exec sh -c \"$1\"' wrap";
    ASSERT_EQ(run("unshare -m sh -c 'mount --bind -o ro " + ro + " " + ro + " && ! touch " + ro + "/x'").status, 0)
        << "cannot make a read-only directory for root here";
  }
  const WriteOutcome o = build_to(dir, (dir / "ro" / "p.pdf").string(), wrapper);
  fs::permissions(dir / "ro", fs::perms::owner_all);
  EXPECT_EQ(o.run.status, 3) << o.run.err;
  EXPECT_NE(o.run.err.find("cannot write " + (dir / "ro" / "p.pdf").string()), std::string::npos) << o.run.err;
  EXPECT_EQ(read_file(dir / "ro" / "p.pdf"), "previous");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "ro"), fs::directory_iterator()), 1);
}

// A copy of the default layout set with `edit` applied, in dir/NAME.
fs::path layout_set(const TempDir& dir, const std::string& name, const std::string& text) {
  fs::create_directories(dir / name);
  write_file(dir / name / "layout.xml", text);
  return dir / name;
}

RunResult build_with_layout(const TempDir& dir, const std::string& layout) {
  write_file(dir / "p.xml", packet_with_document("    <p>本文</p>\n"));
  return shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote((dir / "p.pdf").string()) +
                " --layout " + quote(layout));
}

TEST(HostileInput, LayoutDirectoryThatDoesNotExistIsStatusThree) {
  TempDir dir;
  const RunResult r = build_with_layout(dir, (dir / "nowhere").string());
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("layout set '" + (dir / "nowhere").string() + "' not found; looked for " +
                       (dir / "nowhere" / "layout.xml").string()),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir / "p.pdf"));
}

TEST(HostileInput, LayoutSetThatIsNotXmlIsAnErrorAtItsPosition) {
  TempDir dir;
  const fs::path set = layout_set(dir, "broken", "<?xml version=\"1.0\"?>\n<layout>\n  <style name=\"x\"\n");
  const RunResult r = build_with_layout(dir, set.string());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find((set / "layout.xml").string() + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "p.pdf"));
}

TEST(HostileInput, LayoutSetLackingANameTheViewsNeedIsAnError) {
  TempDir dir;
  std::string layout = read_file(source_path("layouts/default/layout.xml"));
  const std::string good = R"(<length name="roster.column.no" value="12mm"/>)";
  const auto at = layout.find(good);
  ASSERT_NE(at, std::string::npos);
  layout.erase(at, good.size());
  const RunResult r = build_with_layout(dir, layout_set(dir, "lacking", layout).string());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("roster.column.no"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "p.pdf"));
}

TEST(HostileInput, LayoutSetWithInvalidUtf8OrDeepNestingIsAnError) {
  TempDir dir;
  std::string deep = "<?xml version=\"1.0\"?>\n<layout>";
  for (int i = 0; i < 10000; ++i) deep += "<a>";
  for (int i = 0; i < 10000; ++i) deep += "</a>";
  deep += "</layout>\n";
  RunResult r = build_with_layout(dir, layout_set(dir, "deep", deep).string());
  EXPECT_EQ(r.status, 1) << r.err.substr(0, 500);
  EXPECT_NE(r.err.find("nested deeper than 256 levels"), std::string::npos) << r.err.substr(0, 500);

  std::string layout = read_file(source_path("layouts/default/layout.xml"));
  layout.insert(layout.find("<layout"), "<!-- \xE3\x81 -->\n");
  r = build_with_layout(dir, layout_set(dir, "utf8", layout).string());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("invalid UTF-8"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "p.pdf"));
}

// A stream that does not decode (an embedded source overwritten in the
// middle) is an error in the input: status 1, and nothing extracted.
TEST(HostileInput, DamagedEmbeddedStreamIsAnInputError) {
  TempDir dir;
  const auto pdf = dir / "small.pdf";
  write_file(dir / "small.xml", packet_with_document("    <p>本文</p>\n"));
  ASSERT_EQ(shiryo("build " + quote((dir / "small.xml").string()) + " -o " + quote(pdf.string())).status, 0);
  std::string bytes = read_file(pdf);
  std::smatch type;
  ASSERT_TRUE(std::regex_search(bytes, type, std::regex("/Type ?/EmbeddedFile\\b")));
  const auto file = static_cast<std::size_t>(type.position(0));
  ASSERT_NE(file, std::string::npos);
  const std::size_t data = bytes.find("stream", file) + 8;
  ASSERT_LT(data + 60, bytes.size());
  for (std::size_t k = data + 20; k < data + 60; ++k) bytes[k] = 'A';
  write_file(pdf, bytes);
  const auto out = dir / "extracted";
  const RunResult r = shiryo("extract " + quote(pdf.string()) + " -o " + quote(out.string()));
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("damaged PDF ("), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out / "small.xml"));
}

// A name tree of 100,000 nested /Kids, and one whose /Kids loop: extract
// walks them without exhausting the stack and finds no sources.
TEST(HostileInput, DeepOrLoopingNameTreesEndWithoutSources) {
  for (const bool loop : {false, true}) {
    const int depth = loop ? 2 : 100000;
    std::vector<std::string> objects = {"<</Type/Catalog/Pages 2 0 R/Names<</EmbeddedFiles 3 0 R>>>>",
                                        "<</Type/Pages/Kids[]/Count 0>>"};
    for (int i = 0; i < depth; ++i) {
      const int kid = i + 1 < depth ? i + 4 : (loop ? 3 : -1);
      objects.push_back(kid > 0 ? "<</Kids[" + std::to_string(kid) + " 0 R]>>" : "<</Names[]>>");
    }
    std::string pdf = "%PDF-1.7\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      offsets.push_back(pdf.size());
      pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f\r\n";
    for (const std::size_t at : offsets) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", at);
      pdf += line;
    }
    pdf += "trailer\n<</Size " + std::to_string(objects.size() + 1) + "/Root 1 0 R>>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    TempDir dir;
    write_file(dir / "tree.pdf", pdf);
    const RunResult r = shiryo("extract " + quote((dir / "tree.pdf").string()) + " -o " + quote((dir / "out").string()));
    EXPECT_EQ(r.status, 1) << loop << r.err;
    EXPECT_NE(r.err.find("no embedded"), std::string::npos) << loop << r.err;
  }
}

}  // namespace
}  // namespace shiryo::testing
