// How a reader finds their way through the bundled packet, read back with
// poppler, qpdf and mupdf: the 目次 of 資料2_別紙1 and its links, the page
// labels, the bookmark tree and the landscape plan sheets. Every check
// compares what one tool reports with what the pages print.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "harness.h"
#include "page_words.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

// The number a page prints at its foot (`- N -`), or -1 when it prints none.
int printed_number(const std::string& page_text) {
  static const std::regex foot(R"(-\s*(\d+)\s*-\s*$)");
  std::smatch m;
  const std::string end = page_text.substr(page_text.size() > 200 ? page_text.size() - 200 : 0);
  return std::regex_search(end, m, foot) ? std::stoi(m[1]) : -1;
}

struct OutlineEntry {
  int depth = 0;
  std::string title;
  int page = 0;  // from 1
};

// A link annotation: its rectangle and the page (from 1) it leads to.
struct Link {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int target = 0;
};

class Navigation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = (*dir_ / "packet.pdf").string();
    status_ = shiryo("build " + quote(kPacket) + " -o " + quote(pdf_)).status;
    if (status_ != 0) return;
    // Derived fixtures share these: read them once per build.
    pages_.clear();
    labels_.clear();
    page_of_object_.clear();
    const std::string all = run("pdftotext -layout " + quote(pdf_) + " -").out;
    for (std::size_t from = 0; from < all.size();) {
      const std::size_t ff = all.find('\f', from);
      if (ff == std::string::npos) break;
      pages_.push_back(all.substr(from, ff - from));
      from = ff + 1;
    }
    read_labels();
    read_page_objects();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  // Page labels as qpdf computes them for each page: prefix, then the
  // number when the range is numbered.
  static void read_labels() {
    const std::string json = run("qpdf --json --json-key=pages " + quote(pdf_)).out;
    const std::regex label(R"re("label": (null|\{([^}]*)\}))re");
    for (std::sregex_iterator it(json.begin(), json.end(), label), end; it != end; ++it) {
      const std::string dict = (*it)[2];
      std::smatch m;
      std::string text;
      if (std::regex_search(dict, m, std::regex(R"re("/P": "u:([^"]*)")re"))) text = m[1];
      if (dict.find("\"/S\": \"/D\"") != std::string::npos &&
          std::regex_search(dict, m, std::regex(R"re("/St": (\d+))re"))) {
        text += m[1].str();
      } else if (dict.find("\"/S\"") != std::string::npos) {
        text += "?";  // a style other than decimal: no page here uses one
      }
      labels_.push_back(text);
    }
  }

  static void read_page_objects() {
    const std::string out = run("mutool show " + quote(pdf_) + " pages").out;
    const std::regex line(R"(page (\d+) = (\d+) 0 R)");
    for (std::sregex_iterator it(out.begin(), out.end(), line), end; it != end; ++it) {
      page_of_object_[(*it)[2]] = std::stoi((*it)[1]);
    }
  }

  // A sheet prints a footnote's mark (a superscript digit) after its term,
  // also inside the item's title: look past the marks.
  static std::string without_marks(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c < '0' || c > '9') out += c;
    }
    return out;
  }

  static std::string squeezed(int page) { return squeeze(pages_.at(static_cast<std::size_t>(page - 1))); }

  // Pages (from 1) whose label starts with `prefix`.
  static std::vector<int> pages_labelled(const std::string& prefix) {
    std::vector<int> out;
    for (std::size_t i = 0; i < labels_.size(); ++i) {
      if (labels_[i].compare(0, prefix.size(), prefix) == 0) out.push_back(static_cast<int>(i) + 1);
    }
    return out;
  }

  // The numeric end of a label (資料2_別紙1-4 → 4), or -1.
  static int label_number(int page) {
    const std::string& l = labels_.at(static_cast<std::size_t>(page - 1));
    std::smatch m;
    return std::regex_search(l, m, std::regex(R"(-(\d+)$)")) ? std::stoi(m[1]) : -1;
  }

  // The page a destination leads to: an explicit [page /Fit] array or a
  // name looked up in the catalogue's /Dests name tree.
  static int destination_page(const std::string& dest) {
    std::smatch m;
    if (std::regex_search(dest, m, std::regex(R"(^\s*\[\s*(\d+) 0 R)"))) {
      const auto it = page_of_object_.find(m[1]);
      return it == page_of_object_.end() ? 0 : it->second;
    }
    if (std::regex_search(dest, m, std::regex(R"(^\s*\(([^)]*)\))"))) {
      const auto named = named_destinations();
      const auto it = named.find(m[1]);
      return it == named.end() ? 0 : destination_page(it->second);
    }
    return 0;
  }

  static const std::map<std::string, std::string>& named_destinations() {
    static std::map<std::string, std::string> names;
    if (!names.empty()) return names;
    std::vector<std::string> nodes = {"trailer/Root/Names/Dests"};
    while (!nodes.empty()) {
      const std::string node = run("mutool show " + quote(pdf_) + " " + nodes.back()).out;
      nodes.pop_back();
      const std::regex pair(R"(\(([^)]*)\)\s*(\[\s*\d+ 0 R))");
      for (std::sregex_iterator it(node.begin(), node.end(), pair), end; it != end; ++it) names[(*it)[1]] = (*it)[2];
      std::smatch kids;
      if (std::regex_search(node, kids, std::regex(R"(/Kids\s*\[([^\]]*)\])"))) {
        const std::string refs = kids[1];
        const std::regex ref(R"((\d+) 0 R)");
        for (std::sregex_iterator it(refs.begin(), refs.end(), ref), end; it != end; ++it) nodes.push_back((*it)[1]);
      }
    }
    return names;
  }

  // The link annotations of a page (from 1), as mupdf reads them.
  static std::vector<Link> links(int page) {
    const std::string refs = run("mutool show " + quote(pdf_) + " pages/" + std::to_string(page) + "/Annots").out;
    std::string objects;
    const std::regex ref(R"((\d+) 0 R)");
    for (std::sregex_iterator it(refs.begin(), refs.end(), ref), end; it != end; ++it) objects += " " + (*it)[1].str();
    std::vector<Link> out;
    if (objects.empty()) return out;
    const std::string body = run("mutool show " + quote(pdf_) + objects).out;
    const std::regex object(R"(\d+ 0 obj([\s\S]*?)endobj)");
    const std::regex rect(R"(/Rect \[ ([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+) \])");
    const std::regex dest(R"(/Dest (\[[^\]]*\]|\([^)]*\)))");
    const std::regex go_to(R"(/S /GoTo[\s\S]*?/D (\[[^\]]*\]|\([^)]*\))|/D (\[[^\]]*\]|\([^)]*\))[\s\S]*?/S /GoTo)");
    for (std::sregex_iterator it(body.begin(), body.end(), object), end; it != end; ++it) {
      const std::string o = (*it)[1];
      if (o.find("/Subtype /Link") == std::string::npos) continue;
      std::smatch r, d;
      if (!std::regex_search(o, r, rect)) continue;
      Link link{std::stod(r[1]), std::stod(r[2]), std::stod(r[3]), std::stod(r[4]), 0};
      if (std::regex_search(o, d, dest)) {
        link.target = destination_page(d[1]);
      } else if (std::regex_search(o, d, go_to)) {
        link.target = destination_page(d[1].matched ? d[1].str() : d[2].str());
      }
      out.push_back(link);
    }
    return out;
  }

  // The pages links covering the middle of `w` lead to (PDF space has y up).
  static std::vector<int> targets_at(const std::vector<Link>& page_links, const Word& w, double page_height) {
    const double x = (w.x_min + w.x_max) / 2;
    const double y = page_height - (w.y_min + w.y_max) / 2;
    std::vector<int> out;
    for (const Link& l : page_links) {
      if (x >= l.x0 && x <= l.x1 && y >= l.y0 && y <= l.y1) out.push_back(l.target);
    }
    return out;
  }

  static std::vector<OutlineEntry> outline() {
    const std::string out = run("mutool show " + quote(pdf_) + " outline").out;
    std::vector<OutlineEntry> entries;
    const std::regex line(R"re(^[|+-](\t+)"(.*)"\t#page=(\d+))re");
    std::size_t from = 0;
    while (from < out.size()) {
      std::size_t end = out.find('\n', from);
      if (end == std::string::npos) end = out.size();
      const std::string l = out.substr(from, end - from);
      from = end + 1;
      std::smatch m;
      if (std::regex_search(l, m, line)) {
        entries.push_back(OutlineEntry{static_cast<int>(m[1].length()), m[2], std::stoi(m[3])});
      }
    }
    return entries;
  }

  static std::unique_ptr<TempDir> dir_;
  static std::string pdf_;
  static int status_;
  static std::vector<std::string> pages_;
  static std::vector<std::string> labels_;
  static std::map<std::string, int> page_of_object_;
};
std::unique_ptr<TempDir> Navigation::dir_;
std::string Navigation::pdf_;
int Navigation::status_ = -1;
std::vector<std::string> Navigation::pages_;
std::vector<std::string> Navigation::labels_;
std::map<std::string, int> Navigation::page_of_object_;

// The packet's own words: the h1 headings of one document and the titles of
// a period's plan items, in order.
std::string section(const std::string& xml, const std::string& start, const std::string& stop) {
  const std::size_t from = xml.find(start);
  EXPECT_NE(from, std::string::npos) << start;
  return xml.substr(from, xml.find(stop, from) - from);
}

std::vector<std::string> matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

const std::string& packet_xml() {
  static const std::string xml = read_file(kPacket);
  return xml;
}

std::vector<std::string> plan_item_titles(const std::string& period) {
  return matches(section(packet_xml(), "<period id=\"" + period + "\"", "</period>"), R"re(<item id="[^"]*" title="([^"]*)")re");
}

