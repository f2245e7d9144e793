// The laid-out packet as PDF bytes: pages, fonts, links, outline, page
// labels and metadata, the same bytes for the same input whatever the clock
// or time zone.
#pragma once

#include <string>
#include <vector>

#include "layout/fragment.h"

namespace shiryo::pdf {

// A file that travels inside the PDF as an associated file of the document
// (PDF/A-3 /AF, /AFRelationship /Source): the sources a packet was built from.
struct EmbeddedSource {
  std::string name;         // the file name written back by extract
  std::string mime;         // application/xml, text/plain
  std::string description;
  std::string bytes;
};

struct DocumentInfo {
  std::string title;
  std::string author;
  std::string creator;   // shiryo and its version
  std::string date;      // a PDF date string: D:20240314000000+09'00'
  std::string language;  // BCP 47: ja-JP
  std::string pdfa = "none";            // none, 2u, 3u or 3a (pdf/pdfa.h)
  std::vector<EmbeddedSource> sources;  // 3u and 3a only
  // The ICC profile the PDF/A output intent embeds (pdf/pdfa.h's
  // srgb_profile); unused with pdfa none.
  std::string output_profile;
  // A tagged PDF: the packet's structure tree, every piece marked as content
  // or artifact (pdf/structure.h); required by pdfa 3a and pdfua.
  bool tagged = false;
  bool pdfua = false;  // declares PDF/UA-1 in the XMP (pdfuaid:part 1)
};

std::string write_pdf(const layout::LaidOutPacket& packet, const DocumentInfo& info);

}  // namespace shiryo::pdf
