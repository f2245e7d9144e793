#include "cli/options.h"

#include <charconv>
#include <map>

#include "cli/archive_folder.h"
#include "cli/fonts.h"
#include "cli/init.h"
#include "cli/watch.h"

namespace shiryo::cli {
namespace {

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> kCommands{
      {"build", Command::build},     {"check", Command::check},   {"figures", Command::figures},
      {"extract", Command::extract}, {"rebuild", Command::rebuild}, {"sign", Command::sign},
      {"verify", Command::verify},   {"init", Command::init},       {"watch", Command::watch},
      {"fonts", Command::fonts},     {"timestamp", Command::timestamp}, {"archive", Command::archive},
      {"help", Command::help}};
  return kCommands;
}

// extract, rebuild, sign and verify: a PDF and the options of each.
ParseResult parse_archive_arguments(Options o, const std::vector<std::string>& args) {
  const std::string name = args[0];
  const Command c = o.command;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::optional<std::string>& out, const char* what) -> std::optional<std::string> {
      if (i + 1 >= args.size()) return a + " needs " + what;
      out = args[++i];
      return std::nullopt;
    };
    std::optional<std::string> problem;
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      o.help_topic = name;
      return {o, {}};
    } else if (a == "-o" && c != Command::verify) {
      problem = value(o.output, c == Command::extract ? "a directory" : "a file name");
    } else if (a == "--force" && c == Command::extract) {
      o.force = true;
    } else if (a == "--allow-font-change" && c == Command::rebuild) {
      o.allow_font_change = true;
    } else if (a == "--p12" && c == Command::sign) {
      problem = value(o.p12, "a PKCS#12 file");
    } else if (a == "--password-file" && c == Command::sign) {
      problem = value(o.password_file, "a file holding the password");
    } else if (a == "--reason" && c == Command::sign) {
      problem = value(o.reason, "a text");
    } else if (a == "--location" && c == Command::sign) {
      problem = value(o.location, "a text");
    } else if (a == "--name" && c == Command::sign) {
      problem = value(o.signer_name, "a text");
    } else if (a == "--visible" && c == Command::sign) {
      problem = value(o.visible, "a document id");
    } else if (a == "--date" && c == Command::sign) {
      problem = value(o.date, "a date, e.g. 2024-03-14T09:30:00+09:00");
    } else if (a == "--json" && c == Command::verify) {
      o.json = true;
    } else if (a == "--offline" && c == Command::verify) {
      // verify reads the file's own validation data and fetches nothing:
      // the flag is granted as it stands.
    } else if (a == "--validation-time" && c == Command::verify) {
      problem = value(o.validation_time, "a date, e.g. 2030-04-01T09:00:00+09:00");
    } else if (a == "--tsa" && (c == Command::sign || c == Command::timestamp)) {
      problem = value(o.tsa, "the URL of a time-stamping authority");
    } else if ((a == "--tsa-timeout" || a == "--fetch-timeout") && (c == Command::sign || c == Command::timestamp)) {
      std::optional<std::string> seconds;
      problem = value(seconds, "a number of seconds");
      if (seconds) {
        long n = 0;
        const auto [end, ec] = std::from_chars(seconds->data(), seconds->data() + seconds->size(), n);
        if (ec != std::errc() || end != seconds->data() + seconds->size() || n < 1 || n > 600) {
          problem = a + " '" + *seconds + "' is not a number of seconds from 1 to 600";
        }
        (a == "--tsa-timeout" ? o.tsa_timeout : o.fetch_timeout) = n;
      }
    } else if (a == "--ltv" && (c == Command::sign || c == Command::timestamp)) {
      o.ltv = true;
    } else if ((a == "--crl" || a == "--ocsp-response") && (c == Command::sign || c == Command::timestamp)) {
      std::optional<std::string> file;
      problem = value(file, a == "--crl" ? "a CRL file (DER or PEM)" : "an OCSP response file (DER)");
      if (file) (a == "--crl" ? o.crls : o.ocsp_responses).push_back(*file);
    } else if (a == "--trust" && (c == Command::verify || c == Command::sign || c == Command::timestamp)) {
      std::optional<std::string> file;
      problem = value(file, "a PEM file of trust anchors");
      if (file) o.trust.push_back(*file);
    } else if (!a.empty() && a[0] == '-') {
      return {std::nullopt, "unknown option '" + a + "' for " + name + "; see 'shiryo help " + name + "'"};
    } else if (o.input.empty()) {
      o.input = a;
    } else {
      return {std::nullopt, "unexpected argument '" + a + "'; " + name + " takes one PDF file"};
    }
    if (problem) return {std::nullopt, *problem};
  }
  if (o.input.empty()) return {std::nullopt, name + " needs a PDF file; see 'shiryo help " + name + "'"};
  if (!o.output && c != Command::verify) {
    return {std::nullopt, name + " needs -o " + (c == Command::extract ? "DIR" : "OUT.pdf")};
  }
  if (c == Command::sign && (!o.p12 || !o.password_file)) {
    return {std::nullopt, "sign needs --p12 FILE and --password-file FILE"};
  }
  if (c == Command::timestamp && !o.tsa) return {std::nullopt, "timestamp needs --tsa URL"};
  if ((!o.crls.empty() || !o.ocsp_responses.empty() || !o.trust.empty()) && c != Command::verify && !o.ltv) {
    return {std::nullopt, "--crl, --ocsp-response and --trust go with --ltv for " + name};
  }
  return {o, {}};
}

}  // namespace

