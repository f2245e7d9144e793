// Revocation data for sign --ltv and timestamp --ltv fetched over HTTP:
// an OCSP response from a certificate's AIA OCSP responder (RFC 6960), or
// its CRL from a CRL distribution point (RFC 5280 §4.2.1.13), for every
// certificate of the file's chains the given data does not cover.
#pragma once

#include <ctime>
#include <stdexcept>
#include <string>

#include "pdf/dss.h"

namespace shiryo::pdf {

// No revocation data could be had for a certificate. `unreachable`: a
// service did not answer as it should (no answer, an HTTP error, wrong
// content, an answer for another certificate, stale, revoked); otherwise
// the certificate names no service at all.
struct RevocationFetchError : std::runtime_error {
  RevocationFetchError(const std::string& what, bool service_failed) : std::runtime_error(what), unreachable(service_failed) {}
  bool unreachable;
};

// For every certificate of `pdf`'s chains below its root or anchor (see
// chain_certificates) that neither `data` nor the file's DSS has a CRL of
// its issuer or an OCSP response for (for a time-stamping authority's
// chain, one that shows the status at `now`, unless the certificate has
// expired: the data of an earlier round does not show it unrevoked until
// the new time-stamp): an OCSP response from its responder
// (a fresh nonce; signed by its issuer or a responder the issuer delegated;
// "good"; current at `now`), else its issuer's CRL from a distribution
// point (signed by the issuer, not a partial or delta CRL, current at
// `now`, not listing the certificate), added to `data`. An answer by a
// delegated responder without id-pkix-ocsp-nocheck brings the issuer's CRL
// from the responder's distribution points along, which shows the
// responder unrevoked. Each exchange has
// `timeout_seconds`. Throws RevocationFetchError naming the certificate
// and what each service did, DamagedPdf where the file is damaged.
void fetch_revocation_data(const LoadedPdf& pdf, ValidationData& data, long timeout_seconds, std::time_t now);

}  // namespace shiryo::pdf
