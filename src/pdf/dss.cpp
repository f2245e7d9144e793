#include "pdf/dss.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <algorithm>

#include "pdf/objects.h"
#include "pdf/openssl_util.h"
#include "pdf/signature_update.h"

namespace shiryo::pdf {

using namespace PoDoFo;

namespace {


// The certificates a signature's or time-stamp's CMS carries, and those of
// each signature time-stamp token in it, as DER; those of time-stamp tokens
// (a document time-stamp's, a signature time-stamp's) also in `tokens`.
void cms_certificates(const std::string& contents, std::vector<std::string>& out,
                      std::vector<std::string>* tokens = nullptr, std::size_t depth = 0) {
  const unsigned char* p = bytes_of(contents);
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(contents.size())));
  ERR_clear_error();
  if (!cms) return;
  const bool token = OBJ_obj2nid(CMS_get0_eContentType(cms.get())) == NID_id_smime_ct_TSTInfo;
  X509StackPtr certs(CMS_get1_certs(cms.get()));
  for (int i = 0; certs && i < sk_X509_num(certs.get()); ++i) {
    out.push_back(der_of(sk_X509_value(certs.get(), i), i2d_X509));
    if (token && tokens) tokens->push_back(out.back());
  }
  // A token holds no token of its own: one level is all there is.
  if (depth > 0 || token) return;
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  for (int i = 0; infos && i < sk_CMS_SignerInfo_num(infos); ++i) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, i);
    const int at = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    if (at < 0) continue;
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, at), 0);
    if (!value || value->type != V_ASN1_SEQUENCE) continue;
    const ASN1_STRING* stamp = value->value.sequence;
    cms_certificates(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(stamp)),
                                 static_cast<std::size_t>(ASN1_STRING_length(stamp))),
                     out, tokens, depth + 1);
  }
}

// `chain` (DER) completed with the anchors that issued its certificates,
// up to the roots.
void add_issuers(std::vector<std::string>& chain, const STACK_OF(X509) * anchors) {
  for (bool added = true; added && anchors;) {
    added = false;
    for (int i = 0; i < sk_X509_num(anchors); ++i) {
      X509* anchor = sk_X509_value(anchors, i);
      const std::string der = der_of(anchor, i2d_X509);
      if (std::find(chain.begin(), chain.end(), der) != chain.end()) continue;
      const bool issues = std::any_of(chain.begin(), chain.end(), [&](const std::string& c) {
        const X509Ptr cert = certificate_of(c);
        return cert && X509_check_issued(anchor, cert.get()) == X509_V_OK;
      });
      if (issues) {
        chain.push_back(der);
        added = true;
      }
    }
  }
  ERR_clear_error();
}

// Whether the CRL was issued by one of `chain`'s certificates.
bool crl_concerns(const std::string& crl_der, const std::vector<std::string>& chain) {
  const CrlPtr crl = crl_of(crl_der);
  if (!crl) return false;
  return std::any_of(chain.begin(), chain.end(), [&](const std::string& c) {
    const X509Ptr cert = certificate_of(c);
    return cert && X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(cert.get())) == 0;
  });
}

// Whether the OCSP response answers for one of `chain`'s certificates.
bool ocsp_concerns(const std::string& response_der, const std::vector<std::string>& chain) {
  const unsigned char* p = bytes_of(response_der);
  std::unique_ptr<OCSP_RESPONSE, OcspResponseFree> response(
      d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(response_der.size())));
  if (!response) return false;
  std::unique_ptr<OCSP_BASICRESP, OcspBasicFree> basic(OCSP_response_get1_basic(response.get()));
  if (!basic) return false;
  for (int i = 0; i < OCSP_resp_count(basic.get()); ++i) {
    const OCSP_CERTID* id = OCSP_SINGLERESP_get0_id(OCSP_resp_get0(basic.get(), i));
    ASN1_INTEGER* serial = nullptr;
    if (!id || !OCSP_id_get0_info(nullptr, nullptr, nullptr, &serial, const_cast<OCSP_CERTID*>(id)) || !serial) continue;
    for (const auto& c : chain) {
      const X509Ptr cert = certificate_of(c);
      if (cert && ASN1_INTEGER_cmp(serial, X509_get0_serialNumber(cert.get())) == 0) return true;
    }
  }
  return false;
}