// One line of the 目次: its text before the dot leader and the number after.
struct TocEntry {
  std::string title;
  int number = -1;
};

class TableOfContents : public Navigation {
 protected:
  // The page of 資料2_別紙1 that prints 目次.
  static int toc_page() {
    for (int p : pages_labelled("資料2_別紙1")) {
      if (squeezed(p).rfind("目次", 0) == 0) return p;
    }
    return 0;
  }

  // Lines that hold a dot leader; a line whose leader ends in no number
  // keeps number -1.
  static std::vector<TocEntry> entries() {
    std::vector<TocEntry> out;
    const std::string& text = pages_.at(static_cast<std::size_t>(toc_page() - 1));
    const std::regex line(R"((.*?)\s*・(?:・|\s)*(\d*)\s*$)");
    std::size_t from = 0;
    while (from < text.size()) {
      std::size_t end = text.find('\n', from);
      if (end == std::string::npos) end = text.size();
      const std::string l = text.substr(from, end - from);
      from = end + 1;
      if (l.find("・・") == std::string::npos) continue;
      std::smatch m;
      EXPECT_TRUE(std::regex_match(l, m, line)) << l;
      if (m.empty()) continue;
      out.push_back(TocEntry{squeeze(m[1]), m[2].length() > 0 ? std::stoi(m[2]) : -1});
    }
    return out;
  }

