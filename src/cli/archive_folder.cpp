#include "cli/archive_folder.h"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>

#include "archive/index.h"
#include "archive/store.h"
#include "cli/archive.h"
#include "cli/build.h"
#include "compute/japanese_date.h"
#include "diag/encoding.h"
#include "model/date.h"
#include "pdf/digest.h"
#include "pdf/openssl_util.h"
#include "pdf/pdf_reader.h"
#include "pdf/signature.h"

namespace shiryo::cli {
namespace {

namespace fs = std::filesystem;

// A year ahead: a proof that ends sooner needs a new document time-stamp now.
constexpr std::time_t kRenewalMargin = 365LL * 86400;

// The certificate a file's proof rests on last, and when it expires.
struct Deadline {
  std::time_t at = 0;  // 0: nothing known
  std::string whose;   // its common name
};

// What a packet is, as verify judges it now.
struct Described {
  archive::Entry entry;
  std::string problem;  // why it is no archivable packet (not a PDF, no signature, no source); empty else
  int status = kInputError;  // verify's exit status for it
  std::string summary;       // verify's first line
  Deadline deadline;
};

// CN=… of an RFC 2253 subject line, else the line.
std::string common_name_of(const std::string& subject) {
  for (std::size_t at = 0; at < subject.size();) {
    const std::size_t end = std::min(subject.find(',', at), subject.size());
    if (subject.compare(at, 3, "CN=") == 0) return subject.substr(at + 3, end - at - 3);
    at = end + 1;
  }
  return subject;
}

std::string day_of(std::time_t at) { return pdf::utc_text(at).substr(0, 10); }

// The proof of a signed file lasts while the certificate of its latest
// time-stamp holds: the last document time-stamp's authority, else each
// signature's time-stamping authority, else its signer; the earliest of
// those ends it.
Deadline deadline_of(const std::vector<pdf::SignatureCheck>& checks) {
  for (auto c = checks.rbegin(); c != checks.rend(); ++c) {
    if (c->document_timestamp && c->ok() && c->expires) return {c->expires, common_name_of(c->signer)};
  }
  Deadline out;
  for (const auto& c : checks) {
    if (c.document_timestamp) continue;
    const bool stamped = c.timestamp && c.timestamp->valid && c.timestamp->authority_expires;
    const Deadline d = stamped ? Deadline{c.timestamp->authority_expires, common_name_of(c.timestamp->authority)}
                               : Deadline{c.expires, common_name_of(c.signer)};
    if (d.at && (!out.at || d.at < out.at)) out = d;
  }
  return out;
}

// The text of an element, its descendants' text joined.
std::string text_of(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node n = node.first_child(); n; n = n.next_sibling()) {
    out += n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata ? std::string(n.value()) : text_of(n);
  }
  return out;
}

// Title, meeting start and fiscal year from the embedded packet XML; its
// <session fy> when given, else the fiscal year of the meeting's day.
std::string read_meeting(const std::string& bytes, archive::Entry& entry) {
  std::string problem;
  const auto decoded = diag::decode_input(bytes, problem);
  if (!decoded) return "its embedded packet does not read: " + problem;
  pugi::xml_document doc;
  if (!doc.load_buffer(decoded->text.data(), decoded->text.size())) return "its embedded packet is not well-formed XML";
  const pugi::xml_node meta = doc.child("packet").child("meta");
  std::string title = text_of(meta.child("title"));
  // One line: the index and the tables hold one per packet.
  std::replace_if(title.begin(), title.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  entry.title = title;
  entry.held = meta.child("held").attribute("start").value();
  if (const auto fy = compute::parse_fiscal_year(meta.child("session").attribute("fy").value())) {
    entry.fiscal_year = fy;
  } else if (const auto when = model::parse_date_time(entry.held)) {
    entry.fiscal_year = compute::fiscal_year_of(when->date);
  }
  return "";
}

Described describe(const std::string& name, std::string bytes, const STACK_OF(X509) * anchors, std::time_t now) {
  Described d;
  d.entry.file = name;
  d.entry.sha256 = pdf::sha256_hex(bytes);
  std::string error;
  auto pdf = pdf::load_pdf(std::move(bytes), error);
  if (!pdf) {
    d.problem = error;
    return d;
  }
  try {
    pdf::reading([&] {
      const auto files = pdf::embedded_files(*pdf);
      const pdf::EmbeddedSource* packet = embedded_packet(files);
      if (!packet) {
        d.problem = "no embedded source; only packets built with --pdfa 3u or 3a carry their source";
        return;
      }
      d.entry.source_sha256 = pdf::sha256_hex(packet->bytes);
      d.problem = read_meeting(packet->bytes, d.entry);
      if (!d.problem.empty()) return;
      const auto checks = pdf::verify_signatures(*pdf, anchors, now);
      if (checks.empty()) {
        d.problem = "no signatures";
        return;
      }
      const VerifyReport report = judge_signatures(name, pdf->bytes, checks, sk_X509_num(anchors) > 0);
      d.status = report.exit_status;
      d.summary = report.summary;
      d.deadline = deadline_of(checks);
      for (std::size_t i = 0; i < checks.size(); ++i) {
        const auto& c = checks[i];
        if (c.timestamp && c.timestamp->valid) d.entry.timestamps.push_back(c.timestamp->time);
        if (c.document_timestamp) continue;
        d.entry.signers.push_back(c.signer);
        d.entry.levels.push_back(report.levels[i]);
      }
    });
  } catch (const std::exception& e) {
    d.problem = e.what();
  }
  return d;
}

// The archived PDFs of DIR: regular files named *.pdf, by name.
std::vector<std::string> archived_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() > 4 && name[0] != '.' && name.compare(name.size() - 4, 4, ".pdf") == 0) {
      out.push_back(name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The index of DIR, rebuilt from its files (and said so on `err`) when it
// is missing or damaged; `rebuilt` tells which.
archive::Index open_index(const std::string& dir, const STACK_OF(X509) * anchors, std::time_t now, std::ostream& err,
                          bool& rebuilt) {
  archive::Index::State state{};
  std::string detail;
  archive::Index index = archive::Index::open(dir, state, detail);
  rebuilt = false;
  if (state == archive::Index::State::ok) return index;
  const auto files = archived_files(dir);
  if (state == archive::Index::State::missing && files.empty()) return index;
  std::vector<archive::Entry> entries;
  for (const auto& name : files) {
    std::string error;
    auto bytes = read_whole_file((fs::path(dir) / name).string(), error);
    Described d = bytes ? describe(name, std::move(*bytes), anchors, now) : Described{};
    if (!bytes) d.problem = error;
    if (!d.problem.empty()) {
      err << "shiryo: warning: " << dir << ": " << name << " is left out of the index: " << d.problem << "\n";
      continue;
    }
    entries.push_back(std::move(d.entry));
  }
  index.replace_all(entries);
  rebuilt = true;
  err << "shiryo: note: " << dir << ": the index (" << archive::kIndexFile << ") was "
      << (state == archive::Index::State::missing ? "missing" : "damaged (" + detail + ")") << "; rebuilt from "
      << entries.size() << (entries.size() == 1 ? " file" : " files")
      << ", whose SHA-256 it now takes as they are\n";
  return index;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

std::vector<std::string> common_names(const std::vector<std::string>& subjects) {
  std::vector<std::string> out;
  for (const auto& s : subjects) out.push_back(common_name_of(s));
  return out;
}

int run_add(const Options& options, STACK_OF(X509) * anchors, std::time_t now, std::ostream& err) {
  const std::string& dir = options.input;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (fs::exists(dir, ec) || !fs::create_directory(dir, ec)) {
      err << "shiryo: error: " << dir << ": not a folder that can be made\n";
      return kEnvironment;
    }
  }
  bool rebuilt = false;
  archive::Index index = open_index(dir, anchors, now, err, rebuilt);
  // Every file is judged before anything is written: all are added or none.
  std::vector<std::pair<Described, std::string>> adding;  // with the bytes
  std::set<std::string> names;
  int status = kSuccess;
  for (const auto& path : options.archive_files) {
    std::string error;
    auto bytes = read_whole_file(path, error);
    if (!bytes) {
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
    const std::string name = fs::path(path).filename().string();
    if (!safe_file_name(name) || name.size() < 5 || name.compare(name.size() - 4, 4, ".pdf") != 0) {
      err << "shiryo: error: " << path << ": an archived file needs a plain name ending in .pdf\n";
      status = kInputError;
      continue;
    }
    if (!names.insert(name).second) {
      err << "shiryo: error: " << path << ": another file of this run is also named " << name << "\n";
      status = kInputError;
      continue;
    }
    const std::string there = (fs::path(dir) / name).string();
    if (fs::exists(fs::symlink_status(there, ec))) {
      const auto old = read_whole_file(there, error);
      if (!old || *old != *bytes) {
        err << "shiryo: error: " << path << ": " << there << " exists with other content; not archived\n";
        status = kInputError;
        continue;
      }
    }
    Described d = describe(name, *bytes, anchors, now);
    if (!d.problem.empty()) {
      err << "shiryo: error: " << path << ": " << d.problem << "; not archived\n";
      status = kInputError;
      continue;
    }
    if (d.status == kInputError) {
      err << "shiryo: error: " << path << ": " << d.summary << "; not archived\n";
      status = kInputError;
      continue;
    }
    if (d.status == kSignerNotVerified) err << "shiryo: warning: " << path << ": " << d.summary << "\n";
    adding.emplace_back(std::move(d), std::move(*bytes));
  }
  if (status != kSuccess) {
    err << "shiryo: error: nothing archived\n";
    return status;
  }
  std::vector<std::string> placed;
  std::vector<archive::Entry> entries;
  try {
    for (auto& [d, bytes] : adding) {
      const archive::Placed p = archive::place_file(dir, d.entry.file, bytes);
      if (p == archive::Placed::clash) throw std::runtime_error(d.entry.file + " appeared in " + dir + " with other content");
      if (p == archive::Placed::copied) placed.push_back(d.entry.file);
      if (p == archive::Placed::same) {
        err << "shiryo: note: " << d.entry.file << " is already in " << dir << " with the same content\n";
      }
      entries.push_back(d.entry);
    }
    index.insert(entries);
  } catch (const std::exception& e) {
    // The files of this run go again: the folder holds what its index says.
    for (const auto& name : placed) fs::remove(fs::path(dir) / name, ec);
    err << "shiryo: error: " << e.what() << "; nothing archived\n";
    return kEnvironment;
  }
  return kSuccess;
}

int run_list(const Options& options, STACK_OF(X509) * anchors, std::time_t now, std::ostream& out, std::ostream& err) {
  bool rebuilt = false;
  const archive::Index index = open_index(options.input, anchors, now, err, rebuilt);
  out << "file\tfy\theld\ttitle\tsigners\tlevels\ttime-stamps\n";
  for (const auto& e : index.entries()) {
    if (options.archive_year && e.fiscal_year != options.archive_year) continue;
    out << e.file << "\t" << (e.fiscal_year ? std::to_string(*e.fiscal_year) : "－") << "\t" << e.held << "\t" << e.title
        << "\t" << joined(common_names(e.signers), ", ") << "\t" << joined(e.levels, ", ") << "\t"
        << joined(e.timestamps, ", ") << "\n";
  }
  return kSuccess;
}

int run_archive_verify(const Options& options, STACK_OF(X509) * anchors, std::time_t now, std::ostream& out,
                       std::ostream& err) {
  const std::string& dir = options.input;
  bool rebuilt = false;
  const archive::Index index = open_index(dir, anchors, now, err, rebuilt);
  const auto entries = index.entries();
  std::vector<std::string> failed, not_verified, renew;
  out << "file\tresult\tlevels\tproof until\tnote\n";
  for (const auto& e : entries) {
    std::string error;
    auto bytes = read_whole_file((fs::path(dir) / e.file).string(), error);
    if (!bytes) {
      out << e.file << "\tMISSING: " << error << "\t\t\t\n";
      failed.push_back(e.file);
      continue;
    }
    const bool changed = pdf::sha256_hex(*bytes) != e.sha256;
    const Described d = describe(e.file, std::move(*bytes), anchors, now);
    std::string result = d.problem.empty() ? d.summary : "not valid: " + d.problem;
    if (changed) result = "CHANGED since it was archived (its SHA-256 is not the index's); " + result;
    if (changed || !d.problem.empty() || d.status == kInputError) {
      failed.push_back(e.file);
    } else if (d.status == kSignerNotVerified) {
      not_verified.push_back(e.file);
    }
    std::string until, note;
    if (d.deadline.at) {
      until = day_of(d.deadline.at) + " (" + d.deadline.whose + ")";
      if (d.deadline.at <= now) {
        note = "the certificate of " + d.deadline.whose + " expired: no new time-stamp can extend the proof";
      } else if (d.deadline.at - now < kRenewalMargin) {
        note = "expires within a year: add a document time-stamp (shiryo timestamp --ltv)";
        renew.push_back(e.file);
      }
    }
    out << e.file << "\t" << result << "\t" << joined(d.entry.levels, ", ") << "\t" << until << "\t" << note << "\n";
  }
  // A PDF in the folder that the index does not name is no archived packet.
  std::set<std::string> indexed;
  for (const auto& e : entries) indexed.insert(e.file);
  for (const auto& name : archived_files(dir)) {
    if (indexed.count(name)) continue;
    out << name << "\tNOT IN THE INDEX (shiryo archive add)\t\t\t\n";
    failed.push_back(name);
  }
  const std::size_t total = entries.size();
  if (!failed.empty()) {
    out << "not valid: " << joined(failed, ", ") << "\n";
  } else if (!not_verified.empty()) {
    out << "valid, signer not verified: " << joined(not_verified, ", ") << (sk_X509_num(anchors) == 0 ? " (--trust)" : "")
        << "\n";
  } else {
    out << "valid: " << total << (total == 1 ? " packet" : " packets") << ", every signature holds\n";
  }
  if (!renew.empty()) out << "to time-stamp within a year: " << joined(renew, ", ") << "\n";
  return !failed.empty() ? kInputError : !not_verified.empty() ? kSignerNotVerified : kSuccess;
}

}  // namespace

ParseResult parse_archive_folder_arguments(Options o, const std::vector<std::string>& args) {
  std::size_t i = 1;
  if (i < args.size() && (args[i] == "--help" || args[i] == "-h")) {
    o.command = Command::help;
    o.help_topic = "archive";
    return {o, {}};
  }
  if (i >= args.size() || (args[i] != "add" && args[i] != "verify" && args[i] != "list")) {
    return {std::nullopt, "archive needs add, verify or list; see 'shiryo help archive'"};
  }
  o.archive_action = args[i++];
  const std::string& action = o.archive_action;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool more = i + 1 < args.size();
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      o.help_topic = "archive";
      return {o, {}};
    } else if (a == "--trust") {
      if (!more) return {std::nullopt, "--trust needs a PEM file of trust anchors"};
      o.trust.push_back(args[++i]);
    } else if (a == "--validation-time" && action == "verify") {
      if (!more) return {std::nullopt, "--validation-time needs a date, e.g. 2030-04-01T09:00:00+09:00"};
      o.validation_time = args[++i];
    } else if (a == "--year" && action == "list") {
      if (!more) return {std::nullopt, "--year needs a fiscal year, e.g. 2023 or 令和5年度"};
      const std::string& v = args[++i];
      o.archive_year = compute::parse_fiscal_year(v);
      if (!o.archive_year) {
        return {std::nullopt, "--year '" + v + "' is not a fiscal year; expected e.g. 2023, 令和5年度 or R5"};
      }
    } else if (!a.empty() && a[0] == '-') {
      return {std::nullopt, "unknown option '" + a + "' for archive " + action + "; see 'shiryo help archive'"};
    } else if (o.input.empty()) {
      o.input = a;
    } else if (action == "add") {
      o.archive_files.push_back(a);
    } else {
      return {std::nullopt, "unexpected argument '" + a + "'; archive " + action + " takes one folder"};
    }
  }
  if (o.input.empty()) return {std::nullopt, "archive " + action + " needs a folder; see 'shiryo help archive'"};
  if (action == "add" && o.archive_files.empty()) return {std::nullopt, "archive add needs DIR and at least one FILE.pdf"};
  return {o, {}};
}

std::string archive_folder_help_text() {
  return "usage: shiryo archive add DIR FILE.pdf... [--trust FILE.pem]...\n"
         "       shiryo archive verify DIR [--trust FILE.pem]... [--validation-time DATE]\n"
         "       shiryo archive list DIR [--year FY] [--trust FILE.pem]...\n\n"
         "A folder of signed packets with an index, " + std::string(archive::kIndexFile) +
         " (SQLite): per file its name,\n"
         "SHA-256, the meeting's title, start and fiscal year (from the embedded packet,\n"
         "<session fy> else the day of <held start>), the signers, each signature's PAdES\n"
         "level, every time-stamp's time and the embedded packet's SHA-256.\n\n"
         "add copies each FILE.pdf into DIR (made when missing) after verifying it: a\n"
         "file without signatures or an embedded source (build --pdfa 3u or 3a), or\n"
         "whose signatures fail, is refused, and so is a name DIR holds with other\n"
         "content; the same content again is a note. Every file is checked first: all\n"
         "are added or none. Each is written to a temporary file and linked into place\n"
         "whole; the index changes in one transaction.\n\n"
         "verify checks every indexed file again: its SHA-256 against the index, then\n"
         "its signatures and time-stamps as 'shiryo verify' does (--trust, SHIRYO_TRUST,\n"
         "--validation-time). Per file it prints verify's result, the levels, and until\n"
         "when the proof holds: the certificate of the last document time-stamp's\n"
         "authority, else of each signature's time-stamping authority, else of the\n"
         "signer. One that expires within a year of the validation time is named: the\n"
         "file needs a new document time-stamp (shiryo timestamp --ltv) before then. A\n"
         "PDF in DIR that the index does not name fails.\n\n"
         "list prints the index as a table (tab-separated, a header line); --year FY\n"
         "keeps one fiscal year's meetings (2023, 2023年度, 令和5年度, 令和5 or R5).\n\n"
         "An index that is missing or damaged is rebuilt from the files, with a note\n"
         "saying so: the SHA-256 of each file is then taken as it is, and the levels\n"
         "as judged with the anchors of this run (--trust).\n\n"
         "exit status of verify: 0 every file unchanged and every signature holds with\n"
         "its signer trusted; 1 a file changed, missing, unindexed or failing; 4 all\n"
         "intact but a signer not verified. add: 0 added, 1 a file refused (nothing\n"
         "added), 3 the folder cannot be written.\n";
}

int run_archive_folder(const Options& options, std::ostream& out, std::ostream& err) {
  pdf::X509StackPtr anchors(sk_X509_new_null());
  std::time_t now = 0;
  if (const int status = anchors_and_time(options, anchors.get(), now, err); status != kSuccess) return status;
  if (options.archive_action != "add") {
    std::error_code ec;
    if (!fs::is_directory(options.input, ec)) {
      err << "shiryo: error: " << options.input << ": no such folder\n";
      return kEnvironment;
    }
  }
  if (options.archive_action == "add") return run_add(options, anchors.get(), now, err);
  if (options.archive_action == "list") return run_list(options, anchors.get(), now, out, err);
  return run_archive_verify(options, anchors.get(), now, out, err);
}

}  // namespace shiryo::cli
