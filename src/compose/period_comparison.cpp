#include "compose/plan_views.h"

namespace shiryo::compose {

void add_period_comparison(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out) {
  out.emplace_back(placeholder("<" + v.element() + ">", v.offset, view, measure));
}

}  // namespace shiryo::compose
