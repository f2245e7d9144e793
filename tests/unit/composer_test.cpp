// The paragraph composer against japanese-typesetting.md: a test per row of
// the break table, justification, 和欧間, punctuation compression, hanging
// marks and punctuation, forced breaks and the emergency break.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "mincho_test.h"
#include "diag/source_file.h"
#include "layout/paragraph.h"
#include "text/char_class.h"

namespace shiryo::layout {
namespace {

constexpr double kSize = 10;  // pt: one em

class ComposerTest : public testing::MinchoTest {
 protected:

  InlineRun run(const std::string& text) const {
    InlineRun r;
    r.text = text;
    r.chain = &chain_;
    r.size = kSize;
    return r;
  }

  ParagraphBox paragraph(const std::string& text, style::Align align = style::Align::left) const {
    ParagraphBox p;
    p.runs = {run(text)};
    p.style.size = kSize;
    p.style.line_height = 1.5;
    p.style.align = align;
    return p;
  }

  std::vector<Line> lines(const ParagraphBox& p, double ems) { return layout_paragraph(p, ems * kSize, context_); }

  static std::string text_of(const Line& line) {
    std::string out;
    for (const auto& r : line.runs) out += r.text;
    return out;
  }
  std::vector<std::string> texts(const ParagraphBox& p, double ems) {
    std::vector<std::string> out;
    for (const auto& l : lines(p, ems)) out.push_back(text_of(l));
    return out;
  }
  static char32_t first_char(const std::string& s) {
    std::size_t at = 0;
    return s.empty() ? 0 : diag::decode_utf8(s, at);
  }
  static char32_t last_char(const std::string& s) {
    char32_t last = 0;
    for (std::size_t at = 0; at < s.size();) last = diag::decode_utf8(s, at);
    return last;
  }
  // x of each glyph on the line, from the line's left edge.
  static std::vector<double> glyph_x(const Line& line) {
    std::vector<double> out;
    for (const auto& r : line.runs)
      for (const auto& g : r.glyphs) out.push_back(r.x + g.x);
    return out;
  }
  // One character and its closing punctuation.
  static bool is_runt(const std::string& line) {
    std::size_t at = 0, count = 0;
    char32_t last = 0;
    while (at < line.size()) {
      last = diag::decode_utf8(line, at);
      ++count;
    }
    return count == 2 && text::classify(last) == text::CharClass::closing;
  }
  // Every line of every width from `min` to `max` ems keeps rules 1 and 2.
  void expect_rules_1_and_2(const std::string& text, int min, int max) {
    for (int ems = min; ems <= max; ++ems) {
      const auto t = texts(paragraph(text), ems);
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (i > 0) {
          EXPECT_FALSE(text::never_starts_line(first_char(t[i]))) << ems << " ems: line " << i << " " << t[i];
        }
        EXPECT_FALSE(text::never_ends_line(last_char(t[i]))) << ems << " ems: line " << i << " " << t[i];
      }
    }
  }

