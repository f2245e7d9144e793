#include "image/image.h"

#include "image/icc.h"

#include <png.h>
#include <zlib.h>

#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

// libjpeg's header needs FILE and size_t declared first.
#include <jpeglib.h>

namespace shiryo::image {
namespace {

uint32_t be32(std::string_view b, std::size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

bool starts(std::string_view b, std::string_view with) { return b.substr(0, with.size()) == with; }

void check_pixels(unsigned long long w, unsigned long long h) {
  if (w == 0 || h == 0) throw ImageError("it declares an empty image (" + std::to_string(w) + " × " + std::to_string(h) + " pixels)");
  if (w * h > kMaxPixels)
    throw ImageError("it declares " + std::to_string(w) + " × " + std::to_string(h) +
                     " pixels, more than 100 million; refused without decoding it");
}

std::string deflate(const std::string& raw) {
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), 6) != Z_OK)
    throw ImageError("it could not be compressed again");
  out.resize(size);
  return out;
}

// An iCCP chunk's profile: a name of 1 to 79 bytes, a zero, the method 0 and
// the zlib data, inflated to at most kMaxIccBytes. Empty with `why` set when
// the chunk is malformed.
std::string iccp_profile(std::string_view chunk, std::string& why) {
  const std::size_t zero = chunk.find('\0');
  if (zero == std::string_view::npos || zero == 0 || zero > 79 || zero + 2 > chunk.size() || chunk[zero + 1] != 0) {
    why = "its iCCP chunk is malformed";
    return {};
  }
  const std::string_view packed = chunk.substr(zero + 2);
  z_stream z{};
  if (inflateInit(&z) != Z_OK) {
    why = "its iCCP chunk cannot be inflated";
    return {};
  }
  std::string out;
  char buffer[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (out.size() > kMaxIccBytes) rc = Z_MEM_ERROR;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    why = out.size() > kMaxIccBytes ? "its ICC profile is larger than 16 MB" : "its iCCP chunk is damaged or cut short";
    return {};
  }
  return out;
}

// Keeps `profile` as the image's colour space when it fits its components,
// else says why it is dropped.
void take_profile(Image& img, std::string profile, int components) {
  if (profile.empty()) return;
  std::string why = icc_problem(profile, components);
  if (why.empty()) {
    img.icc = std::move(profile);
  } else {
    img.icc_dropped = std::move(why);
  }
}

// libpng's simplified reader, freed however it ends.
struct PngReader {
  png_image image{};
  PngReader() { image.version = PNG_IMAGE_VERSION; }
  ~PngReader() { png_image_free(&image); }
  PngReader(const PngReader&) = delete;
  PngReader& operator=(const PngReader&) = delete;
};

struct PngChunks {
  uint32_t width = 0, height = 0;
  int depth = 0, colour_type = 0, interlace = 0;
  std::string palette, idat;
  std::string iccp;  // the iCCP chunk's data, as stored
  bool transparency = false;
  double dpi_x = 0, dpi_y = 0;
};

// Walks the chunks, every length checked against what is left and every CRC
// verified, up to IEND; the pixel count is checked as soon as IHDR is read.
PngChunks png_chunks(std::string_view b) {
  PngChunks c;
  std::size_t at = 8;
  bool header = false;
  for (;;) {
    if (b.size() - at < 12) throw ImageError("the PNG is truncated (it ends before its IEND chunk)");
    const uint32_t length = be32(b, at);
    if (length > b.size() - at - 12) throw ImageError("the PNG is truncated (a chunk runs past the end of the file)");
    const std::string_view type = b.substr(at + 4, 4);
    const std::string_view data = b.substr(at + 8, length);
    const uint32_t crc = be32(b, at + 8 + length);
    const uLong computed = crc32(crc32(0, reinterpret_cast<const Bytef*>(type.data()), 4),
                                 reinterpret_cast<const Bytef*>(data.data()), length);
    if (computed != crc) throw ImageError("the PNG is damaged (the CRC of its " + std::string(type) + " chunk is wrong)");
    at += 12 + length;
    if (!header) {
      if (type != "IHDR" || length != 13) throw ImageError("the PNG has no IHDR chunk first");
      c.width = be32(data, 0);
      c.height = be32(data, 4);
      c.depth = static_cast<unsigned char>(data[8]);
      c.colour_type = static_cast<unsigned char>(data[9]);
      c.interlace = static_cast<unsigned char>(data[12]);
      check_pixels(c.width, c.height);
      header = true;
    } else if (type == "PLTE") {
      c.palette = std::string(data);
    } else if (type == "tRNS") {
      c.transparency = true;
    } else if (type == "IDAT") {
      c.idat += data;
    } else if (type == "iCCP") {
      c.iccp = std::string(data);
    } else if (type == "pHYs" && length == 9 && data[8] == 1) {
      c.dpi_x = be32(data, 0) * 0.0254;
      c.dpi_y = be32(data, 4) * 0.0254;
    } else if (type == "IEND") {
      return c;
    }
  }
}

