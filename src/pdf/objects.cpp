#include "pdf/objects.h"

#include <zlib.h>

#include <charconv>
#include <climits>
#include <stdexcept>
#include <string_view>

namespace shiryo::pdf {

using namespace PoDoFo;

namespace {

// A deflate stream that is ended however flate() leaves.
class Deflater {
 public:
  Deflater() {
    if (deflateInit(&stream_, Z_DEFAULT_COMPRESSION) != Z_OK) throw std::runtime_error("zlib: deflateInit failed");
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  z_stream& get() { return stream_; }

 private:
  z_stream stream_{};
};

}  // namespace

std::string flate(std::string_view data) {
  if (data.size() > UINT_MAX) throw std::runtime_error("zlib: stream too large");
  Deflater deflater;
  z_stream& z = deflater.get();
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  // PoDoFo hands its filter the whole buffer with Z_NO_FLUSH and finishes
  // with an empty Z_FINISH call; the same calls give the same bytes.
  if (deflate(&z, Z_NO_FLUSH) != Z_OK) throw std::runtime_error("zlib: deflate failed");
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  out.resize(z.total_out);
  return out;
}

void set_flate_stream(PdfObject& object, std::string_view deflated) {
  object.GetStream()->Set(deflated.data(), static_cast<pdf_long>(deflated.size()), TVecFilters());
  object.GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
}

std::string pdf_number(double v) {
  std::string s;
  append_pdf_number(s, v);
  return s;
}

void append_pdf_number(std::string& out, double v) {
  // to_chars rounds exactly as printf's "%.3f" does, without its format
  // parsing and locale: content streams write millions of these.
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  if (ec != std::errc()) {  // beyond 1e27: no page coordinate
    out += '0';
    return;
  }
  const char* last = end;
  while (last != buf && last[-1] == '0') --last;
  if (last != buf && last[-1] == '.') --last;
  const std::string_view digits(buf, static_cast<std::size_t>(last - buf));
  out += digits == "-0" ? std::string_view("0") : digits;
}

std::string serialized(const PdfObject& o) {
  std::string s;
  o.ToString(s, ePdfWriteMode_Compact);
  return s;
}

const PdfObject* resolve(const PdfVecObjects& objects, const PdfObject* o) {
  // An object may itself be a reference, and a damaged file may loop them.
  for (int hops = 0; o && o->IsReference(); ++hops) {
    if (hops == 32) return nullptr;
    o = objects.GetObject(o->GetReference());
  }
  return o;
}

const PdfObject* dict_key(const PdfVecObjects& objects, const PdfObject* dict, const char* name) {
  if (!dict || !dict->IsDictionary()) return nullptr;
  return resolve(objects, dict->GetDictionary().GetKey(PdfName(name)));
}

std::string stream_bytes(const PoDoFo::PdfStream& stream, bool decoded) {
  struct PodofoFree {
    void operator()(char* p) const { PoDoFo::podofo_free(p); }
  };
  char* data = nullptr;
  PoDoFo::pdf_long length = 0;
  if (decoded) {
    stream.GetFilteredCopy(&data, &length);
  } else {
    stream.GetCopy(&data, &length);
  }
  const std::unique_ptr<char, PodofoFree> owned(data);
  return data && length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

}  // namespace shiryo::pdf
