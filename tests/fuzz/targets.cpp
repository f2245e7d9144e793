#include "cli/build.h"
#include "targets.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>

#include "cli/archive.h"
#include "compose/compose.h"
#include "compute/checks.h"
#include "layout/flow.h"
#include "model/parse.h"
#include "pdf/pdf_reader.h"
#include "pdf/signature.h"
#include "pdf/writer.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::fuzz {
namespace {

// The project's own files: a missing one shows as an empty text.
std::string read(const std::string& path) {
  std::string error;
  return cli::read_whole_file(path, error).value_or(std::string());
}

// The layout set and fonts every input is set with, read once.
struct Fixture {
  std::optional<style::LayoutSet> layout;
  std::optional<text::FontSet> fonts;

  Fixture() {
    const std::string root = SHIRYO_SOURCE_DIR;
    diag::Diagnostics diags;
    layout = style::LayoutSet::load(
        std::make_shared<const diag::SourceFile>("layout.xml", read(root + "/layouts/default/layout.xml")),
        compose::layout_requirements(), diags);
    auto config = text::FontConfig::load(
        std::make_shared<const diag::SourceFile>("fontset.xml", read(root + "/fonts/fontset.xml")), diags);
    if (!layout || !config) std::abort();
    std::map<std::string, std::vector<std::string>> roles;
    for (const auto& role : layout->font_roles()) roles[role.name] = role.faces;
    std::string error;
    fonts = text::FontSet::open(*config, roles, error);
    if (!fonts) std::abort();
  }
};

// A one-page PDF signed once by a throwaway self-signed key, made once.
struct SignedFixture {
  std::string pdf;
  pdf::X509StackPtr anchors{sk_X509_new_null()};

  SignedFixture() {
    const std::vector<std::string> objects = {
        "<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>",
        "<</Length 5>>stream\nBT ET\nendstream"};
    std::string bytes = "%PDF-1.7\n";
    std::string xref = "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f\r\n";
    for (std::size_t i = 0; i < objects.size(); ++i) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", bytes.size());
      xref += line;
      bytes += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t at = bytes.size();
    bytes += xref + "trailer\n<</Size 5/Root 1 0 R/ID[<00112233445566778899AABBCCDDEEFF><00112233445566778899AABBCCDDEEFF>]>>\n"
             "startxref\n" + std::to_string(at) + "\n%%EOF\n";
    pdf::Signer signer;
    signer.key.reset(EVP_RSA_gen(2048));
    signer.certificate.reset(X509_new());
    X509* c = signer.certificate.get();
    ASN1_INTEGER_set(X509_get_serialNumber(c), 1);
    // Valid around the fixed signing time below.
    X509_time_adj_ex(X509_getm_notAfter(c), 36500, 0, nullptr);
    ASN1_TIME_set_string(X509_getm_notBefore(c), "20200101000000Z");
    X509_set_pubkey(c, signer.key.get());
    X509_NAME* name = X509_get_subject_name(c);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Fuzz Signer"), -1, -1, 0);
    X509_set_issuer_name(c, name);
    X509_sign(c, signer.key.get(), EVP_sha256());
    signer.chain.reset(sk_X509_new_null());
    std::string error;
    const auto loaded = pdf::load_pdf(bytes, error);
    if (!loaded) std::abort();
    pdf::SignatureFields fields;
    fields.time = "D:20240314093000+09'00'";
    pdf = pdf::sign_pdf(*loaded, signer, fields);
    X509_up_ref(c);
    sk_X509_push(anchors.get(), c);
  }
};

// A refusal to load always says why.
std::optional<pdf::LoadedPdf> loaded(const std::string& bytes) {
  std::string error;
  auto pdf = pdf::load_pdf(bytes, error);
  if (!pdf && error.empty()) std::abort();
  return pdf;
}

// verify's checks, and what must hold of them whatever the bytes.
void check_signatures(const pdf::LoadedPdf& pdf, const STACK_OF(X509) * anchors) {
  try {
    // A fixed validation time: a run reproduces whatever the clock.
    const std::time_t now = 1796601600;  // 2026-12-07
    for (const auto& check : pdf::verify_signatures(pdf, anchors, now)) {
      // Malformed ranges cover nothing; well-formed ones stay in the file.
      if (check.revision_end > (check.ranges_valid ? pdf.bytes.size() : 0)) std::abort();
      if (check.ok() && !check.problem.empty()) std::abort();
    }
  } catch (const std::runtime_error& e) {
    // A damaged object: the commands print this and stop.
    if (std::string(e.what()).rfind("damaged PDF (", 0) != 0) std::abort();
  }
}

}  // namespace

void run_signature(const std::string& bytes) {
  static const SignedFixture fixture;
  if (bytes.empty()) return;
  std::string attacked = fixture.pdf;
  if ((static_cast<unsigned char>(bytes[0]) & 1) == 0) {
    attacked += bytes.substr(1);
  } else {
    // The placeholder sign_pdf leaves is 45 bytes wide.
    const std::size_t range = attacked.find("/ByteRange[") + 11;
    std::string numbers = bytes.substr(1, 45);
    numbers.resize(45, ' ');
    attacked.replace(range, 45, numbers);
  }
  if (const auto pdf = loaded(attacked)) check_signatures(*pdf, fixture.anchors.get());
}

void run_packet(const std::string& bytes) {
  static const Fixture fixture;
  auto source = std::make_shared<const diag::SourceFile>("fuzz.xml", bytes);
  diag::Diagnostics diags;
  auto packet = model::parse_packet(source, diags);
  if (!packet) return;
  compute::check_figures(*packet, diags);
  if (diags.has_errors()) return;
  const layout::BoxTree tree = compose::compose_packet(*packet, *fixture.layout, *fixture.fonts, {}, diags);
  layout::TextContext context(diags, source);
  const layout::LaidOutPacket pages = layout::layout_packet(tree, context);
  for (const auto& w : pages.warnings) diags.warning(source, w.offset, w.message);
  if (diags.has_errors()) return;
  pdf::DocumentInfo info;
  info.title = packet->meta.title.value;
  info.creator = "shiryo fuzz";
  info.date = "D:20240314000000+09'00'";
  const std::string pdf = pdf::write_pdf(pages, info);
  if (pdf.compare(0, 5, "%PDF-") != 0) std::abort();
}

void run_pdf(const std::string& bytes) {
  const auto pdf = loaded(bytes);
  if (!pdf) return;
  try {
    for (const auto& file : pdf::embedded_files(*pdf)) {
      if (file.name == cli::kManifestFile) (void)cli::parse_manifest(file.bytes);
      if (file.name == cli::kFontLockFile) (void)cli::parse_font_lock(file.bytes);
    }
    (void)pdf::destination_page(*pdf, "s1");
  } catch (const std::runtime_error& e) {
    if (std::string(e.what()).rfind("damaged PDF (", 0) != 0) std::abort();
  }
  check_signatures(*pdf, nullptr);
}

}  // namespace shiryo::fuzz