Image read_png(std::string_view bytes) {
  const PngChunks c = png_chunks(bytes);
  Image img;
  img.kind = Image::Kind::png;
  img.width = static_cast<int>(c.width);
  img.height = static_cast<int>(c.height);
  img.dpi_x = c.dpi_x;
  img.dpi_y = c.dpi_y;
  std::string profile;
  if (!c.iccp.empty()) profile = iccp_profile(c.iccp, img.icc_dropped);

  // Decoded whole even when the data passes through: a damaged or cut zlib
  // stream is found here, not by the reader of the PDF.
  PngReader reader;
  if (!png_image_begin_read_from_memory(&reader.image, bytes.data(), bytes.size()))
    throw ImageError(std::string("the PNG cannot be read: ") + reader.image.message);
  const bool colour = (reader.image.format & PNG_FORMAT_FLAG_COLOR) != 0;
  const bool alpha = (reader.image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  reader.image.format = (colour ? PNG_FORMAT_FLAG_COLOR : 0) | (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
  std::string pixels(PNG_IMAGE_SIZE(reader.image), '\0');
  if (!png_image_finish_read(&reader.image, nullptr, pixels.data(), 0, nullptr))
    throw ImageError(std::string("the PNG is truncated or damaged: ") + reader.image.message);

  const bool indexed = c.colour_type == 3;
  const bool plain = c.colour_type == 0 || c.colour_type == 2 || indexed;
  if (c.interlace == 0 && plain && !c.transparency && !c.idat.empty()) {
    // PDF's FlateDecode with the PNG predictors reads IDAT as it is.
    img.filter = "FlateDecode";
    img.predictor = 15;
    img.bits = c.depth;
    img.components = indexed ? 1 : c.colour_type == 2 ? 3 : 1;
    if (indexed) img.palette = c.palette;
    img.data = c.idat;
    take_profile(img, std::move(profile), c.colour_type == 0 ? 1 : 3);
    return img;
  }
  const int channels = (colour ? 3 : 1) + (alpha ? 1 : 0);
  const std::size_t n = static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height);
  std::string colours;
  std::string alphas;
  colours.reserve(n * static_cast<std::size_t>(channels - (alpha ? 1 : 0)));
  if (alpha) alphas.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const char* px = pixels.data() + i * static_cast<std::size_t>(channels);
    colours.append(px, static_cast<std::size_t>(colour ? 3 : 1));
    if (alpha) alphas.push_back(px[channels - 1]);
  }
  img.filter = "FlateDecode";
  img.bits = 8;
  img.components = colour ? 3 : 1;
  img.data = deflate(colours);
  if (alpha) img.alpha = deflate(alphas);
  take_profile(img, std::move(profile), img.components);
  return img;
}

// libjpeg reports fatal errors through error_exit, which must not return:
// it jumps back to read_jpeg_pass, where nothing with a destructor lives.
struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  info->err->format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

