#include "model/visit.h"

namespace shiryo::model {
namespace {

void visit_text(const RichText& text, const PlanDataVisitor& v) {
  for (const auto& i : text) {
    if (i.tally && v.tally) v.tally(*i.tally);
    visit_text(i.children, v);
  }
}

void visit_blocks(const std::vector<Block>& blocks, const PlanDataVisitor& v) {
  for (const auto& b : blocks) {
    visit_text(b.text, v);
    for (const auto& item : b.items) visit_text(item, v);
    if (b.caption) visit_text(*b.caption, v);
    if (b.table) {
      for (const auto* rows : {&b.table->head, &b.table->body})
        for (const auto& row : *rows)
          for (const auto& cell : row.cells) {
            visit_text(cell.text, v);
            visit_blocks(cell.figures, v);
          }
    }
    if (b.view && v.view) v.view(*b.view);
    if (b.kind == Block::Kind::figure && v.figure) v.figure(b);
    visit_blocks(b.children, v);
  }
}

}  // namespace

void visit_plan_data(const Packet& packet, const PlanDataVisitor& visitor) {
  for (const auto& doc : packet.documents) {
    visit_blocks(doc.blocks, visitor);
    for (const auto& part : doc.parts) visit_blocks(part.blocks, visitor);
  }
}

}  // namespace shiryo::model
