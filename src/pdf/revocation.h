// Whether a certificate chain was unrevoked at the time that matters, by
// the CRLs and OCSP responses a file's /DSS holds (RFC 5280 §6.3, RFC 6960).
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <string>
#include <vector>

namespace shiryo::pdf {

struct RevocationCheck {
  // indeterminate: the file holds revocation data for the chain, but none
  // that shows the status at the time that matters (stale, signed by a
  // responder the CA did not delegate, "unknown").
  enum class Status { not_checked, unrevoked, indeterminate, revoked };
  Status status = Status::not_checked;
  std::string detail;  // the sources, or whose certificate is revoked or lacks data, and why
};

// The revocation data of a file.
struct RevocationData {
  STACK_OF(X509_CRL) * crls = nullptr;
  const std::vector<std::string>* ocsp_responses = nullptr;  // DER OCSPResponse
};

// " for keyCompromise" (RFC 5280 §5.3.1's names) for a revocation's reason
// code; empty for none (-1) and for unspecified (0).
std::string revocation_reason(int code);

// The reason code of a CRL entry; -1 when it gives none.
int crl_entry_reason(const X509_REVOKED* entry);

// `certificate`'s chain, built from `untrusted` up to one of `anchors` as
// it stands at `at`, every certificate in it below the anchor looked up
// first in the OCSP responses, then in the CRLs of `data`. An OCSP response
// counts when its signer is the certificate's issuer or a responder the
// issuer certified with id-kp-OCSPSigning, valid when it answered (and,
// lacking id-pkix-ocsp-nocheck, unrevoked then by the issuer's CRL), and its
// certID names the certificate; a CRL counts when the issuer signed it and
// it has no critical extension (no partial or delta CRL). Either shows the
// status at `at` when it was issued at or after `at`, or its next update
// is not before `at`. A revocation counts when it is dated at or before
// `revoked_by`, which `moment` names in messages ("the time-stamp's time").
RevocationCheck check_revocation(X509* certificate, STACK_OF(X509) * untrusted, const STACK_OF(X509) * anchors,
                                 const RevocationData& data, std::time_t at, std::time_t revoked_by,
                                 const std::string& moment);

}  // namespace shiryo::pdf
