#include "pdf/signature.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>

#include <algorithm>
#include <cmath>
#include <charconv>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "pdf/digest.h"
#include "pdf/objects.h"
#include "pdf/stamp.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;

struct Pkcs12Free {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
};
struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct OpensslFree {
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// The reason OpenSSL gives last, for messages; clears its queue.
std::string openssl_reason() {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (e == 0) return "unknown reason";
  const char* r = ERR_reason_error_string(e);
  return r ? r : "unknown reason";
}

std::string der_length(std::size_t n) {
  std::string out;
  if (n < 0x80) {
    out += static_cast<char>(n);
    return out;
  }
  std::string bytes;
  for (std::size_t v = n; v > 0; v >>= 8) bytes.insert(bytes.begin(), static_cast<char>(v & 0xFF));
  out += static_cast<char>(0x80 | bytes.size());
  return out + bytes;
}

std::string hex_upper(const unsigned char* data, std::size_t n) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string serialize(const PdfObject& o) {
  std::string s;
  o.ToString(s, ePdfWriteMode_Compact);
  return s;
}


// Signature fields of the AcroForm, depth first through /Kids.
std::vector<const PdfObject*> signature_fields(const PdfMemDocument& document) {
  const PdfVecObjects& objects = document.GetObjects();
  std::vector<const PdfObject*> out;
  const PdfObject* form = dict_key(objects, const_cast<PdfMemDocument&>(document).GetCatalog(), "AcroForm");
  const PdfObject* fields = dict_key(objects, form, "Fields");
  std::set<const PdfObject*> seen;
  std::function<void(const PdfObject*)> walk = [&](const PdfObject* f) {
    if (!f || !f->IsDictionary() || !seen.insert(f).second) return;
    const PdfObject* ft = dict_key(objects, f, "FT");
    if (ft && ft->IsName() && ft->GetName() == PdfName("Sig")) out.push_back(f);
    if (const PdfObject* kids = dict_key(objects, f, "Kids"); kids && kids->IsArray()) {
      for (const auto& k : kids->GetArray()) walk(resolve(objects, &k));
    }
  };
  if (fields && fields->IsArray()) {
    for (const auto& f : fields->GetArray()) walk(resolve(objects, &f));
  }
  return out;
}

std::string indirect(const PdfReference& r) {
  return std::to_string(r.ObjectNumber()) + " " + std::to_string(r.GenerationNumber()) + " R";
}

// The ByteRange placeholder: room for four ten-digit numbers, so that the
// real values fit without moving a byte.
constexpr std::size_t kByteRangeWidth = 4 * 11 + 1;

}  // namespace

std::optional<Signer> load_signer(const std::string& p12_bytes, const std::string& password, std::string& error) {
  BioPtr bio(BIO_new_mem_buf(p12_bytes.data(), static_cast<int>(p12_bytes.size())));
  std::unique_ptr<PKCS12, Pkcs12Free> p12(bio ? d2i_PKCS12_bio(bio.get(), nullptr) : nullptr);
  if (!p12) {
    error = "not a PKCS#12 file (" + openssl_reason() + ")";
    return std::nullopt;
  }
  // Checking the MAC first tells a wrong password from a damaged file.
  if (PKCS12_mac_present(p12.get()) && !PKCS12_verify_mac(p12.get(), password.c_str(), -1)) {
    ERR_clear_error();
    error = "wrong password";
    return std::nullopt;
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  if (!PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &chain)) {
    error = "cannot read the PKCS#12 file (" + openssl_reason() + ")";
    return std::nullopt;
  }
  Signer s{PkeyPtr(key), X509Ptr(cert), X509StackPtr(chain ? chain : sk_X509_new_null())};
  if (!s.key) {
    error = "the PKCS#12 file holds no private key";
    return std::nullopt;
  }
  // PKCS12_parse pairs the key with a certificate only when they match; an
  // unmatched key leaves every certificate in the chain.
  if (!s.certificate || X509_check_private_key(s.certificate.get(), s.key.get()) != 1) {
    ERR_clear_error();
    error = "the private key does not match the certificate: it matches none of the " +
            std::to_string(sk_X509_num(s.chain.get()) + (s.certificate ? 1 : 0)) + " certificates in the file";
    return std::nullopt;
  }
  return s;
}

