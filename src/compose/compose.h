// The packet's views turned into the box tree, styled from the layout set.
#pragma once

#include "diag/diagnostics.h"
#include "image/figure_files.h"
#include "layout/box.h"
#include "model/packet.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::compose {

// The styles, lengths, words and pages the views look up.
style::Requirements layout_requirements();

// Views not drawn yet are framed placeholders, each with a warning in `diags`.
// `figures` holds the files the packet's figures name (image/figure_files.h).
layout::BoxTree compose_packet(const model::Packet& packet, const style::LayoutSet& layout,
                               const text::FontSet& fonts, const image::FigureFiles& figures,
                               diag::Diagnostics& diags);

}  // namespace shiryo::compose
