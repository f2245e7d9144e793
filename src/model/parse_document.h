// <document> → model::Document: its attributes, generic blocks, parts and
// views of plan data (plan-format.md §7, §9.2–9.3).
#pragma once

#include "model/document.h"
#include "model/reader.h"

namespace shiryo::model {

Document parse_document(const Reader& reader, pugi::xml_node node);

}  // namespace shiryo::model