  diag::Diagnostics diags_;
  TextContext context_{diags_, std::make_shared<const diag::SourceFile>("t.xml", "")};
};

// Rule 1: 」 never starts a line; the character before it comes down with it.
TEST_F(ComposerTest, Rule1ClosingBracketNeverStartsALine) {
  // 職員アンケート「職務遂行能力が向上していると感じている」 — 」 is the 27th character.
  const auto t = texts(paragraph("職員アンケート「職務遂行能力が向上していると感じている」と回答した割合"), 26);
  ASSERT_GE(t.size(), 2u);
  EXPECT_NE(first_char(t[1]), U'」');
  EXPECT_EQ(t[0] + t[1] + (t.size() > 2 ? t[2] : ""), "職員アンケート「職務遂行能力が向上していると感じている」と回答した割合");
}

TEST_F(ComposerTest, Rule1AcrossWidths) {
  expect_rules_1_and_2("回答の理由欄を分析し、効果的な人材育成のための参考とする。計画的な採用及び適正配置に努めているが、実数と要望に基づく人員と乖離がある。", 5, 30);
  expect_rules_1_and_2("ワーク・ライフ・バランスが向上していると感じている職員の割合（選挙を除く。）は、ちょっとずつ増えている。", 5, 30);
}

// Rule 1 takes JLREQ's hyphens: a range's wave dash never starts a line.
TEST_F(ComposerTest, Rule1WaveDashOfARangeNeverStartsALine) {
  EXPECT_TRUE(text::never_starts_line(U'～'));
  EXPECT_TRUE(text::never_starts_line(U'〜'));
  expect_rules_1_and_2("②方針に基づき事務事業評価を実施(R4～R6年度)し、令和4年度～令和6年度の3年間で見直した。", 3, 20);
}

// Rule 2: （ never ends a line.
TEST_F(ComposerTest, Rule2OpeningBracketNeverEndsALine) {
  // 第7次厚木市行政改革大綱令和5年度取組結果（見込み）について — at 21 ems （ would end line 1.
  const auto t = texts(paragraph("第7次厚木市行政改革大綱令和5年度取組結果（見込み）について"), 20);
  for (const auto& line : t) EXPECT_FALSE(text::never_ends_line(last_char(line))) << line;
}

// Rule 3: numbers with the unit a view prints after them, and Latin words,
// stay whole.
TEST_F(ComposerTest, Rule3UnitsNeverSplit) {
  ParagraphBox p = paragraph("");
  InlineRun people = run("1,390人");
  people.unbreakable = true;
  InlineRun money = run("260,000千円");
  money.unbreakable = true;
  p.runs = {run("目標は"), people, run("で、実績は"), money, run("と82.5%でした。BCPとAI-OCRを使う。")};
  for (int ems = 6; ems <= 12; ++ems) {
    for (const auto& line : texts(p, ems)) {
      // A unit is either wholly on the line or not on it.
      EXPECT_EQ(line.find("1,3") != std::string::npos, line.find("1,390人") != std::string::npos) << line;
      EXPECT_EQ(line.find("260") != std::string::npos, line.find("260,000千円") != std::string::npos) << line;
      EXPECT_EQ(line.find("82") != std::string::npos, line.find("82.5%") != std::string::npos) << line;
      EXPECT_EQ(line.find("BC") != std::string::npos, line.find("BCP") != std::string::npos) << line;
      EXPECT_EQ(line.find("AI") != std::string::npos, line.find("AI-OCR") != std::string::npos) << line;
    }
  }
}

TEST_F(ComposerTest, Rule3DashesStayTogether) {
  for (int ems = 3; ems <= 10; ++ems) {
    for (const auto& line : texts(paragraph("これは――例えば……こうなる。"), ems)) {
      EXPECT_EQ(line.find("――") == std::string::npos, line.find("―") == std::string::npos) << line;
      EXPECT_EQ(line.find("……") == std::string::npos, line.find("…") == std::string::npos) << line;
    }
  }
}

// Rule 3 for numbers the writer typed: a number keeps its counter or unit,
// an era its year; where the line has no other break, the break between a
// number and its unit comes before an emergency break, and never warns.
TEST_F(ComposerTest, Rule3TypedUnitsNeverSplit) {
  const std::string text = "実績71,117件、企業訪問を51件実施し、R4年度から令和4年1月に第2期を始め、3月14日に5メートル進んだ。";
  for (int ems = 6; ems <= 14; ++ems) {
    std::string joined;
    std::vector<std::size_t> ends;  // where each line but the last ends in `joined`
    const auto t = texts(paragraph(text, style::Align::justify), ems);
    for (const auto& line : t) {
      joined += line;
      ends.push_back(joined.size());
    }
    ASSERT_EQ(joined, text);
    ends.pop_back();
    for (const std::string unit : {"71,117件", "51件", "R4年度", "令和4年1月", "第2期", "3月14日", "5メートル"}) {
      const std::size_t at = joined.find(unit);
      ASSERT_NE(at, std::string::npos);
      for (std::size_t end : ends) EXPECT_FALSE(end > at && end < at + unit.size()) << ems << " ems cut " << unit;
    }
  }
  EXPECT_TRUE(diags_.empty());
  // Four ems cannot hold 令和4年1月: it breaks after a whole 令和4年, silently.
  const auto narrow = texts(paragraph("令和4年1月"), 4);
  ASSERT_EQ(narrow.size(), 2u);
  EXPECT_EQ(narrow[0], "令和4年");
  EXPECT_TRUE(diags_.empty());
}

// A unit too wide for what is left of its line after the last allowed break
// is still set whole where it fits a line: the line before fills up to the
// unit's edge instead of ending half empty (評価対象: / R4年度), in narrow
// cells set first-fit and in justified text alike.
TEST_F(ComposerTest, Rule3UnitWiderThanItsChunkBreaksAtItsEdge) {
  for (bool greedy : {true, false}) {
    ParagraphBox p = paragraph("実施(評価対象:R4年度)", greedy ? style::Align::left : style::Align::justify);
    p.style.greedy = greedy;
    const auto t = texts(p, 5);
    ASSERT_EQ(t.size(), 3u) << greedy;  // not 実施(評価 / 対 / 象:R4 / 年度)
    EXPECT_EQ(t[1].substr(t[1].size() - 4), "象:") << greedy;
    EXPECT_EQ(t[2], "R4年度)") << greedy;
  }
  EXPECT_TRUE(diags_.empty());
}

// The line before a date too wide for it (令和4年1月 in five ems) is not
// filled by cutting the era from its year: 令和4年, which fits a line of
// its own, moves whole, and the date breaks between its whole parts.
TEST_F(ComposerTest, Rule3EraDateMovesWholeRatherThanFillTheLineBefore) {
  for (bool greedy : {true, false}) {
    ParagraphBox p = paragraph("課題を整理。令和4年1月に導入", greedy ? style::Align::left : style::Align::justify);
    p.style.greedy = greedy;
    const auto t = texts(p, 5);
    bool whole = false;
    for (const auto& line : t) {
      EXPECT_FALSE(line.size() >= 6 && line.substr(line.size() - 6) == "令和") << greedy << ": " << line;
      whole = whole || line.rfind("令和4年", 0) == 0;
    }
    EXPECT_TRUE(whole) << greedy;
  }
  EXPECT_TRUE(diags_.empty());
}

// Justification (JLREQ Table 6): the 和欧間 take the stretch first, then
// every gap between characters alike; the blank after 、 takes no more
// than the others.
TEST_F(ComposerTest, JustificationFillsTheWaOuKanFirstThenEvenly) {
  // At 9.7 ems the first line is あいう、えおAかき: 9 ems natural, 0.7 to
  // spare (first fit, so that no squeezing comes into it).
  ParagraphBox p = paragraph("あいう、えおAかきくけこさしすせそたちつてとなにぬねの", style::Align::justify);
  p.style.greedy = true;
  const auto ls = lines(p, 9.7);
  ASSERT_GE(ls.size(), 2u);
  ASSERT_EQ(text_of(ls[0]), "あいう、えおAかき");
  const auto x = glyph_x(ls[0]);
  ASSERT_EQ(x.size(), 9u);
  std::vector<double> extra;  // each gap beyond its natural width, in ems
  for (std::size_t i = 1; i < x.size(); ++i) {
    const double advance = i - 1 == 6 ? kSize / 2 : kSize;  // A is half-width
    const double natural = i == 6 || i == 7 ? kSize / 4 : 0;  // おA, Aか
    extra.push_back((x[i] - x[i - 1] - advance - natural) / kSize);
  }
  // The 和欧間 took a quarter em each beyond natural; the remaining 0.2 em
  // spread over all eight gaps, the one after 、 (extra[3]) too.
  for (std::size_t i = 0; i < extra.size(); ++i) {
    EXPECT_NEAR(extra[i], (i == 5 || i == 6 ? 0.25 : 0) + 0.2 / 8, 0.001) << i;
  }
}

// 追い込み: a paragraph does not end in one character and its 。 where the
// line before can give the room from its punctuation blanks.
TEST_F(ComposerTest, RuntPulledBackByPunctuationBlanks) {
  const std::string text = "あい、うえ、おか、きくけこさし、すせ、そた、ちつてとな、にぬ、ねの、はひふへほす。";
  int runts_left = 0, runts_greedy = 0;
  for (int ems = 8; ems <= 30; ++ems) {
    ParagraphBox justified = paragraph(text, style::Align::justify);
    ParagraphBox greedy = justified;
    greedy.style.greedy = true;
    runts_left += is_runt(texts(justified, ems).back()) ? 1 : 0;
    runts_greedy += is_runt(texts(greedy, ems).back()) ? 1 : 0;
    for (const auto& line : lines(justified, ems)) EXPECT_LE(line.natural, ems * kSize + 0.01) << ems;
  }
  EXPECT_GT(runts_greedy, 0);
  EXPECT_EQ(runts_left, 0);
  // The pulled-back line squeezes the blank after 、 but never the 。's.
  EXPECT_EQ(texts(paragraph("あいうえ、おかきくけこ。", style::Align::justify), 11.5).size(), 1u);
  EXPECT_EQ(texts(paragraph("あいうえおかきくけこ。", style::Align::justify), 10.5).size(), 2u);
}

// Rule 4: a list mark never ends a line alone.
TEST_F(ComposerTest, Rule4NoBreakAfterAListMark) {
  ParagraphBox p = paragraph("");
  p.runs = {run("①"), run("（仮称）厚木市行政改革推進本部を設置する。")};
  p.hang_after_first_run = true;
  for (int ems = 2; ems <= 8; ++ems) {
    const auto t = texts(p, ems);
    ASSERT_FALSE(t.empty());
    EXPECT_NE(t[0], "①") << ems;
  }
}

// Rule 5: a break before an opening bracket, even after a number, with no warning.
TEST_F(ComposerTest, Rule5BreakBeforeABracketAfterANumber) {
  const auto t = texts(paragraph("82.5%（91.7%）"), 5);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], "82.5%");
  EXPECT_EQ(t[1], "（91.7%）");
  EXPECT_TRUE(diags_.empty());
}

