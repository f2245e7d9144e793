// .xlsx (Office Open XML SpreadsheetML): a ZIP (libzip) of XML (pugixml).
// Read are the workbook's sheets in order, their cells' values (shared and
// inline strings, numbers, booleans, formulas' cached values, dates by their
// number format) and merged ranges, which read as their top-left cell. The
// file comes from outside: sizes are bounded and every walk has a fixed depth.
#include "sheet/table.h"

#include <zip.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "compute/decimal.h"
#include "model/date.h"

namespace shiryo::sheet {
namespace {

constexpr zip_uint64_t kMaxPart = 256u << 20;  // bytes of one part, uncompressed
constexpr std::size_t kMaxRow = 1048576;         // Excel's limits
constexpr std::size_t kMaxColumn = 16384;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::optional<std::string> read_part(zip_t* zip, const std::string& name) {
  const zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
  if (index < 0) return std::nullopt;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
      st.size > kMaxPart) {
    return std::nullopt;
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!f) return std::nullopt;
  std::string out(static_cast<std::size_t>(st.size), '\0');
  zip_uint64_t done = 0;
  while (done < st.size) {
    const zip_int64_t n = zip_fread(f.get(), out.data() + done, st.size - done);
    if (n <= 0) return std::nullopt;
    done += static_cast<zip_uint64_t>(n);
  }
  return out;
}

// An element's name without a namespace prefix ("x:c" → "c").
std::string_view local(const pugi::xml_node& n) {
  const std::string_view name = n.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local(c) == name) return c;
  }
  return {};
}

template <typename F>
void each_child(const pugi::xml_node& n, std::string_view name, F f) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local(c) == name) f(c);
  }
}

// The text of a string item: its <t>, or the <t> of each run; phonetic
// readings (<rPh>, the furigana Japanese Excel adds) are not the text.
std::string string_item(const pugi::xml_node& si) {
  std::string out;
  if (auto t = child(si, "t")) out += t.text().get();
  each_child(si, "r", [&](const pugi::xml_node& r) {
    if (auto t = child(r, "t")) out += t.text().get();
  });
  return out;
}

bool load(pugi::xml_document& doc, const std::string& text) {
  return doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
}

// "D14" → column 3, row 14; nullopt for anything else.
std::optional<std::pair<std::size_t, std::size_t>> parse_ref(std::string_view ref) {
  std::size_t i = 0, column = 0, row = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    column = column * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (column > kMaxColumn) return std::nullopt;
  }
  if (i == 0 || i == ref.size()) return std::nullopt;
  const auto [ptr, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (ec != std::errc() || ptr != ref.data() + ref.size() || row == 0 || row > kMaxRow) return std::nullopt;
  return std::pair{column - 1, row};
}

// Whether a number format shows a date: the built-in date formats (the
// Japanese ones included) or a format code with year, month or day fields
// outside quotes and brackets.
bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) {
    return true;
  }
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '[') bracket = true;
    else if (c == ']') bracket = false;
    else if (c == '\\') ++i;
    else if (!bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'm' || c == 'M')) return true;
  }
  return code.find("年") != std::string::npos || code.find("月") != std::string::npos ||
         code.find("日") != std::string::npos;
}

// A date serial (days since 1899-12-30; 1904-01-01 in the 1904 system) as 2024-03-31.
std::optional<std::string> date_text(const std::string& serial, bool system_1904) {
  long long days = 0;
  const char* end = serial.data() + serial.size();
  const auto [ptr, ec] = std::from_chars(serial.data(), end, days);
  if (ec != std::errc() || (ptr != end && *ptr != '.') || days < 0 || days > 2958465) return std::nullopt;
  const long long epoch = model::days_from_civil(system_1904 ? model::CivilDate{1904, 1, 1} : model::CivilDate{1899, 12, 30});
  const model::CivilDate d = model::civil_from_days(epoch + days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return std::string(buf);
}

// Excel keeps 15 significant digits, and a file may hold 17
// (84.400000000000006) or an exponent (1E-3): such a number is read as
// Excel shows it.
std::string canonical_number(const std::string& v) {
  std::size_t digits = 0;
  bool leading = true;
  for (char c : v) {
    if (c < '0' || c > '9') continue;
    if (c != '0') leading = false;
    if (!leading) ++digits;
  }
  if (digits <= 15 && v.find_first_of("eE") == std::string::npos) return v;
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end) return v;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  std::string out = buf;
  if (out.find_first_of("eE") != std::string::npos) {
    std::snprintf(buf, sizeof buf, "%.15f", d);
    out = buf;
    while (out.find('.') != std::string::npos && (out.back() == '0' || out.back() == '.')) out.pop_back();
  }
  return out;
}

