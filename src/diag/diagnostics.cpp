#include "diag/diagnostics.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <ostream>

namespace shiryo::diag {
namespace {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

bool is_wide(char32_t cp) {
  const auto width = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

// The padding that puts a caret under the character at `offset`: tabs are
// copied so the terminal expands them alike, wide characters take two cells.
std::string caret_padding(const SourceFile& file, std::size_t offset) {
  const std::string& text = file.text();
  std::string padding;
  for (std::size_t i = file.line_start(offset); i < offset && i < text.size();) {
    if (text[i] == '\t') {
      padding += '\t';
      ++i;
      continue;
    }
    padding += is_wide(decode_utf8(text, i)) ? "  " : " ";
  }
  return padding;
}

}  // namespace

std::string format(const Diagnostic& d, bool warnings_are_errors) {
  const Severity shown =
      (warnings_are_errors && d.severity == Severity::warning) ? Severity::error : d.severity;
  std::string out;
  if (!d.file) {
    out += "shiryo: ";
    out += severity_name(shown);
    out += ": " + d.message + "\n";
    return out;
  }
  const Position pos = d.file->locate(d.offset);
  out += d.file->path() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
         ": " + severity_name(shown) + ": " + d.message + "\n";
  const std::string number = std::to_string(pos.line);
  out += "  " + number + " | " + std::string(d.file->line_at(d.offset)) + "\n";
  out += "  " + std::string(number.size(), ' ') + " | " + caret_padding(*d.file, d.offset) + "^\n";
  return out;
}

void Diagnostics::add(Severity severity, std::shared_ptr<const SourceFile> file,
                      std::size_t offset, std::string message) {
  // Layout may set the same text more than once (to measure, then to place):
  // a problem is reported once.
  for (const auto& d : items_) {
    if (d.severity == severity && d.file == file && d.offset == offset && d.message == message) return;
  }
  items_.push_back(Diagnostic{severity, std::move(file), offset, std::move(message), {}});
}

void Diagnostics::error(std::shared_ptr<const SourceFile> file, std::size_t offset,
                        std::string message) {
  add(Severity::error, std::move(file), offset, std::move(message));
}

void Diagnostics::warning(std::shared_ptr<const SourceFile> file, std::size_t offset,
                          std::string message) {
  add(Severity::warning, std::move(file), offset, std::move(message));
}

void Diagnostics::note(std::shared_ptr<const SourceFile> file, std::size_t offset,
                       std::string message) {
  Diagnostic n{Severity::note, std::move(file), offset, std::move(message), {}};
  if (items_.empty()) {
    items_.push_back(std::move(n));
  } else {
    items_.back().notes.push_back(std::move(n));
  }
}

void Diagnostics::note_on(std::size_t index, std::shared_ptr<const SourceFile> file, std::size_t offset,
                          std::string message) {
  items_.at(index).notes.push_back(Diagnostic{Severity::note, std::move(file), offset, std::move(message), {}});
}

void Diagnostics::error_without_position(std::string message) {
  add(Severity::error, nullptr, 0, std::move(message));
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [this](const Diagnostic& d) {
    return d.severity == Severity::error ||
           (warnings_are_errors_ && d.severity == Severity::warning);
  });
}

void Diagnostics::print(std::ostream& out) const {
  // Files rank in the order they first appear; positionless ones come first.
  std::vector<const SourceFile*> file_order;
  for (const auto& d : items_) {
    if (d.file && std::find(file_order.begin(), file_order.end(), d.file.get()) == file_order.end()) {
      file_order.push_back(d.file.get());
    }
  }
  auto rank = [&](const Diagnostic& d) {
    if (!d.file) return std::size_t{0};
    return static_cast<std::size_t>(
        std::find(file_order.begin(), file_order.end(), d.file.get()) - file_order.begin() + 1);
  };
  std::vector<const Diagnostic*> sorted;
  for (const auto& d : items_) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic* a, const Diagnostic* b) {
    if (rank(*a) != rank(*b)) return rank(*a) < rank(*b);
    return a->offset < b->offset;
  });

  std::size_t errors = 0;
  for (const Diagnostic* d : sorted) {
    const bool is_error = d->severity == Severity::error ||
                          (warnings_are_errors_ && d->severity == Severity::warning);
    if (is_error && ++errors > kMaxErrors) {
      out << "shiryo: error: too many errors; stopping\n";
      return;
    }
    out << format(*d, warnings_are_errors_);
    for (const auto& n : d->notes) out << format(n, warnings_are_errors_);
  }
}

}  // namespace shiryo::diag