// Rule 6: a unit wider than the line breaks after / - . and warns.
TEST_F(ComposerTest, Rule6EmergencyBreakWarns) {
  const auto t = texts(paragraph("https://www.city.atsugi.kanagawa.jp/shisei/index.html"), 12);
  ASSERT_GE(t.size(), 2u);
  for (const auto& line : lines(paragraph("https://www.city.atsugi.kanagawa.jp/shisei/index.html"), 12)) {
    EXPECT_LE(line.natural, 12 * kSize + 0.01);  // nothing overflows its measure
  }
  EXPECT_TRUE(last_char(t[0]) == U'/' || last_char(t[0]) == U'.' || last_char(t[0]) == U'-') << t[0];
  ASSERT_FALSE(diags_.empty());
  EXPECT_EQ(diags_.items().front().severity, diag::Severity::warning);
}

TEST_F(ComposerTest, NothingOverflowsItsMeasure) {
  const std::string text = "令和3年度から6年度までを計画期間とする第7次厚木市行政改革大綱第1期実施計画では、23の取組を位置付け、55項目の成果指標を設定しています。";
  for (auto align : {style::Align::left, style::Align::justify}) {
    for (int ems = 4; ems <= 40; ++ems) {
      for (const auto& line : lines(paragraph(text, align), ems)) EXPECT_LE(line.natural, ems * kSize + 0.01) << ems;
    }
  }
}

