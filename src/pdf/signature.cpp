#include "pdf/signature.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cmath>
#include <charconv>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "model/date.h"
#include "pdf/digest.h"
#include "pdf/dss.h"
#include "pdf/objects.h"
#include "pdf/openssl_util.h"
#include "pdf/signature_changes.h"
#include "pdf/signature_update.h"
#include "pdf/stamp.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;

struct Pkcs12Free {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct EkuFree {
  void operator()(EXTENDED_KEY_USAGE* p) const { EXTENDED_KEY_USAGE_free(p); }
};
// Signature fields of the AcroForm, depth first through /Kids. The walk is
// iterative: a file from outside may nest fields without end or in a cycle.
std::vector<const PdfObject*> signature_fields(const PdfMemDocument& document) {
  const PdfVecObjects& objects = document.GetObjects();
  std::vector<const PdfObject*> out;
  const PdfObject* form = dict_key(objects, const_cast<PdfMemDocument&>(document).GetCatalog(), "AcroForm");
  const PdfObject* fields = dict_key(objects, form, "Fields");
  if (!fields || !fields->IsArray()) return out;
  std::set<const PdfObject*> seen;
  std::vector<std::pair<const PdfObject*, std::size_t>> pending;  // field, depth; top is next
  const auto push_children = [&](const PdfArray& kids, std::size_t depth) {
    for (auto k = kids.rbegin(); k != kids.rend(); ++k) pending.emplace_back(resolve(objects, &*k), depth);
  };
  push_children(fields->GetArray(), 1);
  while (!pending.empty()) {
    const auto [f, depth] = pending.back();
    pending.pop_back();
    if (!f || !f->IsDictionary() || !seen.insert(f).second) continue;
    if (depth > kMaxFieldDepth) {
      throw DamagedPdf("damaged PDF (form fields nested deeper than " + std::to_string(kMaxFieldDepth) + ")");
    }
    const PdfObject* ft = dict_key(objects, f, "FT");
    if (ft && ft->IsName() && ft->GetName() == PdfName("Sig")) out.push_back(f);
    if (const PdfObject* kids = dict_key(objects, f, "Kids"); kids && kids->IsArray()) {
      push_children(kids->GetArray(), depth + 1);
    }
  }
  return out;
}

// The ByteRange placeholder: room for four ten-digit numbers, so that the
// real values fit without moving a byte.
constexpr std::size_t kByteRangeWidth = 4 * 11 + 1;

// Room for a signature time-stamp token in /Contents, in bytes.
constexpr std::size_t kTimestampReserve = 16384;

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

std::string cades_signature(const Signer& signer, const std::array<unsigned char, 32>& digest,
                            const TimestampAuthority* tsa) {
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
  if (tsa) {
    // ETSI EN 319 122-1 §5.3: the time-stamp is over the signature value.
    const std::string token =
        request_timestamp(*tsa, std::string_view(reinterpret_cast<const char*>(value.data()), length));
    if (!CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                       static_cast<int>(token.size()))) {
      throw std::runtime_error("CMS unsigned attributes: " + openssl_reason());
    }
  }
  unsigned char* der = nullptr;
  const int n = i2d_CMS_ContentInfo(cms.get(), &der);
  if (n <= 0) throw std::runtime_error("i2d_CMS_ContentInfo: " + openssl_reason());
  std::unique_ptr<unsigned char, OpensslFree> owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
}

namespace {

// What a new signature field's value holds: its dictionary's entries before
// and after /ByteRange and /Contents, the room for /Contents in bytes, and
// the DER that fills it, made from the bytes the ranges cover.
struct FieldValue {
  std::string field_prefix;  // "Signature" → Signature1, Signature2, …
  std::string head;          // "/Type/Sig/Filter/…/SubFilter/…"
  std::string tail;          // "/M(…)/Reason(…)"
  std::string id_seed;       // varies the trailer's second /ID
  std::size_t reserved = 0;
  std::function<std::string(const std::string& signed_bytes)> contents;
};

// `pdf` with a signature field holding `value` appended as an incremental
// update (see sign_pdf).
std::string append_signature_field(const LoadedPdf& pdf, const FieldValue& value, const VisibleSignature* visible) {
  PdfMemDocument& document = *pdf.document;
  const PdfVecObjects& objects = document.GetObjects();
  long long size = first_free_object(pdf);
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
  const std::string field_name = value.field_prefix + std::to_string(existing.size() + 1);

  UpdateBody body;
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
                                                      serialized(PdfObject(catalog))};
  body[page_object->Reference().ObjectNumber()] = {page_object->Reference().GenerationNumber(),
                                                   serialized(PdfObject(page))};
  body[form_ref->ObjectNumber()] = {form_ref->GenerationNumber(), serialized(PdfObject(form))};
  body[field_ref.ObjectNumber()] = {0, serialized(PdfObject(field))};

