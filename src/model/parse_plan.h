// <plan> → model::Plan, with the rules of plan-format.md §6 and §9 that the
// data alone decides (ids, fiscal years, decimals, judgements of text results).
#pragma once

#include "model/plan.h"
#include "model/reader.h"

namespace shiryo::model {

Plan parse_plan(const Reader& reader, pugi::xml_node node);

}  // namespace shiryo::model
