// text/: fonts, itemization, shaping and line-break opportunities
// (japanese-typesetting.md, the break table). Uses the BIZ UD fonts the
// project's setup installs.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/font.h"
#include "text/line_breaker.h"
#include "text/shaper.h"

namespace {

using shiryo::text::BreakOpportunities;
using shiryo::text::Font;
using shiryo::text::FontChain;
using shiryo::text::Itemization;
using shiryo::text::itemize;
using shiryo::text::ShapeCache;
using shiryo::text::ShapedGlyph;

const char* const kMinchoPath = "/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf";
const char* const kGothicPath = "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf";

class Fonts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    mincho_ = Font::open(kMinchoPath, error);
    gothic_ = Font::open(kGothicPath, error);
  }
  static void TearDownTestSuite() {
    mincho_.reset();
    gothic_.reset();
  }
  void SetUp() override {
    ASSERT_NE(mincho_, nullptr) << "cannot open " << kMinchoPath << " (run setup.sh)";
    ASSERT_NE(gothic_, nullptr) << "cannot open " << kGothicPath << " (run setup.sh)";
  }
  static const Font& mincho() { return *mincho_; }
  static const Font& gothic() { return *gothic_; }

 private:
  static std::unique_ptr<Font> mincho_;
  static std::unique_ptr<Font> gothic_;
};

std::unique_ptr<Font> Fonts::mincho_;
std::unique_ptr<Font> Fonts::gothic_;

// ---- Font ----

TEST_F(Fonts, OpensMincho) {
  EXPECT_EQ(mincho().postscript_name(), "BIZUDMincho-Regular");
  EXPECT_EQ(mincho().units_per_em(), 2048u);
  EXPECT_EQ(mincho().path(), kMinchoPath);
  EXPECT_NE(mincho().hb_font(), nullptr);
  EXPECT_NE(mincho().hb_face(), nullptr);
}

TEST_F(Fonts, OpensGothic) {
  EXPECT_EQ(gothic().postscript_name(), "BIZUDGothic-Regular");
  EXPECT_EQ(gothic().units_per_em(), 2048u);
}

TEST_F(Fonts, Metrics) {
  const auto& m = mincho().metrics();
  EXPECT_GT(m.ascender, 0);
  EXPECT_LT(m.descender, 0);
  EXPECT_GT(m.cap_height, 0);
  EXPECT_LE(m.cap_height, m.ascender);
  EXPECT_LT(m.bbox[0], m.bbox[2]);
  EXPECT_LT(m.bbox[1], m.bbox[3]);
}

TEST_F(Fonts, MinchoIsFlaggedSerif) {
  // font.cpp means Mincho to count as a serif design (the PDF FontDescriptor's
  // Serif flag); Gothic is a sans serif.
  EXPECT_TRUE(mincho().metrics().serif);
  EXPECT_FALSE(gothic().metrics().serif);
}

TEST_F(Fonts, HasGlyph) {
  EXPECT_TRUE(mincho().has_glyph(U'あ'));
  EXPECT_TRUE(mincho().has_glyph(U'A'));
  EXPECT_TRUE(mincho().has_glyph(U'漢'));
  EXPECT_TRUE(mincho().has_glyph(U'（'));
  EXPECT_FALSE(mincho().has_glyph(U'\U0001F600'));
  EXPECT_FALSE(gothic().has_glyph(U'\U0001F600'));
}

TEST(Font, BadPathGivesNullAndAnError) {
  std::string error;
  auto font = Font::open("/nonexistent/NoSuchFont.ttf", error);
  EXPECT_EQ(font, nullptr);
  EXPECT_FALSE(error.empty());
  EXPECT_NE(error.find("/nonexistent/NoSuchFont.ttf"), std::string::npos) << error;
}

TEST(Font, NotAFontGivesNullAndAnError) {
  std::string error;
  auto font = Font::open("/etc/hostname", error);
  EXPECT_EQ(font, nullptr);
  EXPECT_FALSE(error.empty());
}

