// The checks that need computed figures: judgements written by hand against
// the computed ones, results nobody entered, and the counts a document
// expects (plan-format.md §6, §9.8, §9.19).
#pragma once

#include "diag/diagnostics.h"
#include "model/packet.h"

namespace shiryo::compute {

void check_figures(const model::Packet& packet, diag::Diagnostics& diags);

}  // namespace shiryo::compute