  // The signature dictionary by hand: /ByteRange and /Contents are patched
  // in place once the offsets are known.
  const std::size_t reserved = value.reserved;
  const std::string sig = "<<" + value.head + "/ByteRange[" + std::string(kByteRangeWidth, ' ') + "]/Contents<" +
                          std::string(2 * reserved, '0') + ">" + value.tail + ">>";
  body[sig_ref.ObjectNumber()] = {0, sig};

  std::map<pdf_objnum, std::size_t> offsets;
  std::string out = append_update(pdf, body, size, value.id_seed + field_name, &offsets);
  const std::size_t sig_at = offsets.at(sig_ref.ObjectNumber());
  const std::size_t range_at = out.find("/ByteRange[", sig_at) + 11;
  const std::size_t contents_at = out.find("/Contents<", sig_at) + 9;  // the '<'
  const std::size_t contents_end = contents_at + 2 * reserved + 2;     // after the '>'
  char ranges[kByteRangeWidth + 1];
  std::snprintf(ranges, sizeof ranges, "0 %zu %zu %zu", contents_at, contents_end, out.size() - contents_end);
  const std::string range_text = ranges;
  out.replace(range_at, range_text.size(), range_text);

  const std::string signed_bytes = out.substr(0, contents_at) + out.substr(contents_end);
  const std::string cms = value.contents(signed_bytes);
  if (cms.size() > reserved) {
    throw std::runtime_error("the signature with its time-stamp is " + std::to_string(cms.size()) +
                             " bytes, more than the " + std::to_string(reserved) + " reserved for it");
  }
  const std::string cms_hex = hex_upper(reinterpret_cast<const unsigned char*>(cms.data()), cms.size());
  out.replace(contents_at + 1, cms_hex.size(), cms_hex);
  return out;
}

}  // namespace

std::string sign_pdf(const LoadedPdf& pdf, const Signer& signer, const SignatureFields& fields,
                     const VisibleSignature* visible, const TimestampAuthority* tsa) {
  auto text = [](const std::string& s) {
    return serialized(PdfObject(PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()))));
  };
  FieldValue value;
  value.field_prefix = "Signature";
  value.head = "/Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached";
  value.tail = "/M" + serialized(PdfObject(PdfString(fields.time)));
  if (!fields.name.empty()) value.tail += "/Name" + text(fields.name);
  if (!fields.reason.empty()) value.tail += "/Reason" + text(fields.reason);
  if (!fields.location.empty()) value.tail += "/Location" + text(fields.location);
  value.id_seed = fields.time;
  // The DER length varies by a few bytes between runs; a token with its
  // authority's chain takes a few kilobytes.
  value.reserved = cades_signature(signer, {}).size() + 1024 + (tsa ? kTimestampReserve : 0);
  value.contents = [&](const std::string& signed_bytes) { return cades_signature(signer, sha256(signed_bytes), tsa); };
  return append_signature_field(pdf, value, visible);
}

std::string timestamp_pdf(const LoadedPdf& pdf, const TimestampAuthority& tsa) {
  FieldValue value;
  value.field_prefix = "DocTimeStamp";
  value.head = "/Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161";
  value.reserved = kTimestampReserve;
  value.contents = [&](const std::string& signed_bytes) { return request_timestamp(tsa, signed_bytes); };
  return append_signature_field(pdf, value, nullptr);
}

