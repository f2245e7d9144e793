// <plan-tree>, the 体系図, read back with `pdftotext -bbox-layout`: every
// goal, area and item title once, in order, each in its own column (goals,
// then areas to their right, then items), each parent centred on its items,
// no word over another and none outside the page body; small and large
// plans still make one valid page.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "harness.h"
#include "page_words.h"

namespace shiryo::testing {
namespace {

// A period's tree as the packet writes it, with its printed numerals.
struct Node {
  std::string text;                 // numeral and title, as printed without spaces
  std::size_t first_item = 0;       // goals and areas: their items, [first_item, end_item)
  std::size_t end_item = 0;
};
struct Tree {
  std::vector<Node> goals, areas, items;
};

std::string goal_numeral(std::size_t i) {
  static const char* const kNumerals[] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"};
  return kNumerals[i];
}
std::string item_numeral(std::size_t i) {
  static const char* const kKana[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ",
                                      "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ", "ト"};
  return kKana[i];
}

// The goals, areas and items of `<period id>` in document order.
Tree tree_of(const std::string& xml, const std::string& period) {
  const std::size_t from = xml.find("<period id=\"" + period + "\"");
  EXPECT_NE(from, std::string::npos);
  const std::string text = xml.substr(from, xml.find("</period>", from) - from);
  const std::regex node(R"re(<(goal|area|item) [^>]*title="([^"]*)")re");
  Tree t;
  std::size_t areas_in_goal = 0, items_in_area = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), node), end; it != end; ++it) {
    const std::string kind = (*it)[1];
    const std::string title = unescape((*it)[2]);
    if (kind == "goal") {
      t.goals.push_back({goal_numeral(t.goals.size()) + title, t.items.size(), t.items.size()});
      areas_in_goal = 0;
    } else if (kind == "area") {
      t.areas.push_back({"(" + std::to_string(++areas_in_goal) + ")" + title, t.items.size(), t.items.size()});
      items_in_area = 0;
    } else {
      t.items.push_back({item_numeral(items_in_area++) + title, 0, 0});
      t.goals.back().end_item = t.areas.back().end_item = t.items.size();
    }
  }
  return t;
}

// The printed text of a column of boxes, grouped by box: consecutive lines
// of the column until they spell the next expected text.
struct Printed {
  double top = 0, bottom = 0;
  double centre() const { return (top + bottom) / 2; }
};

std::vector<Printed> boxes_in(const std::vector<Word>& column, const std::vector<Node>& expected,
                              const std::string& what) {
  std::vector<Printed> out;
  std::string text, all;
  Printed box{1e9, -1e9};
  std::size_t next = 0;
  for (const auto& line : lines_of(column)) {
    for (const Word& w : line) {
      text += squeeze(w.text);
      all += squeeze(w.text);
      box.top = std::min(box.top, w.y_min);
      box.bottom = std::max(box.bottom, w.y_max);
    }
    if (next < expected.size() && text == expected[next].text) {
      out.push_back(box);
      text.clear();
      box = Printed{1e9, -1e9};
      ++next;
    }
  }
  std::string wanted;
  for (const auto& n : expected) wanted += n.text;
  // Every title exactly once and in order, nothing else in the column.
  EXPECT_EQ(all, wanted) << what;
  EXPECT_EQ(out.size(), expected.size()) << what;
  return out;
}

// The page whose first line is `heading` (without spaces).
const PageWords* page_headed(const std::vector<PageWords>& pages, const std::string& heading, double& below) {
  for (const auto& page : pages) {
    const auto lines = lines_of(page.words);
    if (lines.empty()) continue;
    std::string first;
    below = 0;
    for (const Word& w : lines.front()) {
      first += squeeze(w.text);
      below = std::max(below, w.y_max);
    }
    if (first == heading) return &page;
  }
  return nullptr;
}

// The diagram under `heading` on a page of `page_master`: its columns where
// the default layout set puts them (narrowed alike when the measure is less
// than their widths), each parent's text centred on its items' rows.
void check_tree(const std::string& pdf, const std::string& heading, const Tree& tree,
                const std::string& page_master = "landscape") {
  const auto pages = read_words(pdf);
  double below = 0;
  const PageWords* page = page_headed(pages, heading, below);
  ASSERT_NE(page, nullptr) << "no page starts with " << heading;
  EXPECT_EQ(page->width > page->height, page_master == "landscape");
  const Body body = page_body(page_master);
  expect_inside_and_apart(*page, body);

  const double natural = layout_length("plan-tree.goal-width") + layout_length("plan-tree.area-width") +
                         layout_length("plan-tree.item-width") + 2 * layout_length("plan-tree.column-gap");
  const double narrowed = std::min(1.0, (body.right - body.left) / natural);
  const double gap = layout_length("plan-tree.column-gap") * narrowed;
  const double goal_edge = body.left + layout_length("plan-tree.goal-width") * narrowed + gap / 2;
  const double area_edge = goal_edge + gap / 2 + layout_length("plan-tree.area-width") * narrowed + gap / 2;
  std::vector<Word> goals, areas, items;
  for (const Word& w : page->words) {
    if (w.y_min < below || w.y_min > body.bottom) continue;  // the heading, the page number
    (w.x_max < goal_edge ? goals : w.x_max < area_edge ? areas : items).push_back(w);
  }
  const auto goal_boxes = boxes_in(goals, tree.goals, "goal column");
  const auto area_boxes = boxes_in(areas, tree.areas, "area column");
  const auto item_boxes = boxes_in(items, tree.items, "item column");
  ASSERT_FALSE(goals.empty());
  ASSERT_FALSE(areas.empty());
  ASSERT_FALSE(items.empty());

  // Columns left to right: every area word right of every goal word, and so on.
  auto right_edge = [](const std::vector<Word>& ws) {
    double x = 0;
    for (const Word& w : ws) x = std::max(x, w.x_max);
    return x;
  };
  auto left_edge = [](const std::vector<Word>& ws) {
    double x = 1e9;
    for (const Word& w : ws) x = std::min(x, w.x_min);
    return x;
  };
  EXPECT_LT(right_edge(goals), left_edge(areas));
  EXPECT_LT(right_edge(areas), left_edge(items));

  // Item rows top to bottom; each parent centred between its first and last
  // item (type of different faces sits up to a point or two apart).
  for (std::size_t i = 1; i < item_boxes.size(); ++i) EXPECT_LT(item_boxes[i - 1].bottom, item_boxes[i].top);
  auto centred = [&](const std::vector<Printed>& parents, const std::vector<Node>& nodes, const std::string& what) {
    for (std::size_t k = 0; k < parents.size() && k < nodes.size(); ++k) {
      if (nodes[k].end_item == nodes[k].first_item || nodes[k].end_item > item_boxes.size()) continue;
      const Printed& first = item_boxes[nodes[k].first_item];
      const Printed& last = item_boxes[nodes[k].end_item - 1];
      EXPECT_GE(parents[k].centre(), first.top) << what << " " << nodes[k].text;
      EXPECT_LE(parents[k].centre(), last.bottom) << what << " " << nodes[k].text;
      EXPECT_NEAR(parents[k].centre(), (first.centre() + last.centre()) / 2, 2.5) << what << " " << nodes[k].text;
    }
  };
  centred(goal_boxes, tree.goals, "goal");
  centred(area_boxes, tree.areas, "area");
}

TEST(PlanTree, TheSeedPacketsDiagramIsOnePageOfEveryTitle) {
  TempDir dir;
  const std::string pdf = (dir / "p.pdf").string();
  const RunResult built = shiryo("build " + quote(source_path("input/atsugi-r5-2.xml")) + " -o " + quote(pdf));
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(built.err.find("plan-tree"), std::string::npos) << built.err;
  const Tree tree = tree_of(read_file(source_path("input/atsugi-r5-2.xml")), "p2");
  ASSERT_EQ(tree.goals.size(), 3u);
  ASSERT_EQ(tree.items.size(), 22u);
  check_tree(pdf, "5実施計画体系図", tree);
}

// A landscape document of one heading and the diagram of a plan with
// `goals` × `areas` × `items` titles 目標N号, 方向N号, 取組N号 (none is part
// of another), the first area's title `first_area` when given.
std::string packet(int goals, int areas, int items, const std::string& first_area = "",
                   const std::string& orientation = "landscape") {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<packet version="1">
  <meta><title>テスト委員会</title><held start="2024-03-14T14:00"/></meta>
  <plan id="t" title="大綱" from-fy="2024" to-fy="2026">
    <period id="p" title="第1期" from-fy="2024" to-fy="2026">
)";
  int area_n = 0, item_n = 0;
  for (int g = 1; g <= goals; ++g) {
    xml += "      <goal id=\"G" + std::to_string(g) + "\" title=\"目標" + std::to_string(g) + "号\">\n";
    for (int a = 1; a <= areas; ++a) {
      const std::string id = "A" + std::to_string(++area_n);
      const std::string title = area_n == 1 && !first_area.empty() ? first_area : "方向" + std::to_string(area_n) + "号";
      xml += "        <area id=\"" + id + "\" title=\"" + title + "\">\n";
      for (int i = 1; i <= items; ++i) {
        const std::string n = std::to_string(++item_n);
        xml += "          <item id=\"I" + n + "\" title=\"取組" + n + "号\"/>\n";
      }
      xml += "        </area>\n";
    }
    xml += "      </goal>\n";
  }
  xml += R"(    </period>
  </plan>
  <document id="d" title="実施計画" orientation=")" + orientation + R"(">
    <page-break/>
    <h1>体系図</h1>
    <plan-tree period="p"/>
  </document>
</packet>
)";
  return xml;
}

