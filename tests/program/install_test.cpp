// `cmake --install`: the installed program finds its layout sets, fonts,
// schema and starter under its prefix, and builds the bundled packet.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness.h"

namespace shiryo::testing {
namespace {

namespace fs = std::filesystem;

TEST(Install, TheInstalledProgramBuildsFromItsPrefix) {
  TempDir prefix;
  const RunResult install = run("cmake --install " + quote(SHIRYO_BUILD_DIR) + " --prefix " + quote(prefix.path().string()));
  ASSERT_EQ(install.status, 0) << install.out << install.err;
  const fs::path share = prefix / "share/shiryo";
  for (const char* file : {"bin/shiryo", "share/shiryo/layouts/default/layout.xml", "share/shiryo/layouts/compact/layout.xml",
                           "share/shiryo/fonts/fontset.xml", "share/shiryo/schema/shiryo.rng",
                           "share/shiryo/starter/packet.xml", "share/man/man1/shiryo.1"}) {
    EXPECT_TRUE(fs::is_regular_file(prefix / file)) << file;
  }
  const std::string installed = quote((prefix / "bin/shiryo").string());

  // The bundled packet: the same bytes as the build tree's program makes.
  TempDir out;
  const std::string packet = quote(source_path("input/atsugi-r5-2.xml"));
  const RunResult a = run(installed + " build " + packet + " -o " + quote((out / "installed.pdf").string()));
  ASSERT_EQ(a.status, 0) << a.err;
  const RunResult b = shiryo("build " + packet + " -o " + quote((out / "built.pdf").string()));
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(read_file(out / "installed.pdf"), read_file(out / "built.pdf"));
  EXPECT_NE(squeeze(run("pdftotext " + quote((out / "installed.pdf").string()) + " -").out).find("委員名簿"),
            std::string::npos);

  // Layout sets are looked up under the prefix first: a set that exists only
  // there is found.
  fs::copy(share / "layouts/default", share / "layouts/only-installed", fs::copy_options::recursive);
  const RunResult c = run(installed + " build --layout only-installed " + packet + " -o " +
                          quote((out / "only.pdf").string()));
  EXPECT_EQ(c.status, 0) << c.err;
  const RunResult help = run(installed + " help build");
  EXPECT_NE(help.out.find((share / "layouts/NAME/layout.xml").string()), std::string::npos) << help.out;

  // init takes its starter and schema from the prefix.
  const RunResult init = run(installed + " init " + quote((out / "new").string()));
  ASSERT_EQ(init.status, 0) << init.err;
  EXPECT_EQ(read_file(out / "new/shiryo.rng"), read_file(share / "schema/shiryo.rng"));
}

TEST(Install, TheManPageCoversEveryCommand) {
  const fs::path page = fs::path(SHIRYO_BUILD_DIR) / "shiryo.1";
  const RunResult man = run("man -l " + quote(page.string()) + " 2>&1 | col -b | tr -s ' '");
  ASSERT_EQ(man.status, 0) << man.out;
  // The commands `shiryo --help` lists, each with its own entry.
  const RunResult help = shiryo("--help");
  const std::string commands = help.out.substr(help.out.find("commands:"), help.out.find("options:") - help.out.find("commands:"));
  int found = 0;
  std::istringstream lines(commands);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  ", 0) != 0 || line.size() < 3 || line[2] == ' ') continue;
    const std::string command = line.substr(2, line.find(' ', 2) - 2);
    EXPECT_NE(man.out.find("shiryo " + command), std::string::npos) << command << " in the synopsis";
    EXPECT_TRUE(man.out.find("\n " + command + "\n") != std::string::npos ||
                man.out.find("\n " + command + " ") != std::string::npos)
        << command << " in COMMANDS";
    ++found;
  }
  EXPECT_GE(found, 9);
}

}  // namespace
}  // namespace shiryo::testing