namespace {

// Numbers read from the file: /ByteRange [a b c d] is 0, the gap's start,
// the gap's end and the length after it. Each is compared with the file's
// size before any arithmetic, so that no sum can overflow.
std::optional<std::array<std::size_t, 4>> byte_range(const PdfVecObjects& objects, const PdfObject* v,
                                                     std::size_t file_size) {
  const PdfObject* range = dict_key(objects, v, "ByteRange");
  if (!range || !range->IsArray() || range->GetArray().size() != 4) return std::nullopt;
  std::array<std::size_t, 4> b{};
  for (std::size_t i = 0; i < 4; ++i) {
    const PdfObject& n = range->GetArray()[i];
    if (!n.IsNumber() || n.GetNumber() < 0 || static_cast<unsigned long long>(n.GetNumber()) > file_size) {
      return std::nullopt;
    }
    b[i] = static_cast<std::size_t>(n.GetNumber());
  }
  // b[1] < b[2] <= file_size, so b[1] + 2 cannot overflow; b[3] is compared
  // with what is left after b[2].
  if (b[0] != 0 || b[1] == 0 || b[1] + 2 > b[2] || b[3] > file_size - b[2]) return std::nullopt;
  return b;
}

// A PDF date (D:YYYYMMDDHHmmSS+HH'mm', later parts optional) as a time.
std::optional<std::time_t> pdf_time(const std::string& text) {
  std::string s = text.rfind("D:", 0) == 0 ? text.substr(2) : text;
  auto digits = [&](std::size_t at, std::size_t n, int fallback) -> std::optional<int> {
    if (s.size() < at + n) return s.size() <= at ? std::optional<int>(fallback) : std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const auto year = digits(0, 4, -1), month = digits(4, 2, 1), day = digits(6, 2, 1), hour = digits(8, 2, 0),
             minute = digits(10, 2, 0), second = digits(12, 2, 0);
  if (!year || *year < 0 || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12 ||
      *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  long long offset = 0;  // seconds east of UTC
  if (s.size() > 14 && (s[14] == '+' || s[14] == '-')) {
    const auto oh = digits(15, 2, 0);
    const auto om = s.size() > 18 ? digits(18, 2, 0) : std::optional<int>(0);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    offset = (s[14] == '+' ? 1 : -1) * (*oh * 3600LL + *om * 60LL);
  }
  const long long days = model::days_from_civil(model::CivilDate{*year, *month, *day});
  return static_cast<std::time_t>(days * 86400 + *hour * 3600LL + *minute * 60LL + *second - offset);
}

// Where the certificate limits its extended key usage, whether signing
// documents is among the purposes.
bool extended_key_usage_allows_signing(const X509* certificate) {
  std::unique_ptr<EXTENDED_KEY_USAGE, EkuFree> eku(static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(certificate, NID_ext_key_usage, nullptr, nullptr)));
  if (!eku) return true;
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
    const ASN1_OBJECT* purpose = sk_ASN1_OBJECT_value(eku.get(), i);
    const int nid = OBJ_obj2nid(purpose);
    if (nid == NID_anyExtendedKeyUsage || nid == NID_email_protect) return true;
    char oid[80];
    OBJ_obj2txt(oid, sizeof oid, purpose, 1);
    // id-kp-documentSigning (RFC 9336), Adobe's and Microsoft's document signing.
    for (const char* signing : {"1.3.6.1.5.5.7.3.36", "1.2.840.113583.1.1.5", "1.3.6.1.4.1.311.10.3.12"}) {
      if (std::string(oid) == signing) return true;
    }
  }
  return false;
}

CertificateCheck check_certificate(X509* signer, STACK_OF(X509) * untrusted, const STACK_OF(X509) * anchors,
                                   std::time_t at, const std::string& moment) {
  using Verdict = CertificateCheck::Verdict;
  if (!signer) return {Verdict::invalid, "the CMS holds no signer's certificate"};
  if (std::string ku = key_usage_problem(signer); !ku.empty()) return {Verdict::invalid, ku};
  if (!extended_key_usage_allows_signing(signer)) {
    return {Verdict::invalid, "extended key usage does not include signing documents"};
  }
  if (X509_cmp_time(X509_get0_notAfter(signer), &at) < 0) {
    return {Verdict::invalid, "expired on " + iso_day(X509_get0_notAfter(signer)) + " before " + moment};
  }
  if (X509_cmp_time(X509_get0_notBefore(signer), &at) > 0) {
    return {Verdict::invalid, "not valid until " + iso_day(X509_get0_notBefore(signer)) + ", after " + moment};
  }
  return check_chain(signer, untrusted, anchors, at, -1, moment);
}

// The signature dictionary as it stands in the revision that ends at
// `end`: the one of its signature fields with the same /ByteRange.
const PdfObject* signed_dictionary(const LoadedPdf& revision, const std::array<std::size_t, 4>& b) {
  const PdfVecObjects& objects = revision.document->GetObjects();
  for (const PdfObject* f : signature_fields(*revision.document)) {
    const PdfObject* v = dict_key(objects, f, "V");
    if (v && v->IsDictionary() && byte_range(objects, v, revision.bytes.size()) == b) return v;
  }
  return nullptr;
}

std::string text_of(const PdfVecObjects& objects, const PdfObject* dict, const char* key) {
  const PdfObject* o = dict_key(objects, dict, key);
  return o && (o->IsString() || o->IsHexString()) ? o->GetString().GetStringUtf8() : "";
}

// The signature's value: the hex string that fills the /ByteRange gap, in
// bytes; nullopt when the gap is no hex string.
std::optional<std::string> gap_value(const std::string& bytes, std::size_t begin, std::size_t end) {
  if (bytes[begin] != '<' || bytes[end - 1] != '>' || (end - begin) % 2 != 0) return std::nullopt;
  std::string der;
  for (std::size_t i = begin + 1; i + 1 < end; i += 2) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(bytes.data() + i, bytes.data() + i + 2, value, 16);
    if (ec != std::errc() || ptr != bytes.data() + i + 2) return std::nullopt;
    der += static_cast<char>(value);
  }
  return der;
}

