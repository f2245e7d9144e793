// The laid-out packet as PDF bytes: pages, fonts, links, outline, page
// labels and metadata, the same bytes for the same input whatever the clock
// or time zone.
#pragma once

#include <string>

#include "layout/fragment.h"

namespace shiryo::pdf {

struct DocumentInfo {
  std::string title;
  std::string author;
  std::string creator;   // shiryo and its version
  std::string date;      // a PDF date string: D:20240314000000+09'00'
  std::string language;  // BCP 47: ja-JP
};

std::string write_pdf(const layout::LaidOutPacket& packet, const DocumentInfo& info);

}  // namespace shiryo::pdf
