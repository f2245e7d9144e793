// <plan-sheets>: the seed's 22 sheets of 資料2_別紙1, one landscape page each,
// read back with poppler (pdfinfo, pdftotext -raw and -bbox-layout) and qpdf;
// and a sheet far too long for a page, which continues under its band.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <vector>

#include "harness.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// Each page's text in content order, squeezed, page by page.
std::vector<std::string> page_texts(const std::string& pdf) {
  const std::string all = run("pdftotext -raw " + quote(pdf) + " -").out;
  std::vector<std::string> pages;
  std::size_t from = 0;
  for (std::size_t at = all.find('\f'); at != std::string::npos; at = all.find('\f', from)) {
    pages.push_back(squeeze(all.substr(from, at - from)));
    from = at + 1;
  }
  return pages;
}

struct Word {
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
  std::string text;
};

// The words of page `page` (from 1) as pdftotext -bbox-layout places them.
std::vector<Word> words_of(const std::string& pdf, std::size_t page) {
  const std::string n = std::to_string(page);
  const std::string html = run("pdftotext -bbox-layout -f " + n + " -l " + n + " " + quote(pdf) + " -").out;
  const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::vector<Word> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), word); it != std::sregex_iterator(); ++it) {
    out.push_back(Word{std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
  }
  return out;
}

const Word* find_word(const std::vector<Word>& words, const std::string& text) {
  for (const auto& w : words) {
    if (w.text.find(text) != std::string::npos) return &w;
  }
  return nullptr;
}

// What the packet says of each item of period p2, in document order.
struct ItemText {
  std::string id, title, numeral;
  std::vector<std::string> measures, indicators;
  std::vector<std::pair<std::string, std::string>> footnotes;  // mark, term
};

// The text without the marks of the item's footnotes.
std::string unmarked(std::string text, const ItemText& item) {
  for (const auto& [mark, term] : item.footnotes) {
    const std::size_t at = text.find(term + mark);
    if (at != std::string::npos) text.erase(at + term.size(), mark.size());
  }
  return text;
}

std::vector<ItemText> p2_items(const std::string& xml) {
  const std::size_t begin = xml.find(R"(<period id="p2")");
  const std::size_t end = xml.find("</period>", begin);
  const std::string period = xml.substr(begin, end - begin);
  static const char* const kana[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ"};
  std::vector<ItemText> items;
  std::size_t in_area = 0;
  const std::regex tag(R"re(<(area|item|measure|indicator|footnote)\b([^>]*)>([^<]*))re");
  const std::regex id(R"re(\bid="([^"]*)")re"), title(R"re(\btitle="([^"]*)")re"), name(R"re(\bname="([^"]*)")re");
  const std::regex mark(R"re(\bmark="([^"]*)")re"), term(R"re(\bterm="([^"]*)")re");
  for (auto it = std::sregex_iterator(period.begin(), period.end(), tag); it != std::sregex_iterator(); ++it) {
    const std::string kind = (*it)[1], attrs = (*it)[2];
    std::smatch m;
    if (kind == "area") {
      in_area = 0;
    } else if (kind == "item") {
      ItemText item;
      if (std::regex_search(attrs, m, id)) item.id = m[1];
      if (std::regex_search(attrs, m, title)) item.title = m[1];
      item.numeral = kana[in_area++];
      items.push_back(item);
    } else if (kind == "footnote") {
      std::smatch t;
      if (std::regex_search(attrs, m, mark) && std::regex_search(attrs, t, term)) {
        items.back().footnotes.emplace_back(m[1], t[1]);
      }
    } else if (kind == "measure") {
      items.back().measures.push_back(squeeze((*it)[3]));
    } else if (std::regex_search(attrs, m, name)) {
      items.back().indicators.push_back(m[1]);
    }
  }
  return items;
}

class Sheets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = (*dir_ / "packet.pdf").string();
    build_ = std::make_unique<RunResult>(shiryo("build " + quote(kPacket) + " -o " + quote(pdf_)));
    pages_ = page_texts(pdf_);
    for (std::size_t p = 0; p < pages_.size(); ++p) {
      // A sheet's 年次計画 header; 資料2 mentions 取組項目 in its prose too.
      if (pages_[p].find("取組内容担当課令和6年度") != std::string::npos) sheet_pages_.push_back(p + 1);
    }
    items_ = p2_items(read_file(kPacket));
  }
  static void TearDownTestSuite() {
    build_.reset();
    dir_.reset();
  }
  static const std::string& page(std::size_t number) { return pages_[number - 1]; }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<RunResult> build_;
  static std::string pdf_;
  static std::vector<std::string> pages_;
  static std::vector<std::size_t> sheet_pages_;  // from 1
  static std::vector<ItemText> items_;
};
std::unique_ptr<TempDir> Sheets::dir_;
std::unique_ptr<RunResult> Sheets::build_;
std::string Sheets::pdf_;
std::vector<std::string> Sheets::pages_;
std::vector<std::size_t> Sheets::sheet_pages_;
std::vector<ItemText> Sheets::items_;

TEST_F(Sheets, BuildsWithoutAWordAboutSheets) {
  ASSERT_EQ(build_->status, 0) << build_->err;
  EXPECT_EQ(build_->err.find("plan sheet"), std::string::npos) << build_->err;
  EXPECT_EQ(build_->err.find("<plan-sheets>"), std::string::npos) << build_->err;
  EXPECT_EQ(build_->err.find("footnote term"), std::string::npos) << build_->err;
}

TEST_F(Sheets, OneLandscapePagePerItemInOrder) {
  ASSERT_EQ(items_.size(), 22u);
  ASSERT_EQ(sheet_pages_.size(), items_.size());
  const std::string info = run("pdfinfo -f 1 -l 9999 " + quote(pdf_)).out;
  const std::regex size(R"(Page +(\d+) size: +([\d.]+) x ([\d.]+) pts)");
  std::map<std::size_t, std::pair<double, double>> sizes;
  for (auto it = std::sregex_iterator(info.begin(), info.end(), size); it != std::sregex_iterator(); ++it) {
    sizes[std::stoul((*it)[1])] = {std::stod((*it)[2]), std::stod((*it)[3])};
  }
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const std::size_t p = sheet_pages_[k];
    SCOPED_TRACE("item " + items_[k].id + " on page " + std::to_string(p));
    ASSERT_TRUE(sizes.count(p));
    EXPECT_GT(sizes[p].first, sizes[p].second);
    EXPECT_EQ(count(page(p), "取組項目"), 1u);
    EXPECT_NE(unmarked(page(p), items_[k]).find(items_[k].numeral + squeeze(items_[k].title)), std::string::npos)
        << page(p);
    if (k > 0) {
      EXPECT_EQ(p, sheet_pages_[k - 1] + 1);
    }
    EXPECT_EQ(page(p).find("（続き）"), std::string::npos);
  }
}

// The text of the sheet's first column (取組内容 and 成果指標), cropped at the
// column's right edge, which the centred header gives: cells of other columns
// stand beside a wrapped measure and would come between its lines.
std::string first_column_text(const std::string& pdf, std::size_t page, const std::string& header) {
  const std::vector<Word> words = words_of(pdf, page);
  double left = 1e9;
  for (const auto& w : words) left = std::min(left, w.x_min);
  const Word* head = find_word(words, header);
  if (!head) return {};
  const double right = head->x_min + head->x_max - left;
  const std::string n = std::to_string(page);
  return squeeze(run("pdftotext -raw -f " + n + " -l " + n + " -x 0 -y 0 -W " + std::to_string(static_cast<int>(right)) +
                     " -H 2000 " + quote(pdf) + " -")
                     .out);
}

TEST_F(Sheets, EveryMeasureAndIndicatorOnceOnItsSheet) {
  ASSERT_EQ(sheet_pages_.size(), items_.size());
  for (std::size_t k = 0; k < items_.size(); ++k) {
    SCOPED_TRACE("item " + items_[k].id);
    const std::string measures = unmarked(first_column_text(pdf_, sheet_pages_[k], "取組内容"), items_[k]);
    const std::string indicators = unmarked(first_column_text(pdf_, sheet_pages_[k], "成果指標"), items_[k]);
    ASSERT_FALSE(items_[k].measures.empty());
    static const char* const circled[] = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"};
    for (std::size_t m = 0; m < items_[k].measures.size(); ++m) {
      EXPECT_EQ(count(measures, circled[m] + items_[k].measures[m]), 1u) << items_[k].measures[m] << "\n" << measures;
    }
    for (const auto& name : items_[k].indicators) {
      EXPECT_EQ(count(indicators, squeeze(name)), 1u) << name << "\n" << indicators;
    }
  }
}

TEST_F(Sheets, BandAndFiguresAsComputed) {
  ASSERT_EQ(sheet_pages_.size(), items_.size());
  const std::string& first = page(sheet_pages_[0]);
  for (const char* s : {"Ⅰ強くしなやかな組織をつくる", "(1)職員の能力向上", "目指す姿", "課題", "年次計画",
                        "取組内容", "担当課", "令和6年度", "令和7年度", "令和8年度", "成果指標", "現状値", "目標値",
                        "関連計画厚木市人材育成基本方針", "98.4%", "100.0%", "4グループ", "5グループ"}) {
    EXPECT_NE(first.find(s), std::string::npos) << s << "\n" << first;
  }
  EXPECT_EQ(first.find("I-1-a"), std::string::npos);  // ids never print
  // 市民の利便性の向上 has sdgs="17"; the other items have none, and no
  // empty SDGs frame: its label is not printed.
  for (std::size_t k = 0; k < items_.size(); ++k) {
    if (items_[k].id == "I-3-c") {
      EXPECT_NE(page(sheet_pages_[k]).find("SDGs17"), std::string::npos);
    } else {
      EXPECT_EQ(page(sheet_pages_[k]).find("SDGs"), std::string::npos) << items_[k].id;
    }
  }
}

// Each sheet is an outline entry (Ⅰ-(1)-ア 職員の人材育成) and a named
// destination sheet:p2:ITEM at its page.
TEST_F(Sheets, BookmarksAndDestinations) {
  ASSERT_EQ(sheet_pages_.size(), items_.size());
  const std::string outline = run("mutool show " + quote(pdf_) + " outline").out;
  const std::string first = "\"Ⅰ-(1)-ア 職員の人材育成\"\t#page=" + std::to_string(sheet_pages_[0]);
  EXPECT_NE(outline.find(first), std::string::npos) << outline;
  const std::string last = "\"Ⅲ-(3)-イ " + items_.back().title + "\"\t#page=" + std::to_string(sheet_pages_.back());
  EXPECT_NE(outline.find(last), std::string::npos) << outline;
  TempDir dir;
  const std::string qdf = (dir / "qdf.pdf").string();
  ASSERT_EQ(run("qpdf --qdf --object-streams=disable " + quote(pdf_) + " " + quote(qdf)).status, 0);
  const std::string bytes = read_file(qdf);
  for (const auto& item : items_) EXPECT_NE(bytes.find("(sheet:p2:" + item.id + ")"), std::string::npos) << item.id;
}

// ウェルビーイング¹: the mark after the title's term only, smaller and raised;
// the note on the same page.
TEST_F(Sheets, FootnoteMarkAfterFirstOccurrence) {
  std::size_t k = 0;
  while (k < items_.size() && items_[k].id != "I-3-a") ++k;
  ASSERT_LT(k, sheet_pages_.size());
  const std::size_t p = sheet_pages_[k];
  const std::string& text = page(p);
  EXPECT_EQ(count(text, "ウェルビーイング1"), 1u) << text;
  EXPECT_NE(text.find("アウェルビーイング1経営の推進"), std::string::npos) << text;
  EXPECT_GE(count(text, "ウェルビーイング"), 2u);
  EXPECT_NE(text.find("1心身ともに良好な状態にあることを意味する概念で幸福とも翻訳される。"), std::string::npos) << text;

  // The mark: a word of its own right after the term's word, smaller and raised.
  const std::vector<Word> words = words_of(pdf_, p);
  std::size_t marks = 0;
  for (const auto& term : words) {
    if (term.text.size() < std::string("ウェルビーイング").size() ||
        term.text.compare(term.text.size() - std::string("ウェルビーイング").size(), std::string::npos,
                          "ウェルビーイング") != 0) {
      continue;
    }
    for (const auto& mark : words) {
      if (mark.text != "1" || mark.x_min < term.x_max - 0.5 || mark.x_min > term.x_max + 5) continue;
      if (mark.y_max < term.y_min || mark.y_min > term.y_max) continue;
      ++marks;
      EXPECT_LT(mark.y_max - mark.y_min, 0.8 * (term.y_max - term.y_min));
      EXPECT_LT(mark.y_max, term.y_max - 1);
    }
  }
  EXPECT_EQ(marks, 1u);
}

// The straight strokes (`x1 y1 m x2 y2 l S`) of page `p`, in PDF user space.
struct Segment {
  double x1, y1, x2, y2;
};
std::vector<Segment> stroked_segments(const std::string& pdf, std::size_t p) {
  TempDir dir;
  const std::string one = (dir / "one.pdf").string();
  EXPECT_EQ(run("qpdf --qdf --object-streams=disable --empty --pages " + quote(pdf) + " " + std::to_string(p) +
                " -- " + quote(one))
                .status,
            0);
  const std::string content = read_file(one);
  const std::regex line(R"(([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S)");
  std::vector<Segment> segments;
  for (auto it = std::sregex_iterator(content.begin(), content.end(), line); it != std::sregex_iterator(); ++it) {
    segments.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  }
  return segments;
}

// 職員の支援 runs from 令和6年度 through 令和8年度: its text once, in the
// first year's column, and an arrow drawn after it.
TEST_F(Sheets, ThroughStepPrintsOnceWithAnArrow) {
  ASSERT_FALSE(sheet_pages_.empty());
  const std::size_t p = sheet_pages_[0];
  EXPECT_EQ(count(page(p), "職員の支援"), 1u);
  const std::vector<Word> words = words_of(pdf_, p);
  const Word* step = find_word(words, "職員の支援");
  const Word* dept = find_word(words, "担当課");
  ASSERT_TRUE(step && dept);
  // The year headers (令和 / 6 / 年度 are words of their own) on 担当課's row.
  std::vector<double> years;
  for (const auto& w : words) {
    if (w.text == "令和" && std::abs(w.y_min - dept->y_min) < 1) years.push_back(w.x_min);
  }
  std::sort(years.begin(), years.end());
  ASSERT_EQ(years.size(), 3u);
  EXPECT_GT(step->x_min, dept->x_max);
  EXPECT_LT(step->x_min, years[0]);
  EXPECT_LT(step->x_max, years[1]);

  // A long horizontal line with a head's stroke ending where it ends.
  const std::vector<Segment> segments = stroked_segments(pdf_, p);
  bool arrow = false;
  for (const auto& shaft : segments) {
    if (shaft.y1 != shaft.y2 || shaft.x2 - shaft.x1 < 200) continue;
    for (const auto& head : segments) {
      if (head.x2 == shaft.x2 && head.y2 == shaft.y2 && head.y1 != head.y2 && head.x1 < head.x2) arrow = true;
    }
  }
  EXPECT_TRUE(arrow);
}

// Every 年次計画 arrow on every sheet: two barbs mirrored about the shaft,
// both ending at its tip, and the tip clear of the cell's rule after it.
TEST_F(Sheets, EveryArrowheadIsSymmetricAndClearOfTheRule) {
  ASSERT_FALSE(sheet_pages_.empty());
  std::size_t arrows = 0;
  for (const std::size_t p : sheet_pages_) {
    const std::vector<Segment> segments = stroked_segments(pdf_, p);
    for (const auto& shaft : segments) {
      if (shaft.y1 != shaft.y2 || shaft.x2 - shaft.x1 < 100) continue;
      std::vector<Segment> barbs;
      for (const auto& s : segments) {
        if (std::abs(s.x2 - shaft.x2) < 0.01 && std::abs(s.y2 - shaft.y2) < 0.01 && s.y1 != s.y2 && s.x1 != s.x2) barbs.push_back(s);
      }
      if (barbs.empty()) continue;  // a rule, not an arrow (a slanted stroke is a barb)
      ++arrows;
      ASSERT_EQ(barbs.size(), 2u) << "page " << p << " arrow at y " << shaft.y1;
      EXPECT_NEAR(barbs[0].x1, barbs[1].x1, 0.01) << "page " << p;
      EXPECT_NEAR(barbs[0].y1 - shaft.y1, shaft.y1 - barbs[1].y1, 0.01) << "page " << p;
      EXPECT_LT(barbs[0].x1, shaft.x2);
      // The nearest vertical rule to the right of the tip, crossing its height.
      double clear = 1e9;
      for (const auto& v : segments) {
        if (v.x1 != v.x2 || v.x1 < shaft.x2) continue;
        if (std::min(v.y1, v.y2) > shaft.y1 || std::max(v.y1, v.y2) < shaft.y1) continue;
        clear = std::min(clear, v.x1 - shaft.x2);
      }
      EXPECT_GE(clear, 2.0) << "page " << p << ": the tip " << clear << " pt from the rule";
    }
  }
  EXPECT_GE(arrows, 40u);
}

// A sheet whose texts cannot fit a page: a warning naming the item, the rest
// on the next page under the band and （続き）, and no sentence lost.
TEST(SheetsOverflow, ContinuesUnderTheBandWithAWarning) {
  std::vector<std::string> sentences;
  std::string visions, measures;
  for (int i = 1; i <= 24; ++i) {
    const std::string s = "第" + std::to_string(i) +
                          "項として、市民の暮らしを支える行政サービスの質を高め、職員一人一人が主体的に"
                          "考え行動できる組織をつくり、将来にわたって持続可能な行政経営を実現する。";
    sentences.push_back(s);
    visions += "<vision>" + s + "</vision>";
  }
  for (int i = 1; i <= 8; ++i) {
    const std::string s = "第" + std::to_string(i) + "の取組として、業務の見直しを継続的に行い、その結果を公表する。";
    sentences.push_back(s);
    measures += "<measure dept=\"行政経営課\">" + s + "<step fy=\"2024\" through=\"2026\">実施</step></measure>";
  }
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>長い実施計画</title>"
      "<held start=\"2024-03-14T14:00\"/></meta>"
      "<plan id=\"t\" title=\"大綱\" from-fy=\"2024\" to-fy=\"2026\">"
      "<period id=\"p2\" title=\"第2期\" from-fy=\"2024\" to-fy=\"2026\">"
      "<goal id=\"I\" title=\"強くしなやかな組織をつくる\"><area id=\"I-1\" title=\"職員の能力向上\">"
      "<item id=\"I-1-a\" title=\"とても長い取組\">" +
      visions + "<challenge>課題は一つである。</challenge>" + measures +
      "<indicator id=\"x\" name=\"研修の実施回数\" unit=\"回\" baseline=\"3\">"
      "<target fy=\"2024\" value=\"4\"/><target fy=\"2025\" value=\"5\"/><target fy=\"2026\" value=\"6\"/>"
      "</indicator><related>厚木市人材育成基本方針</related></item></area></goal></period></plan>"
      "<document id=\"d\" title=\"実施計画\" orientation=\"landscape\"><plan-sheets period=\"p2\"/></document>"
      "</packet>\n";
  TempDir dir;
  write_file(dir / "long.xml", xml);
  const std::string pdf = (dir / "long.pdf").string();
  const RunResult r = shiryo("build " + quote((dir / "long.xml").string()) + " -o " + quote(pdf));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("I-1-a"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("とても長い取組"), std::string::npos) << r.err;

  const std::vector<std::string> pages = page_texts(pdf);
  std::vector<std::size_t> sheet;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (pages[p].find("職員の能力向上") != std::string::npos) sheet.push_back(p);
  }
  ASSERT_GE(sheet.size(), 2u);
  EXPECT_EQ(pages[sheet[0]].find("（続き）"), std::string::npos);
  for (std::size_t k = 1; k < sheet.size(); ++k) {
    EXPECT_EQ(sheet[k], sheet[k - 1] + 1);
    EXPECT_NE(pages[sheet[k]].find("（続き）"), std::string::npos) << pages[sheet[k]];
    EXPECT_NE(pages[sheet[k]].find("Ⅰ強くしなやかな組織をつくる"), std::string::npos) << pages[sheet[k]];
  }
  // The sheet's text without what each page adds (the repeated band and
  // （続き）, the page number), so that a sentence cut between pages reads whole.
  std::string all;
  const std::regex page_number("-\\d+-$");
  for (std::size_t k = 0; k < sheet.size(); ++k) {
    std::string body = std::regex_replace(pages[sheet[k]], page_number, "");
    if (k > 0) body = body.substr(body.find("職員の能力向上") + std::string("職員の能力向上").size());
    all += body;
  }
  // A label set in the middle of its cell stands beside one of its lines.
  for (std::size_t at = all.find("目指す姿"); at != std::string::npos; at = all.find("目指す姿")) {
    all.erase(at, std::string("目指す姿").size());
  }
  for (const auto& s : sentences) EXPECT_EQ(count(all, squeeze(s)), 1u) << s;
  EXPECT_EQ(count(all, "厚木市人材育成基本方針"), 1u);
}

}  // namespace
}  // namespace shiryo::testing
