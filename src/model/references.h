// Cross-references of a packet (plan-format.md §9.1, §9.18): ids unique in
// their scope, and every reference resolved in its scope.
#pragma once

#include <optional>

#include "model/packet.h"
#include "model/reader.h"

namespace shiryo::model {

// What a view or a tally selects.
struct Selection {
  const Plan* plan = nullptr;
  const Period* period = nullptr;
  const Goal* goal = nullptr;  // null: every goal
};

// The plan named (or the only one), the period named (or the one holding
// `fy`, or the plan's only period), and the goal named within that period.
// Null members where nothing matches; check_references reports those.
Selection select(const Packet& packet, const std::optional<SourceText>& plan,
                 const std::optional<SourceText>& period, const std::optional<SourceText>& goal,
                 std::optional<int> fy);

const Indicator* find_indicator(const Packet& packet, std::string_view id);

void check_references(const Reader& reader, const Packet& packet);

}  // namespace shiryo::model