// Justified lines fill the measure exactly; the last line is not justified.
TEST_F(ComposerTest, JustifiedLinesFillTheMeasure) {
  const std::string text =
      "強くしなやかな組織づくりに向け、研修環境の整備や、感染症に対応した業務継続計画（BCP）の見直し、積極的なデジタル化の推進など、"
      "実施計画に位置付けた取組を着実に推進しました。";
  for (double ems : {17.3, 20.0, 23.7, 31.0}) {
    const auto ls = lines(paragraph(text, style::Align::justify), ems);
    ASSERT_GE(ls.size(), 2u);
    for (std::size_t i = 0; i + 1 < ls.size(); ++i) EXPECT_NEAR(ls[i].natural, ems * kSize, 0.01) << ems << " line " << i;
    EXPECT_LT(ls.back().natural, ems * kSize);
    // The last glyph of a justified line ends at the measure.
    const Line& l = ls.front();
    const auto& r = l.runs.back();
    const double end = r.x + r.glyphs.back().x +
                       r.font->advance(r.glyphs.back().glyph) * kSize / r.font->units_per_em();
    EXPECT_NEAR(end, ems * kSize, 0.01);
  }
}

TEST_F(ComposerTest, JustificationNeverSpacesInsideALatinWord) {
  const auto ls = lines(paragraph("あいうえおかきくけこ BCP さしすせそたちつてと", style::Align::justify), 14.5);
  ASSERT_GE(ls.size(), 2u);
  const auto x = glyph_x(ls[0]);
  const std::string t = text_of(ls[0]);
  const auto at = t.find("BCP");
  ASSERT_NE(at, std::string::npos);
  // B, C and P follow at their natural half-em advances.
  std::size_t index = 0;
  for (std::size_t i = 0; i < at;) {
    diag::decode_utf8(t, i);
    ++index;
  }
  EXPECT_NEAR(x[index + 1] - x[index], kSize / 2, 0.001);
  EXPECT_NEAR(x[index + 2] - x[index + 1], kSize / 2, 0.001);
}

