// Walks a packet's documents for the views of plan data and the <tally>
// figures in their text, and the <figure> blocks, wherever they stand (blocks,
// boxes, lists, cells).
#pragma once

#include <functional>

#include "model/packet.h"

namespace shiryo::model {

struct PlanDataVisitor {
  std::function<void(const View&)> view;
  std::function<void(const Tally&)> tally;
  // A <figure>, whose file is read with the packet's other inputs.
  std::function<void(const Block&)> figure;
};

void visit_plan_data(const Packet& packet, const PlanDataVisitor& visitor);

}  // namespace shiryo::model
