#include "cli/init.h"

#include <pugixml.hpp>

#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/build.h"
#include "cli/output.h"
#include "diag/diagnostics.h"

namespace shiryo::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_data_file(const std::string& relative, std::ostream& err) {
  std::vector<std::string> searched;
  const auto path = find_data_file(relative, searched);
  if (!path) {
    err << "shiryo: error: " << relative << " not found; looked for";
    for (std::size_t i = 0; i < searched.size(); ++i) err << (i ? ", " : " ") << searched[i];
    err << "\n";
    return std::nullopt;
  }
  std::string error;
  auto text = read_whole_file(*path, error);
  if (!text) err << "shiryo: error: " << error << "\n";
  return text;
}

// The packet that --from starts: the old one's meta (its date left to fill
// in), roster and plans, and an agenda to write. The kept elements print as
// they were typed (format_raw with the source's white space).
std::string next_packet(const std::string& old_text, std::string& error) {
  pugi::xml_document old;
  const auto parsed = old.load_buffer(old_text.data(), old_text.size(),
                                      pugi::parse_default | pugi::parse_comments | pugi::parse_ws_pcdata,
                                      pugi::encoding_utf8);
  if (!parsed) {
    error = parsed.description();
    return {};
  }
  const pugi::xml_node old_packet = old.document_element();
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  doc.append_child(pugi::node_pcdata).set_value("\n");
  doc.append_child(pugi::node_pi).set_name("xml-model");
  doc.last_child().set_value(
      "href=\"shiryo.rng\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"");
  doc.append_child(pugi::node_pcdata).set_value("\n");
  doc.append_child(pugi::node_comment)
      .set_value(" 次回の会議の資料集です。委員名簿と計画は前回から引き継いでいます。\n"
                 "     <title>、<session>、<held> を次回に合わせ、次第と資料を書いてください。\n"
                 "     要素と属性のすべては docs/format.md にあります。 ");
  doc.append_child(pugi::node_pcdata).set_value("\n");
  pugi::xml_node packet = doc.append_child("packet");
  for (const auto& a : old_packet.attributes()) packet.append_copy(a);
  auto indent = [&](const char* text) { packet.append_child(pugi::node_pcdata).set_value(text); };

  indent("\n  ");
  pugi::xml_node meta = packet.append_copy(old_packet.child("meta"));
  pugi::xml_node held = meta.child("held");
  held.attribute("start").set_value("YYYY-MM-DDThh:mm");
  meta.insert_child_before(pugi::node_comment, held)
      .set_value(" 変更: 次回の開催日時を書いてください（例 2025-03-13T14:00）。書くまでは build がエラーになります。 ");
  meta.insert_child_before(pugi::node_pcdata, held).set_value("\n    ");

  indent("\n\n  ");
  pugi::xml_node agenda = packet.append_child("agenda");
  for (const char* line : {"開会", "案件", "閉会"}) {
    agenda.append_child(pugi::node_pcdata).set_value("\n    ");
    agenda.append_child("item").text().set(line);
  }
  agenda.append_child(pugi::node_pcdata).set_value("\n  ");
  for (auto child : old_packet.children()) {
    const std::string_view name = child.name();
    if (name != "roster" && name != "plan") continue;
    indent("\n\n  ");
    packet.append_copy(child);
  }
  indent("\n");
  std::ostringstream out;
  // The declaration node above is the one printed: pugixml adds none.
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str() + "\n";
}

}  // namespace

ParseResult parse_init_arguments(Options o, const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      o.help_topic = "init";
      return {o, {}};
    } else if (a == "--from") {
      if (i + 1 >= args.size()) return {std::nullopt, "--from needs a packet file"};
      o.from = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return {std::nullopt, "unknown option '" + a + "' for init; see 'shiryo help init'"};
    } else if (o.input.empty()) {
      o.input = a;
    } else {
      return {std::nullopt, "unexpected argument '" + a + "'; init takes one directory"};
    }
  }
  if (o.input.empty()) return {std::nullopt, "init needs a directory; see 'shiryo help init'"};
  return {o, {}};
}

std::string init_help_text() {
  return "usage: shiryo init DIR\n"
         "       shiryo init --from PACKET.xml DIR\n\n"
         "Writes DIR/packet.xml and the schema DIR/shiryo.rng. DIR must be new or empty.\n"
         "Without --from, packet.xml is a small complete packet that builds as it is,\n"
         "with comments saying what to change. With --from, it is the next meeting's\n"
         "packet: PACKET.xml's meta, roster and plans, an agenda to write, and the\n"
         "meeting's date left to fill in (build fails until it is).\n";
}

int run_init(const Options& options, std::ostream& out, std::ostream& err) {
  const fs::path dir(options.input);
  std::error_code ec;
  if (fs::exists(dir, ec) && (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec))) {
    err << "shiryo: error: " << options.input << " is not an empty directory; init writes only into a new or empty one\n";
    return kEnvironment;
  }
  std::string packet;
  if (options.from) {
    diag::Diagnostics diags;
    int status = kSuccess;
    if (!load_packet(*options.from, diags, err, status)) return status;
    std::string error;
    const auto old_text = read_whole_file(*options.from, error);
    if (old_text) packet = next_packet(*old_text, error);
    if (packet.empty()) {
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
  } else {
    auto starter = read_data_file("starter/packet.xml", err);
    if (!starter) return kEnvironment;
    packet = std::move(*starter);
  }
  const auto schema = read_data_file("schema/shiryo.rng", err);
  if (!schema) return kEnvironment;
  fs::create_directories(dir, ec);
  std::string error;
  for (const auto& [name, bytes] : {std::pair<std::string, const std::string*>{"packet.xml", &packet},
                                    std::pair<std::string, const std::string*>{"shiryo.rng", &*schema}}) {
    if (!write_output((dir / name).string(), *bytes, error)) {
      err << "shiryo: error: " << error << "\n";
      return kEnvironment;
    }
  }
  out << "wrote " << (dir / "packet.xml").string() << " and " << (dir / "shiryo.rng").string() << "\n";
  return kSuccess;
}

}  // namespace shiryo::cli