std::string resolve_target(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

std::optional<Table> read_xlsx(const std::string& path, const std::string& bytes, std::string& error);

}  // namespace

std::optional<Table> read_csv(const std::string& path, const std::string& bytes, std::string& error);

std::optional<Table> read_table(const std::string& path, const std::string& bytes, std::string& error) {
  std::string ext = path.size() >= 5 ? path.substr(path.size() - 5) : "";
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".xlsx") return read_xlsx(path, bytes, error);
  if (ext.size() == 5 && ext.substr(1) == ".csv") return read_csv(path, bytes, error);
  error = "the file is neither .xlsx nor .csv";
  return std::nullopt;
}

std::string column_letters(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

namespace {

std::optional<Table> read_xlsx(const std::string& path, const std::string& bytes, std::string& error) {
  const std::string not_workbook = "the file is not an Excel workbook (.xlsx): ";
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!source) {
    error = not_workbook + zip_error_strerror(&zerr);
    zip_error_fini(&zerr);
    return std::nullopt;
  }
  Zip zip(zip_open_from_source(source, ZIP_RDONLY, &zerr));
  if (!zip) {
    zip_source_free(source);
    error = not_workbook + "it is not a ZIP archive";
    zip_error_fini(&zerr);
    return std::nullopt;
  }
  zip_error_fini(&zerr);
  const auto workbook_xml = read_part(zip.get(), "xl/workbook.xml");
  const auto rels_xml = read_part(zip.get(), "xl/_rels/workbook.xml.rels");
  pugi::xml_document workbook, rels;
  if (!workbook_xml || !rels_xml || !load(workbook, *workbook_xml) || !load(rels, *rels_xml)) {
    error = not_workbook + "it has no readable xl/workbook.xml";
    return std::nullopt;
  }
  std::map<std::string, std::string> targets;  // relationship id → part
  each_child(child(rels, "Relationships"), "Relationship", [&](const pugi::xml_node& r) {
    targets[r.attribute("Id").value()] = resolve_target(r.attribute("Target").value());
  });
  const pugi::xml_node wb = child(workbook, "workbook");
  const bool system_1904 = std::string_view(child(wb, "workbookPr").attribute("date1904").value()) == "1" ||
                           std::string_view(child(wb, "workbookPr").attribute("date1904").value()) == "true";

  std::vector<std::string> shared;
  if (const auto sst_xml = read_part(zip.get(), "xl/sharedStrings.xml")) {
    pugi::xml_document sst;
    if (!load(sst, *sst_xml)) {
      error = not_workbook + "xl/sharedStrings.xml is not well-formed";
      return std::nullopt;
    }
    each_child(child(sst, "sst"), "si", [&](const pugi::xml_node& si) { shared.push_back(string_item(si)); });
  }
  std::vector<bool> date_styles;  // by cell style index
  if (const auto styles_xml = read_part(zip.get(), "xl/styles.xml")) {
    pugi::xml_document styles;
    if (load(styles, *styles_xml)) {
      const pugi::xml_node ss = child(styles, "styleSheet");
      std::map<int, std::string> codes;
      each_child(child(ss, "numFmts"), "numFmt", [&](const pugi::xml_node& f) {
        codes[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").value();
      });
      each_child(child(ss, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
        const int id = xf.attribute("numFmtId").as_int();
        date_styles.push_back(is_date_format(id, codes.count(id) ? codes[id] : std::string()));
      });
    }
  }

  Table table;
  table.workbook = true;
  table.file = std::make_shared<const diag::SourceFile>(path, bytes);
  bool sheet_error = false;
  each_child(child(wb, "sheets"), "sheet", [&](const pugi::xml_node& s) {
    if (sheet_error) return;
    std::string rid;
    for (const auto& a : s.attributes()) {
      const std::string_view n = a.name();
      if (n.size() >= 3 && n.substr(n.size() - 3) == ":id") rid = a.value();
    }
    const auto part = targets.find(rid);
    const auto sheet_xml = part == targets.end() ? std::nullopt : read_part(zip.get(), part->second);
    pugi::xml_document doc;
    if (!sheet_xml || !load(doc, *sheet_xml)) {
      error = not_workbook + "the sheet '" + s.attribute("name").value() + "' cannot be read";
      sheet_error = true;
      return;
    }
    Sheet sheet;
    sheet.name = s.attribute("name").value();
    const pugi::xml_node ws = child(doc, "worksheet");
    std::size_t next_row = 1;
    each_child(child(ws, "sheetData"), "row", [&](const pugi::xml_node& r) {
      Row row;
      row.number = r.attribute("r") ? r.attribute("r").as_ullong() : next_row;
      if (row.number == 0 || row.number > kMaxRow) return;
      next_row = row.number + 1;
      std::size_t next_column = 0;
      each_child(r, "c", [&](const pugi::xml_node& c) {
        std::size_t column = next_column;
        if (c.attribute("r")) {
          const auto ref = parse_ref(c.attribute("r").value());
          if (!ref || ref->second != row.number) return;
          column = ref->first;
        }
        if (column >= kMaxColumn) return;
        next_column = column + 1;
        Cell cell;
        cell.name = column_letters(column) + std::to_string(row.number);
        const std::string_view type = c.attribute("t").value();
        const std::string v = child(c, "v").text().get();
        if (type == "s") {
          const std::size_t index = child(c, "v").text().as_ullong(shared.size());
          if (index < shared.size()) cell.value = shared[index];
          cell.kind = Cell::Kind::text;
        } else if (type == "inlineStr") {
          cell.value = string_item(child(c, "is"));
          cell.kind = Cell::Kind::text;
        } else if (type == "str" || type == "e") {
          cell.value = v;
          cell.kind = Cell::Kind::text;
        } else if (type == "b") {
          cell.value = v == "1" ? "TRUE" : "FALSE";
          cell.kind = Cell::Kind::text;
        } else if (type == "d") {
          cell.value = v.substr(0, 10);
          cell.kind = Cell::Kind::date;
        } else if (!v.empty()) {
          const std::size_t style = c.attribute("s").as_ullong(0);
          const auto date = style < date_styles.size() && date_styles[style] ? date_text(v, system_1904) : std::nullopt;
          cell.value = date ? *date : canonical_number(v);
          cell.kind = date ? Cell::Kind::date : Cell::Kind::number;
        }
        if (cell.value.empty()) cell.kind = Cell::Kind::empty;
        if (row.cells.size() <= column) {
          for (std::size_t i = row.cells.size(); i <= column; ++i) {
            row.cells.push_back(Cell{Cell::Kind::empty, "", column_letters(i) + std::to_string(row.number), 0});
          }
        }
        row.cells[column] = std::move(cell);
      });
      sheet.rows.push_back(std::move(row));
    });
    std::sort(sheet.rows.begin(), sheet.rows.end(), [](const Row& a, const Row& b) { return a.number < b.number; });
    // A merged range reads as its top-left cell, wherever a row reads it.
    each_child(child(ws, "mergeCells"), "mergeCell", [&](const pugi::xml_node& m) {
      const std::string ref = m.attribute("ref").value();
      const std::size_t colon = ref.find(':');
      if (colon == std::string::npos) return;
      const auto first = parse_ref(std::string_view(ref).substr(0, colon));
      const auto last = parse_ref(std::string_view(ref).substr(colon + 1));
      if (!first || !last || last->first < first->first || last->second < first->second) return;
      Cell top_left;
      for (const auto& row : sheet.rows) {
        if (row.number == first->second && first->first < row.cells.size()) top_left = row.cells[first->first];
      }
      if (top_left.kind == Cell::Kind::empty) return;
      for (auto& row : sheet.rows) {
        if (row.number < first->second || row.number > last->second) continue;
        for (std::size_t col = first->first; col <= last->first && col < kMaxColumn; ++col) {
          if (row.cells.size() <= col) {
            for (std::size_t i = row.cells.size(); i <= col; ++i) {
              row.cells.push_back(Cell{Cell::Kind::empty, "", column_letters(i) + std::to_string(row.number), 0});
            }
          }
          row.cells[col] = top_left;
        }
      }
    });
    table.sheets.push_back(std::move(sheet));
  });
  if (sheet_error) return std::nullopt;
  return table;
}

}  // namespace
}  // namespace shiryo::sheet
