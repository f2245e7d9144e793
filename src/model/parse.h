// Packet XML → model::Packet, reporting every problem with its position.
#pragma once

#include <memory>
#include <optional>

#include "diag/diagnostics.h"
#include "model/packet.h"

namespace shiryo::model {

// Returns the packet when the file has no errors; otherwise nullopt, with
// every error reported in `diags`.
std::optional<Packet> parse_packet(std::shared_ptr<const diag::SourceFile> source,
                                   diag::Diagnostics& diags);

}  // namespace shiryo::model