// A superscript (a footnote mark) never starts a line: the word before it goes along.
TEST_F(ComposerTest, SuperscriptStaysWithWhatItFollows) {
  ParagraphBox p = paragraph("あいうえお");
  InlineRun mark = run("1");
  mark.size = kSize / 2;
  mark.rise = kSize / 2;
  p.runs.push_back(mark);
  p.runs.push_back(run("かき"));
  // Five ems hold あいうえお exactly; the mark would start the next line.
  const auto t = texts(p, 5);
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0], "あいうえ");
  EXPECT_EQ(t[1].rfind("お1", 0), 0u) << t[1];
}

// 和欧間: a quarter em between Japanese and Latin letters or digits.
TEST_F(ComposerTest, QuarterEmBetweenJapaneseAndLatin) {
  const auto ls = lines(paragraph("第7次"), 10);
  const auto x = glyph_x(ls.at(0));
  ASSERT_EQ(x.size(), 3u);
  EXPECT_NEAR(x[1] - x[0], kSize + kSize / 4, 0.001);       // 第 then 7
  EXPECT_NEAR(x[2] - x[1], kSize / 2 + kSize / 4, 0.001);   // 7 then 次
}

// Only letters and digits take it: a hyphen between Japanese stays tight
// (Ⅰ-ア, as a classification prints).
TEST_F(ComposerTest, NoQuarterEmNextToLatinSymbols) {
  const auto x = glyph_x(lines(paragraph("あ-い"), 10).at(0));
  ASSERT_EQ(x.size(), 3u);
  EXPECT_NEAR(x[1] - x[0], kSize, 0.001);
  EXPECT_NEAR(x[2] - x[1], kSize / 2, 0.001);
}

TEST_F(ComposerTest, NoQuarterEmNextToFullWidthPunctuation) {
  const auto x = glyph_x(lines(paragraph("（7）"), 10).at(0));
  ASSERT_EQ(x.size(), 3u);
  EXPECT_NEAR(x[1] - x[0], kSize, 0.001);
  EXPECT_NEAR(x[2] - x[1], kSize / 2, 0.001);
}

// Adjacent full-width punctuation takes 1.5 em, not 2.
TEST_F(ComposerTest, PunctuationPairsAreCompressed) {
  for (const char* pair : {"。」", "）（", "、「", "」。", "「（"}) {
    const auto x = glyph_x(lines(paragraph(std::string("あ") + pair + "い"), 10).at(0));
    ASSERT_EQ(x.size(), 4u) << pair;
    EXPECT_NEAR(x[2] - x[1], kSize / 2, 0.001) << pair;
    EXPECT_NEAR(x[3] - x[1], 1.5 * kSize, 0.001) << pair;
  }
}

