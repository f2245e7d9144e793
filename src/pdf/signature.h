// PAdES B-B and B-T signatures (ETSI EN 319 142-1): a CAdES detached CMS
// over the file's byte ranges, appended as an incremental update written by
// hand (dependencies.md, PoDoFo pitfall 5), with an RFC 3161 signature
// time-stamp when a TSA is given, and their verification.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pdf/openssl_util.h"
#include "pdf/pdf_reader.h"
#include "pdf/signature_timestamp.h"
#include "text/font.h"

namespace shiryo::pdf {

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

// How deep signature fields may nest through /Kids before a file counts as damaged.
constexpr std::size_t kMaxFieldDepth = 64;

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
// catalog's /AcroForm, a new xref section and a trailer with /Prev; with
// `tsa`, the signature time-stamped (B-T). Throws std::runtime_error, and
// TimestampError when the TSA gives no token.
std::string sign_pdf(const LoadedPdf& pdf, const Signer& signer, const SignatureFields& fields,
                     const VisibleSignature* visible = nullptr, const TimestampAuthority* tsa = nullptr);

// `pdf` with a document time-stamp (PAdES B-LTA, ETSI EN 319 142-1 §5.4)
// appended like a signature: a field whose value is /Type /DocTimeStamp,
// /SubFilter /ETSI.RFC3161, its /Contents an RFC 3161 token over the byte
// ranges of the whole file. Throws as sign_pdf.
std::string timestamp_pdf(const LoadedPdf& pdf, const TimestampAuthority& tsa);

// The CMS SignedData (DER) for a SHA-256 digest of the signed bytes: signed
// attributes content-type, message-digest and signing-certificate-v2, no
// signing-time (PAdES puts the time in /M); with `tsa`, the unsigned
// attribute signature-time-stamp over the signature value.
std::string cades_signature(const Signer& signer, const std::array<unsigned char, 32>& digest,
                            const TimestampAuthority* tsa = nullptr);

// Trust anchors: every certificate of a PEM bundle; nullopt with `error` set
// when the text holds none or one does not parse.
std::optional<X509StackPtr> load_anchors(const std::string& pem, std::string& error);

// When the certificate's key usage allows neither digitalSignature nor
// nonRepudiation, a sentence saying so.
std::string key_usage_problem(const X509* certificate);

struct SignatureCheck {
  enum class Digest { not_checked, matches, differs };
  std::string field;       // /T of the field
  std::string signer;      // the signing certificate's subject
  std::time_t expires = 0; // its notAfter (for a document time-stamp, the authority's); 0 when unknown
  // /M, /Reason, /Name, /Location as they stand in the signed revision.
  std::string time;
  std::string reason;
  std::string name;
  std::string location;
  std::string sub_filter;  // /SubFilter
  bool ranges_valid = false;     // four numbers within the file; else the signature covers nothing
  std::size_t revision_end = 0;  // where the signed bytes end (0 when the ranges are malformed)
  Digest digest = Digest::not_checked;  // the byte ranges against the signed message-digest
  bool signature_valid = false;  // the CMS signature over the signed attributes holds
  bool covers_revision = false;  // ranges start at 0, skip only /Contents, end at a %%EOF
  CertificateCheck certificate;  // at the time that matters (verify_signatures)
  RevocationCheck revocation;    // the signer's (or authority's) chain against the file's /DSS, then
  bool revision_has_dss = false; // the signed revision's catalog has a /DSS
  // The signature time-stamp, when the CMS has one; for a document
  // time-stamp, its token.
  std::optional<TimestampCheck> timestamp;
  bool document_timestamp = false;  // /SubFilter /ETSI.RFC3161: a token, no signer
  // What the file shows that the signed revision did not (signature_changes.h).
  std::vector<std::string> later_changes;
  std::vector<std::string> later_additions;  // what the allowed updates after it added
  std::string problem;           // why a check failed, when one did
  bool ok() const {
    return problem.empty() && digest == Digest::matches && signature_valid && covers_revision &&
           certificate.verdict != CertificateCheck::Verdict::invalid &&
           revocation.status != RevocationCheck::Status::revoked &&
           (!timestamp || (timestamp->valid && timestamp->certificate.verdict != CertificateCheck::Verdict::invalid));
  }
  // The PAdES baseline level the signature itself reaches: B-T with a valid
  // signature time-stamp, else B-B.
  const char* level() const { return timestamp && timestamp->valid ? "B-T" : "B-B"; }
  // The word for it in reports.
  const char* kind() const { return document_timestamp ? "document time-stamp" : "signature"; }
};

// The /Contents of each signature field's value (signatures and document
// time-stamps), in the AcroForm's order, as bytes with their padding.
// Throws std::runtime_error where the file is damaged.
std::vector<std::string> signature_values(const LoadedPdf& pdf);

// Every signature of the AcroForm's signature fields, in order of revision,
// each signer's chain checked against `anchors` (none: not verified) and
// the file's /DSS at the time that matters; `now` is the validation time,
// when nothing proves a signature older. Throws std::runtime_error where
// the file is damaged (pdf_reader.h, reading()).
std::vector<SignatureCheck> verify_signatures(const LoadedPdf& pdf, const STACK_OF(X509) * anchors, std::time_t now);

}  // namespace shiryo::pdf
