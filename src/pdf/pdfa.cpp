#include "pdf/pdfa.h"

#include <lcms2.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

PdfString utf8(const std::string& text) { return PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str())); }

// A file name as a byte string when it is ASCII (what /F and name tree keys
// expect), else as a text string.
PdfString file_name(const std::string& name) {
  const bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return c > 0x1F && c < 0x7F; });
  return ascii ? PdfString(name) : utf8(name);
}

PdfObject integer(long long v) { return PdfObject(static_cast<pdf_int64>(v)); }

std::string read_debian_profile() {
  std::ifstream in(kDebianSrgbProfilePath, std::ios::binary);
  if (!in) {
    throw std::runtime_error(std::string("cannot read the sRGB ICC profile ") + kDebianSrgbProfilePath + ": " +
                             std::strerror(errno) + " (Debian package icc-profiles-free)");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct ProfileClose {
  void operator()(void* p) const { cmsCloseProfile(static_cast<cmsHPROFILE>(p)); }
};

std::string lcms2_profile() {
  const std::unique_ptr<void, ProfileClose> profile(cmsCreate_sRGBProfile());
  if (!profile) throw std::runtime_error("lcms2 cannot make the sRGB ICC profile");
  // lcms2 writes 4.3 (ISO 15076-1:2010); PDF/A-2 and -3 name the 2005
  // edition, 4.2, whose tags are the same for a matrix and curves profile.
  cmsSetProfileVersion(profile.get(), 4.2);
  cmsUInt32Number size = 0;
  std::string bytes;
  if (cmsSaveProfileToMem(profile.get(), nullptr, &size)) {
    bytes.resize(size);
    if (!cmsSaveProfileToMem(profile.get(), bytes.data(), &size)) bytes.clear();
  }
  if (bytes.size() < 128) throw std::runtime_error("lcms2 cannot write the sRGB ICC profile");
  // lcms2 dates the header with the clock and has no call to set the date:
  // the fixed date goes into its bytes 24-35, six big-endian 16-bit numbers.
  for (std::size_t i = 0; i < 6; ++i) {
    bytes[24 + 2 * i] = static_cast<char>(kSrgbProfileDate[i] >> 8);
    bytes[25 + 2 * i] = static_cast<char>(kSrgbProfileDate[i] & 0xFF);
  }
  return bytes;
}

void add_output_intent(PdfMemDocument& document, PdfDictionary& catalog, const std::string& profile) {
  PdfObject* icc = document.GetObjects().CreateObject();
  icc->GetDictionary().AddKey("N", integer(3));
  icc->GetStream()->Set(profile.data(), static_cast<pdf_long>(profile.size()));
  PdfObject* intent = document.GetObjects().CreateObject("OutputIntent");
  PdfDictionary& d = intent->GetDictionary();
  d.AddKey("S", PdfName("GTS_PDFA1"));
  d.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
  d.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
  d.AddKey("DestOutputProfile", icc->Reference());
  PdfArray intents;
  intents.push_back(intent->Reference());
  catalog.AddKey("OutputIntents", intents);
}

// A JPEG or PNG file: its data is compressed already, and deflating it again
// would cost time (100 ms for a 3 MB photo) and save nothing.
bool already_compressed(const std::string& bytes) {
  return bytes.compare(0, 3, "\xFF\xD8\xFF") == 0 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
}

// Each source as an embedded file stream with its MIME type, size and date,
// behind a file specification that names it and says it is a source (6.8).
void add_sources(PdfMemDocument& document, PdfDictionary& catalog, const DocumentInfo& info) {
  std::vector<const EmbeddedSource*> sorted;
  for (const auto& s : info.sources) sorted.push_back(&s);
  // The name tree's keys must be in byte order.
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
  PdfArray names;
  PdfArray associated;
  for (const EmbeddedSource* source : sorted) {
    PdfObject* stream = document.GetObjects().CreateObject("EmbeddedFile");
    stream->GetDictionary().AddKey("Subtype", PdfName(source->mime));
    PdfDictionary params;
    params.AddKey("Size", integer(static_cast<long long>(source->bytes.size())));
    params.AddKey("ModDate", PdfString(info.date));
    stream->GetDictionary().AddKey("Params", params);
    if (already_compressed(source->bytes)) {
      stream->GetStream()->Set(source->bytes.data(), static_cast<pdf_long>(source->bytes.size()), TVecFilters());
    } else {
      stream->GetStream()->Set(source->bytes.data(), static_cast<pdf_long>(source->bytes.size()));
    }

    PdfObject* spec = document.GetObjects().CreateObject("Filespec");
    PdfDictionary& d = spec->GetDictionary();
    d.AddKey("F", file_name(source->name));
    d.AddKey("UF", utf8(source->name));
    d.AddKey("Desc", utf8(source->description));
    PdfDictionary ef;
    ef.AddKey("F", stream->Reference());
    ef.AddKey("UF", stream->Reference());
    d.AddKey("EF", ef);
    d.AddKey("AFRelationship", PdfName("Source"));
    names.push_back(file_name(source->name));
    names.push_back(spec->Reference());
    associated.push_back(spec->Reference());
  }
  PdfDictionary files;
  files.AddKey("Names", names);
  // The writer may have put named destinations there already.
  PdfDictionary name_dictionary;
  if (const PdfObject* existing = catalog.GetKey(PdfName("Names")); existing && existing->IsDictionary()) {
    name_dictionary = existing->GetDictionary();
  }
  name_dictionary.AddKey("EmbeddedFiles", files);
  catalog.AddKey("Names", name_dictionary);
  catalog.AddKey("AF", associated);
}

}  // namespace

std::string srgb_profile(SrgbProfile which) {
  return which == SrgbProfile::debian_v2 ? read_debian_profile() : lcms2_profile();
}

std::string xmp_date(const std::string& d) {
  // D:YYYYMMDDHHmmSS followed by Z or ±HH'mm'
  if (d.size() < 17 || d.compare(0, 2, "D:") != 0) return "";
  for (std::size_t i = 2; i < 16; ++i) {
    if (d[i] < '0' || d[i] > '9') return "";
  }
  std::string out = d.substr(2, 4) + "-" + d.substr(6, 2) + "-" + d.substr(8, 2) + "T" + d.substr(10, 2) + ":" +
                    d.substr(12, 2) + ":" + d.substr(14, 2);
  if (d[16] == 'Z') return out + "Z";
  if ((d[16] != '+' && d[16] != '-') || d.size() < 22 || d[19] != '\'') return "";
  return out + d[16] + d.substr(17, 2) + ":" + d.substr(20, 2);
}

std::string xmp_packet(const DocumentInfo& info) {
  const std::string title = xml_escape(info.title);
  const std::string date = xmp_date(info.date);
  // The BOM in begin="" is what the XMP specification asks for; no bytes=
  // or encoding= attributes (PDF/A forbids the first, XMP deprecates both).
  std::string x =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
      "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"" +
      std::string(info.pdfua ? "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"" : "") + ">\n"
      "   <dc:format>application/pdf</dc:format>\n"
      "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + title + "</rdf:li><rdf:li xml:lang=\"ja\">" +
      title + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!info.author.empty()) {
    x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  x += "   <xmp:CreatorTool>" + xml_escape(info.creator) + "</xmp:CreatorTool>\n"
       "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n"
       "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n"
       "   <pdf:Producer>" + xml_escape(info.creator) + "</pdf:Producer>\n";
  if (info.pdfa != "none") {
    x += "   <pdfaid:part>" + std::string(info.pdfa == "2u" ? "2" : "3") + "</pdfaid:part>\n"
         "   <pdfaid:conformance>" + std::string(info.pdfa == "3a" ? "A" : "U") + "</pdfaid:conformance>\n";
  }
  if (info.pdfua) x += "   <pdfuaid:part>1</pdfuaid:part>\n";
  x += "  </rdf:Description>\n";
  if (info.pdfua && info.pdfa != "none") {
    // pdfuaid is not among PDF/A's predefined schemas: PDF/A (6.6.2.3.2)
    // wants its description as an extension schema.
    x += "  <rdf:Description rdf:about=\"\"\n"
         "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
         "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
         "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
         "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
         "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
         "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
         "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
         "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
         "     <pdfaProperty:name>part</pdfaProperty:name>\n"
         "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
         "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
         "     <pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>\n"
         "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
         "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
         "  </rdf:Description>\n";
  }
  x += 
       " </rdf:RDF>\n"
       "</x:xmpmeta>\n";
  // Room for an editor to update the packet in place, as XMP recommends.
  x += std::string(20, ' ') + "\n<?xpacket end=\"w\"?>";
  return x;
}

void add_pdfa_parts(PdfMemDocument& document, const DocumentInfo& info) {
  PdfDictionary& catalog = document.GetCatalog()->GetDictionary();
  const std::string xmp = xmp_packet(info);
  PdfObject* metadata = document.GetObjects().CreateObject("Metadata");
  metadata->GetDictionary().AddKey("Subtype", PdfName("XML"));
  // Unfiltered, so that tools that do not parse PDF can still find it.
  metadata->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()), TVecFilters());
  catalog.AddKey("Metadata", metadata->Reference());
  if (info.pdfa == "none") return;  // PDF/UA alone: the metadata only
  add_output_intent(document, catalog, info.output_profile);
  if ((info.pdfa == "3u" || info.pdfa == "3a") && !info.sources.empty()) add_sources(document, catalog, info);
}

}  // namespace shiryo::pdf
