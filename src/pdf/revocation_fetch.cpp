#include "pdf/revocation_fetch.h"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "net/http.h"
#include "pdf/openssl_util.h"
#include "pdf/revocation.h"
#include "pdf/signature.h"

namespace shiryo::pdf {
namespace {

struct StringStackFree {
  void operator()(STACK_OF(OPENSSL_STRING) * p) const { X509_email_free(p); }
};
struct DistPointsFree {
  void operator()(STACK_OF(DIST_POINT) * p) const { sk_DIST_POINT_pop_free(p, DIST_POINT_free); }
};
using ResponsePtr = std::unique_ptr<OCSP_RESPONSE, OcspResponseFree>;
using BasicPtr = std::unique_ptr<OCSP_BASICRESP, OcspBasicFree>;
using CertIdPtr = std::unique_ptr<OCSP_CERTID, OcspCertIdFree>;

// How far a service's clock may run ahead of ours.
constexpr long kClockSkewSeconds = 300;
// A CRL may list many certificates; an OCSP response answers for one.
constexpr std::size_t kMaxCrlBytes = 16u << 20;

BasicPtr basic_of(const std::string& der) {
  const unsigned char* p = bytes_of(der);
  ResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
  if (!response || OCSP_response_status(response.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) return nullptr;
  return BasicPtr(OCSP_response_get1_basic(response.get()));
}

// The single response of `basic` for `id`, or null.
OCSP_SINGLERESP* single_for(OCSP_BASICRESP* basic, OCSP_CERTID* id) {
  const int at = OCSP_resp_find(basic, id, -1);
  return at < 0 ? nullptr : OCSP_resp_get0(basic, at);
}

// Whether a source issued at `issued`, next updated at `next` (0: none),
// shows the status at `current` (0: any time will do), as verify reads it.
bool shows_status_at(std::time_t issued, std::time_t next, std::time_t current) {
  return current == 0 || issued >= current || (next != 0 && next >= current);
}

// Whether a CRL in `crls` (DER) is `issuer`'s, signed by its key, and shows
// the status at `current`.
bool has_crl_of(const std::vector<std::string>& crls, X509* issuer, std::time_t current = 0) {
  return std::any_of(crls.begin(), crls.end(), [&](const std::string& der) {
    const CrlPtr crl = crl_of(der);
    EVP_PKEY* key = X509_get0_pubkey(issuer);
    if (!crl || !key || X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0 ||
        X509_CRL_verify(crl.get(), key) != 1) {
      return false;
    }
    const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl.get());
    return shows_status_at(time_of(X509_CRL_get0_lastUpdate(crl.get())), next ? time_of(next) : 0, current);
  });
}

// Whether an OCSP response in `responses` (DER) answers for `certificate`
// and shows its status at `current`.
bool has_ocsp_for(const std::vector<std::string>& responses, X509* certificate, X509* issuer, std::time_t current = 0) {
  return std::any_of(responses.begin(), responses.end(), [&](const std::string& der) {
    const BasicPtr basic = basic_of(der);
    for (int i = 0; basic && i < OCSP_resp_count(basic.get()); ++i) {
      OCSP_SINGLERESP* single = OCSP_resp_get0(basic.get(), i);
      ASN1_OBJECT* algorithm = nullptr;
      const OCSP_CERTID* theirs = OCSP_SINGLERESP_get0_id(single);
      OCSP_id_get0_info(nullptr, &algorithm, nullptr, nullptr, const_cast<OCSP_CERTID*>(theirs));
      const EVP_MD* md = algorithm ? EVP_get_digestbyobj(algorithm) : nullptr;
      const CertIdPtr mine(md ? OCSP_cert_to_id(md, certificate, issuer) : nullptr);
      if (!mine || OCSP_id_cmp(mine.get(), theirs) != 0) continue;
      int reason = 0;
      ASN1_GENERALIZEDTIME *revoked = nullptr, *this_update = nullptr, *next_update = nullptr;
      OCSP_single_get0_status(single, &reason, &revoked, &this_update, &next_update);
      if (this_update && shows_status_at(time_of(this_update), next_update ? time_of(next_update) : 0, current)) return true;
    }
    return false;
  });
}

// The http and https URLs of the certificate's AIA OCSP responders.
std::vector<std::string> ocsp_urls(X509* certificate) {
  std::vector<std::string> out;
  std::unique_ptr<STACK_OF(OPENSSL_STRING), StringStackFree> urls(X509_get1_ocsp(certificate));
  for (int i = 0; urls && i < sk_OPENSSL_STRING_num(urls.get()); ++i) out.emplace_back(sk_OPENSSL_STRING_value(urls.get(), i));
  return out;
}

// The http and https URLs of the certificate's CRL distribution points
// (full names only; an LDAP URL is left to others).
std::vector<std::string> crl_urls(X509* certificate) {
  std::vector<std::string> out;
  std::unique_ptr<STACK_OF(DIST_POINT), DistPointsFree> points(
      static_cast<STACK_OF(DIST_POINT)*>(X509_get_ext_d2i(certificate, NID_crl_distribution_points, nullptr, nullptr)));
  for (int i = 0; points && i < sk_DIST_POINT_num(points.get()); ++i) {
    const DIST_POINT* point = sk_DIST_POINT_value(points.get(), i);
    if (!point->distpoint || point->distpoint->type != 0) continue;
    const GENERAL_NAMES* names = point->distpoint->name.fullname;
    for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
      if (name->type != GEN_URI) continue;
      const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
      out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                       static_cast<std::size_t>(ASN1_STRING_length(uri)));
    }
  }
  return out;
}

