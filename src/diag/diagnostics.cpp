#include "diag/diagnostics.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string_view>
#include <vector>

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

// The padding that puts a caret under the character at `offset`, counted
// from `from`: tabs are copied so the terminal expands them alike, wide
// characters take two cells.
std::string caret_padding(const std::string& text, std::size_t from, std::size_t offset) {
  std::string padding;
  for (std::size_t i = from; i < offset && i < text.size();) {
    if (text[i] == '\t') {
      padding += '\t';
      ++i;
      continue;
    }
    padding += is_wide(decode_utf8(text, i)) ? "  " : " ";
  }
  return padding;
}

// A source line longer than this many code points is shown as a window of
// kWindow of them around the column, elided with "..." on the cut sides.
constexpr std::size_t kLongLine = 120;
constexpr std::size_t kWindow = 100;
constexpr std::size_t kBeforeColumn = 40;
constexpr std::string_view kElision = "...";

struct ShownLine {
  std::string text;
  std::string padding;
};

ShownLine shown_line(const SourceFile& file, std::size_t offset) {
  const std::string& text = file.text();
  const std::string_view line = file.line_at(offset);
  const std::size_t start = file.line_start(offset);
  // Byte offsets of the line's code points.
  std::vector<std::size_t> points;
  for (std::size_t i = start; i < start + line.size();) {
    points.push_back(i);
    decode_utf8(text, i);
  }
  if (points.size() <= kLongLine) return {std::string(line), caret_padding(text, start, offset)};
  const std::size_t column = static_cast<std::size_t>(
      std::lower_bound(points.begin(), points.end(), std::min(offset, start + line.size())) - points.begin());
  std::size_t first = column > kBeforeColumn ? column - kBeforeColumn : 0;
  first = std::min(first, points.size() - kWindow);
  const std::size_t last = first + kWindow;
  const std::size_t begin_byte = points[first];
  const std::size_t end_byte = last < points.size() ? points[last] : start + line.size();
  ShownLine out;
  if (first > 0) out.text = kElision;
  out.text += text.substr(begin_byte, end_byte - begin_byte);
  if (last < points.size()) out.text += kElision;
  out.padding = std::string(first > 0 ? kElision.size() : 0, ' ') + caret_padding(text, begin_byte, offset);
  return out;
}

// "the same N more times, on lines 13, 14, 15, 16, 17 and 3 more": the
// warnings after the first of a group of alike ones.
Diagnostic repeats_note(const std::vector<const Diagnostic*>& group) {
  constexpr std::size_t kLinesShown = 5;
  std::string message = "the same " + std::to_string(group.size() - 1) + " more time" + (group.size() > 2 ? "s" : "");
  if (group.front()->file) {
    std::vector<std::size_t> lines;
    for (std::size_t i = 1; i < group.size(); ++i) {
      const std::size_t line = group[i]->file->locate(group[i]->offset).line;
      if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
    }
    message += lines.size() == 1 ? ", on line " : ", on lines ";
    for (std::size_t i = 0; i < std::min(lines.size(), kLinesShown); ++i) {
      message += (i ? ", " : "") + std::to_string(lines[i]);
    }
    if (lines.size() > kLinesShown) message += " and " + std::to_string(lines.size() - kLinesShown) + " more";
  }
  return Diagnostic{Severity::note, nullptr, 0, message, {}, {}, {}};
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
  if (!d.cell.empty()) {
    out += d.file->path() + ":" + d.cell + ": " + severity_name(shown) + ": " + d.message + "\n";
    out += "  " + d.cell + " | " + d.cell_text + "\n";
    out += "  " + caret_padding(d.cell, 0, d.cell.size()) + " | ^\n";
    return out;
  }
  const Position pos = d.file->locate(d.offset);
  out += d.file->path() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
         ": " + severity_name(shown) + ": " + d.message + "\n";
  const std::string number = std::to_string(pos.line);
  const ShownLine line = shown_line(*d.file, d.offset);
  out += "  " + number + " | " + line.text + "\n";
  out += "  " + std::string(number.size(), ' ') + " | " + line.padding + "^\n";
  return out;
}

void Diagnostics::add(Severity severity, std::shared_ptr<const SourceFile> file,
                      std::size_t offset, std::string message) {
  // Layout may set the same text more than once (to measure, then to place):
  // a problem is reported once.
  for (const auto& d : items_) {
    if (d.severity == severity && d.file == file && d.offset == offset && d.message == message) return;
  }
  items_.push_back(Diagnostic{severity, std::move(file), offset, std::move(message), {}, {}, {}});
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
  Diagnostic n{Severity::note, std::move(file), offset, std::move(message), {}, {}, {}};
  if (items_.empty()) {
    items_.push_back(std::move(n));
  } else {
    items_.back().notes.push_back(std::move(n));
  }
}

void Diagnostics::note_on(std::size_t index, std::shared_ptr<const SourceFile> file, std::size_t offset,
                          std::string message) {
  items_.at(index).notes.push_back(Diagnostic{Severity::note, std::move(file), offset, std::move(message), {}, {}, {}});
}

void Diagnostics::error_at_cell(std::shared_ptr<const SourceFile> file, std::size_t order, std::string cell,
                                std::string cell_text, std::string message) {
  Diagnostic d{Severity::error, std::move(file), order, std::move(message), {}, std::move(cell), {}};
  // The cell's text on one line, newlines shown as spaces.
  for (char c : cell_text) d.cell_text += (c == '\n' || c == '\r') ? ' ' : c;
  items_.push_back(std::move(d));
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

  // Warnings of one message in one file are one cause (a column too narrow
  // for 180 cells): the first is printed, with a count of the rest.
  std::map<std::pair<const SourceFile*, std::string>, std::vector<const Diagnostic*>> alike;
  for (const Diagnostic* d : sorted) {
    if (d->severity == Severity::warning) alike[{d->file.get(), d->message}].push_back(d);
  }

  std::size_t errors = 0;
  for (const Diagnostic* d : sorted) {
    const std::vector<const Diagnostic*>* group =
        d->severity == Severity::warning ? &alike[{d->file.get(), d->message}] : nullptr;
    if (group && group->front() != d) continue;
    const bool is_error = d->severity == Severity::error ||
                          (warnings_are_errors_ && d->severity == Severity::warning);
    if (is_error && ++errors > kMaxErrors) {
      out << "shiryo: error: too many errors; stopping\n";
      return;
    }
    out << format(*d, warnings_are_errors_);
    for (const auto& n : d->notes) out << format(n, warnings_are_errors_);
    if (group && group->size() > 1) out << format(repeats_note(*group));
  }
}

}  // namespace shiryo::diag