  // The page (from 1) of 資料2_別紙1 after the 目次 where an entry's heading
  // or plan sheet stands: a sheet prints 取組項目 before the item's title.
  static int page_of(const TocEntry& e, bool sheet) {
    for (int p : pages_labelled("資料2_別紙1")) {
      if (p <= toc_page()) continue;
      if (sheet ? without_marks(squeezed(p)).find(without_marks("取組項目" + e.title)) != std::string::npos
                : squeezed(p).find(e.title) != std::string::npos) {
        return p;
      }
    }
    return 0;
  }
};

const char* const kKana[] = {"ア", "イ", "ウ", "エ", "オ", "カ"};

TEST_F(TableOfContents, EveryEntryPrintsThePageItsHeadingOrSheetIsOn) {
  ASSERT_EQ(status_, 0);
  ASSERT_GT(toc_page(), 0) << "no 目次 page in 資料2_別紙1";
  const std::vector<TocEntry> toc = entries();
  const std::vector<std::string> headings =
      matches(section(packet_xml(), "<document id=\"s2-1\"", "</document>"), R"(<h1>([^<]*)</h1>)");
  const std::vector<std::string> items = plan_item_titles("p2");
  ASSERT_EQ(headings.size(), 5u);
  ASSERT_EQ(items.size(), 22u);
  ASSERT_EQ(toc.size(), headings.size() + items.size());
  for (std::size_t i = 0; i < toc.size(); ++i) {
    const bool sheet = i >= headings.size();
    const TocEntry& e = toc[i];
    // Items print under their area as ア イ ウ … and the title.
    if (sheet) {
      EXPECT_NE(e.title.find(squeeze(items[i - headings.size()])), std::string::npos) << e.title;
    } else {
      EXPECT_EQ(e.title, squeeze(headings[i])) << i;
    }
    ASSERT_GT(e.number, 0) << "no page number after " << e.title;
    const int page = page_of(e, sheet);
    ASSERT_GT(page, 0) << e.title << " stands on no page after the 目次";
    EXPECT_EQ(e.number, printed_number(pages_[static_cast<std::size_t>(page - 1)])) << e.title << " on page " << page;
    EXPECT_EQ(e.number, label_number(page)) << e.title << " on page " << page << " labelled " << labels_[static_cast<std::size_t>(page - 1)];
  }
  // The sheets come one to a page, in the order of the 目次.
  for (std::size_t i = headings.size() + 1; i < toc.size(); ++i) EXPECT_EQ(toc[i].number, toc[i - 1].number + 1);
}

