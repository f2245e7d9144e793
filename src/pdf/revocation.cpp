#include "pdf/revocation.h"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/x509v3.h>

#include <memory>
#include <optional>

#include "pdf/openssl_util.h"
#include "pdf/signature.h"

namespace shiryo::pdf {
namespace {

using Status = RevocationCheck::Status;

StorePtr store_of(const STACK_OF(X509) * anchors, std::time_t at) {
  StorePtr store(X509_STORE_new());
  for (int i = 0; anchors && i < sk_X509_num(anchors); ++i) X509_STORE_add_cert(store.get(), sk_X509_value(anchors, i));
  // An anchor may be an intermediate a city trusts; the chain ends there.
  X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_USE_CHECK_TIME);
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()), at);
  return store;
}

// What one source says of one certificate.
struct Finding {
  Status status;
  std::string detail;
};

// Whether a source issued at `issued`, next updated at `next` (0: none),
// shows the status at `at`: issued later, or still current then.
bool current_at(std::time_t issued, std::time_t next, std::time_t at) { return issued >= at || (next != 0 && next >= at); }

std::string stale(const std::string& what, std::time_t issued, std::time_t next, std::time_t at) {
  return what + " of " + utc_text(issued) + (next != 0 ? ", next update " + utc_text(next) + "," : "") +
         " is stale: it does not show the status at " + utc_text(at);
}

std::optional<Finding> from_crls(X509* certificate, X509* issuer, STACK_OF(X509_CRL) * crls, std::time_t at,
                                 std::time_t revoked_by, const std::string& moment, std::vector<std::string>& problems);

// The status the OCSP responses give `certificate` (issued by `issuer`), or
// nullopt when none answers for it; `problems` collects the answers that
// do not count.
std::optional<Finding> from_ocsp(X509* certificate, X509* issuer, const std::vector<std::string>& responses,
                                 STACK_OF(X509_CRL) * crls, STACK_OF(X509) * untrusted, const STACK_OF(X509) * anchors,
                                 std::time_t at, std::time_t revoked_by, const std::string& moment,
                                 std::vector<std::string>& problems) {
  const std::string whose = common_name(certificate);
  for (const std::string& der : responses) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<OCSP_RESPONSE, OcspResponseFree> response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
    if (!response || OCSP_response_status(response.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) continue;
    std::unique_ptr<OCSP_BASICRESP, OcspBasicFree> basic(OCSP_response_get1_basic(response.get()));
    if (!basic) continue;
    OCSP_SINGLERESP* single = nullptr;
    for (int i = 0; !single && i < OCSP_resp_count(basic.get()); ++i) {
      OCSP_SINGLERESP* s = OCSP_resp_get0(basic.get(), i);
      ASN1_OBJECT* algorithm = nullptr;
      OCSP_id_get0_info(nullptr, &algorithm, nullptr, nullptr, const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(s)));
      const EVP_MD* md = algorithm ? EVP_get_digestbyobj(algorithm) : nullptr;
      std::unique_ptr<OCSP_CERTID, OcspCertIdFree> mine(md ? OCSP_cert_to_id(md, certificate, issuer) : nullptr);
      if (mine && OCSP_id_cmp(mine.get(), OCSP_SINGLERESP_get0_id(s)) == 0) single = s;
    }
    if (!single) continue;
    // The responder: the issuer itself, or a certificate the issuer gave
    // id-kp-OCSPSigning (RFC 6960 §4.2.2.2), valid when it answered.
    X509* responder = nullptr;
    OCSP_resp_get0_signer(basic.get(), &responder, untrusted);
    const std::string by = responder ? common_name(responder) : std::string("a certificate the file does not hold");
    const std::time_t produced = time_of(OCSP_resp_get0_produced_at(basic.get()));
    StorePtr store = store_of(anchors, produced);
    if (OCSP_basic_verify(basic.get(), untrusted, store.get(), OCSP_NOEXPLICIT) != 1) {
      const std::string reason = openssl_reason();
      problems.push_back("the OCSP response for " + whose + " is signed by " + by +
                         ", neither its CA nor a responder the CA delegated with id-kp-OCSPSigning and trusted then (" +
                         reason + ")");
      continue;
    }
    // A delegated responder without id-pkix-ocsp-nocheck needs a status of
    // its own (RFC 6960 §4.2.2.2.1): its CA's CRL, as it stood when it answered.
    if (responder && X509_cmp(responder, issuer) != 0 && X509_get_ext_by_NID(responder, NID_id_pkix_OCSP_noCheck, -1) < 0) {
      std::vector<std::string> ignored;
      const auto own = from_crls(responder, issuer, crls, produced, produced, "it answered", ignored);
      if (!own || own->status != Status::unrevoked) {
        problems.push_back("the OCSP response for " + whose + " is signed by " + by +
                           (own ? ", whose certificate is revoked: " + own->detail
                                : ", whose certificate has no id-pkix-ocsp-nocheck and no CRL of the DSS shows its status"));
        continue;
      }
    }
    int reason = 0;
    ASN1_GENERALIZEDTIME *revoked = nullptr, *this_update = nullptr, *next_update = nullptr;
    const int status = OCSP_single_get0_status(single, &reason, &revoked, &this_update, &next_update);
    const std::time_t issued = time_of(this_update), next = next_update ? time_of(next_update) : 0;
    if (status == V_OCSP_CERTSTATUS_REVOKED) {
      const std::time_t when = time_of(revoked);
      if (when <= revoked_by) {
        return Finding{Status::revoked, "the certificate of " + whose + " is revoked since " + utc_text(when) +
                                            revocation_reason(reason) + " (OCSP response by " + by + ")"};
      }
      return Finding{Status::unrevoked, "OCSP: " + whose + " revoked on " + utc_text(when) + ", after " + moment};
    }
    if (status != V_OCSP_CERTSTATUS_GOOD) {
      problems.push_back("the OCSP responder " + by + " does not know the certificate of " + whose);
      continue;
    }
    if (!current_at(issued, next, at)) {
      problems.push_back(stale("the OCSP response for " + whose, issued, next, at));
      continue;
    }
    return Finding{Status::unrevoked, "OCSP"};
  }
  return std::nullopt;
}