struct Built {
  RunResult result;
  std::string pdf;
};

Built build(const TempDir& dir, const std::string& xml) {
  write_file(dir / "p.xml", xml);
  const std::string pdf = (dir / "p.pdf").string();
  return {shiryo("build " + quote((dir / "p.xml").string()) + " -o " + quote(pdf)), pdf};
}

int page_count(const std::string& pdf) {
  const RunResult info = run("pdfinfo " + quote(pdf));
  std::smatch m;
  const std::regex pages(R"(Pages:\s+([0-9]+))");
  return std::regex_search(info.out, m, pages) ? std::stoi(m[1]) : -1;
}

TEST(PlanTree, OneGoalOneAreaOneItem) {
  TempDir dir;
  const std::string xml = packet(1, 1, 1);
  const Built b = build(dir, xml);
  ASSERT_EQ(b.result.status, 0) << b.result.err;
  EXPECT_EQ(b.result.err.find("warning"), std::string::npos) << b.result.err;
  EXPECT_EQ(run("qpdf --check " + quote(b.pdf)).status, 0);
  EXPECT_EQ(page_count(b.pdf), 2);  // the title page, the diagram's
  check_tree(b.pdf, "体系図", tree_of(xml, "p"));
}

// An area title too long for one row's box makes every row taller, never
// text over its box's edge or another's.
TEST(PlanTree, ALongTitleMakesTheRowsTaller) {
  TempDir dir;
  const std::string xml =
      packet(2, 2, 1, "行政手続の電子化と窓口業務の見直しを通じた市民サービスの利便性の向上及び業務の効率化の推進");
  const Built b = build(dir, xml);
  ASSERT_EQ(b.result.status, 0) << b.result.err;
  EXPECT_EQ(b.result.err.find("warning"), std::string::npos) << b.result.err;
  EXPECT_EQ(run("qpdf --check " + quote(b.pdf)).status, 0);
  EXPECT_EQ(page_count(b.pdf), 2);
  check_tree(b.pdf, "体系図", tree_of(xml, "p"));
}

