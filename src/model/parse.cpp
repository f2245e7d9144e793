#include "model/parse.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>

#include "model/xml_reader.h"

namespace shiryo::model {

const Document* Packet::find_document(std::string_view id) const {
  for (const auto& d : documents) {
    if (d.id.value == id) return &d;
  }
  return nullptr;
}

namespace {

constexpr CivilDate kFirstGregorianDate{1873, 1, 1};

class PacketParser {
 public:
  PacketParser(const XmlInput& input, diag::Diagnostics& diags)
      : input_(input), diags_(diags), source_(input.source()) {}

  std::optional<Packet> parse();

 private:
  using ChildHandler = std::function<void(pugi::xml_node)>;

  void error(std::size_t offset, std::string message) {
    diags_.error(source_, offset, std::move(message));
  }

  // Visits the element children; unknown names and stray text are errors.
  void children(pugi::xml_node parent, std::initializer_list<std::string_view> allowed,
                const ChildHandler& handle, bool takes_text = false);
  std::optional<SourceText> required_text(pugi::xml_node element);
  std::optional<int> whole_number(const Attribute& a, int min, int max);
  std::optional<SourceText> optional_attr(const ElementReader& r, std::string_view name) {
    auto a = r.get(name);
    return a ? std::optional<SourceText>(a->text()) : std::nullopt;
  }

  void parse_meta(pugi::xml_node node, Packet& packet);
  AgendaItem parse_agenda_item(pugi::xml_node node);
  void parse_roster(pugi::xml_node node, Packet& packet);
  void parse_document(pugi::xml_node node, Packet& packet);
  void check_references(const Packet& packet);
  void check_agenda_references(const Packet& packet, const std::vector<AgendaItem>& items);

