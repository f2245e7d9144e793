#include "model/parse.h"

#include <algorithm>

#include "model/parse_document.h"
#include "model/parse_plan.h"
#include "model/reader.h"
#include "model/references.h"

namespace shiryo::model {

const Document* Packet::find_document(std::string_view id) const {
  for (const auto& d : documents) {
    if (d.id.value == id) return &d;
  }
  return nullptr;
}

const Plan* Packet::find_plan(std::string_view id) const {
  if (id.empty()) return plans.size() == 1 ? &plans.front() : nullptr;
  for (const auto& p : plans) {
    if (p.id.value == id) return &p;
  }
  return nullptr;
}

namespace {

constexpr CivilDate kFirstGregorianDate{1873, 1, 1};

class PacketParser {
 public:
  explicit PacketParser(const Reader& r) : r_(r) {}

  std::optional<Packet> parse();

 private:
  void parse_meta(pugi::xml_node node, Packet& packet);
  AgendaItem parse_agenda_item(pugi::xml_node node);
  void parse_roster(pugi::xml_node node, Packet& packet);

  const Reader& r_;
};

std::optional<Packet> PacketParser::parse() {
  Packet packet;
  packet.source = r_.input().source();
  const pugi::xml_node root = r_.input().root();
  if (std::string_view(root.name()) != "packet") {
    r_.error(r_.offset(root), "the root element is <" + std::string(root.name()) + ">; expected <packet>");
    return std::nullopt;
  }
  packet.offset = r_.offset(root);
  ElementReader er(r_.input(), root, r_.diags(), {"version", "lang", "layout"});
  if (auto v = er.require("version"); v && v->value != "1") {
    r_.error(v->value_offset, "packet version \"" + v->value + "\" is not supported; expected \"1\"");
  }
  if (auto lang = er.get("lang"); lang && lang->value != "ja") {
    r_.error(lang->value_offset, "lang \"" + lang->value + "\" is not supported; expected \"ja\"");
  }
  packet.layout = r_.optional_attr(er, "layout");

  bool seen_meta = false;
  r_.children(root, {"meta", "plan", "agenda", "roster", "document"}, [&](pugi::xml_node child) {
    const std::string_view name = child.name();
    const bool repeated = (name == "meta" && seen_meta) || (name == "agenda" && packet.agenda) ||
                          (name == "roster" && packet.roster);
    if (repeated) {
      r_.error(r_.offset(child), "a second <" + std::string(name) + ">; a packet has at most one");
      return;
    }
    if (name == "meta") {
      seen_meta = true;
      parse_meta(child, packet);
    } else if (name == "plan") {
      packet.plans.push_back(parse_plan(r_, child));
    } else if (name == "agenda") {
      ElementReader ar(r_.input(), child, r_.diags(), {});
      Agenda agenda{ar.offset(), {}};
      r_.children(child, {"item"}, [&](pugi::xml_node item) { agenda.items.push_back(parse_agenda_item(item)); });
      packet.agenda = std::move(agenda);
    } else if (name == "roster") {
      parse_roster(child, packet);
    } else {
      packet.documents.push_back(parse_document(r_, child));
    }
  });
  if (!seen_meta) r_.error(r_.offset(root), "<packet> is missing required child <meta>");

  check_references(r_, packet);
  if (r_.diags().has_errors()) return std::nullopt;
  return packet;
}

void PacketParser::parse_meta(pugi::xml_node node, Packet& packet) {
  Meta& meta = packet.meta;
  ElementReader er(r_.input(), node, r_.diags(), {});
  bool has_title = false;
  bool has_held = false;
  r_.children(node, {"title", "committee", "session", "held", "author", "contact"}, [&](pugi::xml_node child) {
    const std::string_view name = child.name();
    if (name == "title" || name == "committee" || name == "author") {
      ElementReader cr(r_.input(), child, r_.diags(), {});
      auto text = r_.required_text(child);
      if (!text) return;
      if (name == "title") {
        has_title = true;
        meta.title = *text;
      } else if (name == "committee") {
        meta.committee = *text;
      } else {
        meta.author = *text;
      }
    } else if (name == "session") {
      ElementReader sr(r_.input(), child, r_.diags(), {"fy", "number"});
      r_.children(child, {}, [](pugi::xml_node) {});
      Session session;
      if (auto fy = sr.require("fy")) {
        if (auto v = r_.fiscal_year(*fy)) session.fy = {v->value, v->offset};
      }
      if (auto number = sr.require("number")) {
        if (auto v = r_.whole_number(*number, 1, 999)) session.number = {*v, number->value_offset};
      }
      meta.session = session;
    } else if (name == "held") {
      has_held = true;
      ElementReader hr(r_.input(), child, r_.diags(), {"start", "place"});
      r_.children(child, {}, [](pugi::xml_node) {});
      meta.place = r_.optional_attr(hr, "place");
      if (auto start = hr.require("start")) {
        auto when = parse_date_time(start->value);
        if (!when) {
          r_.error(start->value_offset, "start \"" + start->value +
                                            "\" is not a valid date and time; expected e.g. 2024-03-14T14:00");
        } else if (when->date < kFirstGregorianDate) {
          r_.error(start->value_offset, "date " + start->value +
                                            " is before 1873-01-01, the first day of Japan's Gregorian calendar");
        } else {
          meta.held_start = {*when, start->value_offset};
        }
      }
    } else {
      ElementReader cr(r_.input(), child, r_.diags(), {"address", "phone", "url", "email"});
      r_.children(child, {}, [](pugi::xml_node) {});
      meta.contact = Contact{r_.optional_attr(cr, "address"), r_.optional_attr(cr, "phone"),
                             r_.optional_attr(cr, "url"), r_.optional_attr(cr, "email")};
    }
  });
  if (!has_title) r_.error(er.offset(), "<meta> is missing required child <title>");
  if (!has_held) r_.error(er.offset(), "<meta> is missing required child <held>");
}

AgendaItem PacketParser::parse_agenda_item(pugi::xml_node node) {
  ElementReader er(r_.input(), node, r_.diags(), {"doc"});
  AgendaItem item;
  item.offset = er.offset();
  item.doc = r_.optional_attr(er, "doc");
  r_.children(node, {"item"}, [&](pugi::xml_node child) { item.children.push_back(parse_agenda_item(child)); }, true);
  item.text = r_.input().text(node);
  if (!item.text) r_.error(item.offset, "<item> has no text");
  return item;
}

void PacketParser::parse_roster(pugi::xml_node node, Packet& packet) {
  ElementReader er(r_.input(), node, r_.diags(), {"title"});
  Roster roster;
  roster.offset = er.offset();
  roster.title = r_.optional_attr(er, "title");
  r_.children(node, {"member"}, [&](pugi::xml_node child) {
    ElementReader mr(r_.input(), child, r_.diags(), {"role", "name", "category", "term", "note"});
    r_.children(child, {}, [](pugi::xml_node) {});
    Member m;
    m.offset = mr.offset();
    m.role = r_.optional_attr(mr, "role");
    if (auto name = mr.require("name")) m.name = name->text();
    m.category = r_.optional_attr(mr, "category");
    if (auto term = mr.get("term")) {
      if (auto v = r_.whole_number(*term, 1, 99)) m.term = Located<int>{*v, term->value_offset};
    }
    m.note = r_.optional_attr(mr, "note");
    roster.members.push_back(std::move(m));
  });
  packet.roster = std::move(roster);
}

}  // namespace

std::optional<Packet> parse_packet(std::shared_ptr<const diag::SourceFile> source, diag::Diagnostics& diags) {
  auto input = XmlInput::parse(std::move(source), diags);
  if (!input) return std::nullopt;
  const Reader reader(*input, diags);
  return PacketParser(reader).parse();
}

}  // namespace shiryo::model