TEST_F(TableOfContents, EveryLineLinksToThePageItNames) {
  ASSERT_EQ(status_, 0);
  const int toc = toc_page();
  ASSERT_GT(toc, 0);
  const std::vector<TocEntry> listed = entries();
  const std::vector<PageWords> words = read_words(pdf_);
  const PageWords& page = words.at(static_cast<std::size_t>(toc - 1));
  const std::vector<Link> page_links = links(toc);
  ASSERT_FALSE(page_links.empty());
  // The lines of the page that end in a number after a dot leader, top to bottom.
  std::size_t entry = 0;
  for (const auto& line : lines_of(page.words)) {
    std::string text;
    for (const Word& w : line) text += w.text;
    if (text.find("・・") == std::string::npos) continue;
    ASSERT_LT(entry, listed.size()) << text;
    const TocEntry& e = listed[entry];
    const int expected = page_of(e, entry >= 5);
    ASSERT_GT(expected, 0) << e.title;
    // Both the title and the number take the reader there; pdftotext may
    // join the number to the leader: aim at the word's last glyph.
    ASSERT_TRUE(text.back() >= '0' && text.back() <= '9') << text;
    Word number = line.back();
    number.x_min = number.x_max - 2;
    EXPECT_EQ(targets_at(page_links, number, page.height), std::vector<int>{expected}) << e.title;
    EXPECT_EQ(targets_at(page_links, line.front(), page.height), std::vector<int>{expected}) << e.title;
    ++entry;
  }
  EXPECT_EQ(entry, listed.size());
}

TEST_F(Navigation, AgendaLabelsLinkToTheFirstPagesOfTheirDocuments) {
  ASSERT_EQ(status_, 0);
  const std::vector<PageWords> words = read_words(pdf_);
  const std::vector<Link> page_links = links(1);
  int found = 0;
  for (const auto& [label, doc] : {std::pair<std::string, std::string>{"資料1", "資料1-"}, {"資料2", "資料2-"}}) {
    for (const auto& line : lines_of(words.at(0).words)) {
      const std::string text = line.back().text;
      if (text.size() < label.size() || text.compare(text.size() - label.size(), label.size(), label) != 0) continue;
      ++found;
      // The middle of the label's last glyph.
      Word digit = line.back();
      digit.x_min = digit.x_max - 3;
      const std::vector<int> first = pages_labelled(doc);
      ASSERT_FALSE(first.empty());
      EXPECT_EQ(labels_[static_cast<std::size_t>(first.front() - 1)], doc + "1");
      EXPECT_EQ(targets_at(page_links, digit, words.at(0).height), std::vector<int>{first.front()}) << label;
    }
  }
  EXPECT_EQ(found, 2);
}