  const XmlInput& input_;
  diag::Diagnostics& diags_;
  std::shared_ptr<const diag::SourceFile> source_;
};

void PacketParser::children(pugi::xml_node parent, std::initializer_list<std::string_view> allowed,
                            const ChildHandler& handle, bool takes_text) {
  for (auto child : parent.children()) {
    switch (child.type()) {
      case pugi::node_element: {
        const std::string_view name = child.name();
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
          std::string expected;
          for (auto a : allowed) expected += (expected.empty() ? "<" : ", <") + std::string(a) + ">";
          error(input_.element_offset(child),
                "unknown element <" + std::string(name) + "> in <" + parent.name() + ">" +
                    (expected.empty() ? "; it takes no child elements" : "; expected " + expected));
          continue;
        }
        handle(child);
        break;
      }
      case pugi::node_pcdata:
      case pugi::node_cdata:
        if (!takes_text && std::string_view(child.value()).find_first_not_of(" \t\r\n") !=
                               std::string_view::npos) {
          error(input_.text_offset(child),
                "unexpected text in <" + std::string(parent.name()) + ">");
        }
        break;
      default:
        break;  // comments and processing instructions
    }
  }
}

std::optional<SourceText> PacketParser::required_text(pugi::xml_node element) {
  children(element, {}, [](pugi::xml_node) {}, true);
  auto text = input_.text(element);
  if (!text) {
    error(input_.element_offset(element), "<" + std::string(element.name()) + "> is empty");
  }
  return text;
}

std::optional<int> PacketParser::whole_number(const Attribute& a, int min, int max) {
  int value = 0;
  const char* first = a.value.data();
  const char* last = first + a.value.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (a.value.empty() || ec != std::errc() || ptr != last) {
    error(a.value_offset, a.name + " \"" + a.value + "\" is not a whole number");
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(a.value_offset, a.name + " " + a.value + " is out of range; expected " +
                              std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<Packet> PacketParser::parse() {
  Packet packet;
  packet.source = source_;
  const pugi::xml_node root = input_.root();
  if (std::string_view(root.name()) != "packet") {
    error(input_.element_offset(root),
          "the root element is <" + std::string(root.name()) + ">; expected <packet>");
    return std::nullopt;
  }
  ElementReader r(input_, root, diags_, {"version", "lang", "layout"});
  if (auto v = r.require("version"); v && v->value != "1") {
    error(v->value_offset, "packet version \"" + v->value + "\" is not supported; expected \"1\"");
  }
  if (auto lang = r.get("lang")) {
    if (lang->value != "ja") {
      error(lang->value_offset, "lang \"" + lang->value + "\" is not supported; expected \"ja\"");
    }
  }
  packet.layout = optional_attr(r, "layout");

  bool seen_meta = false;
  children(root, {"meta", "agenda", "roster", "document"}, [&](pugi::xml_node child) {
    const std::string_view name = child.name();
    const bool repeated = (name == "meta" && seen_meta) || (name == "agenda" && packet.agenda) ||
                          (name == "roster" && packet.roster);
    if (repeated) {
      error(input_.element_offset(child),
            "a second <" + std::string(name) + ">; a packet has at most one");
      return;
    }
    if (name == "meta") {
      seen_meta = true;
      parse_meta(child, packet);
    } else if (name == "agenda") {
      ElementReader ar(input_, child, diags_, {});
      Agenda agenda{ar.offset(), {}};
      children(child, {"item"}, [&](pugi::xml_node item) {
        agenda.items.push_back(parse_agenda_item(item));
      });
      packet.agenda = std::move(agenda);
    } else if (name == "roster") {
      parse_roster(child, packet);
    } else {
      parse_document(child, packet);
    }
  });
  if (!seen_meta) error(input_.element_offset(root), "<packet> is missing required child <meta>");

  check_references(packet);
  if (diags_.has_errors()) return std::nullopt;
  return packet;
}

void PacketParser::parse_meta(pugi::xml_node node, Packet& packet) {
  Meta& meta = packet.meta;
  ElementReader r(input_, node, diags_, {});
  bool has_title = false;
  bool has_held = false;
  children(node, {"title", "committee", "session", "held", "author", "contact"},
           [&](pugi::xml_node child) {
    const std::string_view name = child.name();
    if (name == "title" || name == "committee" || name == "author") {
      ElementReader cr(input_, child, diags_, {});
      auto text = required_text(child);
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
      ElementReader sr(input_, child, diags_, {"fy", "number"});
      children(child, {}, [](pugi::xml_node) {});
      Session session;
      if (auto fy = sr.require("fy")) {
        if (auto v = whole_number(*fy, 1873, 9999)) session.fy = {*v, fy->value_offset};
      }
      if (auto number = sr.require("number")) {
        if (auto v = whole_number(*number, 1, 999)) session.number = {*v, number->value_offset};
      }
      meta.session = session;
    } else if (name == "held") {
      has_held = true;
      ElementReader hr(input_, child, diags_, {"start", "place"});
      children(child, {}, [](pugi::xml_node) {});
      meta.place = optional_attr(hr, "place");
      if (auto start = hr.require("start")) {
        auto when = parse_date_time(start->value);
        if (!when) {
          error(start->value_offset, "start \"" + start->value +
                                         "\" is not a valid date and time; expected e.g. "
                                         "2024-03-14T14:00");
        } else if (when->date < kFirstGregorianDate) {
          error(start->value_offset, "date " + start->value +
                                         " is before 1873-01-01, the first day of Japan's "
                                         "Gregorian calendar");
        } else {
          meta.held_start = {*when, start->value_offset};
        }
      }
    } else {
      ElementReader cr(input_, child, diags_, {"address", "phone", "url", "email"});
      children(child, {}, [](pugi::xml_node) {});
      meta.contact = Contact{optional_attr(cr, "address"), optional_attr(cr, "phone"),
                             optional_attr(cr, "url"), optional_attr(cr, "email")};
    }
  });
  if (!has_title) error(r.offset(), "<meta> is missing required child <title>");
  if (!has_held) error(r.offset(), "<meta> is missing required child <held>");
}

AgendaItem PacketParser::parse_agenda_item(pugi::xml_node node) {
  ElementReader r(input_, node, diags_, {"doc"});
  AgendaItem item;
  item.offset = r.offset();
  item.doc = optional_attr(r, "doc");
  children(node, {"item"}, [&](pugi::xml_node child) {
    item.children.push_back(parse_agenda_item(child));
  }, true);
  item.text = input_.text(node);
  if (!item.text) error(item.offset, "<item> has no text");
  return item;
}

void PacketParser::parse_roster(pugi::xml_node node, Packet& packet) {
  ElementReader r(input_, node, diags_, {"title"});
  Roster roster;
  roster.offset = r.offset();
  roster.title = optional_attr(r, "title");
  children(node, {"member"}, [&](pugi::xml_node child) {
    ElementReader mr(input_, child, diags_, {"role", "name", "category", "term", "note"});
    children(child, {}, [](pugi::xml_node) {});
    Member m;
    m.offset = mr.offset();
    m.role = optional_attr(mr, "role");
    if (auto name = mr.require("name")) m.name = name->text();
    m.category = optional_attr(mr, "category");
    if (auto term = mr.get("term")) {
      if (auto v = whole_number(*term, 1, 99)) m.term = Located<int>{*v, term->value_offset};
    }
    m.note = optional_attr(mr, "note");
    roster.members.push_back(std::move(m));
  });
  packet.roster = std::move(roster);
}

void PacketParser::parse_document(pugi::xml_node node, Packet& packet) {
  ElementReader r(input_, node, diags_,
                  {"id", "label", "title", "orientation", "numbering", "first-number",
                   "number-from"});
  Document doc;
  doc.offset = r.offset();
  if (auto id = r.require("id")) doc.id = id->text();
  if (auto title = r.require("title")) doc.title = title->text();
  doc.label = optional_attr(r, "label");
  if (auto o = r.get("orientation")) {
    if (o->value == "portrait") {
      doc.orientation = Orientation::portrait;
    } else if (o->value == "landscape") {
      doc.orientation = Orientation::landscape;
    } else {
      error(o->value_offset,
            "orientation \"" + o->value + "\" is not known; expected portrait or landscape");
    }
  }
  if (auto n = r.get("numbering")) {
    if (n->value == "restart") {
      doc.numbering = Numbering::restart;
    } else if (n->value == "continue") {
      doc.numbering = Numbering::continue_on;
    } else if (n->value == "none") {
      doc.numbering = Numbering::none;
    } else {
      error(n->value_offset,
            "numbering \"" + n->value + "\" is not known; expected restart, continue or none");
    }
  }
  if (auto f = r.get("first-number")) {
    if (auto v = whole_number(*f, 0, 99999)) doc.first_number = *v;
  }
  doc.number_from = optional_attr(r, "number-from");
  children(node, {}, [](pugi::xml_node) {});

  if (!doc.id.value.empty()) {
    if (const Document* first = packet.find_document(doc.id.value)) {
      error(doc.id.offset, "duplicate document id \"" + doc.id.value + "\"; first used on line " +
                               std::to_string(source_->locate(first->id.offset).line));
    }
  }
  packet.documents.push_back(std::move(doc));
}

void PacketParser::check_agenda_references(const Packet& packet,
                                           const std::vector<AgendaItem>& items) {
  for (const auto& item : items) {
    if (item.doc && !packet.find_document(item.doc->value)) {
      std::string known;
      for (const auto& d : packet.documents) known += (known.empty() ? "" : ", ") + d.id.value;
      error(item.doc->offset, "doc \"" + item.doc->value + "\" names no document" +
                                  (known.empty() ? "; the packet has none"
                                                 : "; the packet's documents are " + known));
    }
    check_agenda_references(packet, item.children);
  }
}

void PacketParser::check_references(const Packet& packet) {
  if (packet.agenda) check_agenda_references(packet, packet.agenda->items);
  for (const auto& doc : packet.documents) {
    if (doc.number_from) {
      error(doc.number_from->offset, "number-from \"" + doc.number_from->value +
                                         "\" names no <part> of document \"" + doc.id.value + "\"");
    }
  }
}

}  // namespace

std::optional<Packet> parse_packet(std::shared_ptr<const diag::SourceFile> source,
                                   diag::Diagnostics& diags) {
  auto input = XmlInput::parse(std::move(source), diags);
  if (!input) return std::nullopt;
  return PacketParser(*input, diags).parse();
}

}  // namespace shiryo::model