// The status the CRLs give `certificate`, as from_ocsp.
std::optional<Finding> from_crls(X509* certificate, X509* issuer, STACK_OF(X509_CRL) * crls, std::time_t at,
                                 std::time_t revoked_by, const std::string& moment,
                                 std::vector<std::string>& problems) {
  const std::string whose = common_name(certificate);
  for (int i = 0; crls && i < sk_X509_CRL_num(crls); ++i) {
    X509_CRL* crl = sk_X509_CRL_value(crls, i);
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(issuer)) != 0) continue;
    EVP_PKEY* key = X509_get0_pubkey(issuer);
    if (!key || X509_CRL_verify(crl, key) != 1) {
      ERR_clear_error();
      problems.push_back("a CRL in the name of " + common_name(issuer) + " is not signed by its key");
      continue;
    }
    bool critical = false;
    for (int e = 0; e < X509_CRL_get_ext_count(crl); ++e) critical = critical || X509_EXTENSION_get_critical(X509_CRL_get_ext(crl, e));
    if (critical) {
      problems.push_back("the CRL of " + common_name(issuer) + " has a critical extension (a partial or delta CRL)");
      continue;
    }
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl, &entry, certificate) == 1) {
      const std::time_t when = time_of(X509_REVOKED_get0_revocationDate(entry));
      if (when <= revoked_by) {
        return Finding{Status::revoked, "the certificate of " + whose + " is revoked since " + utc_text(when) +
                                            revocation_reason(crl_entry_reason(entry)) + " (CRL of " +
                                            common_name(issuer) + ")"};
      }
      return Finding{Status::unrevoked, "CRL: " + whose + " revoked on " + utc_text(when) + ", after " + moment};
    }
    const ASN1_TIME* next_update = X509_CRL_get0_nextUpdate(crl);
    const std::time_t issued = time_of(X509_CRL_get0_lastUpdate(crl)), next = next_update ? time_of(next_update) : 0;
    if (!current_at(issued, next, at)) {
      problems.push_back(stale("the CRL of " + common_name(issuer), issued, next, at));
      continue;
    }
    return Finding{Status::unrevoked, "CRL"};
  }
  return std::nullopt;
}

}  // namespace

