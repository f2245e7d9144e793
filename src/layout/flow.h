// Block flow: sections of the box tree poured into pages.
#pragma once

#include "layout/box.h"
#include "layout/fragment.h"
#include "layout/paragraph.h"

namespace shiryo::layout {

LaidOutPacket layout_packet(const BoxTree& tree, TextContext& context);

}  // namespace shiryo::layout