// Each page's label says what the page prints: LABEL-N under `- N -`, and
// pages that print no number (次第, 委員名簿, the cover of 資料2_別紙1) carry
// a label without one.
TEST_F(Navigation, EveryPageLabelMatchesThePrintedNumber) {
  ASSERT_EQ(status_, 0);
  ASSERT_EQ(labels_.size(), pages_.size());
  ASSERT_EQ(pages_.size(), static_cast<std::size_t>(std::stoi(
                               run("pdfinfo " + quote(pdf_) + " | sed -n 's/^Pages: *//p'").out)));
  EXPECT_EQ(labels_[0], "次第");
  EXPECT_EQ(labels_[1], "委員名簿");
  int unnumbered = 0;
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    const int page = static_cast<int>(i) + 1;
    const int printed = printed_number(pages_[i]);
    EXPECT_EQ(label_number(page), printed) << "page " << page << " labelled " << labels_[i];
    if (printed < 0) ++unnumbered;
  }
  // The cover of 資料2_別紙1: its label only, and its next page starts at 1.
  const std::vector<int> annex = pages_labelled("資料2_別紙1");
  ASSERT_GT(annex.size(), 2u);
  EXPECT_EQ(labels_[static_cast<std::size_t>(annex[0] - 1)], "資料2_別紙1");
  EXPECT_NE(squeezed(annex[0]).find("第7次厚木市行政改革大綱第2期実施計画"), std::string::npos);
  EXPECT_EQ(labels_[static_cast<std::size_t>(annex[1] - 1)], "資料2_別紙1-1");
  EXPECT_EQ(unnumbered, 3);
  // Numbers run on without a gap within each document.
  for (const std::string doc : {"資料1-", "資料2-", "資料2_別紙1-"}) {
    const std::vector<int> pages = pages_labelled(doc);
    ASSERT_FALSE(pages.empty()) << doc;
    for (std::size_t k = 0; k < pages.size(); ++k) {
      EXPECT_EQ(labels_[static_cast<std::size_t>(pages[k] - 1)], doc + std::to_string(k + 1));
    }
  }
}

