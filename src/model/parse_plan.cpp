#include "model/parse_plan.h"

#include <algorithm>
#include <map>
#include <set>

namespace shiryo::model {

const Target* Indicator::target(int fy) const {
  for (const auto& t : targets) if (t.fy.value == fy) return &t;
  return nullptr;
}
const Actual* Indicator::actual(int fy) const {
  for (const auto& a : actuals) if (a.fy.value == fy) return &a;
  return nullptr;
}
const YearText* Indicator::reason(int fy) const {
  for (const auto& r : reasons) if (r.fy.value == fy) return &r;
  return nullptr;
}
const YearText* Indicator::next(int fy) const {
  for (const auto& n : nexts) if (n.fy.value == fy) return &n;
  return nullptr;
}
const Goal* Period::find_goal(std::string_view goal_id) const {
  for (const auto& g : goals) if (g.id.value == goal_id) return &g;
  return nullptr;
}
const Period* Plan::find_period(std::string_view period_id) const {
  for (const auto& p : periods) if (p.id.value == period_id) return &p;
  return nullptr;
}

namespace {

// Department lists are separated by spaces or 、.
std::vector<std::string> split_depts(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) out.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ' ') {
      flush();
      ++i;
    } else if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "　") == 0) {
      flush();
      i += 3;
    } else {
      current += text[i++];
    }
  }
  flush();
  return out;
}

class PlanParser {
 public:
  explicit PlanParser(const Reader& r) : r_(r) {}

  Plan plan(pugi::xml_node node);

 private:
  struct Range {
    int from = 0, to = 0;
    std::string what;  // "period p1 (FY2021–2023)"
  };

  void check_in(const FiscalYear& fy, const Range& range, const std::string& element) const {
    if (fy.value < range.from || fy.value > range.to) {
      r_.error(fy.offset, "fy " + std::to_string(fy.value) + " of <" + element + "> is outside " + range.what);
    }
  }
  void check_decimals(const Number& n, const Indicator& ind, const std::string& what) const {
    if (n.value.scale() > ind.decimals) {
      r_.error(n.offset, what + " \"" + n.value.to_string(n.value.scale()) + "\" has " + std::to_string(n.value.scale()) +
                             " decimals; indicator " + ind.id.value + " has decimals=\"" +
                             std::to_string(ind.decimals) + "\"");
    }
  }
  // Ids unique in a scope; reports the second use.
  void unique(std::map<std::string, std::size_t>& seen, const SourceText& id, const std::string& kind) const {
    if (id.value.empty()) return;
    auto [it, inserted] = seen.emplace(id.value, id.offset);
    if (!inserted) {
      r_.error(id.offset, "duplicate " + kind + " id \"" + id.value + "\"; first used on line " +
                              std::to_string(r_.line_of(it->second)));
    }
  }
  SourceText required_id(const ElementReader& er, const char* name = "id") const {
    auto a = er.require(name);
    return a ? a->text() : SourceText{};
  }
  std::optional<FiscalYear> required_fy(const ElementReader& er) const {
    auto a = er.require("fy");
    return a ? r_.fiscal_year(*a) : std::nullopt;
  }

  Period period(pugi::xml_node node, const Range& plan_range);
  ResultsData results_data(pugi::xml_node node);
  Goal goal(pugi::xml_node node, const Range& range);
  PlanItem item(pugi::xml_node node, const Range& range);
  Measure measure(pugi::xml_node node, const Range& range);
  Indicator indicator(pugi::xml_node node, const Range& range);
  void check_footnotes(const PlanItem& item) const;

  const Reader& r_;
};