// The signer's unsigned attribute signature-time-stamp, checked against
// its signature value; nullopt when there is none.
std::optional<TimestampCheck> signature_timestamp(CMS_SignerInfo* si, const STACK_OF(X509) * anchors,
                                                  TimestampSigner& authority) {
  const int at = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
  if (at < 0) return std::nullopt;
  ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, at), 0);
  if (!value || value->type != V_ASN1_SEQUENCE) {
    TimestampCheck unreadable;
    unreadable.problem = "the signature-time-stamp attribute holds no token";
    return unreadable;
  }
  const ASN1_STRING* token = value->value.sequence;
  const ASN1_OCTET_STRING* signature = CMS_SignerInfo_get0_signature(si);
  return check_timestamp(
      std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(token)),
                       static_cast<std::size_t>(ASN1_STRING_length(token))),
      std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(signature)),
                       static_cast<std::size_t>(ASN1_STRING_length(signature))),
      anchors, "of the signature value", &authority);
}

// A document time-stamp (ETSI.RFC3161): its /Contents, without the zeros
// that pad the gap, is a token over the byte ranges.
void check_document_timestamp(SignatureCheck& check, const std::string& contents, const std::string& signed_bytes,
                              const STACK_OF(X509) * anchors, TimestampSigner& authority) {
  const auto* p = reinterpret_cast<const unsigned char*>(contents.data());
  long length = 0;
  int tag = 0, xclass = 0;
  const bool readable = (ASN1_get_object(&p, &length, &tag, &xclass, static_cast<long>(contents.size())) & 0x80) == 0;
  ERR_clear_error();
  const std::size_t header = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(contents.data()));
  const std::string token = readable ? contents.substr(0, header + static_cast<std::size_t>(length)) : contents;
  check.timestamp = check_timestamp(token, signed_bytes, anchors, "of the byte ranges", &authority);
  const TimestampCheck& t = *check.timestamp;
  check.signer = t.authority;
  check.expires = t.authority_expires;
  check.time = t.time;
  check.digest = t.imprint_matches ? SignatureCheck::Digest::matches
                 : t.signature_holds ? SignatureCheck::Digest::differs
                                     : SignatureCheck::Digest::not_checked;
  check.signature_valid = t.signature_holds;
  check.certificate = t.certificate;
}

// What judging a signature's certificates at another time needs.
struct Evidence {
  X509Ptr signer;              // none for a document time-stamp
  X509StackPtr certificates;   // those of the signature's CMS
  TimestampSigner authority;   // of the signature time-stamp or the document time-stamp
};