struct JpegHeader {
  unsigned width = 0, height = 0;
  int components = 0;
  bool adobe = false;
  int density_unit = 0;
  unsigned density_x = 0, density_y = 0;
  std::size_t scan_start = 0;  // byte offset just past the first SOS header
  std::string exif;            // the APP1 Exif payload, empty when none
  std::string icc;             // the APP2 ICC_PROFILE chunks joined, empty when none
  std::string icc_problem;     // why the chunks could not be joined
};

// Joins the ICC_PROFILE chunks (each: the tag, its sequence number from 1 and
// the count) in sequence order; every number from 1 to the count must occur once.
void join_icc_chunks(const std::vector<std::pair<int, std::string_view>>& chunks, int count, JpegHeader& h) {
  std::vector<std::string_view> ordered(static_cast<std::size_t>(count));
  for (const auto& [seq, data] : chunks) {
    if (seq < 1 || seq > count || !ordered[static_cast<std::size_t>(seq - 1)].empty() || data.empty()) {
      h.icc_problem = "its ICC_PROFILE markers are numbered wrongly";
      return;
    }
    ordered[static_cast<std::size_t>(seq - 1)] = data;
  }
  for (const auto& part : ordered) {
    if (part.empty()) {
      h.icc_problem = "one of its ICC_PROFILE markers is missing";
      return;
    }
    h.icc += part;
  }
}

// Where a CMYK JPEG's pixels go as 8-bit sRGB, converted through `convert`.
// Both buffers are sized by the caller from the header, so nothing with a
// destructor lives in the frame that libjpeg's errors jump back to.
struct CmykToRgb {
  const CmykToSrgb& convert;
  std::string& rgb;                  // width × height × 3
  std::vector<unsigned char>& row;   // width × 4
};

void cmyk_rows_to_rgb(jpeg_decompress_struct& info, CmykToRgb& out) {
  const std::size_t width = info.output_width;
  while (info.output_scanline < info.output_height) {
    const std::size_t y = info.output_scanline;
    JSAMPROW rows[1] = {out.row.data()};
    jpeg_read_scanlines(&info, rows, 1);
    out.convert.convert(out.row.data(), reinterpret_cast<unsigned char*>(&out.rgb[y * width * 3]), width);
  }
}

// The Exif and ICC_PROFILE payloads of the saved markers, copied into `h`
// (libjpeg frees its own copies).
void collect_markers(jpeg_decompress_struct& info, JpegHeader& h) {
  static constexpr std::string_view kIcc("ICC_PROFILE\0", 12);
  std::vector<std::pair<int, std::string_view>> chunks;
  int count = 0;
  for (jpeg_saved_marker_ptr m = info.marker_list; m; m = m->next) {
    const std::string_view payload(reinterpret_cast<const char*>(m->data), m->data_length);
    if (m->marker == JPEG_APP0 + 1 && h.exif.empty() && starts(payload, std::string_view("Exif\0\0", 6))) {
      h.exif = std::string(payload);
    } else if (m->marker == JPEG_APP0 + 2 && starts(payload, kIcc) && payload.size() >= kIcc.size() + 2) {
      const int n = static_cast<unsigned char>(payload[kIcc.size() + 1]);
      if (count != 0 && n != count) {
        h.icc_problem = "its ICC_PROFILE markers disagree on how many there are";
        return;
      }
      count = n;
      chunks.emplace_back(static_cast<unsigned char>(payload[kIcc.size()]), payload.substr(kIcc.size() + 2));
    }
  }
  if (!chunks.empty()) join_icc_chunks(chunks, count, h);
}