TEST_F(ComposerTest, HalfWidthOpeningBracketAtLineStartIsAnOption) {
  ParagraphBox p = paragraph("（見込み）");
  EXPECT_NEAR(glyph_x(lines(p, 10).at(0)).front(), 0, 0.001);
  p.style.half_bracket_at_start = true;
  EXPECT_NEAR(glyph_x(lines(p, 10).at(0)).front(), -kSize / 2, 0.001);
}

// Hanging marks: continuation lines align with the text after the mark.
TEST_F(ComposerTest, ContinuationLinesHangUnderTheTextAfterTheMark) {
  ParagraphBox p = paragraph("");
  p.runs = {run("◆"), run("職員研修実施計画や、人事評価制度について、アンケートの結果を基に必要な見直しを行いました。")};
  p.hang_after_first_run = true;
  const auto ls = lines(p, 15);
  ASSERT_GE(ls.size(), 2u);
  EXPECT_NEAR(glyph_x(ls[0]).front(), 0, 0.001);
  EXPECT_NEAR(glyph_x(ls[1]).front(), kSize, 0.001);
}

// ぶら下げ: with the option, 。 may hang past the measure instead of taking
// the line's last character down with it.
TEST_F(ComposerTest, HangingPunctuationIsAnOption) {
  ParagraphBox p = paragraph("あいうえおかきくけこ。さしすせそ");
  auto without = texts(p, 10);
  ASSERT_GE(without.size(), 2u);
  EXPECT_NE(without[0], "あいうえおかきくけこ。");
  p.style.hanging_punctuation = true;
  const auto with = texts(p, 10);
  EXPECT_EQ(with[0], "あいうえおかきくけこ。");
}

TEST_F(ComposerTest, ForcedBreaks) {
  ParagraphBox p = paragraph("");
  InlineRun br = run("");
  br.line_break = true;
  p.runs = {run("アンケート実施"), br, run("制度見直し")};
  const auto t = texts(p, 20);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], "アンケート実施");
  EXPECT_EQ(t[1], "制度見直し");
}

// Total fit: over the paragraph, the lines are never looser in sum (of the
// cubes of their spare space in ems, before justification, and a runt's
// cost, 1.5 ems cubed) than first-fit filling makes them, and for some
// paragraphs strictly less loose.
TEST_F(ComposerTest, TotalFitIsNeverLooserThanGreedy) {
  auto looseness = [&](const ParagraphBox& p, double ems) {
    const auto ls = lines(p, ems);
    double sum = 0;
    for (std::size_t i = 0; i + 1 < ls.size(); ++i) {
      const double spare = std::abs(ls[i].spare) / kSize;
      sum += spare * spare * spare;
    }
    const auto t = texts(p, ems);
    if (is_runt(t.back())) sum += 1.5 * 1.5 * 1.5;
    return sum;
  };
  const std::vector<std::string> texts_to_try = {
      "第7次厚木市行政改革大綱第1期実施計画では、23の取組を位置付け、55項目の成果指標を設定しています。令和5年度については、52項目の成果指標を設定しており、取組状況の見込みは次のとおりです。",
      "事務の効率化や生産性の向上に向け、テレワークシステムやRPA、AI-OCR、AI会議録の導入など、デジタル化を推進しました。公共施設への公衆無線LAN(Wi-Fi)の整備を行いました。",
  };
  bool strictly_better = false;
  for (const auto& text : texts_to_try) {
    for (double ems = 8; ems <= 30; ems += 0.5) {
      ParagraphBox total = paragraph(text, style::Align::justify);
      ParagraphBox first_fit = total;
      first_fit.style.greedy = true;
      const double t = looseness(total, ems);
      const double g = looseness(first_fit, ems);
      EXPECT_LE(t, g + 1e-6) << ems;
      strictly_better = strictly_better || t < g - 1e-6;
    }
  }
  EXPECT_TRUE(strictly_better);
}

}  // namespace
}  // namespace shiryo::layout