Plan PlanParser::plan(pugi::xml_node node) {
  ElementReader er(r_.input(), node, r_.diags(), {"id", "title", "from-fy", "to-fy"});
  Plan p;
  p.offset = er.offset();
  p.id = required_id(er);
  if (auto t = er.require("title")) p.title = t->text();
  if (auto a = er.require("from-fy")) p.from_fy = r_.fiscal_year(*a).value_or(FiscalYear{});
  if (auto a = er.require("to-fy")) p.to_fy = r_.fiscal_year(*a).value_or(FiscalYear{});
  if (p.from_fy.value && p.to_fy.value && p.to_fy.value < p.from_fy.value) {
    r_.error(p.to_fy.offset, "to-fy " + std::to_string(p.to_fy.value) + " is before from-fy " +
                                 std::to_string(p.from_fy.value));
  }
  const Range range{p.from_fy.value, p.to_fy.value,
                    "plan " + p.id.value + " (FY" + std::to_string(p.from_fy.value) + "–" +
                        std::to_string(p.to_fy.value) + ")"};
  std::map<std::string, std::size_t> period_ids;
  r_.children(node, {"period", "results-data"}, [&](pugi::xml_node child) {
    if (std::string_view(child.name()) == "results-data") {
      p.results_data.push_back(results_data(child));
      return;
    }
    p.periods.push_back(period(child, range));
    unique(period_ids, p.periods.back().id, "period");
  });
  // The period named and the year in it; one spreadsheet per period and year.
  std::map<std::pair<std::string, int>, std::size_t> data_years;
  for (const auto& d : p.results_data) {
    const Period* period = p.find_period(d.period.value);
    if (!period) {
      if (!d.period.value.empty()) {
        r_.error(d.period.offset, "period \"" + d.period.value + "\" is not a period of plan " + p.id.value);
      }
      continue;
    }
    check_in(d.fy, {period->from_fy.value, period->to_fy.value,
                    "period " + period->id.value + " (FY" + std::to_string(period->from_fy.value) + "–" +
                        std::to_string(period->to_fy.value) + ")"},
             "results-data");
    auto [at, inserted] = data_years.emplace(std::pair{d.period.value, d.fy.value}, d.offset);
    if (!inserted) {
      r_.error(d.offset, "a second <results-data> for period " + d.period.value + " FY" + std::to_string(d.fy.value) +
                             "; the first is on line " + std::to_string(r_.line_of(at->second)));
    }
  }
  return p;
}

ResultsData PlanParser::results_data(pugi::xml_node node) {
  ElementReader er(r_.input(), node, r_.diags(), {"period", "fy", "href"});
  r_.children(node, {}, [](pugi::xml_node) {});
  ResultsData d;
  d.offset = er.offset();
  d.period = required_id(er, "period");
  if (auto fy = required_fy(er)) d.fy = *fy;
  if (auto h = er.require("href")) {
    d.href = h->text();
    if (d.href.value.empty()) r_.error(h->value_offset, "href is empty; expected a .xlsx or .csv file");
  }
  return d;
}

Period PlanParser::period(pugi::xml_node node, const Range& plan_range) {
  ElementReader er(r_.input(), node, r_.diags(), {"id", "title", "from-fy", "to-fy", "achieved-at"});
  Period p;
  p.offset = er.offset();
  p.id = required_id(er);
  if (auto t = er.require("title")) p.title = t->text();
  if (auto a = er.require("from-fy")) {
    if (auto fy = r_.fiscal_year(*a)) {
      p.from_fy = *fy;
      check_in(*fy, plan_range, "period");
    }
  }
  if (auto a = er.require("to-fy")) {
    if (auto fy = r_.fiscal_year(*a)) {
      p.to_fy = *fy;
      check_in(*fy, plan_range, "period");
    }
  }
  if (p.from_fy.value && p.to_fy.value && p.to_fy.value < p.from_fy.value) {
    r_.error(p.to_fy.offset, "to-fy " + std::to_string(p.to_fy.value) + " is before from-fy " +
                                 std::to_string(p.from_fy.value));
  }
  if (auto a = er.get("achieved-at")) {
    if (auto n = r_.number(*a)) p.achieved_at = n->value;
  }
  const Range range{p.from_fy.value, p.to_fy.value,
                    "period " + p.id.value + " (FY" + std::to_string(p.from_fy.value) + "–" +
                        std::to_string(p.to_fy.value) + ")"};
  std::map<std::string, std::size_t> goal_ids, area_ids, item_ids;
  r_.children(node, {"goal"}, [&](pugi::xml_node child) {
    p.goals.push_back(goal(child, range));
    unique(goal_ids, p.goals.back().id, "goal");
    for (const auto& area : p.goals.back().areas) {
      unique(area_ids, area.id, "area");
      for (const auto& item : area.items) unique(item_ids, item.id, "item");
    }
  });
  return p;
}