// Reads the header into `h`; with `cmyk`, also decodes a CMYK image into it.
bool read_jpeg_pass(std::string_view bytes, JpegHeader& h, JpegErrors& errors, CmykToRgb* cmyk) {
  jpeg_decompress_struct info;
  info.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = jpeg_fail;
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  jpeg_mem_src(&info, data, static_cast<unsigned long>(bytes.size()));
  jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);
  jpeg_save_markers(&info, JPEG_APP0 + 2, 0xFFFF);
  jpeg_read_header(&info, TRUE);
  h.width = info.image_width;
  h.height = info.image_height;
  h.components = info.num_components;
  h.adobe = info.saw_Adobe_marker;
  h.density_unit = info.density_unit;
  h.density_x = info.X_density;
  h.density_y = info.Y_density;
  h.scan_start = static_cast<std::size_t>(info.src->next_input_byte - data);
  if (!cmyk) collect_markers(info, h);
  bool ok = true;
  if (cmyk) {
    info.out_color_space = JCS_CMYK;
    jpeg_start_decompress(&info);
    const std::size_t width = info.output_width;
    ok = info.output_components == 4 && cmyk->rgb.size() == width * info.output_height * 3 &&
         cmyk->row.size() == width * 4;
    if (ok) {
      cmyk_rows_to_rgb(info, *cmyk);
      jpeg_finish_decompress(&info);
    } else {
      std::snprintf(errors.message, sizeof errors.message, "%s", "its decoded size differs from its header");
    }
  }
  jpeg_destroy_decompress(&info);
  return ok;
}

// The orientation tag (0x0112) of IFD0 in an Exif payload, every offset checked.
int exif_orientation(std::string_view exif) {
  if (exif.size() < 14) return 1;
  const std::string_view tiff = exif.substr(6);
  const bool little = tiff.substr(0, 2) == "II";
  if (!little && tiff.substr(0, 2) != "MM") return 1;
  auto u16 = [&](std::size_t at) -> unsigned {
    const auto a = static_cast<unsigned char>(tiff[at]), b = static_cast<unsigned char>(tiff[at + 1]);
    return little ? (a | b << 8) : (a << 8 | b);
  };
  auto u32 = [&](std::size_t at) -> uint32_t {
    return little ? (u16(at) | static_cast<uint32_t>(u16(at + 2)) << 16)
                  : (static_cast<uint32_t>(u16(at)) << 16 | u16(at + 2));
  };
  const uint32_t ifd = u32(4);
  if (ifd > tiff.size() || tiff.size() - ifd < 2) return 1;
  const unsigned entries = u16(ifd);
  for (unsigned i = 0; i < entries; ++i) {
    const std::size_t at = ifd + 2 + static_cast<std::size_t>(i) * 12;
    if (at + 12 > tiff.size()) return 1;
    if (u16(at) == 0x0112) {
      const unsigned v = u16(at + 8);
      return v >= 1 && v <= 8 ? static_cast<int>(v) : 1;
    }
  }
  return 1;
}

Image read_jpeg(std::string_view bytes, const CmykProfile& cmyk_profile) {
  JpegHeader h;
  JpegErrors errors{};
  if (!read_jpeg_pass(bytes, h, errors, nullptr)) throw ImageError(std::string("the JPEG cannot be read: ") + errors.message);
  check_pixels(h.width, h.height);
  if (h.components != 1 && h.components != 3 && h.components != 4)
    throw ImageError("the JPEG has " + std::to_string(h.components) + " colour components; only 1, 3 or 4 can be drawn");
  // Entropy-coded data never holds FF D9: the last one after the scan starts is the end.
  const std::size_t end = bytes.rfind(std::string_view("\xFF\xD9", 2));
  if (end == std::string_view::npos || end < h.scan_start)
    throw ImageError("the JPEG is truncated (it has no end-of-image marker after its data)");
  Image img;
  img.kind = Image::Kind::jpeg;
  img.width = static_cast<int>(h.width);
  img.height = static_cast<int>(h.height);
  img.components = h.components;
  img.filter = "DCTDecode";
  img.data = std::string(bytes.substr(0, end + 2));
  img.orientation = exif_orientation(h.exif);
  img.icc_dropped = h.icc_problem;
  take_profile(img, std::move(h.icc), h.components);
  if (h.components == 4 && !img.icc.empty()) {
    // A profile makes CMYK device-independent: PDF/A takes /ICCBased CMYK
    // under an sRGB output intent, so the data passes through as it is.
    img.inverted = h.adobe;
  } else if (h.components == 4) {
    // PDF/A under the packet's sRGB output intent cannot hold DeviceCMYK:
    // the pixels are converted through a stand-in press profile.
    std::string why;
    const std::string* profile = cmyk_profile ? cmyk_profile(why) : nullptr;
    if (!profile) throw ImageError("it is a CMYK JPEG without a colour profile, and the CMYK profile it is converted through cannot be read: " + why);
    std::unique_ptr<CmykToSrgb> convert;
    try {
      convert = std::make_unique<CmykToSrgb>(*profile, h.adobe);
    } catch (const std::runtime_error& e) {
      throw ImageError(std::string("it is a CMYK JPEG without a colour profile, and the CMYK profile it is converted through is unusable: ") + e.what());
    }
    std::string rgb(static_cast<std::size_t>(h.width) * h.height * 3, '\0');
    std::vector<unsigned char> row(static_cast<std::size_t>(h.width) * 4);
    CmykToRgb out{*convert, rgb, row};
    if (!read_jpeg_pass(img.data, h, errors, &out))
      throw ImageError(std::string("the CMYK JPEG cannot be decoded: ") + errors.message);
    img.components = 3;
    img.filter = "FlateDecode";
    img.data = deflate(rgb);
    img.converted_from_cmyk = true;
  }
  if (h.density_unit == 1 || h.density_unit == 2) {
    const double per_inch = h.density_unit == 1 ? 1.0 : 2.54;
    img.dpi_x = h.density_x * per_inch;
    img.dpi_y = h.density_y * per_inch;
  }
  return img;
}

}  // namespace