// A name's common name, for messages.
std::string name_text(const X509_NAME* name) {
  char buf[256] = {};
  if (X509_NAME_get_text_by_NID(const_cast<X509_NAME*>(name), NID_commonName, buf, sizeof buf) <= 0) return "an unnamed CA";
  return buf;
}

bool web_url(const std::string& url) { return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0; }

// The shown form of a URL taken from a certificate: printable ASCII only.
std::string shown(const std::string& url) {
  std::string out = url.substr(0, 200);
  for (char& c : out) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return out;
}

// A "good" OCSP response for `certificate` from `url` (DER); nullopt with
// `error` set.
std::optional<std::string> fetch_ocsp(const std::string& url, X509* certificate, X509* issuer, STACK_OF(X509) * known,
                                      long timeout, std::time_t now, X509Ptr& responder, std::string& error) {
  std::unique_ptr<OCSP_REQUEST, OcspRequestFree> request(OCSP_REQUEST_new());
  CertIdPtr id(OCSP_cert_to_id(EVP_sha1(), certificate, issuer));
  const CertIdPtr wanted(id ? OCSP_CERTID_dup(id.get()) : nullptr);
  if (!request || !wanted || !OCSP_request_add0_id(request.get(), id.get())) {
    error = "cannot make an OCSP request (" + openssl_reason() + ")";
    return std::nullopt;
  }
  id.release();  // the request owns it now
  OCSP_request_add1_nonce(request.get(), nullptr, -1);
  const auto answer = net::fetch({url, "application/ocsp-request", der_of(request.get(), i2d_OCSP_REQUEST),
                                  "application/ocsp-response", timeout},
                                 error);
  if (!answer) return std::nullopt;
  const unsigned char* p = bytes_of(*answer);
  ResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(answer->size())));
  ERR_clear_error();
  if (!response) {
    error = "the answer is not an OCSP response";
    return std::nullopt;
  }
  if (const int status = OCSP_response_status(response.get()); status != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    error = std::string("the responder answered ") + OCSP_response_status_str(status);
    return std::nullopt;
  }
  BasicPtr basic(OCSP_response_get1_basic(response.get()));
  if (!basic) {
    error = "the answer holds no basic OCSP response";
    return std::nullopt;
  }
  // 0: a nonce that differs; a responder that sends none may answer from a cache.
  if (OCSP_check_nonce(request.get(), basic.get()) == 0) {
    error = "the answer is for another request (its nonce differs)";
    return std::nullopt;
  }
  OCSP_SINGLERESP* single = single_for(basic.get(), wanted.get());
  if (!single) {
    error = "the answer is for another certificate";
    return std::nullopt;
  }
  // Signed by the issuer, or by a responder the issuer certified with
  // id-kp-OCSPSigning: the issuer is the one anchor of the check.
  StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), issuer);
  X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_USE_CHECK_TIME);
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()), now);
  if (OCSP_basic_verify(basic.get(), known, store.get(), OCSP_NOEXPLICIT) != 1) {
    error = "the answer is not signed by " + common_name(issuer) + " or a responder it delegated (" + openssl_reason() + ")";
    return std::nullopt;
  }
  X509* signer = nullptr;
  if (OCSP_resp_get0_signer(basic.get(), &signer, known) == 1 && signer) {
    X509_up_ref(signer);
    responder.reset(signer);
  }
  ERR_clear_error();
  int reason = 0;
  ASN1_GENERALIZEDTIME *revoked = nullptr, *this_update = nullptr, *next_update = nullptr;
  const int status = OCSP_single_get0_status(single, &reason, &revoked, &this_update, &next_update);
  if (status == V_OCSP_CERTSTATUS_REVOKED) {
    error = "the certificate is revoked since " + utc_text(time_of(revoked)) + revocation_reason(reason);
    return std::nullopt;
  }
  if (status != V_OCSP_CERTSTATUS_GOOD) {
    error = "the responder does not know the certificate";
    return std::nullopt;
  }
  const std::time_t issued = time_of(this_update), next = next_update ? time_of(next_update) : 0;
  if (issued > now + kClockSkewSeconds || (next != 0 && next < now)) {
    error = "the answer of " + utc_text(issued) + (next != 0 ? ", next update " + utc_text(next) + "," : "") +
            " is not current";
    return std::nullopt;
  }
  return der_of(response.get(), i2d_OCSP_RESPONSE);
}

