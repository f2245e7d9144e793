// Compiler-style diagnostics: FILE:LINE:COL: severity: message, the source
// line, and a caret under the offending character.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "diag/source_file.h"

namespace shiryo::diag {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  std::shared_ptr<const SourceFile> file;  // null: no position (a whole-run problem)
  std::size_t offset = 0;
  std::string message;
  std::vector<Diagnostic> notes;  // printed right after this one
  // A workbook's cell ("職員課!D14"), printed in place of LINE:COL with the
  // cell's text under it; `offset` then only orders the file's diagnostics.
  std::string cell;
  std::string cell_text;
};

// Collects the diagnostics of one run; prints them in source order.
class Diagnostics {
 public:
  static constexpr std::size_t kMaxErrors = 50;

  void error(std::shared_ptr<const SourceFile> file, std::size_t offset, std::string message);
  void warning(std::shared_ptr<const SourceFile> file, std::size_t offset, std::string message);
  // Attaches a note to the diagnostic reported last.
  void note(std::shared_ptr<const SourceFile> file, std::size_t offset, std::string message);
  // Attaches a note to items()[index] (one reported earlier, whose
  // consequence is found later).
  void note_on(std::size_t index, std::shared_ptr<const SourceFile> file, std::size_t offset, std::string message);
  void error_without_position(std::string message);
  // An error at a workbook cell (a binary file has no lines): `order` sorts
  // the file's errors (sheet, row, column).
  void error_at_cell(std::shared_ptr<const SourceFile> file, std::size_t order, std::string cell,
                     std::string cell_text, std::string message);

  // -W error: every warning counts as an error.
  void set_warnings_are_errors(bool on) { warnings_are_errors_ = on; }

  bool has_errors() const;
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  // Prints in source order (files in the order first seen), at most
  // kMaxErrors errors, then "too many errors; stopping".
  void print(std::ostream& out) const;

 private:
  void add(Severity severity, std::shared_ptr<const SourceFile> file, std::size_t offset,
           std::string message);

  std::vector<Diagnostic> items_;
  bool warnings_are_errors_ = false;
};

// One diagnostic as text, with its source line and caret.
std::string format(const Diagnostic& diagnostic, bool warnings_are_errors = false);

}  // namespace shiryo::diag