std::string default_output(const std::string& input) {
  const auto slash = input.find_last_of('/');
  const auto dot = input.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return input + ".pdf";
  return input.substr(0, dot) + ".pdf";
}

ParseResult parse_arguments(const std::vector<std::string>& args) {
  Options o;
  if (args.empty()) return {o, {}};
  const std::string& first = args[0];
  if (first == "--help" || first == "-h") return {o, {}};
  if (first == "--version") {
    o.command = Command::version;
    return {o, {}};
  }
  const auto it = commands().find(first);
  if (it == commands().end()) {
    return {std::nullopt, "unknown command '" + first + "'; see 'shiryo --help'"};
  }
  o.command = it->second;
  const std::string name = first;
  if (o.command == Command::help) {
    if (args.size() > 2) return {std::nullopt, "help takes at most one command"};
    if (args.size() == 2) {
      if (!commands().count(args[1])) return {std::nullopt, "unknown command '" + args[1] + "'; see 'shiryo --help'"};
      o.help_topic = args[1];
    }
    return {o, {}};
  }
  if (o.command == Command::init) return parse_init_arguments(o, args);
  if (o.command == Command::archive) return parse_archive_folder_arguments(o, args);
  if (o.command == Command::fonts) {
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--help" || args[i] == "-h") {
        o.command = Command::help;
        o.help_topic = name;
        return {o, {}};
      }
      if (args[i] != "--layout") return {std::nullopt, "unknown argument '" + args[i] + "' for fonts; see 'shiryo help fonts'"};
      if (i + 1 >= args.size()) return {std::nullopt, "--layout needs a layout set name"};
      o.layout = args[++i];
    }
    return {o, {}};
  }
  if (o.command != Command::build && o.command != Command::check && o.command != Command::figures &&
      o.command != Command::watch) {
    return parse_archive_arguments(o, args);
  }

  // watch takes build's options, but --timings.
  const bool watch = o.command == Command::watch;
  const bool build = o.command == Command::build || watch;
  const bool figures = o.command == Command::figures;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      o.help_topic = name;
      return {o, {}};
    } else if (a == "-o" && (build || figures)) {
      if (!value(v)) return {std::nullopt, "-o needs a file name"};
      o.output = v;
    } else if (a == "--period" && figures) {
      if (!value(v)) return {std::nullopt, "--period needs a period id"};
      o.period = v;
    } else if (a == "--fy" && figures) {
      if (!value(v)) return {std::nullopt, "--fy needs a fiscal year, e.g. 2023"};
      int year = 0;
      const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), year);
      if (ec != std::errc() || ptr != v.data() + v.size() || year < 1873 || year > 9999) {
        return {std::nullopt, "--fy '" + v + "' is not a fiscal year; expected e.g. 2023"};
      }
      o.fy = year;
    } else if (a == "--counts" && figures) {
      o.counts = true;
    } else if (a == "--csv" && figures) {
      o.csv = true;
    } else if (a == "--excel" && figures) {
      o.excel = true;
    } else if (a == "--encoding" && figures) {
      if (!value(v)) return {std::nullopt, "--encoding needs utf-8 or cp932"};
      if (v != "utf-8" && v != "cp932") return {std::nullopt, "--encoding '" + v + "' is not known; expected utf-8 or cp932"};
      o.encoding = v;
      o.excel = true;
    } else if (a == "--xlsx" && figures) {
      if (!value(v)) return {std::nullopt, "--xlsx needs a file name"};
      o.xlsx = v;
    } else if (a == "--layout" && !figures) {
      if (!value(v)) return {std::nullopt, "--layout needs a layout set name"};
      o.layout = v;
    } else if (a == "--date" && build) {
      if (!value(v)) return {std::nullopt, "--date needs a date, e.g. 2024-03-14"};
      o.date = v;
    } else if (a == "--pdfa" && build) {
      if (!value(v)) return {std::nullopt, "--pdfa needs 3a, 3u, 2u or none"};
      if (v != "3a" && v != "3u" && v != "2u" && v != "none") {
        return {std::nullopt, "--pdfa '" + v + "' is not known; expected 3a, 3u, 2u or none"};
      }
      o.pdfa = v;
    } else if (a == "--pdfua" && build) {
      o.pdfua = true;
    } else if (a == "--timings" && build && !watch) {
      o.timings = true;
    } else if ((a == "-W" || a == "-Werror") && !figures) {
      if (a == "-W" && (!value(v) || v != "error")) return {std::nullopt, "-W takes 'error'"};
      o.warnings_are_errors = true;
    } else if (!a.empty() && a[0] == '-') {
      return {std::nullopt, "unknown option '" + a + "' for " + name + "; see 'shiryo help " + name + "'"};
    } else if (o.input.empty()) {
      o.input = a;
    } else {
      return {std::nullopt, "unexpected argument '" + a + "'; " + name + " takes one packet file"};
    }
  }
  if (o.input.empty()) return {std::nullopt, name + " needs a packet file; see 'shiryo help " + name + "'"};
  if (o.xlsx && (o.csv || o.counts || o.excel || o.output)) {
    return {std::nullopt, "--xlsx writes the workbook alone; it takes no --csv, --excel, --encoding, --counts or -o"};
  }
  if (o.xlsx && !o.fy) return {std::nullopt, "--xlsx needs --fy YEAR: a workbook collects one fiscal year's results"};
  if (o.excel && !o.csv) return {std::nullopt, "--excel and --encoding shape CSV; add --csv"};
  return {o, {}};
}