// The integrity of one signature or document time-stamp; its certificates
// are judged once every time-stamp of the file is known (judge()).
SignatureCheck check_signature(const LoadedPdf& pdf, const PdfObject* f, const PdfObject* v,
                               const STACK_OF(X509) * anchors, Evidence& evidence) {
  const PdfVecObjects& objects = pdf.document->GetObjects();
  const std::string& bytes = pdf.bytes;
  SignatureCheck check;
  check.field = text_of(objects, f, "T");
  if (const PdfObject* s = dict_key(objects, v, "SubFilter"); s && s->IsName()) check.sub_filter = s->GetName().GetName();
  const auto b = byte_range(objects, v, bytes.size());
  // A signature value whose ranges do not hold it, in a file of one
  // revision: a "save as" rewrote every offset. (A signed file has at least
  // the revision before the signature and the signature's own.)
  const PdfObject* value = dict_key(objects, v, "Contents");
  const bool rewritten = value && (value->IsString() || value->IsHexString()) && value->GetString().GetLength() > 0 &&
                         !pdf.document->GetTrailer()->GetDictionary().HasKey(PdfName("Prev"));
  const std::string rewritten_problem = "the file was rewritten after signing; the signed revision cannot be recovered from it";
  if (!b) {
    check.problem = rewritten ? rewritten_problem : "its /ByteRange is malformed or reaches beyond the file; it covers nothing";
    return check;
  }
  check.ranges_valid = true;
  const std::size_t gap_begin = (*b)[1], gap_end = (*b)[2];
  check.revision_end = gap_end + (*b)[3];
  std::size_t end = check.revision_end;
  while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) --end;
  const bool ends_revision = end >= 5 && bytes.compare(end - 5, 5, "%%EOF") == 0;
  const auto der = gap_value(bytes, gap_begin, gap_end);
  check.covers_revision = der && ends_revision;
  const auto fail = [&check](const std::string& problem) {
    if (check.problem.empty()) check.problem = problem;
  };
  if (rewritten && !check.covers_revision) {
    // The ranges name bytes of another layout: they cover nothing, and no
    // value of the dictionary is known to be the signer's.
    check.problem = rewritten_problem;
    check.ranges_valid = false;
    check.revision_end = 0;
    check.covers_revision = false;
    return check;
  }
  if (!ends_revision) fail("its byte ranges do not cover the file up to a revision's end");

  // /M, /Reason, /Name, /Location from the signed bytes: a later update may
  // redefine the dictionary, and its words are not the signer's.
  const PdfObject* values = v;
  std::optional<LoadedPdf> revision;
  if (ends_revision) {
    std::string error;
    revision = load_pdf(bytes.substr(0, check.revision_end), error);
    const PdfObject* original = revision ? signed_dictionary(*revision, *b) : nullptr;
    check.revision_has_dss =
        revision && dict_key(revision->document->GetObjects(), revision->document->GetCatalog(), "DSS") != nullptr;
    if (!original) {
      fail("the signed revision holds no signature dictionary with this /ByteRange");
    } else {
      values = original;
      if (serialized(*original) != serialized(*v)) {
        fail("object " + std::to_string(v->Reference().ObjectNumber()) +
             " (the signature dictionary) redefined after signing");
      }
      if (check.revision_end < bytes.size()) {
        auto later = changes_after_signing(*revision->document, *pdf.document);
        check.later_changes = std::move(later.changes);
        check.later_additions = std::move(later.additions);
      }
    }
  }
  const PdfVecObjects& value_objects = values == v ? objects : revision->document->GetObjects();
  check.time = text_of(value_objects, values, "M");
  check.reason = text_of(value_objects, values, "Reason");
  check.name = text_of(value_objects, values, "Name");
  check.location = text_of(value_objects, values, "Location");

  const PdfObject* filter = dict_key(objects, v, "Filter");
  if (!filter || !filter->IsName()) {
    fail("its /Filter is missing; unsupported");
  } else if (filter->GetName().GetName() != "Adobe.PPKLite" && filter->GetName().GetName() != "Adobe.PPKMS") {
    fail("its /Filter " + filter->GetName().GetName() + " is not supported (shiryo reads Adobe.PPKLite)");
  }
  check.document_timestamp = check.sub_filter == "ETSI.RFC3161";
  if (check.sub_filter != "ETSI.CAdES.detached" && check.sub_filter != "adbe.pkcs7.detached" &&
      !check.document_timestamp) {
    fail((check.sub_filter.empty() ? std::string("its /SubFilter is missing") : "its /SubFilter " + check.sub_filter) +
         "; unsupported (shiryo reads ETSI.CAdES.detached, adbe.pkcs7.detached and ETSI.RFC3161)");
  }
  const PdfObject* contents = dict_key(objects, v, "Contents");
  const bool has_value = der && contents && (contents->IsString() || contents->IsHexString()) &&
                         contents->GetString().GetLength() > 0 &&
                         std::any_of(der->begin(), der->end(), [](char c) { return c != 0; });
  if (!has_value) {
    fail("no signature value at the /ByteRange gap");
    return check;
  }
  if (check.document_timestamp) {
    check_document_timestamp(check, *der, bytes.substr(0, gap_begin) + bytes.substr(gap_end, (*b)[3]), anchors,
                             evidence.authority);
    if (!check.timestamp->valid) fail("the document time-stamp fails: " + check.timestamp->problem);
    return check;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der->data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der->size())));
  ERR_clear_error();
  if (!cms) {
    fail("its /Contents is not a CMS signature");
    return check;
  }
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  CMS_SignerInfo* si = infos && sk_CMS_SignerInfo_num(infos) == 1 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
  if (!si) {
    fail("its CMS does not hold exactly one signer");
    return check;
  }
  const std::string signed_bytes = bytes.substr(0, gap_begin) + bytes.substr(gap_end, (*b)[3]);
  CMS_set1_signers_certs(cms.get(), nullptr, 0);
  ERR_clear_error();
  X509* cert = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, &cert, nullptr, nullptr);
  if (cert) {
    check.signer = subject_of(cert);
    check.expires = time_of(X509_get0_notAfter(cert));
  }
  if (CMS_signed_get_attr_count(si) <= 0) {
    fail("its CMS has no signed attributes (PAdES requires them)");
    return check;
  }
  const auto* md = static_cast<const ASN1_OCTET_STRING*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  if (!md) {
    fail("its CMS has no message-digest attribute");
    return check;
  }
  const auto digest = sha256(signed_bytes);
  check.digest = ASN1_STRING_length(md) == 32 && std::equal(digest.begin(), digest.end(), ASN1_STRING_get0_data(md))
                     ? SignatureCheck::Digest::matches
                     : SignatureCheck::Digest::differs;
  // CMS_verify copies a memory BIO's bytes into a BIO of its own and, in
  // OpenSSL 3.0, leaks that copy when the CMS holds no content it can read;
  // behind a buffering filter the bytes are read where they are.
  BioPtr content(BIO_push(BIO_new(BIO_f_buffer()),
                          BIO_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size()))));
  check.signature_valid =
      CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
  ERR_clear_error();
  if (check.digest == SignatureCheck::Digest::differs) fail("the signed bytes do not hash to the signed digest");
  if (!check.signature_valid) fail("the CMS signature does not verify");
  check.timestamp = signature_timestamp(si, anchors, evidence.authority);
  if (check.timestamp && !check.timestamp->valid) fail("its signature time-stamp fails: " + check.timestamp->problem);
  if (cert) {
    X509_up_ref(cert);
    evidence.signer.reset(cert);
  }
  evidence.certificates.reset(CMS_get1_certs(cms.get()));
  if (!evidence.certificates) evidence.certificates.reset(sk_X509_new_null());
  return check;
}