// The decoded bytes of each stream an array of the DSS names, with the
// references as they stand.
std::vector<std::pair<PdfReference, std::string>> dss_streams(const PdfVecObjects& objects, const PdfObject* dss,
                                                              const char* key) {
  std::vector<std::pair<PdfReference, std::string>> out;
  const PdfObject* array = dict_key(objects, dss, key);
  if (!array || !array->IsArray()) return out;
  if (array->GetArray().size() > kMaxDssEntries) {
    throw DamagedPdf("damaged PDF (/DSS /" + std::string(key) + " holds more than " +
                     std::to_string(kMaxDssEntries) + " entries)");
  }
  for (const PdfObject& entry : array->GetArray()) {
    const PdfObject* stream = resolve(objects, &entry);
    if (!entry.IsReference() || !stream || !stream->HasStream()) continue;
    const std::string bytes = reading([&] { return stream_bytes(*stream->GetStream(), true); });
    out.emplace_back(entry.GetReference(), bytes);
  }
  return out;
}

// "[1 0 R 2 0 R]" for the references of `wanted` among `all`.
std::string reference_array(const std::vector<std::pair<PdfReference, std::string>>& all,
                            const std::vector<std::string>& wanted) {
  std::string out = "[";
  for (const auto& [ref, bytes] : all) {
    if (std::find(wanted.begin(), wanted.end(), bytes) != wanted.end()) out += (out.size() > 1 ? " " : "") + indirect(ref);
  }
  return out + "]";
}

}  // namespace

std::optional<std::string> read_crl(const std::string& bytes, std::string& error) {
  CrlPtr crl = crl_of(bytes);
  if (!crl) {
    BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
    crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
  }
  ERR_clear_error();
  if (!crl) {
    error = "not a CRL (DER or PEM)";
    return std::nullopt;
  }
  return der_of(crl.get(), i2d_X509_CRL);
}

std::optional<std::string> read_ocsp_response(const std::string& bytes, std::string& error) {
  const unsigned char* p = bytes_of(bytes);
  std::unique_ptr<OCSP_RESPONSE, OcspResponseFree> response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(bytes.size())));
  ERR_clear_error();
  if (!response) {
    error = "not an OCSP response (DER)";
    return std::nullopt;
  }
  const int status = OCSP_response_status(response.get());
  if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    error = std::string("an OCSP response with status ") + OCSP_response_status_str(status) + ", not successful";
    return std::nullopt;
  }
  return der_of(response.get(), i2d_OCSP_RESPONSE);
}

std::string vri_key(const std::string& contents) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(bytes_of(contents), contents.size(), digest);
  return hex_upper(digest, sizeof digest);
}

std::vector<std::string> chain_certificates(const LoadedPdf& pdf, const STACK_OF(X509) * anchors,
                                            std::vector<std::string>* authorities) {
  const auto values = reading([&] { return signature_values(pdf); });
  std::vector<std::string> out;
  const auto add_new = [](std::vector<std::string>& to, std::vector<std::string>& from) {
    for (auto& c : from) {
      if (std::find(to.begin(), to.end(), c) == to.end()) to.push_back(std::move(c));
    }
  };
  for (const auto& contents : values) {
    std::vector<std::string> chain, tokens;
    cms_certificates(contents, chain, &tokens);
    add_issuers(chain, anchors);
    add_new(out, chain);
    if (authorities && !tokens.empty()) {
      add_issuers(tokens, anchors);
      add_new(*authorities, tokens);
    }
  }
  return out;
}