std::string subject_of(const X509* certificate) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(certificate), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string common_name(const X509* certificate) {
  char buf[256] = {};
  if (X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, buf, sizeof buf) <= 0) {
    return subject_of(certificate);
  }
  return buf;
}

std::string validity_problem(const X509* certificate, std::time_t at) {
  auto when = [](const ASN1_TIME* t) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    ASN1_TIME_print(bio.get(), t);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
  };
  if (X509_cmp_time(X509_get0_notAfter(certificate), &at) < 0) {
    return "the certificate of " + subject_of(certificate) + " expired on " + when(X509_get0_notAfter(certificate));
  }
  if (X509_cmp_time(X509_get0_notBefore(certificate), &at) > 0) {
    return "the certificate of " + subject_of(certificate) + " is not valid before " +
           when(X509_get0_notBefore(certificate));
  }
  return "";
}

std::string cades_signature(const Signer& signer, const std::array<unsigned char, 32>& digest) {
  // The sequence of dependencies.md: CMS_final would add signing-time, so the
  // signed attributes are encoded and signed here.
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_PARTIAL | CMS_DETACHED | CMS_BINARY));
  if (!cms) throw std::runtime_error("CMS_sign: " + openssl_reason());
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), signer.certificate.get(), signer.key.get(), EVP_sha256(),
                                       CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES | CMS_BINARY);
  if (!si) throw std::runtime_error("CMS_add1_signer: " + openssl_reason());
  for (int i = 0; i < sk_X509_num(signer.chain.get()); ++i) {
    if (!CMS_add1_cert(cms.get(), sk_X509_value(signer.chain.get(), i))) {
      throw std::runtime_error("CMS_add1_cert: " + openssl_reason());
    }
  }
  if (!CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) ||
      !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest.data(),
                                   static_cast<int>(digest.size()))) {
    throw std::runtime_error("CMS signed attributes: " + openssl_reason());
  }
  // DER SET OF: the encodings sorted bytewise.
  std::vector<std::string> encoded;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char* der = nullptr;
    const int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
    if (n <= 0) throw std::runtime_error("i2d_X509_ATTRIBUTE: " + openssl_reason());
    std::unique_ptr<unsigned char, OpensslFree> owned(der);
    encoded.emplace_back(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string body;
  for (const auto& e : encoded) body += e;
  const std::string set = std::string(1, '\x31') + der_length(body.size()) + body;

  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, signer.key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(set.data()), set.size()) != 1) {
    throw std::runtime_error("EVP_DigestSign: " + openssl_reason());
  }
  std::vector<unsigned char> value(length);
  if (EVP_DigestSign(ctx.get(), value.data(), &length, reinterpret_cast<const unsigned char*>(set.data()),
                     set.size()) != 1) {
    throw std::runtime_error("EVP_DigestSign: " + openssl_reason());
  }
  ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), value.data(), static_cast<int>(length));
  unsigned char* der = nullptr;
  const int n = i2d_CMS_ContentInfo(cms.get(), &der);
  if (n <= 0) throw std::runtime_error("i2d_CMS_ContentInfo: " + openssl_reason());
  std::unique_ptr<unsigned char, OpensslFree> owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
}