// ---- itemize ----

TEST_F(Fonts, ItemizeReportsAMissingCharacterAtItsByte) {
  const FontChain chain{"body", {&mincho(), &gothic()}};
  const std::string text = "あA😀";
  const Itemization items = itemize(chain, text);
  ASSERT_EQ(items.missing.size(), 1u);
  EXPECT_EQ(items.missing[0], 4u);  // あ is 3 bytes, A one
  ASSERT_EQ(items.spans.size(), 2u);
  EXPECT_EQ(items.spans[0].begin, 0u);
  EXPECT_EQ(items.spans[0].end, 4u);
  EXPECT_EQ(items.spans[0].font, &mincho());
  EXPECT_EQ(items.spans[1].begin, 4u);
  EXPECT_EQ(items.spans[1].end, text.size());
  EXPECT_EQ(items.spans[1].font, nullptr);
}

TEST_F(Fonts, ItemizeMissingInTheMiddle) {
  const FontChain chain{"body", {&mincho(), &gothic()}};
  const std::string text = "令和😀😀年度";
  const Itemization items = itemize(chain, text);
  ASSERT_EQ(items.missing.size(), 2u);
  EXPECT_EQ(items.missing[0], 6u);
  EXPECT_EQ(items.missing[1], 10u);
  ASSERT_EQ(items.spans.size(), 3u);
  EXPECT_EQ(items.spans[0].font, &mincho());
  EXPECT_EQ(items.spans[1].font, nullptr);
  EXPECT_EQ(items.spans[1].begin, 6u);
  EXPECT_EQ(items.spans[1].end, 14u);
  EXPECT_EQ(items.spans[2].font, &mincho());
  EXPECT_EQ(items.spans[2].begin, 14u);
  EXPECT_EQ(items.spans[2].end, text.size());
}

TEST_F(Fonts, ItemizeTakesTheFirstFaceOfTheChain) {
  const FontChain chain{"gothic", {&gothic(), &mincho()}};
  const Itemization items = itemize(chain, "見出しABC");
  EXPECT_TRUE(items.missing.empty());
  ASSERT_EQ(items.spans.size(), 1u);
  EXPECT_EQ(items.spans[0].font, &gothic());
}

TEST_F(Fonts, ItemizeSpansCoverTheText) {
  const FontChain chain{"body", {&mincho()}};
  const std::string text = "😀実績😀82.5%（91.7%）😀";
  const Itemization items = itemize(chain, text);
  ASSERT_FALSE(items.spans.empty());
  EXPECT_EQ(items.spans.front().begin, 0u);
  EXPECT_EQ(items.spans.back().end, text.size());
  for (std::size_t k = 1; k < items.spans.size(); ++k) {
    EXPECT_EQ(items.spans[k].begin, items.spans[k - 1].end);
    EXPECT_NE(items.spans[k].font, items.spans[k - 1].font);  // neighbours are merged
  }
  EXPECT_EQ(items.missing.size(), 3u);
}

TEST_F(Fonts, ItemizeEmptyText) {
  const FontChain chain{"body", {&mincho()}};
  const Itemization items = itemize(chain, "");
  EXPECT_TRUE(items.spans.empty());
  EXPECT_TRUE(items.missing.empty());
}

// ---- ShapeCache ----

TEST_F(Fonts, ShapeCacheReturnsTheSameVector) {
  ShapeCache cache;
  const std::vector<ShapedGlyph>& first = cache.shape(mincho(), "行政改革");
  const std::vector<ShapedGlyph>* address = &first;
  const std::string copy = "行政改革";  // another buffer, the same text
  const std::vector<ShapedGlyph>& again = cache.shape(mincho(), copy);
  EXPECT_EQ(&again, address);
  // Another text or another face is another entry.
  const auto& other_text = cache.shape(mincho(), "行政改善");
  const auto& other_font = cache.shape(gothic(), "行政改革");
  EXPECT_NE(&other_text, address);
  EXPECT_NE(&other_font, address);
  // Earlier entries stay where they were after more were added.
  for (int k = 0; k < 200; ++k) cache.shape(mincho(), std::to_string(k));
  EXPECT_EQ(&cache.shape(mincho(), "行政改革"), address);
  EXPECT_EQ(address->size(), 4u);
}