std::string revocation_reason(int code) {
  static const char* names[] = {"unspecified",          "keyCompromise",   "cACompromise",  "affiliationChanged",
                                "superseded",           "cessationOfOperation", "certificateHold", "(unused)",
                                "removeFromCRL",        "privilegeWithdrawn",   "aACompromise"};
  if (code <= 0 || code == 7) return "";
  return std::string(" for ") + (code < 11 ? names[code] : "reason " + std::to_string(code));
}

int crl_entry_reason(const X509_REVOKED* entry) {
  ASN1_ENUMERATED* reason =
      static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, nullptr, nullptr));
  if (!reason) return -1;
  const long code = ASN1_ENUMERATED_get(reason);
  ASN1_ENUMERATED_free(reason);
  ERR_clear_error();
  return code >= 0 && code < 1000 ? static_cast<int>(code) : -1;
}

RevocationCheck check_revocation(X509* certificate, STACK_OF(X509) * untrusted, const STACK_OF(X509) * anchors,
                                 const RevocationData& data, std::time_t at, std::time_t revoked_by,
                                 const std::string& moment) {
  const bool has_crls = data.crls && sk_X509_CRL_num(data.crls) > 0;
  const bool has_ocsp = data.ocsp_responses && !data.ocsp_responses->empty();
  if (!has_crls && !has_ocsp) return {Status::not_checked, "no CRL or OCSP response in the DSS"};
  StorePtr store = store_of(anchors, at);
  std::unique_ptr<X509_STORE_CTX, StoreCtxFree> ctx(X509_STORE_CTX_new());
  if (!ctx || !X509_STORE_CTX_init(ctx.get(), store.get(), certificate, untrusted) || X509_verify_cert(ctx.get()) != 1) {
    const int error = ctx ? X509_STORE_CTX_get_error(ctx.get()) : X509_V_ERR_UNSPECIFIED;
    ERR_clear_error();
    return {Status::not_checked, "the chain does not hold at " + utc_text(at) + " (" +
                                     X509_verify_cert_error_string(error) + ")"};
  }
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  static const std::vector<std::string> none;
  bool by_crl = false, by_ocsp = false;
  std::string notes, missing, undecided;
  // The last certificate is the anchor: trusted as it is.
  for (int i = 0; i + 1 < sk_X509_num(chain); ++i) {
    X509* c = sk_X509_value(chain, i);
    X509* issuer = sk_X509_value(chain, i + 1);
    std::vector<std::string> problems;
    auto found = from_ocsp(c, issuer, has_ocsp ? *data.ocsp_responses : none, data.crls, untrusted, anchors, at,
                           revoked_by, moment, problems);
    if (!found) found = from_crls(c, issuer, data.crls, at, revoked_by, moment, problems);
    ERR_clear_error();
    if (found && found->status == Status::revoked) return {Status::revoked, found->detail};
    if (found) {
      (found->detail.rfind("OCSP", 0) == 0 ? by_ocsp : by_crl) = true;
      if (found->detail != "OCSP" && found->detail != "CRL") notes += "; " + found->detail;
    } else if (!problems.empty()) {
      if (undecided.empty()) undecided = problems.front();
    } else if (missing.empty()) {
      missing = "no CRL or OCSP response in the DSS for " + common_name(c);
    }
  }
  if (!undecided.empty()) return {Status::indeterminate, undecided};
  if (!missing.empty()) return {Status::not_checked, missing};
  const std::string sources = by_crl && by_ocsp ? "CRLs and OCSP responses" : by_ocsp ? "OCSP responses" : "CRLs";
  return {Status::unrevoked, sources + " of the DSS" + notes};
}

}  // namespace shiryo::pdf
