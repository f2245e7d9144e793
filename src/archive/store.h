// Placing a packet's bytes into an archive folder: whole or not at all,
// never over another file.
#pragma once

#include <string>

namespace shiryo::archive {

enum class Placed {
  copied,  // the file is now in the folder
  same,    // a file of that name with the same bytes was there already
  clash,   // a file of that name with other bytes is there; nothing written
};

// `bytes` as DIR/NAME, written to a temporary file in DIR and linked into
// place only when complete, so neither a failure nor a concurrent writer
// leaves a partial or replaced file. Throws std::runtime_error when the
// folder cannot be written.
Placed place_file(const std::string& dir, const std::string& name, const std::string& bytes);

}  // namespace shiryo::archive
