// What the figure tests share: their Python generators and a one-document
// packet around the blocks under test.
#pragma once

#include <string>

#include "harness.h"

namespace shiryo::testing {

inline std::string tool(const std::string& name) {
  return quote("/usr/bin/python3") + " " + quote(source_path("tests/tools/" + name));
}

inline std::string packet(const std::string& blocks) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1\"><meta><title>図の試験</title>"
         "<held start=\"2024-03-14\"/></meta>\n<document id=\"d\" title=\"図\">\n" +
         blocks + "</document></packet>\n";
}

}  // namespace shiryo::testing
