// verify --json: the report verify prints, as one JSON object for scripts
// (docs/verify-json.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "pdf/signature.h"

namespace shiryo::cli {

struct VerifyReport {
  std::string file;
  int exit_status = 0;
  std::string summary;  // the first line of the text report
  const std::vector<pdf::SignatureCheck>* checks = nullptr;
  std::vector<std::string> levels;                   // per check: B-B … B-LTA; empty for a document time-stamp
  std::vector<std::vector<std::size_t>> covered_by;  // per check: the document time-stamps (from 1) over it
  std::vector<std::size_t> signed_revision;          // per check: the revision it signs (from 1); 0: none
  std::size_t revisions = 0;                         // in the file
  std::size_t appended = 0;                          // bytes after the last signature's revision
  const std::vector<std::string>* additions = nullptr;  // what they add, when only allowed additions
};

void print_json(std::ostream& out, const VerifyReport& report);

}  // namespace shiryo::cli
