#include "cli/figures.h"

#include <ostream>
#include <sstream>

#include "cli/build.h"
#include "cli/output.h"
#include "compute/checks.h"
#include "compute/results.h"
#include "diag/encoding.h"
#include "model/date.h"
#include "model/parse.h"
#include "sheet/results_columns.h"
#include "sheet/workbook_writer.h"

namespace shiryo::cli {
namespace {

// One output row: tab-separated, or CSV with fields quoted where needed.
class TableWriter {
 public:
  TableWriter(std::ostream& out, bool csv) : out_(out), csv_(csv) {}
  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out_ << (csv_ ? ',' : '\t');
      out_ << (csv_ ? csv_field(fields[i]) : fields[i]);
    }
    out_ << (csv_ ? "\r\n" : "\n");
  }

 private:
  static std::string csv_field(const std::string& f) {
    if (f.find_first_of(",\"\r\n") == std::string::npos) return f;
    std::string q = "\"";
    for (char c : f) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }
  std::ostream& out_;
  bool csv_;
};

const char* result_word(compute::Judgement j) {
  switch (j) {
    case compute::Judgement::met: return "達成";
    case compute::Judgement::unmet: return "未達成";
    case compute::Judgement::pending: return "未定";
  }
  return "未定";
}

std::vector<std::string> count_row(const std::string& period, int fy, const std::string& goal,
                                   const compute::Counts& c) {
  return {period, std::to_string(fy), goal, std::to_string(c.set), std::to_string(c.met),
          std::to_string(c.unmet), std::to_string(c.pending)};
}

// The Excel form of a target or actual: the number alone, where it is one.
std::string excel_value(const model::Number* number, const std::string& printed, const model::Indicator& ind) {
  return number ? number->value.to_string(ind.decimals) : printed;
}

std::vector<std::string> indicator_row(const std::string& period, int fy, const compute::IndicatorResult& r,
                                       bool excel) {
  const model::Indicator& ind = *r.indicator;
  std::string target = r.target, actual = r.actual, rate = compute::format_rate(r.rate);
  if (excel) {
    const model::Target* t = ind.target(fy);
    const model::Actual* a = ind.actual(fy);
    target = excel_value(t && t->value ? &*t->value : nullptr, r.target, ind);
    actual = excel_value(a && a->value && !a->pending ? &*a->value : nullptr, r.actual, ind);
    if (r.rate) rate = r.rate->to_string(1);
  }
  return {period, std::to_string(fy), r.classification, ind.id.value, ind.name.value, target, actual, rate,
          result_word(r.judgement)};
}

// The workbook a department fills in: a sheet per department, a row per
// indicator with a target in `fy` (an indicator of two departments on both).
std::vector<sheet::OutSheet> results_workbook(const model::Period& period, int fy) {
  using namespace sheet::columns;
  const std::vector<sheet::OutColumn> columns = {
      {kId, 12, false, false},     {"分類", 10, false, false},     {"計画名", 24, false, false},
      {"指標名", 40, false, false}, {"単位", 6, false, false},      {"目標", 12, false, false},
      {kActual, 12, true, false},  {kAchieved, 8, true, false},   {kPending, 16, true, false},
      {kReason, 40, true, false},  {kNext, 40, true, false}};
  std::vector<sheet::OutSheet> sheets;
  auto sheet_of = [&](const std::string& dept) -> sheet::OutSheet& {
    const std::string name = sheet::sheet_name(dept);
    for (auto& s : sheets) if (s.name == name) return s;
    sheets.push_back({name, columns, {}});
    return sheets.back();
  };
  const compute::YearResults results = compute::year_results(period, fy, false);
  for (const auto& r : results.indicators) {
    const model::Indicator& ind = *r.indicator;
    const model::Target* t = ind.target(fy);
    sheet::OutCell target{r.target, false, 0, {}};
    if (t && t->value) target = {t->value->value.to_string(ind.decimals), true, ind.decimals, {}};
    std::vector<sheet::OutCell> row = {
        {ind.id.value, false, 0, {}}, {r.classification, false, 0, {}}, {r.item->title.value, false, 0, {}},
        {ind.name.value, false, 0, {}}, {ind.unit, false, 0, {}}, target, {}, {"", false, 0, {kMet, kUnmet, kPendingWord}},
        {}, {}, {}};
    std::vector<std::string> depts = r.item->depts;
    if (depts.empty()) depts.push_back("担当課なし");
    for (const auto& d : depts) sheet_of(d).rows.push_back(row);
  }
  return sheets;
}

// The workbook's creation time: the meeting day at 00:00 +09:00, never the clock.
std::time_t meeting_time(const model::Packet& p) {
  return static_cast<std::time_t>(model::days_from_civil(p.meta.held_start.value.date) * 86400LL - 9 * 3600LL);
}

}  // namespace

