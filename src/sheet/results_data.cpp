#include "sheet/results_data.h"

#include <filesystem>
#include <map>
#include <set>

#include "model/reader.h"
#include "sheet/results_columns.h"
#include "sheet/table.h"

namespace shiryo::sheet {
namespace {

namespace fs = std::filesystem;
using namespace columns;

// The columns read, in the order rows are checked.
enum Column { kIdColumn, kActualColumn, kAchievedColumn, kPendingColumn, kReasonColumn, kNextColumn, kColumns };
constexpr const char* kColumnNames[kColumns] = {kId, kActual, kAchieved, kPending, kReason, kNext};

std::string trimmed(const std::string& s) {
  std::string out = s;
  auto space = [](const std::string& t, std::size_t at) {
    return t.compare(at, 1, " ") == 0 || t.compare(at, 1, "\t") == 0 || t.compare(at, 3, "　") == 0;
  };
  while (!out.empty() && space(out, 0)) out.erase(0, out.compare(0, 1, " ") == 0 || out[0] == '\t' ? 1 : 3);
  while (!out.empty()) {
    if (out.back() == ' ' || out.back() == '\t' || out.back() == '\n' || out.back() == '\r') out.pop_back();
    else if (out.size() >= 3 && out.compare(out.size() - 3, 3, "　") == 0) out.erase(out.size() - 3);
    else break;
  }
  return out;
}

bool has_full_width_digit(const std::string& s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    // U+FF10–U+FF19 are EF BC 90–99.
    if (static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      return true;
    }
  }
  return false;
}

// Text from a cell: its lines joined by line breaks.
model::RichText cell_text(const std::string& value, std::size_t offset) {
  model::RichText text;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = value.find('\n', start);
    std::string line = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) text.push_back(model::Inline{model::Inline::Kind::text, {line, offset}, {}, {}, {}});
    if (nl == std::string::npos) break;
    text.push_back(model::Inline{model::Inline::Kind::line_break, {}, {}, {}, {}});
    start = nl + 1;
  }
  while (!text.empty() && text.back().kind == model::Inline::Kind::line_break) text.pop_back();
  return text;
}

struct IndicatorPlace {
  model::Indicator* indicator = nullptr;
};

// One spreadsheet read against one period and year.
class ResultsReader {
 public:
  ResultsReader(const Table& table, const model::ResultsData& data, model::Period& period,
                const diag::SourceFile& packet, diag::Diagnostics& diags)
      : table_(table), data_(data), period_(period), packet_(packet), diags_(diags) {}

  void read() {
    for (auto& goal : period_.goals) {
      for (auto& area : goal.areas) {
        for (auto& item : area.items) {
          for (auto& ind : item.indicators) indicators_[ind.id.value] = &ind;
        }
      }
    }
    for (std::size_t s = 0; s < table_.sheets.size(); ++s) read_sheet(s);
    report_missing();
  }

 private:
  struct Place {
    std::size_t sheet = 0;
    const Row* row = nullptr;
    std::size_t column = 0;
  };

  const Cell* cell_at(const Place& p) const {
    return p.row && p.column < p.row->cells.size() ? &p.row->cells[p.column] : nullptr;
  }
  std::string value_at(const Place& p) const {
    const Cell* c = cell_at(p);
    return c ? trimmed(c->value) : std::string();
  }
  std::string where(const Place& p) const {
    const std::string cell = column_letters(p.column) + std::to_string(p.row->number);
    return table_.workbook ? table_.sheets[p.sheet].name + "!" + cell : "line " + std::to_string(table_.file->locate(offset_of(p)).line);
  }
  std::size_t offset_of(const Place& p) const {
    if (const Cell* c = cell_at(p)) return c->offset;
    // A CSV row shorter than the header: its last field's end.
    if (p.row && !p.row->cells.empty()) return p.row->cells.back().offset + p.row->cells.back().value.size();
    return 0;
  }
  void error(const Place& p, const std::string& message) {
    if (table_.workbook) {
      const std::size_t order = (p.sheet << 40) | (p.row->number << 14) | p.column;
      const Cell* c = cell_at(p);
      diags_.error_at_cell(table_.file, order, table_.sheets[p.sheet].name + "!" + column_letters(p.column) +
                                                   std::to_string(p.row->number),
                           c ? c->value : "", message);
    } else {
      diags_.error(table_.file, offset_of(p), message);
    }
  }

