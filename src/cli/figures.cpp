#include "cli/figures.h"

#include <ostream>
#include <sstream>

#include "cli/build.h"
#include "cli/output.h"
#include "compute/checks.h"
#include "compute/results.h"
#include "model/parse.h"

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
      for (const auto& r : results.indicators) {
        table.row({period->id.value, std::to_string(fy), r.classification, r.indicator->id.value,
                   r.indicator->name.value, r.target, r.actual, compute::format_rate(r.rate),
                   result_word(r.judgement)});
      }
    }
  }
  diags.print(err);
  if (diags.has_errors()) return kInputError;
  if (!options.output) {
    out << table_text.str();
    return kSuccess;
  }
  if (const auto clash = output_overwrites_input(*options.output, {{options.input, "the packet"}})) {
    err << "shiryo: error: " << *clash << "\n";
    return kUsage;
  }
  std::string error;
  if (!write_output(*options.output, table_text.str(), error)) {
    err << "shiryo: error: " << error << "\n";
    return kEnvironment;
  }
  return kSuccess;
}

}  // namespace shiryo::cli
