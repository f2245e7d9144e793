// <plan>: the reform plan's data (plan-format.md §6, §9).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compute/decimal.h"
#include "model/rich_text.h"
#include "model/source_text.h"

namespace shiryo::model {

struct Step {
  std::size_t offset = 0;
  FiscalYear fy;
  std::optional<FiscalYear> through;
  RichText text;
};

enum class MeasureStatus { unspecified, completed, continued, added };

struct Measure {
  std::size_t offset = 0;
  RichText text;
  std::vector<std::string> depts;
  MeasureStatus status = MeasureStatus::unspecified;
  std::vector<Step> steps;
};

struct YearPlan {
  std::size_t offset = 0;
  FiscalYear fy;
  std::optional<RichText> planned;
  std::optional<RichText> done;
};

struct Number {
  compute::Decimal value;
  std::size_t offset = 0;  // inside the value's quotes
};

struct Target {
  std::size_t offset = 0;
  FiscalYear fy;
  std::optional<Number> value;
  std::optional<RichText> text;  // a target that is not a number
  std::size_t text_offset = 0;
};

struct ResultPart {
  std::size_t offset = 0;
  SourceText name;
  Number value;
};

struct Actual {
  std::size_t offset = 0;
  FiscalYear fy;
  std::optional<Number> value;
  std::optional<RichText> text;
  std::size_t text_offset = 0;
  std::optional<SourceText> pending;  // present when the result is not known yet
  std::optional<bool> achieved;
  std::size_t achieved_offset = 0;
  std::vector<ResultPart> parts;
};

struct YearText {
  std::size_t offset = 0;
  FiscalYear fy;
  RichText text;
};

enum class Better { higher, lower };

struct Indicator {
  std::size_t offset = 0;
  SourceText id;
  SourceText name;
  std::string unit;
  int decimals = 0;
  Better better = Better::higher;
  std::optional<SourceText> baseline;
  std::optional<Number> baseline_number;
  std::vector<Target> targets;
  std::vector<Actual> actuals;
  std::vector<YearText> reasons;
  std::vector<YearText> nexts;
  std::vector<RichText> remarks;

  const Target* target(int fy) const;
  const Actual* actual(int fy) const;
  const YearText* reason(int fy) const;
  const YearText* next(int fy) const;
};

struct Footnote {
  std::size_t offset = 0;
  SourceText mark;
  SourceText term;
  RichText text;
};

struct PlanItem {
  std::size_t offset = 0;
  SourceText id;
  SourceText title;
  std::vector<std::string> depts;
  std::vector<int> sdgs;
  std::vector<RichText> visions;
  std::vector<RichText> challenges;
  std::vector<Measure> measures;
  std::vector<YearPlan> years;
  std::vector<Indicator> indicators;
  std::vector<RichText> related;
  std::vector<Footnote> footnotes;
};

struct Area {
  std::size_t offset = 0;
  SourceText id;
  SourceText title;
  std::vector<PlanItem> items;
};

struct Goal {
  std::size_t offset = 0;
  SourceText id;
  SourceText title;
  std::optional<SourceText> short_name;
  std::vector<Area> areas;

  const std::string& short_title() const { return short_name ? short_name->value : title.value; }
};

struct Period {
  std::size_t offset = 0;
  SourceText id;
  SourceText title;
  FiscalYear from_fy;
  FiscalYear to_fy;
  compute::Decimal achieved_at = compute::Decimal::from_int(100);
  std::vector<Goal> goals;

  const Goal* find_goal(std::string_view id) const;
};

// <results-data period fy href>: a period's results for a year, read from
// a spreadsheet (plan-format.md §9.23).
struct ResultsData {
  std::size_t offset = 0;
  SourceText period;
  FiscalYear fy;
  SourceText href;  // relative to the packet
};

struct Plan {
  std::size_t offset = 0;
  SourceText id;
  SourceText title;
  FiscalYear from_fy;
  FiscalYear to_fy;
  std::vector<Period> periods;
  std::vector<ResultsData> results_data;

  const Period* find_period(std::string_view id) const;
};

}  // namespace shiryo::model