std::string sign_pdf(const LoadedPdf& pdf, const Signer& signer, const SignatureFields& fields,
                     const VisibleSignature* visible) {
  PdfMemDocument& document = *pdf.document;
  const PdfVecObjects& objects = document.GetObjects();
  const std::string& original = pdf.bytes;

  const PdfObject* trailer = document.GetTrailer();
  const PdfObject* root = trailer->GetDictionary().GetKey(PdfName("Root"));
  const PdfObject* info = trailer->GetDictionary().GetKey(PdfName("Info"));
  const PdfObject* ids = dict_key(objects, trailer, "ID");
  if (!root || !root->IsReference()) throw std::runtime_error("the trailer has no /Root reference");
  long long size = 0;
  if (const PdfObject* s = dict_key(objects, trailer, "Size"); s && s->IsNumber()) size = s->GetNumber();
  for (const PdfObject* o : objects) size = std::max<long long>(size, o->Reference().ObjectNumber() + 1);
  const std::size_t startxref = original.rfind("startxref");
  long long prev = 0;
  {
    std::size_t p = startxref + 9;
    while (p < original.size() && (original[p] == ' ' || original[p] == '\r' || original[p] == '\n')) ++p;
    std::from_chars(original.data() + p, original.data() + original.size(), prev);
  }
  const std::size_t page_index = visible ? visible->page : 0;
  if (static_cast<std::size_t>(document.GetPageCount()) <= page_index) {
    throw std::runtime_error("the PDF has no page to put the signature field on");
  }

  // New objects: the signature value, the field with its widget, and the
  // AcroForm when the catalog has none of its own to rewrite.
  const auto next = [&size]() { return static_cast<pdf_objnum>(size++); };
  const PdfReference sig_ref(next(), 0);
  const PdfReference field_ref(next(), 0);
  PdfObject* catalog_object = document.GetCatalog();
  PdfDictionary catalog = catalog_object->GetDictionary();
  PdfPage* pdf_page = document.GetPage(static_cast<int>(page_index));
  PdfObject* page_object = pdf_page->GetObject();
  PdfDictionary page = page_object->GetDictionary();

  const auto existing = signature_fields(document);
  const std::string field_name = "Signature" + std::to_string(existing.size() + 1);

  std::map<pdf_objnum, std::pair<pdf_gennum, std::string>> body;  // number → generation, object text
  PdfObject* form_ref_object = catalog.GetKey(PdfName("AcroForm"));
  PdfDictionary form;
  std::optional<PdfReference> form_ref;
  if (form_ref_object && form_ref_object->IsReference()) form_ref = form_ref_object->GetReference();
  if (const PdfObject* f = dict_key(objects, catalog_object, "AcroForm"); f && f->IsDictionary()) form = f->GetDictionary();
  if (!form_ref) form_ref = PdfReference(next(), 0);
  PdfArray form_fields;
  if (const PdfObject* f = resolve(objects, form.GetKey(PdfName("Fields"))); f && f->IsArray()) form_fields = f->GetArray();
  form_fields.push_back(field_ref);
  form.AddKey("Fields", form_fields);
  form.AddKey("SigFlags", PdfObject(static_cast<pdf_int64>(3)));
  catalog.AddKey("AcroForm", *form_ref);

  PdfArray annots;
  if (const PdfObject* a = resolve(objects, page.GetKey(PdfName("Annots"))); a && a->IsArray()) annots = a->GetArray();
  annots.push_back(field_ref);
  page.AddKey("Annots", annots);

  PdfDictionary field;
  field.AddKey("Type", PdfName("Annot"));
  field.AddKey("Subtype", PdfName("Widget"));
  field.AddKey("FT", PdfName("Sig"));
  field.AddKey("T", PdfString(field_name));
  field.AddKey("V", sig_ref);
  field.AddKey("P", page_object->Reference());
  PdfArray rect;
  std::optional<Stamp> stamp;
  if (visible) {
    stamp = make_stamp(*visible->chain, visible->lines, static_cast<pdf_objnum>(size));
    size += static_cast<long long>(stamp->objects.size());
    const PdfRect box = pdf_page->GetMediaBox();
    // Bottom right, clear of the page number at the foot's centre.
    const double margin = 20;
    const double x = box.GetLeft() + box.GetWidth() - margin - stamp->width;
    const double y = box.GetBottom() + margin;
    for (double v : {x, y, x + stamp->width, y + stamp->height}) rect.push_back(PdfObject(std::round(v * 1000) / 1000));
    PdfDictionary appearance;
    appearance.AddKey("N", PdfReference(stamp->form, 0));
    field.AddKey("AP", appearance);
    for (const auto& [number, object] : stamp->objects) body[number] = {0, object};
  } else {
    // Zero size: invisible, and PDF/A needs no appearance for it.
    for (int i = 0; i < 4; ++i) rect.push_back(PdfObject(static_cast<pdf_int64>(0)));
  }
  field.AddKey("Rect", rect);
  // Print and Locked: PDF/A wants annotations printable; nobody should move it.
  field.AddKey("F", PdfObject(static_cast<pdf_int64>(132)));

  body[catalog_object->Reference().ObjectNumber()] = {catalog_object->Reference().GenerationNumber(),
                                                      serialize(PdfObject(catalog))};
  body[page_object->Reference().ObjectNumber()] = {page_object->Reference().GenerationNumber(),
                                                   serialize(PdfObject(page))};
  body[form_ref->ObjectNumber()] = {form_ref->GenerationNumber(), serialize(PdfObject(form))};
  body[field_ref.ObjectNumber()] = {0, serialize(PdfObject(field))};

  // The signature dictionary by hand: /ByteRange and /Contents are patched
  // in place once the offsets are known.
  auto text = [](const std::string& s) {
    return serialize(PdfObject(PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()))));
  };
  const std::size_t trial = cades_signature(signer, {}).size();
  const std::size_t reserved = trial + 1024;  // the DER length varies by a few bytes between runs
  std::string sig = "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange[" +
                    std::string(kByteRangeWidth, ' ') + "]/Contents<" + std::string(2 * reserved, '0') + ">/M" +
                    serialize(PdfObject(PdfString(fields.time)));
  if (!fields.name.empty()) sig += "/Name" + text(fields.name);
  if (!fields.reason.empty()) sig += "/Reason" + text(fields.reason);
  if (!fields.location.empty()) sig += "/Location" + text(fields.location);
  sig += ">>";
  body[sig_ref.ObjectNumber()] = {0, sig};

  std::string update;
  if (!original.empty() && original.back() != '\n' && original.back() != '\r') update += "\n";
  std::map<pdf_objnum, std::pair<pdf_gennum, std::size_t>> offsets;
  std::size_t sig_at = 0;
  for (const auto& [number, entry] : body) {
    offsets[number] = {entry.first, original.size() + update.size()};
    const std::string head = std::to_string(number) + " " + std::to_string(entry.first) + " obj\n";
    if (number == sig_ref.ObjectNumber()) sig_at = original.size() + update.size() + head.size();
    update += head + entry.second + "\nendobj\n";
  }
  const std::size_t xref_at = original.size() + update.size();
  update += "xref\n";
  for (auto it = offsets.begin(); it != offsets.end();) {
    auto end = it;
    pdf_objnum expect = it->first;
    while (end != offsets.end() && end->first == expect) {
      ++end;
      ++expect;
    }
    update += std::to_string(it->first) + " " + std::to_string(expect - it->first) + "\n";
    for (; it != end; ++it) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu %05u n\r\n", it->second.second, static_cast<unsigned>(it->second.first));
      update += line;
    }
  }
  // The first ID stays (it names the document); the second changes with
  // each revision.
  std::string first_id;
  if (ids && ids->IsArray() && !ids->GetArray().empty() && ids->GetArray()[0].IsString()) {
    const PdfString& s = ids->GetArray()[0].GetString();
    first_id = hex_upper(reinterpret_cast<const unsigned char*>(s.GetString()), s.GetLength());
  }
  const auto revision_id = sha256(original + fields.time + field_name);
  if (first_id.empty()) first_id = hex_upper(revision_id.data(), 16);
  update += "trailer\n<</Size " + std::to_string(size) + "/Root " + indirect(root->GetReference());
  if (info && info->IsReference()) update += "/Info " + indirect(info->GetReference());
  update += "/ID[<" + first_id + "><" + hex_upper(revision_id.data(), 16) + ">]/Prev " + std::to_string(prev) +
            ">>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";

  std::string out = original + update;
  const std::size_t range_at = out.find("/ByteRange[", sig_at) + 11;
  const std::size_t contents_at = out.find("/Contents<", sig_at) + 9;  // the '<'
  const std::size_t contents_end = contents_at + 2 * reserved + 2;     // after the '>'
  char ranges[kByteRangeWidth + 1];
  std::snprintf(ranges, sizeof ranges, "0 %zu %zu %zu", contents_at, contents_end, out.size() - contents_end);
  const std::string range_text = ranges;
  out.replace(range_at, range_text.size(), range_text);

  const std::string signed_bytes = out.substr(0, contents_at) + out.substr(contents_end);
  const std::string cms = cades_signature(signer, sha256(signed_bytes));
  if (cms.size() > reserved) throw std::runtime_error("the signature is larger than the space reserved for it");
  const std::string cms_hex = hex_upper(reinterpret_cast<const unsigned char*>(cms.data()), cms.size());
  out.replace(contents_at + 1, cms_hex.size(), cms_hex);
  return out;
}

