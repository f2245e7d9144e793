// pdf/: the /ToUnicode CMap, subset tags, glyph usage and SHA-256.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "layout/fragment.h"
#include "pdf/digest.h"
#include "pdf/font_embedding.h"
#include "text/font.h"

namespace {

using shiryo::pdf::GlyphUsage;
using shiryo::pdf::sha256;
using shiryo::pdf::subset_tag;
using shiryo::pdf::to_unicode_cmap;
using Glyphs = std::map<uint32_t, std::u32string>;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string hex(const std::array<unsigned char, 32>& digest) {
  std::string out;
  char buf[3];
  for (unsigned char b : digest) {
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(b));
    out += buf;
  }
  return out;
}

// ---- to_unicode_cmap ----

TEST(ToUnicodeCmap, Structure) {
  const std::string cmap = to_unicode_cmap(Glyphs{{3, U"A"}});
  EXPECT_NE(cmap.find("begincmap"), std::string::npos);
  EXPECT_NE(cmap.find("endcmap"), std::string::npos);
  EXPECT_NE(cmap.find("/CMapType 2 def"), std::string::npos);
  EXPECT_NE(cmap.find("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"), std::string::npos);
  EXPECT_LT(cmap.find("begincodespacerange"), cmap.find("beginbfchar"));
  EXPECT_LT(cmap.find("endbfchar"), cmap.find("endcmap"));
}