Goal PlanParser::goal(pugi::xml_node node, const Range& range) {
  ElementReader er(r_.input(), node, r_.diags(), {"id", "title", "short"});
  Goal g;
  g.offset = er.offset();
  g.id = required_id(er);
  if (auto t = er.require("title")) g.title = t->text();
  g.short_name = r_.optional_attr(er, "short");
  r_.children(node, {"area"}, [&](pugi::xml_node area_node) {
    ElementReader ar(r_.input(), area_node, r_.diags(), {"id", "title"});
    Area a;
    a.offset = ar.offset();
    a.id = required_id(ar);
    if (auto t = ar.require("title")) a.title = t->text();
    r_.children(area_node, {"item"}, [&](pugi::xml_node item_node) { a.items.push_back(item(item_node, range)); });
    g.areas.push_back(std::move(a));
  });
  return g;
}

PlanItem PlanParser::item(pugi::xml_node node, const Range& range) {
  ElementReader er(r_.input(), node, r_.diags(), {"id", "title", "depts", "sdgs"});
  PlanItem it;
  it.offset = er.offset();
  it.id = required_id(er);
  if (auto t = er.require("title")) it.title = t->text();
  if (auto d = er.get("depts")) it.depts = split_depts(d->value);
  if (auto s = er.get("sdgs")) {
    for (const auto& word : split_depts(s->value)) {
      Attribute one{"sdgs", word, s->name_offset, s->value_offset + s->value.find(word)};
      if (auto n = r_.whole_number(one, 1, 17)) it.sdgs.push_back(*n);
    }
  }
  std::map<int, std::size_t> years;
  r_.children(node, {"vision", "challenge", "measure", "year", "indicator", "related", "footnote"},
              [&](pugi::xml_node child) {
    const std::string_view name = child.name();
    if (name == "vision" || name == "challenge" || name == "related") {
      ElementReader cr(r_.input(), child, r_.diags(), {});
      auto text = r_.required_rich_text(child);
      (name == "vision" ? it.visions : name == "challenge" ? it.challenges : it.related).push_back(std::move(text));
    } else if (name == "measure") {
      it.measures.push_back(measure(child, range));
    } else if (name == "year") {
      ElementReader yr(r_.input(), child, r_.diags(), {"fy"});
      YearPlan y;
      y.offset = yr.offset();
      if (auto fy = required_fy(yr)) {
        y.fy = *fy;
        check_in(*fy, range, "year");
        if (auto [at, inserted] = years.emplace(fy->value, fy->offset); !inserted) {
          r_.error(fy->offset, "a second <year fy=\"" + std::to_string(fy->value) + "\"> in item " + it.id.value +
                                   "; the first is on line " + std::to_string(r_.line_of(at->second)));
        }
      }
      r_.children(child, {"planned", "done"}, [&](pugi::xml_node part) {
        ElementReader pr(r_.input(), part, r_.diags(), {});
        auto text = r_.required_rich_text(part);
        (std::string_view(part.name()) == "planned" ? y.planned : y.done) = std::move(text);
      });
      it.years.push_back(std::move(y));
    } else if (name == "indicator") {
      it.indicators.push_back(indicator(child, range));
    } else {
      ElementReader fr(r_.input(), child, r_.diags(), {"mark", "term"});
      Footnote f;
      f.offset = fr.offset();
      if (auto m = fr.require("mark")) f.mark = m->text();
      if (auto t = fr.require("term")) f.term = t->text();
      f.text = r_.required_rich_text(child);
      it.footnotes.push_back(std::move(f));
    }
  });
  check_footnotes(it);
  return it;
}

Measure PlanParser::measure(pugi::xml_node node, const Range& range) {
  ElementReader er(r_.input(), node, r_.diags(), {"dept", "status"});
  Measure m;
  m.offset = er.offset();
  if (auto d = er.get("dept")) m.depts = split_depts(d->value);
  if (auto s = er.get("status")) {
    if (s->value == "completed") m.status = MeasureStatus::completed;
    else if (s->value == "continued") m.status = MeasureStatus::continued;
    else if (s->value == "new") m.status = MeasureStatus::added;
    else r_.error(s->value_offset, "status \"" + s->value + "\" is not known; expected completed, continued or new");
  }
  m.text = r_.rich_text(node, false, {"step"});
  if (m.text.empty()) r_.error(m.offset, "<measure> has no text");
  for (auto child : node.children("step")) {
    ElementReader sr(r_.input(), child, r_.diags(), {"fy", "through"});
    Step s;
    s.offset = sr.offset();
    if (auto fy = required_fy(sr)) {
      s.fy = *fy;
      check_in(*fy, range, "step");
    }
    if (auto t = sr.get("through")) {
      if (auto th = r_.fiscal_year(*t)) {
        s.through = *th;
        if (th->value < s.fy.value) {
          r_.error(th->offset, "through " + std::to_string(th->value) + " is before the step's fy " +
                                   std::to_string(s.fy.value));
        } else {
          check_in(*th, range, "step");
        }
      }
    }
    s.text = r_.required_rich_text(child);
    m.steps.push_back(std::move(s));
  }
  return m;
}