// The seed's p2 cut to its first goal, on a portrait page: the columns
// narrow alike, titles wrap, and the rows grow alike for them.
TEST(PlanTree, APortraitPageNarrowsTheColumns) {
  TempDir dir;
  const std::string seed = read_file(source_path("input/atsugi-r5-2.xml"));
  const std::size_t from = seed.find("<period id=\"p2\"");
  const std::size_t first_goal_start = seed.find("<goal ", from);
  const std::string first_goal_period =
      seed.substr(from, seed.find("<goal ", first_goal_start + 1) - from) + "</period>";
  std::string xml = packet(1, 1, 1, "", "portrait");
  const std::size_t at = xml.find("<period id=\"p\"");
  xml.replace(at, xml.find("</period>", at) + 9 - at, first_goal_period);
  const std::string view = "<plan-tree period=\"p\"/>";
  xml.replace(xml.find(view), view.size(), "<plan-tree period=\"p2\"/>");
  const Built b = build(dir, xml);
  ASSERT_EQ(b.result.status, 0) << b.result.err;
  EXPECT_EQ(b.result.err.find("warning"), std::string::npos) << b.result.err;
  EXPECT_EQ(run("qpdf --check " + quote(b.pdf)).status, 0);
  EXPECT_EQ(page_count(b.pdf), 2);
  const Tree first_goal = tree_of(xml, "p2");
  ASSERT_EQ(first_goal.goals.size(), 1u);
  ASSERT_EQ(first_goal.items.size(), 9u);
  check_tree(b.pdf, "体系図", first_goal, "portrait");
}

// More items than a page holds at the layout set's sizes: the diagram stays
// whole on its page, drawn smaller, and the build says so.
TEST(PlanTree, ManyItemsStayOnOnePageWithAWarning) {
  TempDir dir;
  const std::string xml = packet(4, 4, 4);
  const Built b = build(dir, xml);
  ASSERT_EQ(b.result.status, 0) << b.result.err;
  EXPECT_NE(b.result.err.find("drawn at"), std::string::npos) << b.result.err;
  EXPECT_NE(b.result.err.find("p.xml:"), std::string::npos) << "the warning names the view's position";
  EXPECT_EQ(run("qpdf --check " + quote(b.pdf)).status, 0);
  ASSERT_EQ(page_count(b.pdf), 2);

  const auto pages = read_words(b.pdf);
  ASSERT_EQ(pages.size(), 2u);
  expect_inside_and_apart(pages[1], landscape_body());
  std::string text;
  for (const Word& w : pages[1].words) text += squeeze(w.text);
  auto count = [&](const std::string& s) {
    int n = 0;
    for (std::size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + 1)) ++n;
    return n;
  };
  for (int n = 1; n <= 4; ++n) EXPECT_EQ(count("目標" + std::to_string(n) + "号"), 1) << n;
  for (int n = 1; n <= 16; ++n) EXPECT_EQ(count("方向" + std::to_string(n) + "号"), 1) << n;
  for (int n = 1; n <= 64; ++n) EXPECT_EQ(count("取組" + std::to_string(n) + "号"), 1) << n;
}

}  // namespace
}  // namespace shiryo::testing