int run_figures(const Options& options, std::ostream& out, std::ostream& err) {
  diag::Diagnostics diags;
  int status = kSuccess;
  const auto packet = load_packet(options.input, diags, err, status);
  if (!packet) return status;
  const model::Packet& p = *packet;

  // The periods asked for, each with the years it prints; an --fy outside a
  // period's years prints no rows of it.
  struct Selected {
    const model::Period* period;
    std::vector<int> years;
  };
  std::vector<Selected> selected;
  std::string all_periods;
  bool any_year = false;
  for (const auto& plan : p.plans) {
    for (const auto& period : plan.periods) {
      const std::string span = period.id.value + " (" + std::to_string(period.from_fy.value) + "–" +
                               std::to_string(period.to_fy.value) + ")";
      all_periods += (all_periods.empty() ? "" : ", ") + span;
      if (options.period && period.id.value != *options.period) continue;
      std::vector<int> years = compute::years_with_targets(period);
      if (options.fy) {
        const bool inside = *options.fy >= period.from_fy.value && *options.fy <= period.to_fy.value;
        years = inside ? std::vector<int>{*options.fy} : std::vector<int>{};
      }
      any_year = any_year || !years.empty();
      selected.push_back({&period, std::move(years)});
    }
  }
  const std::string periods = all_periods.empty() ? "the packet has none" : "its periods are " + all_periods;
  if (options.period && selected.empty()) {
    err << "shiryo: error: --period '" << *options.period << "' names no period of the packet; " << periods << "\n";
    return kInputError;
  }
  if (options.fy && !any_year) {
    err << "shiryo: error: --fy " << *options.fy;
    if (options.period) {
      const model::Period& period = *selected.front().period;
      err << " is outside period " << period.id.value << " (" << period.from_fy.value << "–" << period.to_fy.value
          << ")\n";
    } else {
      err << " is in no period of the packet; " << periods << "\n";
    }
    return kInputError;
  }

  // Everything is computed and checked before a line is printed.
  std::ostringstream table_text;
  if (options.excel && options.encoding == "utf-8") table_text << "\xEF\xBB\xBF";
  TableWriter table(table_text, options.csv);
  if (options.counts) {
    table.row({"period", "fy", "goal", "set", "met", "unmet", "pending"});
  } else {
    table.row({"period", "fy", "class", "indicator", "name", "target", "actual", "rate", "result"});
  }
  for (const auto& [period, years] : selected) {
    for (int fy : years) {
      const compute::YearResults results = compute::year_results(*period, fy, false);
      compute::report_missing_results(results, p.source, diags);
      if (options.counts) {
        for (const auto& g : results.goals) table.row(count_row(period->id.value, fy, g.numeral, g.counts));
        table.row(count_row(period->id.value, fy, "合計", results.total));
        continue;
      }
      for (const auto& r : results.indicators) table.row(indicator_row(period->id.value, fy, r, options.excel));
    }
  }
  diags.print(err);
  if (diags.has_errors()) return kInputError;
  std::string text = table_text.str();
  if (options.xlsx) {
    std::vector<const Selected*> with_year;
    for (const auto& s : selected) if (!s.years.empty()) with_year.push_back(&s);
    if (with_year.size() > 1) {
      err << "shiryo: error: FY" << *options.fy << " is in more than one period; pick one with --period\n";
      return kUsage;
    }
    std::string error;
    const std::string title = with_year.front()->period->title.value + " FY" + std::to_string(*options.fy);
    auto bytes = sheet::write_workbook(results_workbook(*with_year.front()->period, *options.fy), meeting_time(p),
                                       title, error);
    if (!bytes) {
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
    text = std::move(*bytes);
  } else if (options.excel && options.encoding == "cp932") {
    auto encoded = diag::to_cp932(text);
    if (!encoded) {
      err << "shiryo: error: the figures hold a character that CP932 has no code for; use --encoding utf-8\n";
      return kInputError;
    }
    text = std::move(*encoded);
  }
  const std::optional<std::string>& path = options.xlsx ? options.xlsx : options.output;
  if (!path) {
    out << text;
    return kSuccess;
  }
  std::vector<InputFile> inputs = {{options.input, "the packet"}};
  for (const auto& [href, file] : p.data_files) inputs.push_back({file->path(), "a results spreadsheet"});
  if (const auto clash = output_overwrites_input(*path, inputs)) {
    err << "shiryo: error: " << *clash << "\n";
    return kUsage;
  }
  std::string error;
  if (!write_output(*path, text, error)) {
    err << "shiryo: error: " << error << "\n";
    return kEnvironment;
  }
  return kSuccess;
}

}  // namespace shiryo::cli
