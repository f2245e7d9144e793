// The command line of cli.md: subcommands, options, and what each means.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace shiryo::cli {

enum class Command {
  build, check, figures, watch, fonts, extract, rebuild, sign, timestamp, verify, archive, init, help, version
};

struct Options {
  Command command = Command::help;
  std::string input;                 // PACKET.xml
  std::optional<std::string> output; // -o
  std::optional<std::string> layout; // --layout
  std::optional<std::string> date;   // --date
  std::string pdfa = "3u";           // --pdfa
  bool pdfua = false;                // --pdfua: tagged, PDF/UA-1 declared
  bool timings = false;              // --timings
  bool warnings_are_errors = false;  // -W error
  std::string help_topic;            // help COMMAND
  std::optional<std::string> period; // figures --period
  std::optional<int> fy;             // figures --fy
  bool counts = false;               // figures --counts
  bool csv = false;                  // figures --csv
  bool excel = false;                // figures --excel: numbers as numbers, a BOM or CP932
  std::string encoding = "utf-8";    // figures --encoding utf-8|cp932
  std::optional<std::string> xlsx;   // figures --xlsx OUT.xlsx
  bool allow_font_change = false;    // rebuild --allow-font-change
  bool force = false;                // extract --force
  // sign (cli/archive.h)
  std::optional<std::string> p12;            // --p12
  std::optional<std::string> password_file;  // --password-file
  std::optional<std::string> reason;         // --reason
  std::optional<std::string> location;       // --location
  std::optional<std::string> signer_name;    // --name
  std::optional<std::string> visible;        // --visible DOC-ID
  std::optional<std::string> tsa;            // --tsa URL: RFC 3161 time-stamping authority
  long tsa_timeout = 30;                     // --tsa-timeout SECONDS
  std::optional<std::string> validation_time;  // verify --validation-time DATE
  bool json = false;                           // verify --json
  std::vector<std::string> trust;            // --trust FILE.pem, repeatable (verify; sign and timestamp with --ltv)
  bool ltv = false;                          // sign/timestamp --ltv: a /DSS after the signature
  std::vector<std::string> crls;             // --crl FILE, repeatable
  std::vector<std::string> ocsp_responses;   // --ocsp-response FILE, repeatable
  long fetch_timeout = 30;                   // --fetch-timeout SECONDS: each CRL or OCSP exchange of --ltv
  std::optional<std::string> from;           // init --from PACKET.xml
  // archive add|verify|list DIR (cli/archive_folder.h); DIR is `input`
  std::string archive_action;
  std::vector<std::string> archive_files;  // archive add DIR FILE.pdf…
  std::optional<int> archive_year;         // archive list --year FY
};

struct ParseResult {
  std::optional<Options> options;
  std::string error;  // a usage error (exit status 2) when options is empty
};

ParseResult parse_arguments(const std::vector<std::string>& args);

std::string help_text(const std::string& topic, const std::vector<std::string>& layout_places);

// `input/r5-2.xml` → `input/r5-2.pdf`.
std::string default_output(const std::string& input);

}  // namespace shiryo::cli
