// The index of an archive folder of signed packets (shiryo archive): one
// SQLite database beside the files, a row per packet. The files are the
// record; the index is what can be rebuilt from them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shiryo::archive {

// The index's file name inside an archive folder.
inline constexpr const char* kIndexFile = "shiryo-archive.sqlite";

// What the index says of one archived packet.
struct Entry {
  std::string file;    // the file's name in the folder
  std::string sha256;  // of the file's bytes, hex
  std::string title;   // the packet's meta/title
  std::string held;    // meta/held/@start as written (2024-03-14T14:00)
  std::optional<int> fiscal_year;       // the meeting's fiscal year (2023: 2023-04-01 … 2024-03-31)
  std::vector<std::string> signers;     // per signature, in order of revision
  std::vector<std::string> levels;      // per signature: B-B … B-LTA
  std::vector<std::string> timestamps;  // every time-stamp's time (2026-12-07 09:55:04 UTC)
  std::string source_sha256;            // of the embedded packet XML, hex
};

// An open index. Every change is one transaction: a failed one leaves the
// index as it was.
class Index {
 public:
  enum class State { ok, missing, damaged };
  // Opens DIR's index; `state` says whether one was there and reads as an
  // index of this version. A missing or damaged one is opened empty, to be
  // filled by replace_all. Throws std::runtime_error when the file cannot
  // be opened or written at all.
  static Index open(const std::string& dir, State& state, std::string& detail);
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;
  ~Index();

  std::vector<Entry> entries() const;  // by file name
  // Adds (or replaces) the rows for `entries`. Throws std::runtime_error.
  void insert(const std::vector<Entry>& entries);
  // The index made anew from `entries`, written beside the old one and
  // renamed over it (the old one's journal removed: it belongs to the
  // damaged file, not to this one). Throws std::runtime_error.
  void replace_all(const std::vector<Entry>& entries);

 private:
  struct Handle;
  explicit Index(std::string path);
  std::string path_;
  std::unique_ptr<Handle> db_;
};

}  // namespace shiryo::archive