  void read_sheet(std::size_t s) {
    const Sheet& sheet = table_.sheets[s];
    const Row* header = nullptr;
    for (const auto& row : sheet.rows) {
      for (const auto& c : row.cells) {
        if (c.kind != Cell::Kind::empty) header = &row;
      }
      if (header) break;
    }
    if (!header) return;  // an empty sheet
    std::optional<std::size_t> columns[kColumns];
    for (std::size_t c = 0; c < header->cells.size(); ++c) {
      const std::string name = trimmed(header->cells[c].value);
      for (int k = 0; k < kColumns; ++k) {
        if (name != kColumnNames[k]) continue;
        if (columns[k]) {
          error({s, header, c}, "a second column " + name + "; the first is column " + column_letters(*columns[k]));
        } else {
          columns[k] = c;
        }
      }
    }
    if (!columns[kIdColumn]) {
      error({s, header, 0}, "the first row names no id column; a results sheet has the columns id, 実績, 達成, 未定, "
                            "未達成の理由 and 今後の対応策 (the workbook figures --xlsx writes)");
      return;
    }
    if (!header_) header_ = Place{s, header, *columns[kIdColumn]};
    for (const auto& row : sheet.rows) {
      if (row.number <= header->number) continue;
      Place at[kColumns];
      std::string values[kColumns];
      bool any = false;
      for (int k = 0; k < kColumns; ++k) {
        // A column the sheet lacks reads as empty, at the row's first cell.
        at[k] = Place{s, &row, columns[k].value_or(*columns[kIdColumn])};
        values[k] = columns[k] ? value_at(at[k]) : std::string();
        if (k != kIdColumn && !values[k].empty()) any = true;
      }
      const std::string& id = values[kIdColumn];
      if (id.empty()) {
        if (!any) continue;
        for (int k = 1; k < kColumns; ++k) {
          if (!values[k].empty()) {
            error(at[k], "a row with results and no id; the id column names the indicator");
            break;
          }
        }
        continue;
      }
      const auto found = indicators_.find(id);
      if (found == indicators_.end()) {
        error(at[kIdColumn], "indicator \"" + id + "\" is not in period " + period_.id.value + " (" +
                                 period_.title.value + ")");
        continue;
      }
      model::Indicator& ind = *found->second;
      if (!any) {
        empty_rows_.emplace(id, at[kIdColumn]);
        continue;
      }
      const auto [first, inserted] = rows_.emplace(id, at[kIdColumn]);
      if (!inserted) {
        error(at[kIdColumn], "a second row for indicator " + id + "; the first is " + where(first->second));
        continue;
      }
      apply_row(ind, at, values);
    }
  }

  std::optional<compute::Decimal> number(const model::Indicator& ind, const Place& p, const std::string& v) {
    const Cell* c = cell_at(p);
    const std::string year = "FY" + std::to_string(data_.fy.value);
    if (c && c->kind == Cell::Kind::date) {
      error(p, "a date (" + v + ") in 実績; indicator " + ind.id.value + "'s " + year + " target is a number");
      return std::nullopt;
    }
    if (auto d = compute::Decimal::parse(v)) {
      if (d->scale() > ind.decimals) {
        error(p, "actual \"" + v + "\" has " + std::to_string(d->scale()) + " decimals; indicator " + ind.id.value +
                     " has decimals=\"" + std::to_string(ind.decimals) + "\"");
        return std::nullopt;
      }
      return d;
    }
    const auto typed = model::number_typed_as_text(v, ind.unit);
    if (has_full_width_digit(v)) {
      error(p, "full-width digits in 実績 \"" + v + "\"; type the number in half-width digits" +
                   (typed ? " (" + *typed + ")" : std::string()));
    } else if (v.find('%') != std::string::npos || v.find("％") != std::string::npos) {
      error(p, "a percent sign in 実績 \"" + v + "\"; type the number alone" + (typed ? " (" + *typed + ")" : std::string()) +
                   ": the unit comes from indicator " + ind.id.value);
    } else {
      error(p, "text \"" + v + "\" in a number cell: indicator " + ind.id.value + "'s " + year +
                   " target is a number; type the actual as a number" +
                   (typed ? " (" + *typed + ")" : std::string()) +
                   (ind.unit.empty() ? std::string() : ", its unit " + ind.unit + " coming from the indicator"));
    }
    return std::nullopt;
  }