TEST_F(Fonts, FullWidthKanaAdvanceIsOneEm) {
  ShapeCache cache;
  const auto& glyphs = cache.shape(mincho(), "あいうカナ");
  ASSERT_EQ(glyphs.size(), 5u);
  for (const auto& g : glyphs) {
    EXPECT_NE(g.glyph, 0u);  // not .notdef
    EXPECT_EQ(g.advance, static_cast<int32_t>(mincho().units_per_em()));
    EXPECT_EQ(mincho().advance(g.glyph), g.advance);
  }
  // Clusters are byte offsets of the characters.
  EXPECT_EQ(glyphs[0].cluster, 0u);
  EXPECT_EQ(glyphs[1].cluster, 3u);
  EXPECT_EQ(glyphs[4].cluster, 12u);
}

TEST_F(Fonts, LatinIsHalfWidth) {
  // japanese-typesetting.md: Latin letters and digits from the same BIZ UD
  // face, half-width.
  ShapeCache cache;
  const auto& glyphs = cache.shape(gothic(), "A1");
  ASSERT_EQ(glyphs.size(), 2u);
  EXPECT_EQ(glyphs[0].advance, static_cast<int32_t>(gothic().units_per_em() / 2));
  EXPECT_EQ(glyphs[1].advance, static_cast<int32_t>(gothic().units_per_em() / 2));
  EXPECT_EQ(glyphs[1].cluster, 1u);
}

TEST_F(Fonts, SameCharactersSameGlyphs) {
  ShapeCache cache;
  const auto& a = cache.shape(mincho(), "日本");
  const auto& b = cache.shape(mincho(), "本日");
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(a[0].glyph, b[1].glyph);
  EXPECT_EQ(a[1].glyph, b[0].glyph);
  EXPECT_NE(a[0].glyph, a[1].glyph);
}

// ---- BreakOpportunities ----

class Breaks : public ::testing::Test {
 protected:
  // Whether a line may break before the `nth` (from 0) occurrence of
  // `before` in `text`.
  bool before(std::string_view text, std::string_view what, int nth = 0) {
    std::size_t at = text.find(what);
    for (int k = 0; k < nth && at != std::string_view::npos; ++k) at = text.find(what, at + 1);
    EXPECT_NE(at, std::string_view::npos) << what;
    if (at == std::string_view::npos) return false;
    const auto allowed = breaks_.find(text);
    EXPECT_EQ(allowed.size(), text.size() + 1);
    return allowed[at];
  }
  // Whether a line may break right after `what`.
  bool after(std::string_view text, std::string_view what) {
    const std::size_t at = text.find(what);
    EXPECT_NE(at, std::string_view::npos) << what;
    if (at == std::string_view::npos) return false;
    return breaks_.find(text)[at + what.size()];
  }
  // Whether any break falls strictly inside `what`.
  bool inside(std::string_view text, std::string_view what) {
    const std::size_t at = text.find(what);
    EXPECT_NE(at, std::string_view::npos) << what;
    if (at == std::string_view::npos) return true;
    const auto allowed = breaks_.find(text);
    for (std::size_t i = at + 1; i < at + what.size(); ++i) {
      if (allowed[i]) return true;
    }
    return false;
  }
  BreakOpportunities breaks_;
};

TEST_F(Breaks, Ends) {
  const std::string_view text = "行政改革";
  const auto allowed = breaks_.find(text);
  ASSERT_EQ(allowed.size(), text.size() + 1);
  EXPECT_FALSE(allowed[0]);
  EXPECT_TRUE(allowed[text.size()]);
  // Never inside a character's bytes.
  EXPECT_FALSE(allowed[1]);
  EXPECT_FALSE(allowed[2]);
}