Indicator PlanParser::indicator(pugi::xml_node node, const Range& range) {
  ElementReader er(r_.input(), node, r_.diags(), {"id", "name", "unit", "decimals", "better", "baseline"});
  Indicator ind;
  ind.offset = er.offset();
  ind.id = required_id(er);
  if (auto n = er.require("name")) ind.name = n->text();
  if (auto u = er.get("unit")) ind.unit = u->value;
  if (auto d = er.get("decimals")) ind.decimals = r_.whole_number(*d, 0, 6).value_or(0);
  if (auto b = er.get("better")) {
    if (b->value == "higher") ind.better = Better::higher;
    else if (b->value == "lower") ind.better = Better::lower;
    else r_.error(b->value_offset, "better \"" + b->value + "\" is not known; expected higher or lower");
  }
  if (auto b = er.get("baseline")) {
    ind.baseline = b->text();
    if (auto v = compute::Decimal::parse(b->value)) {
      ind.baseline_number = Number{*v, b->value_offset};
      check_decimals(*ind.baseline_number, ind, "baseline");
    }
  }

  std::map<std::string, std::map<int, std::size_t>> seen;  // element → fy → offset
  auto once = [&](const std::string& element, const FiscalYear& fy) {
    auto [at, inserted] = seen[element].emplace(fy.value, fy.offset);
    if (!inserted) {
      r_.error(fy.offset, "a second <" + element + " fy=\"" + std::to_string(fy.value) + "\"> in indicator " +
                              ind.id.value + "; the first is on line " + std::to_string(r_.line_of(at->second)));
    }
  };

  r_.children(node, {"target", "actual", "reason", "next", "remark"}, [&](pugi::xml_node child) {
    const std::string name = child.name();
    if (name == "target") {
      ElementReader tr(r_.input(), child, r_.diags(), {"fy", "value"});
      Target t;
      t.offset = tr.offset();
      if (auto fy = required_fy(tr)) {
        t.fy = *fy;
        check_in(*fy, range, name);
        once(name, *fy);
      }
      if (auto v = tr.get("value")) {
        t.value = r_.number(*v);
        if (t.value) check_decimals(*t.value, ind, "target");
      }
      RichText text = r_.rich_text(child);
      if (!text.empty()) {
        t.text_offset = text.front().text.offset;
        t.text = std::move(text);
      }
      if (t.value && t.text) r_.error(t.text_offset, "a target has a value and a text; give one");
      if (!tr.get("value") && !t.text) r_.error(t.offset, "<target> has neither a value nor a text");
      ind.targets.push_back(std::move(t));
    } else if (name == "actual") {
      ElementReader ar(r_.input(), child, r_.diags(), {"fy", "value", "pending", "achieved"});
      Actual a;
      a.offset = ar.offset();
      if (auto fy = required_fy(ar)) {
        a.fy = *fy;
        check_in(*fy, range, name);
        once(name, *fy);
      }
      if (auto v = ar.get("value")) {
        a.value = r_.number(*v);
        if (a.value) check_decimals(*a.value, ind, "actual");
      }
      if (auto p = ar.get("pending")) a.pending = p->text();
      if (auto y = ar.get("achieved")) {
        a.achieved = r_.yes_no(*y);
        a.achieved_offset = y->value_offset;
      }
      r_.children(child, {"part"}, [&](pugi::xml_node part) {
        ElementReader pr(r_.input(), part, r_.diags(), {"name", "value"});
        r_.children(part, {}, [](pugi::xml_node) {});
        ResultPart rp;
        rp.offset = pr.offset();
        if (auto n = pr.require("name")) rp.name = n->text();
        if (auto v = pr.require("value")) {
          if (auto num = r_.number(*v)) {
            rp.value = *num;
            check_decimals(*num, ind, "part");
          }
        }
        a.parts.push_back(std::move(rp));
      }, true);
      RichText text = r_.rich_text(child, false, {"part"});
      if (!text.empty()) {
        a.text_offset = text.front().text.offset;
        a.text = std::move(text);
      }
      if (a.pending && (a.value || a.text || !a.parts.empty())) {
        r_.error(a.offset, "a pending <actual> has a result too; give either pending or a result");
      }
      if (a.value && a.text) r_.error(a.text_offset, "an actual has a value and a text; give one");
      // A result known only by its judgement (achieved alone) is allowed: the
      // seed's detail tables show ○/× where no figure was printed.
      if (!a.pending && !ar.get("value") && !a.text && a.parts.empty() && !a.achieved) {
        r_.error(a.offset, "<actual> has no value, text, parts, achieved or pending");
      }
      if (!a.parts.empty()) {
        std::vector<compute::Decimal> values;
        for (const auto& p : a.parts) values.push_back(p.value.value);
        const compute::Decimal mean = compute::Decimal::mean(values, ind.decimals);
        if (a.value && !(a.value->value == mean)) {
          r_.error(a.value->offset, "actual \"" + a.value->value.to_string(a.value->value.scale()) +
                                        "\" differs from the mean of its " + std::to_string(values.size()) +
                                        " parts, " + mean.to_string(ind.decimals));
        }
        if (!a.value) a.value = Number{mean, a.offset};
      }
      ind.actuals.push_back(std::move(a));
    } else if (name == "reason" || name == "next") {
      ElementReader yr(r_.input(), child, r_.diags(), {"fy"});
      YearText y;
      y.offset = yr.offset();
      if (auto fy = required_fy(yr)) {
        y.fy = *fy;
        check_in(*fy, range, name);
        once(name, *fy);
      }
      y.text = r_.required_rich_text(child);
      (name == "reason" ? ind.reasons : ind.nexts).push_back(std::move(y));
    } else {
      ElementReader rr(r_.input(), child, r_.diags(), {});
      ind.remarks.push_back(r_.required_rich_text(child));
    }
  });

  // A text on either side leaves no rate: the judgement must be written.
  for (const auto& a : ind.actuals) {
    if (a.pending || a.achieved) continue;
    const Target* t = ind.target(a.fy.value);
    const auto typed = a.text && t && !t->text ? number_typed_as_text(plain_text(*a.text), ind.unit) : std::nullopt;
    if (typed) {
      r_.error(a.text_offset, "the FY" + std::to_string(a.fy.value) + " result of indicator " + ind.id.value +
                                  " is typed as the text \"" + plain_text(*a.text) +
                                  "\"; a numeric result is written value=\"" + *typed +
                                  "\", its unit coming from the indicator");
    } else if (a.text || (t && t->text)) {
      r_.error(a.offset, "the FY" + std::to_string(a.fy.value) + " result of indicator " + ind.id.value +
                             " is text, so no rate can judge it; add achieved=\"yes\" or achieved=\"no\"");
    }
  }
  return ind;
}

void PlanParser::check_footnotes(const PlanItem& item) const {
  if (item.footnotes.empty()) return;
  std::string sheet = item.title.value;
  for (const auto& v : item.visions) sheet += plain_text(v);
  for (const auto& c : item.challenges) sheet += plain_text(c);
  for (const auto& m : item.measures) {
    sheet += plain_text(m.text);
    for (const auto& s : m.steps) sheet += plain_text(s.text);
  }
  for (const auto& i : item.indicators) {
    sheet += i.name.value;
    for (const auto& r : i.remarks) sheet += plain_text(r);
  }
  for (const auto& r : item.related) sheet += plain_text(r);
  for (const auto& f : item.footnotes) {
    if (!f.term.value.empty() && sheet.find(f.term.value) == std::string::npos) {
      r_.error(f.term.offset, "footnote term \"" + f.term.value + "\" is found nowhere on item " +
                                  item.id.value + "'s sheet");
    }
  }
}

}  // namespace

Plan parse_plan(const Reader& reader, pugi::xml_node node) { return PlanParser(reader).plan(node); }

}  // namespace shiryo::model