// The bookmark tree: 次第, 委員名簿 and one entry per document at the top;
// the documents' headings below, the plan sheets as Ⅰ-(1)-ア …; each entry
// leads to the page that prints its text.
TEST_F(Navigation, BookmarksFollowTheHeadingsAndLeadToTheirPages) {
  ASSERT_EQ(status_, 0);
  const std::vector<OutlineEntry> tree = outline();
  const std::string& xml = packet_xml();
  std::vector<std::string> top;
  for (const auto& e : tree) {
    if (e.depth == 1) top.push_back(e.title);
  }
  const std::vector<std::string> expected_top = {
      "次第", "委員名簿", "資料1　第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）について",
      "資料2　第7次厚木市行政改革大綱第2期実施計画の策定について", "資料2_別紙1　第7次厚木市行政改革大綱 第2期実施計画"};
  EXPECT_EQ(top, expected_top);

  // The entries under one top-level entry, depth relative to it.
  auto under = [&](const std::string& title) {
    std::vector<OutlineEntry> out;
    for (std::size_t i = 0; i < tree.size(); ++i) {
      if (tree[i].depth != 1 || tree[i].title != title) continue;
      for (std::size_t k = i + 1; k < tree.size() && tree[k].depth > 1; ++k) {
        out.push_back(OutlineEntry{tree[k].depth - 1, tree[k].title, tree[k].page});
      }
    }
    return out;
  };

  // 資料1: its h1s, each with the h2s that follow it.
  std::vector<OutlineEntry> s1;
  const std::string doc1 = section(xml, "<document id=\"s1\"", "</document>");
  const std::regex heading(R"(<h([12])>([^<]*)</h\1>)");
  for (std::sregex_iterator it(doc1.begin(), doc1.end(), heading), end; it != end; ++it) {
    s1.push_back(OutlineEntry{std::stoi((*it)[1]), (*it)[2], 0});
  }
  const std::vector<OutlineEntry> got1 = under(expected_top[2]);
  ASSERT_EQ(got1.size(), s1.size());
  for (std::size_t i = 0; i < s1.size(); ++i) {
    EXPECT_EQ(got1[i].title, s1[i].title);
    EXPECT_EQ(got1[i].depth, s1[i].depth) << s1[i].title;
  }

  // 資料2_別紙1: its h1s, then one entry per plan sheet.
  std::vector<std::string> annex =
      matches(section(xml, "<document id=\"s2-1\"", "</document>"), R"(<h1>([^<]*)</h1>)");
  const char* const roman[] = {"Ⅰ", "Ⅱ", "Ⅲ"};
  const std::string p2 = section(xml, "<period id=\"p2\"", "</period>");
  int goal = -1, area = 0, item = 0;
  const std::regex node(R"re(<(goal|area|item) id="[^"]*" title="([^"]*)")re");
  for (std::sregex_iterator it(p2.begin(), p2.end(), node), end; it != end; ++it) {
    const std::string kind = (*it)[1];
    if (kind == "goal") {
      ++goal;
      area = 0;
    } else if (kind == "area") {
      ++area;
      item = 0;
    } else {
      annex.push_back(std::string(roman[goal]) + "-(" + std::to_string(area) + ")-" + kKana[item++] + " " + (*it)[2].str());
    }
  }
  ASSERT_EQ(annex.size(), 27u);
  const std::vector<OutlineEntry> got3 = under(expected_top[4]);
  ASSERT_EQ(got3.size(), annex.size());
  for (std::size_t i = 0; i < annex.size(); ++i) {
    EXPECT_EQ(got3[i].title, annex[i]);
    EXPECT_EQ(got3[i].depth, 1) << annex[i];
  }

  // Every entry leads to a page that prints its text: a document's title,
  // a heading, or a sheet's 取組項目 and title.
  for (const auto& e : tree) {
    std::string wanted = e.title;
    const std::size_t space = wanted.find("　");
    if (e.depth == 1 && wanted.rfind("資料", 0) == 0 && space != std::string::npos) wanted = wanted.substr(space + 3);
    std::smatch code;
    const std::string title = e.title;
    if (std::regex_search(title, code, std::regex(R"(^(?:Ⅰ|Ⅱ|Ⅲ)-\(\d+\)-(\S+) (.*)$)"))) {
      wanted = "取組項目" + code[1].str() + code[2].str();
    }
    const bool sheet = wanted.rfind("取組項目", 0) == 0;
    ASSERT_GT(e.page, 0);
    ASSERT_LE(e.page, static_cast<int>(pages_.size()));
    const std::string page = sheet ? without_marks(squeezed(e.page)) : squeezed(e.page);
    EXPECT_NE(page.find(sheet ? without_marks(squeeze(wanted)) : squeeze(wanted)), std::string::npos)
        << "\"" << e.title << "\" leads to page " << e.page;
  }
}

