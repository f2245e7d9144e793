#include "cli/verify_json.h"

#include <cstdio>
#include <ostream>

namespace shiryo::cli {
namespace {

// A JSON string: quotes, backslashes and control characters escaped; the
// text is UTF-8 already.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", c);
      out += escape;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

const char* verdict_word(pdf::CertificateCheck::Verdict v) {
  using Verdict = pdf::CertificateCheck::Verdict;
  return v == Verdict::trusted ? "trusted" : v == Verdict::not_verified ? "not_verified" : "invalid";
}

const char* status_word(pdf::RevocationCheck::Status s) {
  using Status = pdf::RevocationCheck::Status;
  return s == Status::unrevoked       ? "unrevoked"
         : s == Status::revoked       ? "revoked"
         : s == Status::indeterminate ? "indeterminate"
                                      : "not_checked";
}

std::string certificate(const pdf::CertificateCheck& c) {
  return std::string("{\"verdict\": \"") + verdict_word(c.verdict) + "\", \"detail\": " + quoted(c.detail) + "}";
}

std::string revocation(const pdf::RevocationCheck& r) {
  return std::string("{\"status\": \"") + status_word(r.status) + "\", \"detail\": " + quoted(r.detail) + "}";
}

std::string strings(const std::vector<std::string>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + quoted(list[i]);
  return out + "]";
}

std::string numbers(const std::vector<std::size_t>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + std::to_string(list[i]);
  return out + "]";
}

const char* boolean(bool b) { return b ? "true" : "false"; }

}  // namespace

void print_json(std::ostream& out, const VerifyReport& report) {
  const char* result = report.exit_status == 0 ? "valid" : report.exit_status == 4 ? "signer_not_verified" : "not_valid";
  out << "{\n  \"file\": " << quoted(report.file) << ",\n  \"result\": \"" << result << "\",\n  \"exit_status\": "
      << report.exit_status << ",\n  \"summary\": " << quoted(report.summary) << ",\n  \"revisions\": "
      << report.revisions << ",\n  \"signatures\": [";
  const auto& checks = *report.checks;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const pdf::SignatureCheck& c = checks[i];
    const char* digest = c.digest == pdf::SignatureCheck::Digest::matches   ? "matches"
                         : c.digest == pdf::SignatureCheck::Digest::differs ? "differs"
                                                                            : "not_checked";
    out << (i ? ",\n" : "\n") << "    {\n      \"number\": " << i + 1 << ",\n      \"kind\": \""
        << (c.document_timestamp ? "document_timestamp" : "signature") << "\",\n      \"field\": " << quoted(c.field)
        << ",\n      \"valid\": " << boolean(c.ok()) << ",\n      \"signer\": " << quoted(c.signer)
        << ",\n      \"certificate\": " << (c.signature_valid ? certificate(c.certificate) : "null")
        << ",\n      \"revocation\": " << revocation(c.revocation) << ",\n      \"level\": "
        << (report.levels[i].empty() ? "null" : quoted(report.levels[i])) << ",\n      \"time\": " << quoted(c.time)
        << ",\n      \"reason\": " << quoted(c.reason) << ",\n      \"name\": " << quoted(c.name)
        << ",\n      \"location\": " << quoted(c.location) << ",\n      \"sub_filter\": " << quoted(c.sub_filter)
        << ",\n      \"digest\": \"" << digest << "\",\n      \"cms_signature_valid\": " << boolean(c.signature_valid)
        << ",\n      \"covers\": ";
    if (c.ranges_valid) {
      out << "{\"revision_end\": " << c.revision_end << ", \"whole_revision\": " << boolean(c.covers_revision)
          << ", \"signed_revision\": " << report.signed_revision[i] << "}";
    } else {
      out << "null";
    }
    out << ",\n      \"signature_timestamp\": ";
    if (c.timestamp && !c.document_timestamp) {
      const pdf::TimestampCheck& t = *c.timestamp;
      out << "{\"valid\": " << boolean(t.valid) << ", \"time\": " << quoted(t.time)
          << ", \"authority\": " << quoted(t.authority) << ", \"certificate\": " << certificate(t.certificate)
          << ", \"revocation\": " << revocation(t.revocation) << ", \"problem\": " << quoted(t.problem) << "}";
    } else {
      out << "null";
    }
    out << ",\n      \"covered_by_document_timestamps\": " << numbers(report.covered_by[i])
        << ",\n      \"changed_after\": " << strings(c.later_changes) << ",\n      \"problem\": " << quoted(c.problem)
        << "\n    }";
  }
  out << (checks.empty() ? "],\n" : "\n  ],\n") << "  \"after_last_signature\": {\"appended_bytes\": " << report.appended
      << ", \"allowed_additions\": " << (report.additions ? strings(*report.additions) : "[]") << "}\n}\n";
}

}  // namespace shiryo::cli
