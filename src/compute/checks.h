// The checks that need computed figures: judgements written by hand against
// the computed ones, results nobody entered, and the counts a document
// expects (plan-format.md §6, §9.8, §9.19).
#pragma once

#include <memory>

#include "compute/results.h"
#include "diag/diagnostics.h"
#include "model/packet.h"

namespace shiryo::compute {

void check_figures(const model::Packet& packet, diag::Diagnostics& diags);

// §9.8: every target of a year shown needs a result (an actual, or pending);
// each one missing is an error at its target. The views and `figures` alike.
void report_missing_results(const YearResults& results, const std::shared_ptr<const diag::SourceFile>& source,
                            diag::Diagnostics& diags);

}  // namespace shiryo::compute
