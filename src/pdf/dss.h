// Validation data for PAdES B-LT (ETSI EN 319 142-1 §5.4.2): the catalog's
// /DSS with the certificates of every chain, CRLs and OCSP responses, and a
// /VRI per signature, appended as an incremental update; and the DSS read
// back for verify.
#pragma once

#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pdf/pdf_reader.h"
#include "pdf/signature.h"

namespace shiryo::pdf {

struct CrlStackFree {
  void operator()(STACK_OF(X509_CRL) * p) const { sk_X509_CRL_pop_free(p, X509_CRL_free); }
};
using CrlStackPtr = std::unique_ptr<STACK_OF(X509_CRL), CrlStackFree>;

// A CRL file, DER or PEM, as DER; nullopt with `error` set when it is neither.
std::optional<std::string> read_crl(const std::string& bytes, std::string& error);

// An OCSP response file (DER) as it is; nullopt with `error` set when it is
// no OCSP response or its status is not "successful".
std::optional<std::string> read_ocsp_response(const std::string& bytes, std::string& error);

struct ValidationData {
  std::vector<std::string> crls;            // DER
  std::vector<std::string> ocsp_responses;  // DER
  const STACK_OF(X509) * anchors = nullptr; // the roots of the chains, where the CMS lacks them
};

// The key of a signature's /VRI entry: the upper-case hex SHA-1 of its
// /Contents bytes.
std::string vri_key(const std::string& contents);

// The certificates (DER, each once) of every signature's and document
// time-stamp's chain, as add_validation_data puts them in the DSS; with
// `authorities`, those of the time-stamp tokens' chains (document
// time-stamps and signature time-stamps) there too.
std::vector<std::string> chain_certificates(const LoadedPdf& pdf, const STACK_OF(X509) * anchors,
                                            std::vector<std::string>* authorities = nullptr);

// `pdf` with a new /DSS in an incremental update: what the file's DSS held,
// and for every signature and document time-stamp the certificates of its
// chain (signer or authority, intermediates, the root from `data.anchors`;
// a signature time-stamp's authority chain too), `data`'s CRLs and OCSP
// responses, and a /VRI entry naming those that concern it. Throws
// std::runtime_error where the file is damaged, or has no signature.
std::string add_validation_data(const LoadedPdf& pdf, const ValidationData& data);

// Whether `data` holds a CRL or an OCSP response that the file's DSS lacks.
bool adds_to_dss(const LoadedPdf& pdf, const ValidationData& data);

// The DSS as the file holds it.
struct DssContents {
  X509StackPtr certificates{sk_X509_new_null()};
  CrlStackPtr crls{sk_X509_CRL_new_null()};
  std::vector<std::string> ocsp_responses;  // DER
  std::set<std::string> vri;                // the /VRI keys
  bool present = false;
};

// How many entries each DSS array may hold before a file counts as damaged.
constexpr std::size_t kMaxDssEntries = 4096;

// Throws DamagedPdf where the DSS is damaged.
DssContents read_dss(const LoadedPdf& pdf);

}  // namespace shiryo::pdf
