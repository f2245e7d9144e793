// The packet as read from its XML file: typed, validated, every value with
// its position in the source (plan-format.md §1–5, §7, §9).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/source_file.h"
#include "model/date.h"
#include "model/document.h"
#include "model/plan.h"
#include "model/source_text.h"

namespace shiryo::model {

template <typename T>
struct Located {
  T value{};
  std::size_t offset = 0;
};

struct Session {
  Located<int> fy;
  Located<int> number;
};

struct Contact {
  std::optional<SourceText> address;
  std::optional<SourceText> phone;
  std::optional<SourceText> url;
  std::optional<SourceText> email;
};

struct Meta {
  SourceText title;
  std::optional<SourceText> committee;
  std::optional<Session> session;
  Located<DateTime> held_start;
  std::optional<SourceText> place;
  std::optional<SourceText> author;
  std::optional<Contact> contact;
};

struct AgendaItem {
  std::size_t offset = 0;
  std::optional<SourceText> text;
  std::optional<SourceText> doc;  // a document id
  std::vector<AgendaItem> children;
};

struct Agenda {
  std::size_t offset = 0;
  std::vector<AgendaItem> items;
};

struct Member {
  std::size_t offset = 0;
  std::optional<SourceText> role;
  SourceText name;
  std::optional<SourceText> category;
  std::optional<Located<int>> term;
  std::optional<SourceText> note;
};

struct Roster {
  std::size_t offset = 0;
  std::optional<SourceText> title;
  std::vector<Member> members;
};

struct Packet {
  std::shared_ptr<const diag::SourceFile> source;
  std::string lang = "ja";
  std::optional<SourceText> layout;
  Meta meta;
  std::vector<Plan> plans;
  std::optional<Agenda> agenda;
  std::optional<Roster> roster;
  std::vector<Document> documents;
  // The spreadsheets its <results-data> read (sheet/results_data.h), by
  // href: sources like the packet, embedded in an archival PDF.
  std::vector<std::pair<std::string, std::shared_ptr<const diag::SourceFile>>> data_files;

  const Document* find_document(std::string_view id) const;
  // The plan named `id`, or the only plan when `id` is empty.
  const Plan* find_plan(std::string_view id) const;
};

}  // namespace shiryo::model
