// Writes a large valid packet to stdout, the same bytes for the same
// arguments: a plan whose first period has ROWS indicators (the rows of the
// landscape <results-detail> table, three per item) and whose second period
// has SHEETS items (one <plan-sheets> sheet each), plus PROSE sections of
// generic blocks (headings, paragraphs and a table, about a page each).
//
//   gen_packet [--sheets N] [--rows M] [--prose P] [--seed S]
//
// The elements are those of plan-format.md §6–7 and the bundled packet;
// every figure is consistent (each FY2023 target has a result, pending or
// not), so the packet builds without errors.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "long_table.h"

namespace {

using shiryo::testing::SeedSequence;

const std::vector<std::string> kPhrases = {
    "職員アンケートを実施し", "結果を踏まえた研修の充実に取り組む", "業務の効率化を図るため",
    "電子申請の対象手続を拡大する", "公共施設の長寿命化計画に基づき", "計画的な修繕を実施する",
    "市民との協働による事業を推進し", "地域の課題解決に取り組む", "債権の確実な収納に向けて",
    "納付しやすい環境を整備する", "ペーパーレス化を進めるとともに", "会議資料の電子化を図る",
    "外部の専門機関と連携して", "効果の検証を行う", "財源の確保に努め", "事務事業の見直しを進める",
    "情報発信の充実を図り", "窓口サービスの向上に取り組む"};
const std::vector<std::string> kDepts = {"職員課", "行政経営課", "財政課", "情報政策課", "市民協働推進課",
                                         "納税課", "施設営繕課", "広報課"};
const std::vector<std::string> kUnits = {"%", "人", "件", "回", "千円"};

std::string sentence(SeedSequence& seq, int phrases) {
  std::string out;
  for (int i = 0; i < phrases; ++i) {
    out += kPhrases[seq.next() % kPhrases.size()];
    out += i + 1 < phrases ? "、" : "。";
  }
  return out;
}

// The first `chars` characters of text made only of kPhrases (all three-byte UTF-8).
std::string first_chars(const std::string& text, std::size_t chars) { return text.substr(0, 3 * chars); }

std::string goal_title(std::size_t g) {
  static const std::vector<std::string> titles = {"強くしなやかな組織をつくる", "強い財政基盤を確立する",
                                                  "市民協働により公共サービスを向上させる"};
  return titles[g % titles.size()];
}

struct Counts {
  std::size_t sheets = 300;
  std::size_t rows = 600;
  std::size_t prose = 0;
  uint64_t seed = 7;
};

// Items are spread over three goals of four areas each, in order.
constexpr std::size_t kGoals = 3;
constexpr std::size_t kAreas = 4;

// The first period (FY2021–2023): items with measures, yearly plans and
// three indicators each, numbered results and reasons for the unmet ones.
void period_one(std::string& out, SeedSequence& seq, std::size_t rows) {
  const std::size_t items = (rows + 2) / 3;
  out += "    <period id=\"p1\" title=\"第1期実施計画\" from-fy=\"2021\" to-fy=\"2023\" achieved-at=\"100\">\n";
  std::size_t item = 0, indicator = 0;
  for (std::size_t g = 0; g < kGoals; ++g) {
    out += "      <goal id=\"G" + std::to_string(g + 1) + "\" title=\"" + goal_title(g) + "\">\n";
    for (std::size_t a = 0; a < kAreas; ++a) {
      out += "        <area id=\"A" + std::to_string(g + 1) + "-" + std::to_string(a + 1) + "\" title=\"" +
             first_chars(sentence(seq, 1), 8) + "\">\n";
      // This area's share of the items, so every goal and area has some when there are enough.
      const std::size_t end = items * (g * kAreas + a + 1) / (kGoals * kAreas);
      for (; item < end; ++item) {
        const std::string id = "p1-" + std::to_string(item + 1);
        out += "          <item id=\"" + id + "\" title=\"" + sentence(seq, 1) + "\" depts=\"" +
               kDepts[seq.next() % kDepts.size()] + "\">\n";
        for (int m = 0; m < 2; ++m) out += "            <measure status=\"continued\">" + sentence(seq, 2) + "</measure>\n";
        for (int fy = 2021; fy <= 2023; ++fy) {
          out += "            <year fy=\"" + std::to_string(fy) + "\">\n              <planned>" + sentence(seq, 2) +
                 "</planned>\n              <done>" + sentence(seq, 3) + "</done>\n            </year>\n";
        }
        for (int k = 0; k < 3 && indicator < rows; ++k, ++indicator) {
          const std::string unit = kUnits[seq.next() % kUnits.size()];
          const int target = seq.between(10, 200);
          out += "            <indicator id=\"" + id + "-" + std::to_string(k + 1) + "\" name=\"" +
                 sentence(seq, 1) + "件数\" unit=\"" + unit + "\" decimals=\"0\" better=\"higher\">\n";
          for (int fy = 2021; fy <= 2023; ++fy) {
            out += "              <target fy=\"" + std::to_string(fy) + "\" value=\"" + std::to_string(target) + "\"/>\n";
          }
          out += "              <actual fy=\"2021\" value=\"" + std::to_string(seq.between(0, 2 * target)) + "\"/>\n";
          out += "              <actual fy=\"2022\" value=\"" + std::to_string(seq.between(0, 2 * target)) + "\"/>\n";
          if (seq.next() % 5 == 0) {
            out += "              <actual fy=\"2023\" pending=\"決算後に集計するため未定\"/>\n";
          } else {
            const int actual = seq.between(0, 2 * target);
            out += "              <actual fy=\"2023\" value=\"" + std::to_string(actual) + "\"/>\n";
            if (actual < target) {
              out += "              <reason fy=\"2023\">" + sentence(seq, 3) + "</reason>\n";
              out += "              <next fy=\"2023\">" + sentence(seq, 2) + "</next>\n";
            }
          }
          out += "            </indicator>\n";
        }
        out += "          </item>\n";
      }
      out += "        </area>\n";
    }
    out += "      </goal>\n";
  }
  out += "    </period>\n";
}

// The second period (FY2024–2026): one plan sheet per item — 目指す姿, 課題,
// measures with yearly steps, indicators with a baseline, related plans.
void period_two(std::string& out, SeedSequence& seq, std::size_t sheets) {
  out += "    <period id=\"p2\" title=\"第2期実施計画\" from-fy=\"2024\" to-fy=\"2026\" achieved-at=\"80\">\n";
  std::size_t item = 0;
  for (std::size_t g = 0; g < kGoals; ++g) {
    out += "      <goal id=\"G" + std::to_string(g + 1) + "\" title=\"" + goal_title(g) + "\">\n";
    for (std::size_t a = 0; a < kAreas; ++a) {
      out += "        <area id=\"A" + std::to_string(g + 1) + "-" + std::to_string(a + 1) + "\" title=\"" +
             first_chars(sentence(seq, 1), 8) + "\">\n";
      const std::size_t end = sheets * (g * kAreas + a + 1) / (kGoals * kAreas);
      for (; item < end; ++item) {
        const std::string id = "p2-" + std::to_string(item + 1);
        out += "          <item id=\"" + id + "\" title=\"" + sentence(seq, 1) + "\" sdgs=\"" +
               std::to_string(seq.between(1, 17)) + "\">\n";
        for (int v = 0; v < 2; ++v) out += "            <vision>" + sentence(seq, 3) + "</vision>\n";
        out += "            <challenge>" + sentence(seq, 3) + "</challenge>\n";
        for (int m = 0; m < 3; ++m) {
          out += "            <measure dept=\"" + kDepts[seq.next() % kDepts.size()] + "\" status=\"" +
                 (m == 2 ? "new" : "continued") + "\">" + sentence(seq, 2) + "\n";
          if (m == 0) {
            out += "              <step fy=\"2024\">調査</step>\n              <step fy=\"2025\">見直し</step>\n"
                   "              <step fy=\"2026\">効果検証</step>\n";
          } else {
            out += "              <step fy=\"2024\" through=\"2026\">実施</step>\n";
          }
          out += "            </measure>\n";
        }
        for (int k = 0; k < 2; ++k) {
          const int target = seq.between(10, 200);
          out += "            <indicator id=\"" + id + "-" + std::to_string(k + 1) + "\" name=\"" +
                 sentence(seq, 1) + "件数\" unit=\"件\" decimals=\"0\" baseline=\"" +
                 std::to_string(seq.between(0, target)) + "\">\n              ";
          for (int fy = 2024; fy <= 2026; ++fy) {
            out += "<target fy=\"" + std::to_string(fy) + "\" value=\"" + std::to_string(target) + "\"/>";
          }
          out += "\n            </indicator>\n";
        }
        out += "            <related>厚木市" + first_chars(sentence(seq, 1), 6) + "計画</related>\n";
        out += "          </item>\n";
      }
      out += "        </area>\n";
    }
    out += "      </goal>\n";
  }
  out += "    </period>\n";
}

// Generic blocks, about one A4 page per section.
void prose(std::string& out, SeedSequence& seq, std::size_t sections) {
  for (std::size_t s = 0; s < sections; ++s) {
    out += "    <h2>(" + std::to_string(s + 1) + ") " + sentence(seq, 1) + "</h2>\n";
    for (int p = 0; p < 4; ++p) out += "    <p>" + sentence(seq, 8) + "</p>\n";
    out += "    <table>\n      <col width=\"20%\"/><col width=\"*\"/><col width=\"15%\"/>\n"
           "      <thead><tr><th>区分</th><th>内容</th><th>担当課</th></tr></thead>\n      <tbody>\n";
    for (int r = 0; r < 6; ++r) {
      out += "        <tr><td>" + std::to_string(r + 1) + "</td><td>" + sentence(seq, 3) + "</td><td>" +
             kDepts[seq.next() % kDepts.size()] + "</td></tr>\n";
    }
    out += "      </tbody>\n    </table>\n";
  }
}

std::string packet(const Counts& c) {
  SeedSequence seq(c.seed);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- A generated benchmark packet (bench/gen_packet.cpp). -->\n"
      "<packet version=\"1\" lang=\"ja\">\n"
      "  <meta>\n"
      "    <title>ベンチマーク用行政改革調査委員会</title>\n"
      "    <held start=\"2024-03-14T14:00\" place=\"本庁舎4階 大会議室\"/>\n"
      "    <author>政策部 行政経営課</author>\n"
      "  </meta>\n"
      "  <plan id=\"bench\" title=\"第7次行政改革大綱\" from-fy=\"2021\" to-fy=\"2026\">\n";
  period_one(out, seq, c.rows);
  period_two(out, seq, c.sheets);
  out += "  </plan>\n"
         "  <agenda>\n    <item>開会</item>\n    <item doc=\"s1\">取組状況について</item>\n"
         "    <item doc=\"s2\">実施計画について</item>\n";
  if (c.prose) out += "    <item doc=\"s3\">報告事項</item>\n";
  out += "    <item>閉会</item>\n  </agenda>\n"
         "  <roster>\n    <member role=\"委員長\" name=\"岩崎 忠\"/>\n    <member role=\"委員\" name=\"山田 花子\"/>\n"
         "  </roster>\n"
         "  <document id=\"s1\" label=\"資料1\" title=\"令和5年度の取組状況について\">\n"
         "    <h1>1　令和5年度取組状況</h1>\n"
         "    <results fy=\"2023\" period=\"p1\" part=\"summary\"/>\n"
         "    <part orientation=\"landscape\">\n      <results-detail period=\"p1\"/>\n    </part>\n"
         "  </document>\n"
         "  <document id=\"s2\" label=\"資料2\" title=\"第2期実施計画\" orientation=\"landscape\">\n"
         "    <plan-sheets period=\"p2\"/>\n"
         "  </document>\n";
  if (c.prose) {
    out += "  <document id=\"s3\" label=\"資料3\" title=\"報告事項\">\n";
    prose(out, seq, c.prose);
    out += "  </document>\n";
  }
  out += "</packet>\n";
  return out;
}

bool count_arg(const char* value, std::size_t& out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(value, &end, 10);
  if (!*value || *end) return false;
  out = static_cast<std::size_t>(v);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Counts c;
  for (int i = 1; i < argc; i += 2) {
    std::size_t v = 0;
    if (i + 1 >= argc || !count_arg(argv[i + 1], v)) {
      std::fprintf(stderr, "usage: gen_packet [--sheets N] [--rows M] [--prose P] [--seed S]\n");
      return 2;
    }
    if (std::strcmp(argv[i], "--sheets") == 0) c.sheets = v;
    else if (std::strcmp(argv[i], "--rows") == 0) c.rows = v;
    else if (std::strcmp(argv[i], "--prose") == 0) c.prose = v;
    else if (std::strcmp(argv[i], "--seed") == 0) c.seed = v;
    else {
      std::fprintf(stderr, "gen_packet: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  const std::string text = packet(c);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