std::string help_text(const std::string& topic, const std::vector<std::string>& layout_places) {
  std::string places;
  for (const auto& d : layout_places) places += "  " + d + "\n";
  if (topic == "build") {
    return "usage: shiryo build PACKET.xml [-o OUT.pdf] [--layout NAME] [--date DATE]\n"
           "                    [--pdfa 3a|3u|2u|none] [--pdfua] [--timings] [-W error]\n\n"
           "Typesets the packet to a PDF. The output is written only when the build\n"
           "succeeds; a failed build leaves the file at the output path untouched.\n"
           "An output that is the same file as an input (the packet, a layout set, the\n"
           "font configuration) is refused (status 2). A regular file is replaced whole\n"
           "by renaming a finished copy over it; a symbolic link at OUT.pdf is replaced\n"
           "the same way, its target left untouched. A device or a FIFO is written to\n"
           "directly, and -o - writes the PDF to standard output.\n\n"
           "  -o OUT.pdf      output file, or - (default: the packet's path with .pdf)\n"
           "  --layout NAME   layout set (default: the packet's layout attribute, else default)\n"
           "  --date DATE     the PDF's dates: 2024-03-14 (00:00 +09:00) or\n"
           "                  2024-03-14T09:30:00+09:00; else SOURCE_DATE_EPOCH, else the\n"
           "                  meeting day at 00:00 +09:00. Never the clock.\n"
           "  --pdfa LEVEL    3u (default): PDF/A-3u with the sources embedded;\n"
           "                  3a: the same, tagged (PDF/A-3a); 2u: PDF/A-2u without\n"
           "                  the sources; none: plain PDF\n"
           "  --pdfua         a tagged PDF for screen readers, declared PDF/UA-1\n"
           "                  (structure tree, reading order, artifacts; docs/pdfa.md)\n"
           "  --timings       print each stage's time and peak memory to stderr\n"
           "  -W error        treat warnings as errors\n\n"
           "Layout sets are looked up in:\n" + places;
  }
  if (topic == "figures") {
    return "usage: shiryo figures PACKET.xml [--period ID] [--fy YEAR] [--counts] [--csv]\n"
           "                      [--excel] [--encoding utf-8|cp932] [-o FILE]\n"
           "       shiryo figures PACKET.xml --fy YEAR [--period ID] --xlsx OUT.xlsx\n\n"
           "Prints the computed results, tab-separated (--csv: CSV), with a header line:\n"
           "one row per indicator with a target in the fiscal year,\n"
           "  period fy class indicator name target actual rate result\n"
           "or with --counts one row per goal and a 合計 row,\n"
           "  period fy goal set met unmet pending\n"
           "Without --fy, every fiscal year that has targets; without --period, every period.\n"
           "A target with no result in a year printed is an error, as in the PDF's views;\n"
           "nothing is printed then. -o FILE writes the table to FILE as build writes its\n"
           "PDF (never over the packet, replaced whole or not at all).\n\n"
           "  --excel           with --csv: for Excel; a UTF-8 byte-order mark, and targets,\n"
           "                    actuals and rates as plain numbers (90.0, not 90.0%)\n"
           "  --encoding cp932  with --csv: the Excel form in CP932 (Shift_JIS) instead\n"
           "  --xlsx OUT.xlsx   the workbook the departments fill in for FY YEAR: a sheet per\n"
           "                    department, a row per indicator with a target, columns\n"
           "                    id 分類 計画名 指標名 単位 目標 and, to fill in, 実績 達成 未定\n"
           "                    未達成の理由 今後の対応策; what <results-data> reads back\n";
  }
  if (topic == "check") {
    return "usage: shiryo check PACKET.xml [--layout NAME] [-W error]\n\n"
           "Everything build does except writing the PDF.\n";
  }
  if (topic == "extract") {
    return "usage: shiryo extract PACKET.pdf -o DIR [--force]\n\n"
           "Writes the sources embedded in a PDF/A-3u packet into DIR: the packet XML\n"
           "(byte-identical), layout.xml, fontset.xml, shiryo-fonts.lock and\n"
           "shiryo-manifest.txt. Files of those names already in DIR are kept and\n"
           "nothing is written (status 2), unless --force.\n";
  }
  if (topic == "rebuild") {
    return "usage: shiryo rebuild PACKET.pdf -o OUT.pdf [--allow-font-change]\n\n"
           "Builds the packet again from its embedded sources with the options in its\n"
           "manifest: the same bytes when the shiryo version and the fonts match. A font,\n"
           "or the CMYK profile a figure was converted through, whose SHA-256 differs\n"
           "from the lock is an error (status 3) unless\n"
           "--allow-font-change; another shiryo version is a warning. OUT.pdf may not be\n"
           "PACKET.pdf itself (status 2): a signed original is never replaced.\n";
  }
  if (topic == "sign") {
    return "usage: shiryo sign IN.pdf -o OUT.pdf --p12 FILE --password-file FILE\n"
           "                   [--reason TEXT] [--location TEXT] [--name TEXT] [--date DATE]\n"
           "                   [--visible DOC-ID] [--tsa URL [--tsa-timeout SECONDS]]\n"
           "                   [--ltv [--crl FILE | --ocsp-response FILE]... [--trust CA.pem]...\n"
           "                          [--fetch-timeout SECONDS]]\n\n"
           "Appends a PAdES B-B signature (ETSI.CAdES.detached, SHA-256) as an incremental\n"
           "update; the bytes of IN.pdf stay as they are. With --tsa URL it is PAdES\n"
           "B-T: an RFC 3161 time-stamp over the signature value from that\n"
           "time-stamping authority (HTTP POST, a fresh nonce; --tsa-timeout, default\n"
           "30 seconds). A TSA that does not answer, answers an error or answers\n"
           "another query is an error (status 3) and nothing is written.\n"
           "--ltv then appends the validation data of PAdES B-LT as a further update:\n"
           "a /DSS with the certificates of every chain (the roots from --trust or\n"
           "SHIRYO_TRUST), the CRLs of --crl FILE (DER or PEM) and the OCSP responses\n"
           "of --ocsp-response FILE (DER), each repeatable, and a /VRI per signature.\n"
           "For each certificate of the chains that neither these files nor the file's\n"
           "DSS cover, an OCSP response is fetched from its AIA responder (HTTP POST, a\n"
           "fresh nonce), else its CA's CRL from its CRL distribution point; each must\n"
           "be signed by the CA (or its delegated responder), current, for that\n"
           "certificate and not revoked, within --fetch-timeout (default 30 seconds),\n"
           "or nothing is written (status 3; status 1 when a certificate names neither).\n"
           "A time-stamping authority's chain needs data that shows its status now.\n"
           "The result is PAdES B-LT; B-LTA is a document time-stamp over it: run\n"
           "shiryo timestamp OUT.pdf --tsa URL --ltv next. The signing time in /M is the\n"
           "clock's, or --date (2024-03-14T09:30:00+09:00). An expired certificate is a\n"
           "warning. Invisible by default; --visible DOC-ID puts a stamp with the signer\n"
           "(--name, else the certificate's common name) and the date in 和暦 on that\n"
           "document's first page.\n"
           "OUT.pdf may not be IN.pdf itself (status 2): the signed original is kept.\n";
  }
  if (topic == "timestamp") {
    return "usage: shiryo timestamp SIGNED.pdf -o OUT.pdf --tsa URL [--tsa-timeout SECONDS]\n"
           "                        [--ltv [--crl FILE | --ocsp-response FILE]... [--trust CA.pem]...\n"
           "                               [--fetch-timeout SECONDS]]\n\n"
           "Appends a document time-stamp (PAdES B-LTA: /Type /DocTimeStamp, /SubFilter\n"
           "/ETSI.RFC3161) as an incremental update: an RFC 3161 token from that\n"
           "time-stamping authority over the whole file. Run again before the last\n"
           "time-stamp's certificate expires, it adds another over everything before it.\n"
           "A signature of SIGNED.pdf that fails, or a change after one, is a warning.\n"
           "A TSA that does not answer, answers an error or answers another query is an\n"
           "error (status 3) and nothing is written. OUT.pdf may not be SIGNED.pdf.\n"
           "--ltv, --crl, --ocsp-response, --trust and --fetch-timeout as for sign: the\n"
           "validation data the file lacks now (in a later round, the current status of\n"
           "the last time-stamp's authority) is appended first, where the new time-stamp\n"
           "covers it, and the /DSS after it also covers the new document time-stamp\n"
           "and keeps what the file's DSS held.\n";
  }
  if (topic == "init") return init_help_text();
  if (topic == "archive") return archive_folder_help_text();
  if (topic == "fonts") return fonts_help_text() + "\nLayout sets are looked up in:\n" + places;
  if (topic == "watch") return watch_help_text() + "\nLayout sets are looked up in:\n" + places;
  if (topic == "verify") {
    return "usage: shiryo verify FILE.pdf [--trust FILE.pem]... [--validation-time DATE] [--json] [--offline]\n\n"
           "Checks each signature: whether its /ByteRange covers the file up to a\n"
           "revision's end with only the signature value left out, whether those bytes\n"
           "hash to the signed digest, whether the CMS signature holds, and the signer's\n"
           "certificate at the signing time: its chain built from the certificates\n"
           "in the signature up to an anchor of --trust (a PEM bundle; repeatable; also\n"
           "the files of SHIRYO_TRUST, separated by ':'), its validity and its key usage\n"
           "(digitalSignature or nonRepudiation). The signing time is that of the\n"
           "signature time-stamp when there is one (its imprint, its signature, and\n"
           "its authority's certificate with the timeStamping purpose are checked and\n"
           "the time printed), else the claimed /M. Each signature's PAdES level\n"
           "(B-B, B-T) is printed. A document time-stamp (ETSI.RFC3161) is checked\n"
           "like a signature: its token over the byte ranges and its authority; the\n"
           "revisions it covers are named. /M, /Reason, /Name and /Location are\n"
           "read as they stand in the signed bytes. Each signed revision is compared\n"
           "with the file object by object: further signatures, document time-stamps\n"
           "and validation data (/DSS, /VRI) are allowed, and named when they follow the\n"
           "last signature;\n"
           "anything else is named (page 1: content replaced, page 60 added, document\n"
           "title changed, …). A file rewritten after signing (qpdf, mutool clean) is\n"
           "said to be so. The first line sums up; then one block per signature, and\n"
           "what follows the last signature. With a /DSS in the file (sign --ltv) the\n"
           "chains are checked against its OCSP responses (signed by the CA or a\n"
           "responder it delegated with id-kp-OCSPSigning) and CRLs: revocation checked\n"
           "and the level PAdES B-LT (the signer's and the time-stamping authority's\n"
           "chains shown unrevoked), or B-LTA when a document time-stamp covers the DSS.\n"
           "Certificates and revocation are judged at the time that matters: the\n"
           "signature time-stamp's, else the earliest document time-stamp's over the\n"
           "signature, else both /M and the validation time: now, or --validation-time\n"
           "DATE (2030-04-01 or 2030-04-01T09:00:00+09:00). An authority's chain must\n"
           "hold until a later document time-stamp covers it, else the validation time.\n"
           "--json prints the same report as one JSON object (docs/verify-json.md),\n"
           "with the same exit status. Nothing is fetched: --offline is granted as it is.\n\n"

           "exit status: 0 every signature intact, every signer trusted, nothing after\n"
           "the last signature; 1 a signature fails, a certificate is invalid, the file\n"
           "was changed or rewritten after a signature, bytes other than allowed\n"
           "additions follow the last one, or\n"
           "no signature; 4 every signature intact and nothing changed, but a\n"
           "signer not verified (no anchor given, unknown issuer, self-signed), or\n"
           "revocation data of the /DSS that does not establish the status.\n";
  }
  if (!topic.empty() && topic != "help") {
    return "usage: shiryo " + topic + " …\n\n'shiryo " + topic + "' is not available yet.\n";
  }
  return "usage: shiryo COMMAND [ARGS]\n\n"
         "Typesets Japanese committee meeting packets (次第, 委員名簿, 資料) from XML to PDF.\n\n"
         "commands:\n"
         "  build PACKET.xml [-o OUT.pdf] [--layout NAME] [--date DATE] [--pdfa 3a|3u|2u|none] [--pdfua]\n"
         "                   [--timings] [-W error]\n"
         "  check PACKET.xml [--layout NAME] [-W error]\n"
         "  watch PACKET.xml [-o OUT.pdf] [--layout NAME] [--date DATE] [--pdfa 3a|3u|2u|none] [--pdfua]\n"
         "                   [-W error]\n"
         "  figures PACKET.xml [--period ID] [--fy YEAR] [--counts] [--csv] [--excel]\n"
         "                     [--encoding utf-8|cp932] [--xlsx OUT.xlsx]\n"
         "  extract PACKET.pdf -o DIR\n"
         "  rebuild PACKET.pdf -o OUT.pdf [--allow-font-change]\n"
         "  sign IN.pdf -o OUT.pdf --p12 FILE --password-file FILE\n"
         "       [--reason TEXT] [--location TEXT] [--name TEXT] [--date DATE] [--visible DOC-ID]\n"
         "       [--tsa URL [--tsa-timeout SECONDS]] [--ltv [--crl FILE | --ocsp-response FILE]...]\n"
         "  timestamp SIGNED.pdf -o OUT.pdf --tsa URL [--tsa-timeout SECONDS] [--ltv ...]\n"
         "  verify FILE.pdf [--trust FILE.pem]... [--validation-time DATE] [--json] [--offline]\n"
         "  archive add DIR FILE.pdf... [--trust FILE.pem]...\n"
         "  archive verify DIR [--trust FILE.pem]... [--validation-time DATE]\n"
         "  archive list DIR [--year FY] [--trust FILE.pem]...\n"
         "  init [--from PACKET.xml] DIR\n"
         "  fonts [--layout NAME|DIR]\n"
         "  help [COMMAND]\n\n"
         "options:\n"
         "  --help       this text\n"
         "  --version    the version, and each font's file, version and SHA-256\n\n"
         "exit status: 0 success, 1 input errors, 2 usage, 3 environment; verify: 4 a signer\n"
         "not verified (see 'shiryo help verify')\n\n"
         "Layout sets are looked up in:\n" + places;
}

}  // namespace shiryo::cli