// `own` and the certificates of the DSS, for building chains.
X509StackPtr with_dss(const STACK_OF(X509) * own, const DssContents& dss) {
  X509StackPtr out(sk_X509_new_null());
  for (const STACK_OF(X509)* from : {own, static_cast<const STACK_OF(X509)*>(dss.certificates.get())}) {
    for (int i = 0; from && i < sk_X509_num(from); ++i) {
      X509* c = sk_X509_value(from, i);
      X509_up_ref(c);
      sk_X509_push(out.get(), c);
    }
  }
  return out;
}

// `first`, unless the same chain judged by `then` is invalid.
CertificateCheck both(CertificateCheck first, const std::function<CertificateCheck()>& then) {
  if (first.verdict == CertificateCheck::Verdict::invalid) return first;
  CertificateCheck second = then();
  return second.verdict == CertificateCheck::Verdict::invalid ? second : first;
}

// The trusted chain of `certificate` against the DSS as it stood at `at`,
// revocations dated by `revoked_by` counting (check_revocation); a revoked
// certificate makes the chain invalid.
RevocationCheck revocation_at(CertificateCheck& chain, X509* certificate, STACK_OF(X509) * untrusted,
                              const STACK_OF(X509) * anchors, const DssContents& dss, std::time_t at,
                              std::time_t revoked_by, const std::string& moment) {
  if (!dss.present) return {RevocationCheck::Status::not_checked, "no validation data (/DSS) in the file"};
  if (chain.verdict != CertificateCheck::Verdict::trusted) {
    return {RevocationCheck::Status::not_checked, "the chain is not trusted"};
  }
  RevocationCheck out =
      check_revocation(certificate, untrusted, anchors, {dss.crls.get(), &dss.ocsp_responses}, at, revoked_by, moment);
  if (out.status == RevocationCheck::Status::revoked) chain = {CertificateCheck::Verdict::invalid, out.detail};
  return out;
}

