#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/archive.h"
#include "cli/archive_folder.h"
#include "cli/build.h"
#include "cli/figures.h"
#include "cli/fonts.h"
#include "cli/init.h"
#include "cli/options.h"
#include "cli/watch.h"
#include "pdf/pdf_reader.h"

int main(int argc, char** argv) {
  using namespace shiryo::cli;
  const std::vector<std::string> args(argv + 1, argv + argc);
  const ParseResult parsed = parse_arguments(args);
  if (!parsed.options) {
    std::cerr << "shiryo: error: " << parsed.error << "\n";
    return kUsage;
  }
  const Options& options = *parsed.options;
  switch (options.command) {
    case Command::version:
      return run_version(std::cout, std::cerr);
    case Command::fonts:
      return run_fonts(options, std::cout, std::cerr);
    case Command::help:
      {
        std::vector<std::string> places;
        for (const auto& dir : data_directories()) places.push_back(dir + "/layouts/NAME/layout.xml");
        std::cout << help_text(options.help_topic, places);
      }
      return kSuccess;
    case Command::build:
    case Command::check:
      try {
        return run_build(options, std::cerr);
      } catch (const std::exception& e) {
        std::cerr << "shiryo: error: " << e.what() << "\n";
        return kEnvironment;
      }
    case Command::watch:
      return run_watch(options, std::cerr);
    case Command::figures:
      return run_figures(options, std::cout, std::cerr);
    case Command::init:
      return run_init(options, std::cout, std::cerr);
    case Command::archive:
      try {
        return run_archive_folder(options, std::cout, std::cerr);
      } catch (const std::exception& e) {
        std::cerr << "shiryo: error: " << e.what() << "\n";
        return kEnvironment;
      }
    case Command::extract:
    case Command::rebuild:
    case Command::sign:
    case Command::timestamp:
    case Command::verify:
      try {
        if (options.command == Command::extract) return run_extract(options, std::cout, std::cerr);
        if (options.command == Command::rebuild) return run_rebuild(options, std::cout, std::cerr);
        if (options.command == Command::sign) return run_sign(options, std::cout, std::cerr);
        if (options.command == Command::timestamp) return run_timestamp(options, std::cout, std::cerr);
        return run_verify(options, std::cout, std::cerr);
      } catch (const shiryo::pdf::DamagedPdf& e) {
        std::cerr << "shiryo: error: " << e.what() << "\n";
        return kInputError;
      } catch (const std::exception& e) {
        std::cerr << "shiryo: error: " << e.what() << "\n";
        return kEnvironment;
      }
    default:
      std::cerr << "shiryo: error: '" << args.front() << "' is not available yet\n";
      return kUsage;
  }
}