TEST_F(Breaks, EmptyText) {
  const auto allowed = breaks_.find("");
  ASSERT_EQ(allowed.size(), 1u);
}

TEST_F(Breaks, BetweenKanjiAndKana) {
  const std::string_view text = "行政改革の推進";
  EXPECT_TRUE(before(text, "政"));
  EXPECT_TRUE(before(text, "改"));
  EXPECT_TRUE(before(text, "革"));
  EXPECT_TRUE(before(text, "の"));
  EXPECT_TRUE(before(text, "推"));
}

TEST_F(Breaks, Rule1NoBreakBeforeClosingPunctuation) {
  EXPECT_FALSE(before("見込み、確認", "、"));
  EXPECT_FALSE(before("終了した。次に", "。"));
  EXPECT_FALSE(before("（見込み）です", "）"));
  EXPECT_FALSE(before("…感じている」と回答", "」"));
  EXPECT_FALSE(before("「行政」『改革』", "』"));
  EXPECT_FALSE(before("【重点】", "】"));
}

TEST_F(Breaks, Rule1NoBreakBeforeSmallKanaProlongedSoundAndIterationMarks) {
  EXPECT_FALSE(before("ちょっと", "ょ"));
  EXPECT_FALSE(before("ちょっと", "っ"));
  EXPECT_FALSE(before("データ", "ー"));
  EXPECT_FALSE(before("人々", "々"));
  EXPECT_FALSE(before("行政・財政", "・"));
  EXPECT_FALSE(before("本当？はい", "？"));
}

TEST_F(Breaks, Rule2NoBreakAfterOpeningBrackets) {
  EXPECT_FALSE(after("実績（見込み）", "（"));
  EXPECT_FALSE(after("回答「感じている」", "「"));
  EXPECT_FALSE(after("『改革』", "『"));
  EXPECT_FALSE(after("【重点】", "【"));
}

TEST_F(Breaks, Rule5BreakAfterCommaAndPeriod) {
  EXPECT_TRUE(after("見込み、確認", "、"));
  EXPECT_TRUE(after("終了した。次に", "。"));
}

TEST_F(Breaks, Rule5BreakBeforeAnOpeningBracket) {
  EXPECT_TRUE(before("実績（見込み）", "（"));
  EXPECT_TRUE(before("と回答「感じている」", "「"));
}

TEST_F(Breaks, Rule5BreakBeforeABracketAfterANumber) {
  const std::string_view text = "82.5%（91.7%）";
  EXPECT_TRUE(before(text, "（"));
  EXPECT_FALSE(inside(text, "82.5%"));
  EXPECT_FALSE(inside(text, "91.7%"));
  EXPECT_FALSE(after(text, "（"));
  EXPECT_FALSE(before(text, "）"));
}

TEST_F(Breaks, Rule3NumbersKeptWhole) {
  EXPECT_FALSE(inside("達成率は82.5%です", "82.5%"));
  EXPECT_FALSE(inside("職員数1,390人", "1,390"));
  EXPECT_FALSE(inside("予算260,000千円", "260,000"));
  EXPECT_FALSE(inside("前年比▲5.2%の減", "▲5.2%"));
}

// Rule 3 covers what the writer typed: a number and its counter or unit,
// an era and its year, a date (japanese-typesetting.md, the break table).
TEST_F(Breaks, Rule3TypedNumbersKeepTheirUnits) {
  EXPECT_FALSE(inside("実績71,117件を達成", "71,117件"));
  EXPECT_FALSE(inside("企業訪問を51件実施", "51件"));
  EXPECT_FALSE(inside("R4年度導入", "R4年度"));
  EXPECT_FALSE(inside("を整理。令和4年1月に導入", "令和4年1月"));
  EXPECT_FALSE(inside("総合計画第2期実施計画", "第2期"));
  EXPECT_FALSE(inside("会議は3月14日に", "3月14日"));
  EXPECT_FALSE(inside("1メートル積み上げた", "1メートル"));
  EXPECT_FALSE(inside("3か所に設置", "3か所"));
  // The unit ends where the counter does: 51件 / 実施 may break.
  EXPECT_TRUE(after("企業訪問を51件実施", "51件"));
  EXPECT_TRUE(before("を整理。令和4年1月", "令和"));
}

