// `shiryo --version` and `shiryo fonts`: the fonts named with their files,
// versions and SHA-256, checked against sha256sum and fc-scan.
#include <gtest/gtest.h>

#include <sstream>

#include "harness.h"

namespace shiryo::testing {
namespace {

// The fields of each tab-separated line that names a .ttf file.
std::vector<std::vector<std::string>> font_lines(const std::string& out) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(".ttf\t") == std::string::npos) continue;
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    rows.push_back(fields);
  }
  return rows;
}

void expect_true_to_the_file(const std::vector<std::string>& row) {
  ASSERT_EQ(row.size(), 4u);
  const std::string sum = run("sha256sum " + quote(row[1])).out;
  EXPECT_EQ(sum.substr(0, 64), row[3]) << row[1];
  // fc-scan gives the head table's revision as 16.16 fixed point: 1.05 is 68813.
  const std::string fixed = run("fc-scan --format '%{fontversion}' " + quote(row[1])).out;
  const double revision = std::stod(fixed) / 65536.0;
  char expected[32];
  std::snprintf(expected, sizeof expected, "Version %.2f", revision);
  EXPECT_EQ(row[2].rfind(expected, 0), 0u) << row[2] << " vs " << expected;
}

TEST(Fonts, VersionNamesEveryConfiguredFontWithItsVersionAndHash) {
  const RunResult r = shiryo("--version");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("shiryo ", 0), 0u) << r.out;
  const std::string config = read_file(source_path("fonts/fontset.xml"));
  const auto rows = font_lines(r.out);
  std::size_t faces = 0;
  for (auto at = config.find("<face "); at != std::string::npos; at = config.find("<face ", at + 1)) ++faces;
  ASSERT_EQ(rows.size(), faces) << r.out;
  for (auto row : rows) {
    row[0] = row[0].substr(row[0].find_first_not_of(' '));
    EXPECT_NE(config.find("name=\"" + row[0] + "\""), std::string::npos) << row[0];
    expect_true_to_the_file(row);
  }
}

TEST(Fonts, ListsTheRolesOfALayoutSetAndTheFacesTheyUse) {
  const RunResult r = shiryo("fonts --layout default");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string layout = read_file(source_path("layouts/default/layout.xml"));
  // Each role line as the layout set writes it.
  EXPECT_NE(r.out.find("mincho\tBIZUDMincho-Regular BIZUDGothic-Regular\n"), std::string::npos) << r.out;
  EXPECT_NE(layout.find("<role name=\"mincho\" faces=\"BIZUDMincho-Regular BIZUDGothic-Regular\"/>"), std::string::npos);
  const auto rows = font_lines(r.out);
  ASSERT_EQ(rows.size(), 3u) << r.out;  // Mincho, Gothic, Gothic Bold
  for (const auto& row : rows) expect_true_to_the_file(row);

  const RunResult missing = shiryo("fonts --layout no-such-set");
  EXPECT_EQ(missing.status, 3);
  EXPECT_NE(missing.err.find("layout set 'no-such-set' not found"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace shiryo::testing
