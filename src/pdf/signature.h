// PAdES B-B signatures (ETSI EN 319 142-1): a CAdES detached CMS over the
// file's byte ranges, appended as an incremental update written by hand
// (dependencies.md, PoDoFo pitfall 5), and their verification.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pdf/pdf_reader.h"
#include "text/font.h"

namespace shiryo::pdf {

// Owners of OpenSSL handles.
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct X509StackFree {
  void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;

struct Signer {
  PkeyPtr key;
  X509Ptr certificate;
  X509StackPtr chain;  // the other certificates in the file, may be empty
};

// The key, its certificate and the chain of a PKCS#12 file; nullopt with
// `error` set for a wrong password, a file that is not PKCS#12, or a key
// that matches no certificate in it.
std::optional<Signer> load_signer(const std::string& p12, const std::string& password, std::string& error);

// The certificate's subject as one line (RFC 2253 order).
std::string subject_of(const X509* certificate);

// The subject's common name, else the whole subject.
std::string common_name(const X509* certificate);

// When `at` falls outside the certificate's validity, a sentence saying so.
std::string validity_problem(const X509* certificate, std::time_t at);

struct SignatureFields {
  std::string time;  // /M: D:20240314093000+09'00'
  std::string reason;
  std::string location;
  std::string name;
};

// A visible signature: a stamp (pdf/stamp.h) at the bottom right of a page.
struct VisibleSignature {
  std::size_t page = 0;  // page index
  const text::FontChain* chain = nullptr;
  std::vector<std::string> lines;
};

// `pdf` with a signature appended as an incremental update: a signature
// field with its widget (invisible on the first page, or `visible`), the
// catalog's /AcroForm, a new xref section and a trailer with /Prev. Throws
// std::runtime_error.
std::string sign_pdf(const LoadedPdf& pdf, const Signer& signer, const SignatureFields& fields,
                     const VisibleSignature* visible = nullptr);

// The CMS SignedData (DER) for a SHA-256 digest of the signed bytes: signed
// attributes content-type, message-digest and signing-certificate-v2, no
// signing-time (PAdES puts the time in /M).
std::string cades_signature(const Signer& signer, const std::array<unsigned char, 32>& digest);

struct SignatureCheck {
  std::string field;       // /T of the field
  std::string signer;      // the signing certificate's subject
  std::string time;        // /M
  std::string sub_filter;  // /SubFilter
  std::size_t revision_end = 0;  // where the signed bytes end
  bool digest_matches = false;   // the byte ranges hash to the signed message-digest
  bool signature_valid = false;  // the CMS signature over the signed attributes holds
  bool covers_revision = false;  // ranges start at 0, skip only /Contents, end at a %%EOF
  std::string problem;           // why a check failed, when one did
  bool ok() const { return digest_matches && signature_valid && covers_revision; }
};

// Every signature of the AcroForm's signature fields, in order of revision.
// Throws std::runtime_error where the file is damaged (pdf_reader.h, reading()).
std::vector<SignatureCheck> verify_signatures(const LoadedPdf& pdf);

}  // namespace shiryo::pdf