namespace {

std::vector<SignatureCheck> check_signatures(const LoadedPdf& pdf) {
  const PdfVecObjects& objects = pdf.document->GetObjects();
  const std::string& bytes = pdf.bytes;
  std::vector<SignatureCheck> out;
  for (const PdfObject* f : signature_fields(*pdf.document)) {
    SignatureCheck check;
    if (const PdfObject* t = dict_key(objects, f, "T"); t && t->IsString()) check.field = t->GetString().GetStringUtf8();
    const PdfObject* v = dict_key(objects, f, "V");
    if (!v || !v->IsDictionary()) continue;  // an empty field: not signed yet
    if (const PdfObject* m = dict_key(objects, v, "M"); m && m->IsString()) check.time = m->GetString().GetStringUtf8();
    if (const PdfObject* s = dict_key(objects, v, "SubFilter"); s && s->IsName()) check.sub_filter = s->GetName().GetName();
    const PdfObject* range = dict_key(objects, v, "ByteRange");
    std::array<long long, 4> b{};
    bool well_formed = range && range->IsArray() && range->GetArray().size() == 4;
    for (std::size_t i = 0; well_formed && i < 4; ++i) {
      const PdfObject& n = range->GetArray()[i];
      well_formed = n.IsNumber() && n.GetNumber() >= 0;
      if (well_formed) b[i] = n.GetNumber();
    }
    const auto size = static_cast<long long>(bytes.size());
    well_formed = well_formed && b[0] == 0 && b[1] > 0 && b[2] > b[1] + 1 && b[3] >= 0 && b[2] + b[3] <= size;
    if (!well_formed) {
      check.problem = "its /ByteRange is malformed or reaches beyond the file";
      out.push_back(check);
      continue;
    }
    const auto gap_begin = static_cast<std::size_t>(b[1]);
    const auto gap_end = static_cast<std::size_t>(b[2]);
    check.revision_end = static_cast<std::size_t>(b[2] + b[3]);
    // The gap must be exactly one hex string, the signature itself.
    std::string der;
    bool hex_gap = bytes[gap_begin] == '<' && bytes[gap_end - 1] == '>';
    for (std::size_t i = gap_begin + 1; hex_gap && i + 1 < gap_end; i += 2) {
      unsigned value = 0;
      const auto [ptr, ec] = std::from_chars(bytes.data() + i, bytes.data() + i + 2, value, 16);
      hex_gap = ec == std::errc() && ptr == bytes.data() + i + 2;
      der += static_cast<char>(value);
    }
    std::size_t end = check.revision_end;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) --end;
    check.covers_revision = hex_gap && end >= 5 && bytes.compare(end - 5, 5, "%%EOF") == 0;
    if (!check.covers_revision) check.problem = "its byte ranges do not cover the file up to a revision's end";

    const std::string signed_bytes = bytes.substr(0, gap_begin) + bytes.substr(gap_end, static_cast<std::size_t>(b[3]));
    const auto digest = sha256(signed_bytes);
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    CmsPtr cms(hex_gap ? d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())) : nullptr);
    if (!cms) {
      if (check.problem.empty()) check.problem = "its /Contents is not a CMS signature";
      ERR_clear_error();
      out.push_back(check);
      continue;
    }
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    CMS_SignerInfo* si = infos && sk_CMS_SignerInfo_num(infos) > 0 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
    if (si) {
      CMS_set1_signers_certs(cms.get(), nullptr, 0);
      X509* cert = nullptr;
      CMS_SignerInfo_get0_algs(si, nullptr, &cert, nullptr, nullptr);
      if (cert) check.signer = subject_of(cert);
      const auto* md = static_cast<const ASN1_OCTET_STRING*>(
          CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
      check.digest_matches = md && ASN1_STRING_length(md) == 32 &&
                             std::equal(digest.begin(), digest.end(), ASN1_STRING_get0_data(md));
    }
    // CMS_verify copies a memory BIO's bytes into a BIO of its own and, in
    // OpenSSL 3.0, leaks that copy when the CMS holds no content it can read;
    // behind a buffering filter the bytes are read where they are.
    BioPtr content(BIO_push(BIO_new(BIO_f_buffer()),
                            BIO_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size()))));
    check.signature_valid =
        CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
    ERR_clear_error();
    if (!check.digest_matches && check.problem.empty()) check.problem = "the signed bytes do not hash to the signed digest";
    if (!check.signature_valid && check.problem.empty()) check.problem = "the CMS signature does not verify";
    out.push_back(check);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.revision_end < b.revision_end; });
  return out;
}

}  // namespace

std::vector<SignatureCheck> verify_signatures(const LoadedPdf& pdf) {
  return reading([&] { return check_signatures(pdf); });
}

}  // namespace shiryo::pdf