// `issuer`'s CRL from `url` (DER), not listing `certificate`; nullopt with
// `error` set.
std::optional<std::string> fetch_crl(const std::string& url, X509* certificate, X509* issuer, long timeout,
                                     std::time_t now, std::string& error) {
  net::HttpRequest request{url, "", "", "", timeout};
  request.max_answer = kMaxCrlBytes;
  // Servers label CRLs variously (application/pkix-crl, octet-stream): the bytes decide.
  const auto answer = net::fetch(request, error);
  if (!answer) return std::nullopt;
  const auto der = read_crl(*answer, error);
  if (!der) {
    error = "the answer is " + error;
    return std::nullopt;
  }
  const CrlPtr crl = crl_of(*der);
  if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0) {
    error = "the answer is a CRL of " + name_text(X509_CRL_get_issuer(crl.get())) + ", not of " + common_name(issuer);
    return std::nullopt;
  }
  EVP_PKEY* key = X509_get0_pubkey(issuer);
  if (!key || X509_CRL_verify(crl.get(), key) != 1) {
    ERR_clear_error();
    error = "the CRL is not signed by the key of " + common_name(issuer);
    return std::nullopt;
  }
  for (int e = 0; e < X509_CRL_get_ext_count(crl.get()); ++e) {
    if (X509_EXTENSION_get_critical(X509_CRL_get_ext(crl.get(), e))) {
      error = "the CRL has a critical extension (a partial or delta CRL)";
      return std::nullopt;
    }
  }
  const ASN1_TIME* next_update = X509_CRL_get0_nextUpdate(crl.get());
  const std::time_t issued = time_of(X509_CRL_get0_lastUpdate(crl.get())), next = next_update ? time_of(next_update) : 0;
  if (issued > now + kClockSkewSeconds || (next != 0 && next < now)) {
    error = "the CRL of " + utc_text(issued) + (next != 0 ? ", next update " + utc_text(next) + "," : "") +
            " is not current";
    return std::nullopt;
  }
  X509_REVOKED* entry = nullptr;
  if (X509_CRL_get0_by_cert(crl.get(), &entry, certificate) == 1) {
    error = "the certificate is revoked since " + utc_text(time_of(X509_REVOKED_get0_revocationDate(entry))) +
            revocation_reason(crl_entry_reason(entry));
    return std::nullopt;
  }
  return der;
}