// Those breaks are kept as a last resort for a line too narrow for the
// whole unit: the edges of the unit, never inside 年度 or 令和.
TEST_F(Breaks, Rule3TypedUnitEdgesAreALastResort) {
  const std::string_view text = "から令和4年度に";
  std::vector<bool> last_resort;
  const auto allowed = breaks_.find(text, last_resort);
  ASSERT_EQ(last_resort.size(), text.size() + 1);
  const auto at = [&](std::string_view what) { return text.find(what); };
  EXPECT_TRUE(last_resort[at("4")]);  // 令和 / 4
  EXPECT_TRUE(last_resort[at("年")]);  // 4 / 年度
  EXPECT_FALSE(last_resort[at("和")]);
  EXPECT_FALSE(last_resort[at("度")]);
  EXPECT_FALSE(allowed[at("4")] || allowed[at("年")] || allowed[at("和")] || allowed[at("度")]);
  EXPECT_TRUE(allowed[at("に")]);
}

// Of those, the edge between two whole parts of a date (令和4年 / 1月) and
// before a Latin word held to a colon are between units; the era's and the
// counter's edges cut one.
TEST_F(Breaks, Rule3LastResortsBetweenWholeUnits) {
  const std::string_view text = "整理。令和4年1月に";
  std::vector<bool> last_resort, between;
  breaks_.find(text, last_resort, between);
  const auto at = [&](std::string_view what) { return text.find(what); };
  EXPECT_TRUE(last_resort[at("1")] && between[at("1")]);   // 令和4年 / 1月
  EXPECT_TRUE(last_resort[at("4")] && !between[at("4")]);  // 令和 / 4年
  EXPECT_FALSE(between[at("年")]);
  std::vector<bool> colon_last, colon_between;
  const std::string_view colon = "評価対象:R4年度";
  breaks_.find(colon, colon_last, colon_between);
  EXPECT_TRUE(colon_between[colon.find("R")]);
}

// Where ICU holds a Latin word or number to the colon before it, the edge
// before the word is a last resort; the colon itself never starts a line.
TEST_F(Breaks, Rule3LatinWordEdgeAfterAColonIsALastResort) {
  const std::string_view text = "評価対象:R4年度";
  std::vector<bool> last_resort;
  const auto allowed = breaks_.find(text, last_resort);
  const auto at = [&](std::string_view what) { return text.find(what); };
  EXPECT_FALSE(allowed[at("R")]);
  EXPECT_TRUE(last_resort[at("R")]);
  EXPECT_FALSE(allowed[at(":")] || last_resort[at(":")]);
  EXPECT_FALSE(last_resort[at("4")]);  // inside R4
}

TEST_F(Breaks, Rule3LatinWordsKeptWhole) {
  EXPECT_FALSE(inside("業務のBCPを策定", "BCP"));
  EXPECT_FALSE(inside("RPAとAIの活用", "RPA"));
}

TEST_F(Breaks, Rule3HyphenatedAndSlashedWordsKeptWhole) {
  // The table's rule 3 names these; only rule 6 (a unit wider than the line)
  // may break them after the - or /.
  EXPECT_FALSE(inside("AI-OCRの導入", "AI-OCR"));
  EXPECT_FALSE(inside("Wi-Fi環境", "Wi-Fi"));
  EXPECT_FALSE(inside("PPP/PFIの活用", "PPP/PFI"));
}

TEST_F(Breaks, NoBreakBetweenTwoOpeningBrackets) {
  // Rule 2 wins over rule 5: 「（ never ends a line with 「.
  EXPECT_FALSE(after("回答「（仮）」", "「"));
}

}  // namespace