// Landscape where the packet asks for it; the plan sheets one to a page.
TEST_F(Navigation, DetailPartsAndTheAnnexAreLandscapeWithOneSheetAPage) {
  ASSERT_EQ(status_, 0);
  const RunResult info = run("pdfinfo -f 1 -l " + std::to_string(pages_.size()) + " " + quote(pdf_));
  std::map<int, bool> landscape;
  const std::regex size(R"(Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+))");
  for (std::sregex_iterator it(info.out.begin(), info.out.end(), size), end; it != end; ++it) {
    landscape[std::stoi((*it)[1])] = std::stod((*it)[2]) > std::stod((*it)[3]);
  }
  ASSERT_EQ(landscape.size(), pages_.size());

  // 資料1's detail parts: from the page that prints Ⅰ 強くしなやかな組織をつくる
  // over the detail table to the page before the breakdown (portrait).
  int first_detail = 0, breakdown = 0;
  for (int p : pages_labelled("資料1-")) {
    const std::string t = squeezed(p);
    if (first_detail == 0 && t.rfind("Ⅰ強くしなやかな組織をつくる", 0) == 0) first_detail = p;
    if (t.rfind("Ⅱ-(2)-ウ債権の確実な収納", 0) == 0) breakdown = p;
  }
  ASSERT_GT(first_detail, 0);
  ASSERT_GT(breakdown, first_detail + 2);
  for (int p : pages_labelled("資料1-")) {
    EXPECT_EQ(landscape[p], p >= first_detail && p < breakdown) << "page " << p;
  }
  for (int p : pages_labelled("資料2_別紙1")) EXPECT_TRUE(landscape[p]) << "page " << p;

  std::vector<int> sheets;
  for (int p : pages_labelled("資料2_別紙1")) {
    const std::string t = squeezed(p);
    std::size_t n = 0;
    for (auto at = t.find("取組項目"); at != std::string::npos; at = t.find("取組項目", at + 1)) ++n;
    if (n > 0) sheets.push_back(p);
    EXPECT_LE(n, 1u) << "page " << p;
  }
  ASSERT_EQ(sheets.size(), 22u);
  EXPECT_EQ(sheets.back() - sheets.front(), 21);
  const std::vector<std::string> titles = plan_item_titles("p2");
  for (std::size_t k = 0; k < sheets.size(); ++k) {
    EXPECT_NE(without_marks(squeezed(sheets[k])).find(squeeze(titles[k])), std::string::npos) << titles[k];
  }
}

}  // namespace
}  // namespace shiryo::testing