// The certificates of each check judged at the time that matters (ETSI EN
// 319 102-1 §5.6.2): a signer at its signature time-stamp's time, else at
// the earliest document time-stamp over its revision, else at /M as claimed
// and at `now`; an authority from its time-stamp's time until a later
// document time-stamp covers it, else until `now`. `checks` are in order of
// revision, each with its evidence.
void judge(std::vector<std::pair<SignatureCheck, Evidence>>& checks, const STACK_OF(X509) * anchors,
           const DssContents& dss, std::time_t now) {
  using Verdict = CertificateCheck::Verdict;
  // Later time-stamps first: an earlier one relies on them.
  for (std::size_t i = checks.size(); i-- > 0;) {
    SignatureCheck& check = checks[i].first;
    Evidence& evidence = checks[i].second;
    const auto fail = [&check](const std::string& problem) {
      if (check.problem.empty()) check.problem = problem;
    };
    std::optional<std::time_t> proof;
    for (std::size_t j = i + 1; j < checks.size() && check.covers_revision; ++j) {
      const SignatureCheck& later = checks[j].first;
      if (later.document_timestamp && later.ok() && later.revision_end > check.revision_end) {
        proof = std::min(proof.value_or(later.timestamp->at), later.timestamp->at);
      }
    }
    const std::time_t until = proof.value_or(now);
    const std::string until_moment = proof ? "the document time-stamp's time" : "the validation time";
    if (check.timestamp && check.timestamp->valid && evidence.authority.certificate) {
      TimestampCheck& t = *check.timestamp;
      X509* tsa = evidence.authority.certificate.get();
      X509StackPtr untrusted = with_dss(evidence.authority.certificates.get(), dss);
      t.certificate = both(t.certificate, [&] {
        return check_chain(tsa, untrusted.get(), anchors, until, X509_PURPOSE_TIMESTAMP_SIGN, until_moment);
      });
      // No revocation before `until`: a revoked key could stamp any time.
      // The status must be shown as it stood when a later document
      // time-stamp covered this one (data of that round, not of this
      // one's), else when it stamped.
      t.revocation = revocation_at(t.certificate, tsa, untrusted.get(), anchors, dss, proof.value_or(t.at), until,
                                   until_moment);
    }
    if (check.timestamp && check.timestamp->valid && check.timestamp->certificate.verdict == Verdict::invalid) {
      fail("its time-stamping authority's certificate is INVALID (" + check.timestamp->certificate.detail + ")");
    }
    if (check.document_timestamp) {
      if (check.timestamp) {
        check.certificate = check.timestamp->certificate;
        check.revocation = check.timestamp->revocation;
      }
      continue;
    }
    X509* signer = evidence.signer.get();
    if (!signer) {
      // A CMS read to its end without a signer's certificate; else the check stopped earlier.
      if (evidence.certificates) check.certificate = {Verdict::invalid, "the CMS holds no signer's certificate"};
      continue;
    }
    X509StackPtr untrusted = with_dss(evidence.certificates.get(), dss);
    // A time-stamp proves the signature existed then; /M is only claimed.
    std::time_t at = now;
    std::string moment = "the validation time, and no time-stamp proves the signature older";
    if (check.timestamp && check.timestamp->valid && check.timestamp->certificate.verdict != Verdict::invalid) {
      at = check.timestamp->at;
      moment = "the time-stamp's time";
      check.certificate = check_certificate(signer, untrusted.get(), anchors, at, moment);
    } else if (proof) {
      at = *proof;
      moment = "the document time-stamp's time";
      check.certificate = check_certificate(signer, untrusted.get(), anchors, at, moment);
    } else {
      check.certificate = both(
          check_certificate(signer, untrusted.get(), anchors, pdf_time(check.time).value_or(now), "the signing time"),
          [&] { return check_certificate(signer, untrusted.get(), anchors, now, moment); });
    }
    check.revocation = revocation_at(check.certificate, signer, untrusted.get(), anchors, dss, at, at, moment);
    if (check.revocation.status == RevocationCheck::Status::revoked) fail(check.revocation.detail);
  }
}

