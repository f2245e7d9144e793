// Writing an output without losing anything: never over one of the inputs,
// a regular file replaced whole or not at all, devices and FIFOs written
// directly, `-` meaning standard output.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace shiryo::cli {

// An input the command reads, named for the message when an output would
// overwrite it ("the packet", "the layout set").
struct InputFile {
  std::string path;
  std::string role;
};

// The input that `output` is the same file as (same device and inode; a
// symbolic link at `output` is itself the file, since it is replaced), or
// nullopt. The message says so and asks for another -o.
std::optional<std::string> output_overwrites_input(const std::string& output, const std::vector<InputFile>& inputs);

// Writes `bytes` to `path`: `-` is standard output; a device, a
// FIFO or a socket is written directly; anything else (a regular file, a
// symbolic link, nothing yet) is written beside it and renamed into place,
// so the path holds either the old file or the whole new one, and the
// temporary file is removed on failure and on SIGINT, SIGTERM and SIGHUP.
bool write_output(const std::string& path, const std::string& bytes, std::string& error);

}  // namespace shiryo::cli