// The CRL of `issuer` that shows `responder` unrevoked, from the
// responder's distribution points, added to `data` and `crls`. Throws
// RevocationFetchError naming the responder and `whose` answer it gave.
void fetch_responder_crl(X509* responder, X509* issuer, const std::string& whose, long timeout, std::time_t now,
                         ValidationData& data, std::vector<std::string>& crls) {
  const std::string which = "the OCSP responder " + common_name(responder) + " that answered for " + whose;
  std::string failures;
  for (const auto& url : crl_urls(responder)) {
    if (!web_url(url)) continue;
    std::string error;
    if (auto der = fetch_crl(url, responder, issuer, timeout, now, error)) {
      data.crls.push_back(*der);
      crls.push_back(std::move(*der));
      return;
    }
    failures += (failures.empty() ? "" : "; ") + std::string("CRL ") + shown(url) + ": " + error;
  }
  ERR_clear_error();
  if (failures.empty()) {
    throw RevocationFetchError(which + " lacks id-pkix-ocsp-nocheck and names no CRL distribution point (http); give " +
                                   common_name(issuer) + "'s CRL with --crl FILE",
                               false);
  }
  throw RevocationFetchError("no revocation data for " + which + " (" + failures + ")", true);
}

}  // namespace

void fetch_revocation_data(const LoadedPdf& pdf, ValidationData& data, long timeout_seconds, std::time_t now) {
  const DssContents dss = read_dss(pdf);
  X509StackPtr known(sk_X509_new_null());
  std::vector<X509Ptr> chain;
  std::vector<std::string> authorities;
  std::vector<bool> of_authority;
  for (const auto& der : chain_certificates(pdf, data.anchors, &authorities)) {
    if (X509Ptr c = certificate_of(der)) {
      X509_up_ref(c.get());
      sk_X509_push(known.get(), c.get());
      chain.push_back(std::move(c));
      of_authority.push_back(std::find(authorities.begin(), authorities.end(), der) != authorities.end());
    }
  }
  for (int i = 0; i < sk_X509_num(dss.certificates.get()); ++i) {
    X509* c = sk_X509_value(dss.certificates.get(), i);
    X509_up_ref(c);
    sk_X509_push(known.get(), c);
  }
  std::vector<std::string> crls = data.crls, responses = data.ocsp_responses;
  for (int i = 0; i < sk_X509_CRL_num(dss.crls.get()); ++i) crls.push_back(der_of(sk_X509_CRL_value(dss.crls.get(), i), i2d_X509_CRL));
  responses.insert(responses.end(), dss.ocsp_responses.begin(), dss.ocsp_responses.end());
  const auto is_anchor = [&](X509* c) {
    for (int i = 0; data.anchors && i < sk_X509_num(data.anchors); ++i) {
      if (X509_cmp(c, sk_X509_value(data.anchors, i)) == 0) return true;
    }
    return false;
  };
  for (std::size_t k = 0; k < chain.size(); ++k) {
    X509* c = chain[k].get();
    // A root, or an anchor: trusted as it is, with no status of its own.
    if (X509_check_issued(c, c) == X509_V_OK || is_anchor(c)) continue;
    X509* issuer = nullptr;
    for (int i = 0; !issuer && i < sk_X509_num(known.get()); ++i) {
      X509* candidate = sk_X509_value(known.get(), i);
      if (candidate != c && X509_check_issued(candidate, c) == X509_V_OK) issuer = candidate;
    }
    for (int i = 0; !issuer && data.anchors && i < sk_X509_num(data.anchors); ++i) {
      if (X509_check_issued(sk_X509_value(data.anchors, i), c) == X509_V_OK) issuer = sk_X509_value(data.anchors, i);
    }
    ERR_clear_error();
    const std::string whose = "the certificate of " + common_name(c);
    if (!issuer) {
      throw RevocationFetchError(whose + " has no issuer in the file or --trust; give its CA with --trust", false);
    }
    // A time-stamping authority's chain must be shown unrevoked until the
    // time-stamp that covers it, the one made now: data of an earlier round
    // that no longer shows the status counts for nothing. A certificate that
    // has expired has no status to fetch.
    const bool fresh = of_authority[k] && time_of(X509_get0_notAfter(c)) > now;
    const std::time_t current = fresh ? now : 0;
    if (has_ocsp_for(responses, c, issuer, current) || has_crl_of(crls, issuer, current)) continue;
    const bool stale = fresh && (has_ocsp_for(responses, c, issuer) || has_crl_of(crls, issuer));
    std::vector<std::string> ocsp, crl;
    for (const auto& url : ocsp_urls(c)) {
      if (web_url(url)) ocsp.push_back(url);
    }
    for (const auto& url : crl_urls(c)) {
      if (web_url(url)) crl.push_back(url);
    }
    if (ocsp.empty() && crl.empty() && stale) {
      throw RevocationFetchError(whose + ", of a time-stamping authority, has revocation data that no longer shows its "
                                 "status and names no OCSP responder or CRL distribution point (http); give current "
                                 "revocation data with --crl FILE or --ocsp-response FILE",
                                 false);
    }
    if (ocsp.empty() && crl.empty()) {
      throw RevocationFetchError(whose + " names no OCSP responder or CRL distribution point (http); give its revocation "
                                 "data with --crl FILE or --ocsp-response FILE",
                                 false);
    }
    std::string failures;
    bool found = false;
    for (const auto& url : ocsp) {
      std::string error;
      X509Ptr responder;
      if (auto response = fetch_ocsp(url, c, issuer, known.get(), timeout_seconds, now, responder, error)) {
        data.ocsp_responses.push_back(*response);
        responses.push_back(std::move(*response));
        found = true;
        // A delegated responder without id-pkix-ocsp-nocheck is itself
        // shown unrevoked by its CA's CRL (RFC 6960 §4.2.2.2.1), which the
        // validation data must then hold too.
        if (responder && X509_cmp(responder.get(), issuer) != 0 &&
            X509_get_ext_by_NID(responder.get(), NID_id_pkix_OCSP_noCheck, -1) < 0 && !has_crl_of(crls, issuer)) {
          fetch_responder_crl(responder.get(), issuer, whose, timeout_seconds, now, data, crls);
        }
        break;
      }
      failures += (failures.empty() ? "" : "; ") + std::string("OCSP ") + shown(url) + ": " + error;
    }
    for (std::size_t i = 0; !found && i < crl.size(); ++i) {
      std::string error;
      if (auto der = fetch_crl(crl[i], c, issuer, timeout_seconds, now, error)) {
        data.crls.push_back(*der);
        crls.push_back(std::move(*der));
        found = true;
        break;
      }
      failures += (failures.empty() ? "" : "; ") + std::string("CRL ") + shown(crl[i]) + ": " + error;
    }
    ERR_clear_error();
    if (!found) throw RevocationFetchError("no revocation data for " + whose + " (" + failures + ")", true);
  }
}

}  // namespace shiryo::pdf