namespace shiryo::testing {
namespace {

// Plan texts of the packet, with the view-independent text of each: tags
// and <step> children dropped, squeezed.
struct PlanText {
  std::string element;
  std::string fy;
  std::string text;
};

std::string unescaped(std::string s) {
  for (const auto& [entity, ch] : {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}}) {
    for (auto at = s.find(entity); at != std::string::npos; at = s.find(entity)) s.replace(at, std::string(entity).size(), ch);
  }
  return s;
}

std::vector<PlanText> plan_texts(const std::string& period) {
  const std::string xml = section(packet_xml(), "<period id=\"" + period + "\"", "</period>");
  std::vector<PlanText> out;
  const std::regex element(R"re(<(measure|vision|challenge|planned|done|reason|next|related)(\s[^>]*)?>([\s\S]*?)</\1>)re");
  const std::regex fy(R"re(fy="(\d+)")re");
  const std::regex step(R"(<step[\s\S]*?</step>)");
  const std::regex tag(R"(<[^>]+>)");
  for (std::sregex_iterator it(xml.begin(), xml.end(), element), end; it != end; ++it) {
    const std::string attributes = (*it)[2];
    std::smatch m;
    const std::string year = std::regex_search(attributes, m, fy) ? m[1].str() : "";
    const std::string inner = std::regex_replace(std::regex_replace((*it)[3].str(), step, ""), tag, "");
    out.push_back(PlanText{(*it)[1], year, squeeze(unescaped(inner))});
  }
  for (const std::string& name : matches(xml, R"re(<indicator [^>]*name="([^"]*)")re")) {
    out.push_back(PlanText{"indicator", "", squeeze(unescaped(name))});
  }
  return out;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// Every plan text is printed. Table cells lie side by side, so no single
// reading order keeps each cell's lines together: a text counts where
// either poppler (-raw) or mupdf reads it whole, or, for a row the detail
// table splits over a page break, where one page ends what the next goes on
// with. Footnote marks (superscript digits) are looked past. Counted
// exactly where the packet has a text once: 第2期's texts appear on the plan
// sheets only; a FY2023 reason in both the unmet table and the detail table.
TEST_F(Navigation, EveryPlanTextIsPrinted) {
  ASSERT_EQ(status_, 0);
  const std::string raw = run("pdftotext -raw " + quote(pdf_) + " -").out;
  const std::string mu = run("mutool draw -q -F txt -o - " + quote(pdf_)).out;
  ASSERT_FALSE(mu.empty());
  std::vector<std::string> raw_pages;
  for (std::size_t from = 0; from < raw.size();) {
    const std::size_t ff = raw.find('\f', from);
    if (ff == std::string::npos) break;
    raw_pages.push_back(without_marks(squeeze(raw.substr(from, ff - from))));
    from = ff + 1;
  }
  const std::string raw_all = without_marks(squeeze(raw));
  const std::string mu_all = without_marks(squeeze(mu));
  std::string xml_text = without_marks(squeeze(unescaped(std::regex_replace(packet_xml(), std::regex(R"(<[^>]+>)"), "\n"))));
  // Both tools read a sheet's row label 目指す姿, centred beside a text of
  // two lines, between those lines.
  auto without_label = [](std::string s) {
    const std::string label = "目指す姿";
    for (auto at = s.find(label); at != std::string::npos; at = s.find(label, at)) s.erase(at, label.size());
    return s;
  };
  const std::string raw_unlabelled = without_label(raw_all);
  const std::string mu_unlabelled = without_label(mu_all);
  auto printed = [&](const std::string& t) {
    const std::size_t n = std::max(occurrences(raw_all, t), occurrences(mu_all, t));
    if (n > 0) return n;
    return std::max(occurrences(raw_unlabelled, without_label(t)), occurrences(mu_unlabelled, without_label(t)));
  };
  auto split_over_pages = [&](const std::string& t) {
    for (std::size_t p = 0; p + 1 < raw_pages.size(); ++p) {
      for (std::size_t cut = 3; cut + 3 <= t.size(); cut += 3) {
        if (raw_pages[p].find(t.substr(0, cut)) != std::string::npos &&
            raw_pages[p + 1].find(t.substr(cut)) != std::string::npos) {
          return true;
        }
      }
    }
    return false;
  };
  std::size_t checked = 0, exact = 0, reasons = 0;
  for (const std::string period : {"p1", "p2"}) {
    for (const PlanText& pt : plan_texts(period)) {
      const std::string t = without_marks(pt.text);
      if (t.empty()) continue;
      // The detail table's measure rows put the cells of a row on one line,
      // which both tools read across the page: ResultsDetail reads the
      // 第1期 texts only it shows (計画, 取組状況, 成果指標) a column at a time.
      if (period == "p1" && (pt.element == "planned" || pt.element == "done" || pt.element == "indicator")) continue;
      ++checked;
      const std::size_t n = printed(t);
      const bool split = n == 0 || (period == "p1" && pt.element == "reason" && n == 1) ? split_over_pages(t) : false;
      EXPECT_TRUE(n > 0 || split) << period << " <" << pt.element << "> " << pt.text;
      // Where the packet has a text once, the views that show it say how
      // often it is printed: the plan sheets alone show 第2期's texts; the
      // unmet table and the detail table both give a FY2023 reason.
      if (occurrences(xml_text, t) != 1) continue;
      if (period == "p2" && pt.element != "indicator") {
        ++exact;
        EXPECT_EQ(n, 1u) << "<" << pt.element << "> " << pt.text;
      } else if (period == "p1" && pt.element == "reason" && pt.fy == "2023") {
        ++reasons;
        // Read whole twice, or once and split over a page break once.
        EXPECT_EQ(n + (split ? 1 : 0), 2u) << "<reason fy=2023> " << pt.text;
      }
    }
  }
  EXPECT_GT(checked, 250u);  // besides the 第1期 texts ResultsDetail reads
  EXPECT_GT(exact, 120u);
  EXPECT_EQ(reasons, 10u);  // every FY2023 reason of the packet
}

}  // namespace
}  // namespace shiryo::testing
