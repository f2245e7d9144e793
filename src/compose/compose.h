// The packet's views turned into the box tree, styled from the layout set.
#pragma once

#include "layout/box.h"
#include "model/packet.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::compose {

// The styles, lengths, words and pages the views look up.
style::Requirements layout_requirements();

layout::BoxTree compose_packet(const model::Packet& packet, const style::LayoutSet& layout,
                               const text::FontSet& fonts);

}  // namespace shiryo::compose
