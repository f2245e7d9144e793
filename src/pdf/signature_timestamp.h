// RFC 3161 time-stamps for PAdES B-T: a token from a time-stamping
// authority over the signature value (the CAdES signature-time-stamp,
// unsigned attribute id-aa-signatureTimeStampToken), and its check.
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pdf/openssl_util.h"
#include "pdf/revocation.h"

namespace shiryo::pdf {

// A time-stamping authority that did not give a token for the query: no
// answer, an error status, or an answer to another query.
struct TimestampError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TimestampAuthority {
  std::string url;
  long timeout_seconds = 30;
};

// The time-stamp token (a DER ContentInfo of SignedData over a TSTInfo) for
// the SHA-256 of `data`, asked for with a fresh nonce and the TSA's
// certificate. The answer is checked: status granted, the nonce and
// imprint of the query, a signature that holds. Throws TimestampError.
std::string request_timestamp(const TimestampAuthority& tsa, std::string_view data);

// The signer or TSA certificate and its chain judged at one time.
struct CertificateCheck {
  enum class Verdict { trusted, not_verified, invalid };
  Verdict verdict = Verdict::not_verified;
  std::string detail;  // the anchor's name, or why not: "self-signed", "expired on 2021-01-01 …"
};

// `certificate`'s chain, built from `untrusted` up to one of `anchors`
// (none: not verified), at `at` for `purpose` (X509_PURPOSE_…; -1 for
// any); `moment` names that time in messages ("the signing time").
CertificateCheck check_chain(X509* certificate, STACK_OF(X509) * untrusted, const STACK_OF(X509) * anchors,
                             std::time_t at, int purpose, const std::string& moment);

struct TimestampCheck {
  bool signature_holds = false;  // the token's CMS signature over its TSTInfo
  bool imprint_matches = false;  // its message imprint is the digest of the data
  bool valid = false;         // both
  std::string time;           // genTime: 2026-12-07 09:55:04 UTC
  std::time_t at = 0;
  std::string authority;      // the TSA certificate's subject
  std::time_t authority_expires = 0;  // its notAfter
  CertificateCheck certificate;  // the TSA's chain at genTime, with the timeStamping purpose
  RevocationCheck revocation;    // the TSA's chain against the file's validation data (verify)
  std::string problem;        // why the token fails, when it does
};

// The authority's certificate of a token and the certificates the token
// carries, to judge its chain again at a later time.
struct TimestampSigner {
  X509Ptr certificate;
  X509StackPtr certificates;
};

// The token `token` (DER) checked against the bytes it should stamp;
// `stamped` names them in messages ("of the signature value"); with
// `signer`, its authority's certificates are handed out.
TimestampCheck check_timestamp(std::string_view token, std::string_view data, const STACK_OF(X509) * anchors,
                               const std::string& stamped, TimestampSigner* signer = nullptr);

}  // namespace shiryo::pdf