double Image::shown_width_pt(double fallback_dpi) const {
  const bool turned = orientation >= 5;
  if (kind == Kind::pdf) return turned ? box[3] - box[1] : box[2] - box[0];
  const double dpi = turned ? dpi_y : dpi_x;
  return shown_width() / (dpi > 0 ? dpi : fallback_dpi) * 72;
}

double Image::shown_aspect() const {
  if (kind == Kind::pdf) {
    const double w = box[2] - box[0], h = box[3] - box[1];
    return orientation >= 5 ? w / h : h / w;
  }
  return static_cast<double>(shown_height()) / shown_width();
}

std::string low_resolution_warning(const Image& img, const std::string& src, double width_pt) {
  const double px_w = img.shown_width();
  const double printed_dpi = px_w / (width_pt / 72);
  if (img.kind != Image::Kind::jpeg || !(width_pt > 0) || printed_dpi >= kPhotoDpiLeast) return {};
  return "the photo '" + src + "' prints at " + std::to_string(static_cast<int>(std::lround(printed_dpi))) +
         " dpi at this size (" + std::to_string(static_cast<int>(px_w)) + " pixels across " +
         std::to_string(static_cast<int>(std::lround(width_pt / 72 * 25.4))) + " mm), below 150 dpi: it may look blurred";
}

std::string describe_bytes(std::string_view b) {
  if (b.empty()) return "an empty file";
  if (starts(b, "\x89PNG\r\n\x1a\n")) return "a PNG image";
  if (starts(b, "\xFF\xD8\xFF")) return "a JPEG image";
  if (starts(b, "%PDF-")) return "a PDF file";
  if (starts(b, "GIF8")) return "a GIF image";
  if (starts(b, "BM")) return "a BMP image";
  if (starts(b, "II*") || starts(b, "MM\0*")) return "a TIFF image";
  if (starts(b, "<svg") || starts(b, "<?xml")) return "XML text";
  const std::size_t probe = std::min<std::size_t>(b.size(), 512);
  for (std::size_t i = 0; i < probe; ++i) {
    const auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x09 || (c > 0x0D && c < 0x20)) return "unknown binary data";
  }
  return "text";
}

Image read_image(std::string_view bytes, const CmykProfile& cmyk_profile) {
  if (starts(bytes, "\x89PNG\r\n\x1a\n")) return read_png(bytes);
  if (starts(bytes, "\xFF\xD8\xFF")) return read_jpeg(bytes, cmyk_profile);
  throw ImageError("it is " + describe_bytes(bytes) + ", not a PNG or JPEG image");
}

}  // namespace shiryo::image