TEST(ToUnicodeCmap, EntriesAreFourHexDigitGidAndUtf16) {
  const std::string cmap = to_unicode_cmap(Glyphs{{3, U"A"}, {0x1234, U"あ"}, {0xBEEF, U"漢"}});
  EXPECT_NE(cmap.find("3 beginbfchar\n"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("\n<0003> <0041>\n"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("\n<1234> <3042>\n"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("\n<BEEF> <6F22>\n"), std::string::npos) << cmap;
  // In glyph order.
  EXPECT_LT(cmap.find("<0003>"), cmap.find("<1234>"));
  EXPECT_LT(cmap.find("<1234>"), cmap.find("<BEEF>"));
}

TEST(ToUnicodeCmap, SupplementaryPlaneAsSurrogatePair) {
  // 𠮟 U+20B9F → D842 DF9F; 😀 U+1F600 → D83D DE00.
  const std::string cmap = to_unicode_cmap(Glyphs{{5, U"\U00020B9F"}, {6, U"\U0001F600"}});
  EXPECT_NE(cmap.find("\n<0005> <D842DF9F>\n"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("\n<0006> <D83DDE00>\n"), std::string::npos) << cmap;
}

TEST(ToUnicodeCmap, SeveralCharactersForOneGlyph) {
  const std::string cmap = to_unicode_cmap(Glyphs{{7, U"ffi"}, {8, U"㍻"}});
  EXPECT_NE(cmap.find("\n<0007> <006600660069>\n"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("\n<0008> <337B>\n"), std::string::npos) << cmap;
}

TEST(ToUnicodeCmap, GlyphsWithoutTextAreOmitted) {
  const std::string cmap = to_unicode_cmap(Glyphs{{1, U""}, {2, U"x"}, {3, U""}});
  EXPECT_NE(cmap.find("1 beginbfchar\n<0002> <0078>\nendbfchar\n"), std::string::npos) << cmap;
  EXPECT_EQ(cmap.find("<0001>"), std::string::npos);
  EXPECT_EQ(cmap.find("<0003>"), std::string::npos);
}

TEST(ToUnicodeCmap, NoTextAtAllHasNoEmptyBlock) {
  const std::string cmap = to_unicode_cmap(Glyphs{{1, U""}});
  EXPECT_EQ(cmap.find("beginbfchar"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("endcmap"), std::string::npos);
}

TEST(ToUnicodeCmap, BlocksOfAtMostOneHundred) {
  Glyphs glyphs;
  for (uint32_t g = 1; g <= 250; ++g) glyphs[g] = std::u32string(1, static_cast<char32_t>(0x4E00 + g));
  glyphs[300] = U"";  // left out, and not counted
  const std::string cmap = to_unicode_cmap(glyphs);
  EXPECT_EQ(count(cmap, "100 beginbfchar\n"), 2u) << cmap;
  EXPECT_EQ(count(cmap, "\n50 beginbfchar\n"), 1u) << cmap;
  EXPECT_EQ(count(cmap, "beginbfchar"), 3u);
  EXPECT_EQ(count(cmap, "endbfchar"), 3u);
  EXPECT_EQ(cmap.find("<012C>"), std::string::npos);

  // Each block holds as many entries as it announces, and every glyph is there once.
  std::size_t announced = 0;
  std::size_t in_block = 0;
  std::size_t total = 0;
  bool open = false;
  std::set<std::string> seen;
  for (const std::string& line : lines_of(cmap)) {
    if (line.size() > 12 && line.compare(line.size() - 12, 12, " beginbfchar") == 0) {
      ASSERT_FALSE(open);
      announced = std::stoul(line.substr(0, line.size() - 12));
      EXPECT_LE(announced, 100u);
      in_block = 0;
      open = true;
    } else if (line == "endbfchar") {
      ASSERT_TRUE(open);
      EXPECT_EQ(in_block, announced);
      open = false;
    } else if (open) {
      ASSERT_EQ(line.size(), 13u) << line;  // <GGGG> <UUUU>
      ++in_block;
      ++total;
      seen.insert(line.substr(0, 6));
    }
  }
  EXPECT_FALSE(open);
  EXPECT_EQ(total, 250u);
  EXPECT_EQ(seen.size(), 250u);
  EXPECT_TRUE(seen.count("<0001>"));
  EXPECT_TRUE(seen.count("<00FA>"));
  EXPECT_NE(cmap.find("\n<00FA> <4EFA>\n"), std::string::npos);
}

TEST(ToUnicodeCmap, ExactlyOneHundredIsOneBlock) {
  Glyphs glyphs;
  for (uint32_t g = 0; g < 100; ++g) glyphs[g + 10] = U"a";
  const std::string cmap = to_unicode_cmap(glyphs);
  EXPECT_EQ(count(cmap, "beginbfchar"), 1u);
  EXPECT_NE(cmap.find("100 beginbfchar\n"), std::string::npos);
}

// ---- subset_tag ----

bool six_uppercase_letters(const std::string& tag) {
  if (tag.size() != 6) return false;
  for (char c : tag) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

TEST(SubsetTag, SixUppercaseLetters) {
  const Glyphs glyphs{{3, U"A"}, {900, U"あ"}};
  const std::string tag = subset_tag("BIZUDMincho-Regular", glyphs);
  EXPECT_TRUE(six_uppercase_letters(tag)) << tag;
  EXPECT_TRUE(six_uppercase_letters(subset_tag("BIZUDMincho-Regular", {}))) << subset_tag("BIZUDMincho-Regular", {});
}

TEST(SubsetTag, Deterministic) {
  const Glyphs glyphs{{3, U"A"}, {900, U"あ"}, {901, U"い"}};
  const std::string first = subset_tag("BIZUDMincho-Regular", glyphs);
  const Glyphs copy = glyphs;
  EXPECT_EQ(subset_tag("BIZUDMincho-Regular", copy), first);
  EXPECT_EQ(subset_tag("BIZUDMincho-Regular", glyphs), first);
}

TEST(SubsetTag, DependsOnTheGlyphSet) {
  const Glyphs a{{3, U"A"}, {900, U"あ"}};
  const Glyphs b{{3, U"A"}, {901, U"い"}};
  const Glyphs c{{3, U"A"}, {900, U"あ"}, {901, U"い"}};
  const std::string ta = subset_tag("BIZUDMincho-Regular", a);
  EXPECT_NE(subset_tag("BIZUDMincho-Regular", b), ta);
  EXPECT_NE(subset_tag("BIZUDMincho-Regular", c), ta);
  EXPECT_NE(subset_tag("BIZUDMincho-Regular", b), subset_tag("BIZUDMincho-Regular", c));
}

TEST(SubsetTag, DependsOnTheFace) {
  const Glyphs glyphs{{3, U"A"}, {900, U"あ"}};
  EXPECT_NE(subset_tag("BIZUDMincho-Regular", glyphs), subset_tag("BIZUDGothic-Regular", glyphs));
}

TEST(SubsetTag, GlyphSetNotText) {
  // A function of the face and its glyph set: the text behind a glyph does
  // not change the subset.
  const Glyphs a{{3, U"A"}, {900, U"あ"}};
  const Glyphs b{{3, U""}, {900, U"ア"}};
  EXPECT_EQ(subset_tag("BIZUDMincho-Regular", a), subset_tag("BIZUDMincho-Regular", b));
}

TEST(SubsetTag, ManySetsManyTags) {
  std::set<std::string> tags;
  for (uint32_t g = 1; g <= 200; ++g) tags.insert(subset_tag("BIZUDMincho-Regular", Glyphs{{g, U"x"}}));
  // 26^6 possible tags: 200 different sets should not collide more than rarely.
  EXPECT_GE(tags.size(), 198u);
}

// ---- GlyphUsage ----

TEST(GlyphUsage, MapsGlyphsToTheirCharacters) {
  std::string error;
  auto font = shiryo::text::Font::open(
      "/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf", error);
  ASSERT_NE(font, nullptr) << error;
  shiryo::layout::GlyphRun run;
  run.font = font.get();
  run.text = "あいA";
  run.glyphs = {{.x = 0, .glyph = 10, .cluster = 0}, {.x = 10, .glyph = 11, .cluster = 3}, {.x = 20, .glyph = 12, .cluster = 6}};
  GlyphUsage usage;
  usage.add(run);
  ASSERT_EQ(usage.fonts().size(), 1u);
  EXPECT_EQ(usage.fonts()[0], font.get());
  const auto& glyphs = usage.glyphs(font.get());
  ASSERT_EQ(glyphs.size(), 3u);
  EXPECT_EQ(glyphs.at(10), U"あ");
  EXPECT_EQ(glyphs.at(11), U"い");
  EXPECT_EQ(glyphs.at(12), U"A");

  // A glyph keeps the first text it showed.
  shiryo::layout::GlyphRun again = run;
  again.text = "アいA";
  usage.add(again);
  EXPECT_EQ(usage.glyphs(font.get()).at(10), U"あ");
  EXPECT_EQ(usage.fonts().size(), 1u);
}

TEST(GlyphUsage, ClusterOfSeveralCharacters) {
  std::string error;
  auto font = shiryo::text::Font::open(
      "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf", error);
  ASSERT_NE(font, nullptr) << error;
  shiryo::layout::GlyphRun run;
  run.font = font.get();
  run.text = "ffix";
  // One glyph for "ffi" (a ligature), then x.
  run.glyphs = {{.x = 0, .glyph = 40, .cluster = 0}, {.x = 10, .glyph = 41, .cluster = 3}};
  GlyphUsage usage;
  usage.add(run);
  const auto& glyphs = usage.glyphs(font.get());
  EXPECT_EQ(glyphs.at(40), U"ffi");
  EXPECT_EQ(glyphs.at(41), U"x");
  EXPECT_NE(to_unicode_cmap(glyphs).find("<0028> <006600660069>"), std::string::npos);
}

// ---- sha256 ----

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, BinaryInput) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(hex(sha256(with_nul)), hex(sha256("a")));
  EXPECT_NE(hex(sha256(with_nul)), hex(sha256("ab")));
}

}  // namespace