  void apply_row(model::Indicator& ind, const Place* at, const std::string* values) {
    const int fy = data_.fy.value;
    const std::string year = "FY" + std::to_string(fy);
    const model::FiscalYear when{fy, data_.fy.offset};
    auto typed_too = [&](std::size_t offset, const char* element, const Place& p) {
      error(p, "indicator " + ind.id.value + "'s " + year + " <" + element + "> is typed in the packet (line " +
                   std::to_string(packet_.locate(offset).line) + ") and given here; keep one");
    };
    const bool result_given = !values[kActualColumn].empty() || !values[kAchievedColumn].empty() ||
                              !values[kPendingColumn].empty();
    if (result_given) {
      if (const model::Actual* typed = ind.actual(fy)) {
        typed_too(typed->offset, "actual", at[values[kActualColumn].empty() ? kIdColumn : kActualColumn]);
        return;
      }
    }
    if (!values[kReasonColumn].empty()) {
      if (const model::YearText* typed = ind.reason(fy)) typed_too(typed->offset, "reason", at[kReasonColumn]);
    }
    if (!values[kNextColumn].empty()) {
      if (const model::YearText* typed = ind.next(fy)) typed_too(typed->offset, "next", at[kNextColumn]);
    }
    if (result_given) {
      model::Actual a;
      a.offset = data_.offset;
      a.text_offset = data_.offset;
      a.achieved_offset = data_.offset;
      a.fy = when;
      const std::string& achieved = values[kAchievedColumn];
      bool pending = !values[kPendingColumn].empty();
      bool ok = true;
      if (achieved == kMet) a.achieved = true;
      else if (achieved == kUnmet) a.achieved = false;
      else if (achieved == kPendingWord) pending = true;
      else if (!achieved.empty()) {
        error(at[kAchievedColumn], "達成 \"" + achieved + "\" is not known; expected 達成, 未達成 or 未定");
        ok = false;
      }
      const model::Target* target = ind.target(fy);
      const std::string& actual = values[kActualColumn];
      if (pending) {
        if (!actual.empty() || a.achieved) {
          error(at[actual.empty() ? kAchievedColumn : kActualColumn],
                "a pending result (未定) of indicator " + ind.id.value + " has a result too; give either 未定 or a result");
          ok = false;
        }
        a.pending = model::SourceText{values[kPendingColumn], data_.offset};
        a.achieved.reset();
      } else if (!actual.empty()) {
        if (target && target->text) {
          a.text = cell_text(cell_at(at[kActualColumn])->value, data_.offset);
          if (!a.achieved) {
            error(at[kActualColumn], "the " + year + " result of indicator " + ind.id.value +
                                         " is text, so no rate can judge it; fill in 達成 with 達成 or 未達成");
            ok = false;
          }
        } else if (auto n = number(ind, at[kActualColumn], actual)) {
          a.value = model::Number{*n, data_.offset};
        } else {
          ok = false;
        }
      }
      if (ok) ind.actuals.push_back(std::move(a));
    }
    if (!values[kReasonColumn].empty() && !ind.reason(fy)) {
      ind.reasons.push_back({data_.offset, when, cell_text(cell_at(at[kReasonColumn])->value, data_.offset)});
    }
    if (!values[kNextColumn].empty() && !ind.next(fy)) {
      ind.nexts.push_back({data_.offset, when, cell_text(cell_at(at[kNextColumn])->value, data_.offset)});
    }
    given_.emplace(ind.id.value);
  }

  // An indicator with a target in the year and neither a row nor a typed result.
  void report_missing() {
    const int fy = data_.fy.value;
    for (const auto& [id, ind] : indicators_) {
      if (!ind->target(fy) || ind->actual(fy) || given_.count(id) || rows_.count(id)) continue;
      const auto empty = empty_rows_.find(id);
      const std::string fill = "fill in 実績 (or 達成), or 未定 for a result not known yet";
      if (empty != empty_rows_.end()) {
        error(empty->second, "the row of indicator " + id + " is empty; it has a FY" + std::to_string(fy) +
                                 " target: " + fill);
      } else if (header_) {
        error(*header_, "indicator " + id + " has a FY" + std::to_string(fy) + " target and no row here; add a row " +
                            "with id " + id + " and " + fill);
      } else {
        diags_.error(table_.file, 0, "the file has no rows; indicator " + id + " has a FY" + std::to_string(fy) +
                                         " target (a results sheet has a first row naming its columns)");
      }
    }
  }

  const Table& table_;
  const model::ResultsData& data_;
  model::Period& period_;
  const diag::SourceFile& packet_;
  diag::Diagnostics& diags_;
  std::map<std::string, model::Indicator*> indicators_;
  std::map<std::string, Place> rows_, empty_rows_;
  std::set<std::string> given_;
  std::optional<Place> header_;
};

}  // namespace

void apply_results_data(model::Packet& packet, const ReadDataFile& read, diag::Diagnostics& diags) {
  const fs::path dir = fs::path(packet.source->path()).parent_path();
  for (auto& plan : packet.plans) {
    for (const auto& data : plan.results_data) {
      model::Period* period = nullptr;
      for (auto& p : plan.periods) {
        if (p.id.value == data.period.value) period = &p;
      }
      if (!period || data.href.value.empty()) continue;  // reported when parsed
      const std::string path = (dir / data.href.value).lexically_normal().string();
      std::string error;
      const auto bytes = read(path, data.href.value, error);
      if (!bytes) {
        diags.error(packet.source, data.href.offset, error);
        continue;
      }
      const auto table = read_table(path, *bytes, error);
      if (!table) {
        diags.error(packet.source, data.href.offset, path + ": " + error);
        continue;
      }
      packet.data_files.emplace_back(data.href.value, table->file);
      ResultsReader(*table, data, *period, *packet.source, diags).read();
    }
  }
}

}  // namespace shiryo::sheet
