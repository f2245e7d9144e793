// The fenced xml examples of docs/format.md, each made a whole packet, and
// the names of elements and attributes the parser accepts, read from its
// sources under src/model/.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "harness.h"

namespace shiryo::testing {

struct FormatExample {
  std::size_t line = 0;  // the line of docs/format.md the example starts on
  std::string packet;    // the example as a packet that builds
};

// The first element's name in an XML fragment, after white space and comments.
inline std::string first_element(const std::string& xml) {
  std::size_t i = 0;
  while (i < xml.size()) {
    i = xml.find('<', i);
    if (i == std::string::npos) return "";
    if (xml.compare(i, 4, "<!--") == 0) {
      i = xml.find("-->", i);
      if (i == std::string::npos) return "";
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) return "?";
    std::size_t end = xml.find_first_of(" \t\r\n/>", i + 1);
    return xml.substr(i + 1, end - i - 1);
  }
  return "";
}

// Every ```xml block of docs/format.md. A block that is a whole packet stays
// as it is; a <meta> is wrapped in a packet; <agenda>, <roster>, <plan> and
// <document> are put in a packet with a small <meta>; anything else is a run of
// blocks, put in a document of a packet with the page's first <plan> (so that
// the views' examples print that plan) — landscape when it holds a view that
// needs the width.
inline std::vector<FormatExample> format_examples() {
  const std::string doc = read_file(source_path("docs/format.md"));
  std::vector<FormatExample> raw;
  std::size_t at = 0;
  while ((at = doc.find("```xml\n", at)) != std::string::npos) {
    const std::size_t begin = at + 7;
    const std::size_t end = doc.find("\n```", begin);
    if (end == std::string::npos) break;
    raw.push_back({static_cast<std::size_t>(std::count(doc.begin(), doc.begin() + static_cast<long>(begin), '\n')) + 1,
                   doc.substr(begin, end - begin + 1)});
    at = end + 4;
  }
  std::string sample_plan;
  for (const auto& e : raw) {
    if (first_element(e.packet) == "plan") {
      sample_plan = e.packet;
      break;
    }
  }
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\" lang=\"ja\">\n";
  const std::string meta =
      "<meta><title>例の委員会</title><held start=\"2024-03-14T14:00\" place=\"本庁舎\"/></meta>\n";
  const std::string page = "<document id=\"example\" title=\"例\"><p>例の本文。</p></document>\n";
  std::vector<FormatExample> out;
  for (const auto& e : raw) {
    const std::string root = first_element(e.packet);
    std::string packet;
    if (root == "?" || root == "packet") {
      packet = e.packet;
    } else if (root == "meta") {
      // A packet prints only its documents: one short page shows the meta.
      packet = head + e.packet + page + "</packet>\n";
    } else if (root == "plan") {
      packet = head + meta + e.packet + page + "</packet>\n";
    } else if (root == "agenda" || root == "roster") {
      packet = head + meta + e.packet + "</packet>\n";
    } else if (root == "document") {
      packet = head + meta + sample_plan + e.packet + "</packet>\n";
    } else {
      const bool wide = e.packet.find("<results-detail") != std::string::npos ||
                        e.packet.find("<plan-sheets") != std::string::npos;
      packet = head + meta + sample_plan + "<document id=\"example\" title=\"例\" orientation=\"" +
               (wide ? "landscape" : "portrait") + "\">\n" + e.packet + "</document>\n</packet>\n";
    }
    out.push_back({e.line, packet});
  }
  return out;
}

struct ParserNames {
  std::set<std::string> elements;
  std::set<std::string> attributes;
};

// The names the parser knows, from its own lists: the attributes an
// ElementReader allows, the children a Reader::children call allows, the
// element names compared against, and the arrays of names those use.
inline ParserNames parser_names() {
  static const std::regex array(R"(constexpr std::string_view (k\w+)\[\] = \{([^}]*)\})");
  static const std::regex literal(R"re("([a-z][a-z0-9-]*)")re");
  static const std::regex reader(R"(ElementReader \w+\(([^;]*)\);)");
  static const std::regex allowed(R"(allowed = (k\w+);)");
  static const std::regex children(R"(children\(\w+, (\{[^}]*\}|k\w+))");
  static const std::regex named_children(R"re(children\("([a-z-]+)"\))re");
  static const std::regex compared(R"re(name(?:\(\)\))? [!=]= "([a-z][a-z0-9-]*)")re");
  static const std::regex skipped(R"(rich_text\(\w+, (?:true|false), \{([^}]*)\}\))");
  auto literals_of = [](const std::string& s, std::set<std::string>& into) {
    for (auto it = std::sregex_iterator(s.begin(), s.end(), literal); it != std::sregex_iterator(); ++it) {
      into.insert((*it)[1]);
    }
  };
  ParserNames names;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("src/model"))) {
    if (entry.path().extension() != ".cpp") continue;
    const std::string text = read_file(entry.path());
    std::map<std::string, std::string> arrays;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), array); it != std::sregex_iterator(); ++it) {
      arrays[(*it)[1]] = (*it)[2];
    }
    // Names inside braces, and the arrays named, of one argument list.
    auto names_in = [&](const std::string& args, std::set<std::string>& into) {
      for (std::size_t open = args.find('{'); open != std::string::npos; open = args.find('{', open + 1)) {
        literals_of(args.substr(open, args.find('}', open) - open), into);
      }
      for (const auto& [name, list] : arrays) {
        if (std::regex_search(args, std::regex("\\b" + name + "\\b"))) literals_of(list, into);
      }
    };
    for (auto it = std::sregex_iterator(text.begin(), text.end(), reader); it != std::sregex_iterator(); ++it) {
      names_in((*it)[1], names.attributes);
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), allowed); it != std::sregex_iterator(); ++it) {
      names_in((*it)[1], names.attributes);
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), children); it != std::sregex_iterator(); ++it) {
      names_in((*it)[1], names.elements);
    }
    for (const std::regex* r : {&named_children, &compared}) {
      for (auto it = std::sregex_iterator(text.begin(), text.end(), *r); it != std::sregex_iterator(); ++it) {
        names.elements.insert((*it)[1]);
      }
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), skipped); it != std::sregex_iterator(); ++it) {
      literals_of((*it)[1], names.elements);
    }
  }
  return names;
}

}  // namespace shiryo::testing
