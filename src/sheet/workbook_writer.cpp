#include "sheet/workbook_writer.h"

#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "diag/source_file.h"

namespace shiryo::sheet {
namespace {

namespace fs = std::filesystem;

// A directory of its own for libxlsxwriter's file, removed with everything in it.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "shiryo-xlsx-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};
using Workbook = std::unique_ptr<lxw_workbook, WorkbookCloser>;

std::string number_format(int decimals) {
  return decimals > 0 ? "#,##0." + std::string(static_cast<std::size_t>(decimals), '0') : "#,##0";
}

}  // namespace

std::string sheet_name(const std::string& wanted) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < wanted.size() && count < 31;) {
    const std::size_t n = diag::utf8_length(static_cast<unsigned char>(wanted[i]));
    const std::string ch = wanted.substr(i, n);
    out += ch.find_first_of("[]:*?/\\") == std::string::npos ? ch : "_";
    i += n;
    ++count;
  }
  return out.empty() ? "_" : out;
}

std::optional<std::string> write_workbook(const std::vector<OutSheet>& sheets, std::time_t created,
                                          const std::string& title, std::string& error) {
  TemporaryDirectory dir;
  if (dir.path().empty()) {
    error = "cannot make a temporary directory for the workbook";
    return std::nullopt;
  }
  const std::string file = dir.path() + "/out.xlsx";
  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(dir.path().c_str());
  Workbook wb(workbook_new_opt(file.c_str(), &options));
  if (!wb) {
    error = "cannot create the workbook";
    return std::nullopt;
  }
  // libxlsxwriter takes the clock for a zero creation time.
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>(title.c_str());
  properties.author = const_cast<char*>("shiryo");
  properties.created = created;
  workbook_set_properties(wb.get(), &properties);

  lxw_format* header = workbook_add_format(wb.get());
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* locked = workbook_add_format(wb.get());
  format_set_text_wrap(locked);
  format_set_align(locked, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* editable = workbook_add_format(wb.get());
  format_set_unlocked(editable);
  format_set_text_wrap(editable);
  format_set_align(editable, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(editable, 0xFFFFE0);
  std::vector<std::pair<int, lxw_format*>> number_formats;
  auto number_format_for = [&](int decimals) {
    for (const auto& [d, f] : number_formats) if (d == decimals) return f;
    lxw_format* f = workbook_add_format(wb.get());
    format_set_num_format(f, number_format(decimals).c_str());
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    number_formats.emplace_back(decimals, f);
    return f;
  };

  for (const auto& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb.get(), s.name.c_str());
    if (!ws) {
      error = "cannot add the sheet '" + s.name + "'";
      return std::nullopt;
    }
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      const OutColumn& col = s.columns[c];
      lxw_row_col_options col_options{};
      col_options.hidden = col.hidden ? 1 : 0;
      const auto index = static_cast<lxw_col_t>(c);
      worksheet_set_column_opt(ws, index, index, col.width, col.editable ? editable : locked, &col_options);
      worksheet_write_string(ws, 0, index, col.header.c_str(), header);
    }
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < s.rows[r].size() && c < s.columns.size(); ++c) {
        const OutCell& cell = s.rows[r][c];
        const auto col = static_cast<lxw_col_t>(c);
        lxw_format* format = s.columns[c].editable ? editable : locked;
        if (cell.number) {
          worksheet_write_number(ws, row, col, std::strtod(cell.text.c_str(), nullptr),
                                 number_format_for(cell.decimals));
        } else if (!cell.text.empty()) {
          worksheet_write_string(ws, row, col, cell.text.c_str(), format);
        } else if (s.columns[c].editable) {
          // An empty cell to fill in carries its own unlocked format: not
          // every reader applies a column's.
          worksheet_write_blank(ws, row, col, format);
        }
        if (!cell.choices.empty()) {
          std::vector<char*> list;
          for (const auto& choice : cell.choices) list.push_back(const_cast<char*>(choice.c_str()));
          list.push_back(nullptr);
          lxw_data_validation validation{};
          validation.validate = LXW_VALIDATION_TYPE_LIST;
          validation.value_list = list.data();
          worksheet_data_validation_cell(ws, row, col, &validation);
        }
      }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!s.columns.empty()) {
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(s.rows.size()),
                           static_cast<lxw_col_t>(s.columns.size() - 1));
    }
    // Locked cells keep the ids and targets as exported; sorting and
    // filtering stay allowed, and each row keeps its id when sorted.
    lxw_protection protection{};
    protection.sort = 1;
    protection.autofilter = 1;
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect(ws, nullptr, &protection);
  }
  const lxw_error status = workbook_close(wb.release());
  if (status != LXW_NO_ERROR) {
    error = std::string("cannot write the workbook: ") + lxw_strerror(status);
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) {
    error = "cannot read back the workbook written";
    return std::nullopt;
  }
  return bytes;
}

}  // namespace shiryo::sheet