std::string add_validation_data(const LoadedPdf& pdf, const ValidationData& data) {
  return reading([&] {
    PdfMemDocument& document = *pdf.document;
    const PdfVecObjects& objects = document.GetObjects();
    const auto values = signature_values(pdf);
    if (values.empty()) throw std::runtime_error("the PDF has no signature to add validation data for");
    PdfObject* catalog_object = document.GetCatalog();
    const PdfObject* old_dss = dict_key(objects, catalog_object, "DSS");
    auto certs = dss_streams(objects, old_dss, "Certs");
    auto crls = dss_streams(objects, old_dss, "CRLs");
    auto ocsps = dss_streams(objects, old_dss, "OCSPs");

    long long size = first_free_object(pdf);
    UpdateBody body;
    const auto add_stream = [&](std::vector<std::pair<PdfReference, std::string>>& list, const std::string& bytes) {
      if (std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.second == bytes; })) return;
      const PdfReference ref(static_cast<pdf_objnum>(size++), 0);
      body[ref.ObjectNumber()] = {0, "<</Length " + std::to_string(bytes.size()) + ">>stream\n" + bytes + "\nendstream"};
      list.emplace_back(ref, bytes);
    };
    for (const auto& crl : data.crls) add_stream(crls, crl);
    for (const auto& ocsp : data.ocsp_responses) add_stream(ocsps, ocsp);

    // The /VRI entries the file has stay; each signature gets its own.
    std::map<std::string, std::string> vri;
    if (const PdfObject* old_vri = dict_key(objects, old_dss, "VRI"); old_vri && old_vri->IsDictionary()) {
      for (const auto& [key, value] : old_vri->GetDictionary().GetKeys()) vri[key.GetName()] = serialized(*value);
    }
    for (const auto& contents : values) {
      std::vector<std::string> chain;
      cms_certificates(contents, chain);
      add_issuers(chain, data.anchors);
      for (const auto& c : chain) add_stream(certs, c);
      std::vector<std::string> own_crls, own_ocsps;
      for (const auto& [ref, bytes] : crls) {
        if (crl_concerns(bytes, chain)) own_crls.push_back(bytes);
      }
      for (const auto& [ref, bytes] : ocsps) {
        if (ocsp_concerns(bytes, chain)) own_ocsps.push_back(bytes);
      }
      vri[vri_key(contents)] = "<</Cert" + reference_array(certs, chain) + "/CRL" + reference_array(crls, own_crls) +
                               "/OCSP" + reference_array(ocsps, own_ocsps) + ">>";
    }
    ERR_clear_error();

    std::string vri_text = "<<";
    for (const auto& [key, value] : vri) vri_text += "/" + key + value;
    vri_text += ">>";
    const auto all = [](const std::vector<std::pair<PdfReference, std::string>>& list) {
      std::string out = "[";
      for (const auto& e : list) out += (out.size() > 1 ? " " : "") + indirect(e.first);
      return out + "]";
    };
    const PdfReference dss_ref(static_cast<pdf_objnum>(size++), 0);
    body[dss_ref.ObjectNumber()] = {0, "<</Type/DSS/Certs" + all(certs) + "/CRLs" + all(crls) + "/OCSPs" + all(ocsps) +
                                           "/VRI" + vri_text + ">>"};
    PdfDictionary catalog = catalog_object->GetDictionary();
    catalog.AddKey("DSS", dss_ref);
    body[catalog_object->Reference().ObjectNumber()] = {catalog_object->Reference().GenerationNumber(),
                                                        serialized(PdfObject(catalog))};
    return append_update(pdf, body, size, "DSS" + vri_text);
  });
}

bool adds_to_dss(const LoadedPdf& pdf, const ValidationData& data) {
  return reading([&] {
    const PdfVecObjects& objects = pdf.document->GetObjects();
    const PdfObject* dss = dict_key(objects, pdf.document->GetCatalog(), "DSS");
    const auto lacks = [&](const char* key, const std::vector<std::string>& wanted) {
      const auto held = dss_streams(objects, dss, key);
      return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& bytes) {
        return std::none_of(held.begin(), held.end(), [&](const auto& entry) { return entry.second == bytes; });
      });
    };
    return lacks("CRLs", data.crls) || lacks("OCSPs", data.ocsp_responses);
  });
}

DssContents read_dss(const LoadedPdf& pdf) {
  return reading([&] {
    DssContents out;
    const PdfVecObjects& objects = pdf.document->GetObjects();
    const PdfObject* dss = dict_key(objects, pdf.document->GetCatalog(), "DSS");
    if (!dss || !dss->IsDictionary()) return out;
    out.present = true;
    for (const auto& [ref, bytes] : dss_streams(objects, dss, "Certs")) {
      if (X509Ptr cert = certificate_of(bytes)) sk_X509_push(out.certificates.get(), cert.release());
    }
    for (const auto& [ref, bytes] : dss_streams(objects, dss, "CRLs")) {
      if (CrlPtr crl = crl_of(bytes)) sk_X509_CRL_push(out.crls.get(), crl.release());
    }
    for (auto& [ref, bytes] : dss_streams(objects, dss, "OCSPs")) out.ocsp_responses.push_back(std::move(bytes));
    if (const PdfObject* vri = dict_key(objects, dss, "VRI"); vri && vri->IsDictionary()) {
      if (vri->GetDictionary().GetKeys().size() > kMaxDssEntries) throw DamagedPdf("damaged PDF (/DSS /VRI too large)");
      for (const auto& [key, value] : vri->GetDictionary().GetKeys()) out.vri.insert(key.GetName());
    }
    ERR_clear_error();
    return out;
  });
}

}  // namespace shiryo::pdf