std::vector<SignatureCheck> check_signatures(const LoadedPdf& pdf, const STACK_OF(X509) * anchors, std::time_t now) {
  const PdfVecObjects& objects = pdf.document->GetObjects();
  std::vector<std::pair<SignatureCheck, Evidence>> checks;
  const DssContents dss = read_dss(pdf);
  for (const PdfObject* f : signature_fields(*pdf.document)) {
    // PoDoFo reads an object when it is first used and refuses, e.g., a
    // signature dictionary whose /Contents is no string: that signature
    // fails; the others are still checked.
    const PdfObject* v = nullptr;
    try {
      v = dict_key(objects, f, "V");
      if (v && v->IsDictionary()) v->GetDictionary();
    } catch (const PdfError& e) {
      SignatureCheck unreadable;
      unreadable.field = text_of(objects, f, "T");
      // Without its dictionary no /Contents is known to fill the gap.
      unreadable.problem = std::string("no signature value at the /ByteRange gap (its signature dictionary cannot be read: ") +
                           PdfError::ErrorName(e.GetError()) + ")";
      checks.emplace_back(std::move(unreadable), Evidence{});
      continue;
    }
    if (!v || !v->IsDictionary()) continue;  // an empty field: not signed yet
    Evidence evidence;
    SignatureCheck check = check_signature(pdf, f, v, anchors, evidence);
    checks.emplace_back(std::move(check), std::move(evidence));
  }
  std::stable_sort(checks.begin(), checks.end(),
                   [](const auto& a, const auto& b) { return a.first.revision_end < b.first.revision_end; });
  judge(checks, anchors, dss, now);
  std::vector<SignatureCheck> out;
  for (auto& c : checks) out.push_back(std::move(c.first));
  return out;
}

}  // namespace

std::optional<X509StackPtr> load_anchors(const std::string& pem, std::string& error) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509StackPtr out(sk_X509_new_null());
  while (X509* cert = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr) {
    sk_X509_push(out.get(), cert);
  }
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  // The loop ends at the end of the text (PEM_R_NO_START_LINE) or at a damaged certificate.
  if ((e != 0 && ERR_GET_REASON(e) != PEM_R_NO_START_LINE) || sk_X509_num(out.get()) == 0) {
    error = sk_X509_num(out.get()) == 0 ? "holds no PEM certificate" : "holds a damaged PEM certificate";
    return std::nullopt;
  }
  return out;
}

std::string key_usage_problem(const X509* certificate) {
  auto* c = const_cast<X509*>(certificate);  // the getters cache the decoded extensions
  if (!(X509_get_extension_flags(c) & EXFLAG_KUSAGE)) return "";
  if (X509_get_key_usage(c) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) return "";
  return "key usage lacks digitalSignature and nonRepudiation";
}

std::vector<std::string> signature_values(const LoadedPdf& pdf) {
  return reading([&] {
    const PdfVecObjects& objects = pdf.document->GetObjects();
    std::vector<std::string> out;
    for (const PdfObject* f : signature_fields(*pdf.document)) {
      const PdfObject* contents = dict_key(objects, dict_key(objects, f, "V"), "Contents");
      if (!contents || !(contents->IsString() || contents->IsHexString())) continue;
      const PdfString& s = contents->GetString();
      if (s.GetLength() > 0) out.emplace_back(s.GetString(), s.GetLength());
    }
    return out;
  });
}

std::vector<SignatureCheck> verify_signatures(const LoadedPdf& pdf, const STACK_OF(X509) * anchors, std::time_t now) {
  return reading([&] { return check_signatures(pdf, anchors, now); });
}

}  // namespace shiryo::pdf
