#include "pdf/signature_timestamp.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include "net/http.h"
#include "pdf/openssl_util.h"
#include "pdf/signature.h"

namespace shiryo::pdf {
namespace {

struct TsReqFree {
  void operator()(TS_REQ* p) const { TS_REQ_free(p); }
};
struct TsRespFree {
  void operator()(TS_RESP* p) const { TS_RESP_free(p); }
};
struct TsTstFree {
  void operator()(TS_TST_INFO* p) const { TS_TST_INFO_free(p); }
};
struct TsVerifyFree {
  void operator()(TS_VERIFY_CTX* p) const { TS_VERIFY_CTX_free(p); }
};
struct TsImprintFree {
  void operator()(TS_MSG_IMPRINT* p) const { TS_MSG_IMPRINT_free(p); }
};
struct AlgorFree {
  void operator()(X509_ALGOR* p) const { X509_ALGOR_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct IntegerFree {
  void operator()(ASN1_INTEGER* p) const { ASN1_INTEGER_free(p); }
};

// The PKIStatus values of RFC 3161 §2.4.2 and its PKIFailureInfo bits.
std::string status_words(const TS_STATUS_INFO* info) {
  static const char* statuses[] = {"granted", "granted with modifications", "rejection", "waiting",
                                   "revocation warning", "revocation notification"};
  const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(info));
  std::string out = status >= 0 && status < 6 ? statuses[status] : "status " + std::to_string(status);
  static const std::pair<int, const char*> failures[] = {
      {TS_INFO_BAD_ALG, "badAlg"},         {TS_INFO_BAD_REQUEST, "badRequest"},
      {TS_INFO_BAD_DATA_FORMAT, "badDataFormat"}, {TS_INFO_TIME_NOT_AVAILABLE, "timeNotAvailable"},
      {TS_INFO_UNACCEPTED_POLICY, "unacceptedPolicy"}, {TS_INFO_UNACCEPTED_EXTENSION, "unacceptedExtension"},
      {TS_INFO_ADD_INFO_NOT_AVAILABLE, "addInfoNotAvailable"}, {TS_INFO_SYSTEM_FAILURE, "systemFailure"}};
  std::string detail;
  if (const ASN1_BIT_STRING* bits = TS_STATUS_INFO_get0_failure_info(info)) {
    for (const auto& [bit, word] : failures) {
      if (ASN1_BIT_STRING_get_bit(bits, bit)) detail += (detail.empty() ? "" : ", ") + std::string(word);
    }
  }
  if (const STACK_OF(ASN1_UTF8STRING)* texts = TS_STATUS_INFO_get0_text(info)) {
    for (int i = 0; i < sk_ASN1_UTF8STRING_num(texts); ++i) {
      const ASN1_UTF8STRING* t = sk_ASN1_UTF8STRING_value(texts, i);
      // The TSA's own words, shown as printable ASCII only.
      std::string text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)),
                       static_cast<std::size_t>(std::min(ASN1_STRING_length(t), 200)));
      for (char& c : text) {
        if (c < 0x20 || c > 0x7e) c = '?';
      }
      detail += (detail.empty() ? "\"" : ", \"") + text + "\"";
    }
  }
  return detail.empty() ? out : out + " (" + detail + ")";
}

}  // namespace

CertificateCheck check_chain(X509* certificate, STACK_OF(X509) * untrusted, const STACK_OF(X509) * anchors,
                             std::time_t at, int purpose, const std::string& moment) {
  using Verdict = CertificateCheck::Verdict;
  if (!anchors || sk_X509_num(anchors) == 0) return {Verdict::not_verified, "no trust anchor given"};
  StorePtr store(X509_STORE_new());
  for (int i = 0; i < sk_X509_num(anchors); ++i) X509_STORE_add_cert(store.get(), sk_X509_value(anchors, i));
  std::unique_ptr<X509_STORE_CTX, StoreCtxFree> ctx(X509_STORE_CTX_new());
  if (!ctx || !X509_STORE_CTX_init(ctx.get(), store.get(), certificate, untrusted)) {
    return {Verdict::not_verified, "the chain could not be built (" + openssl_reason() + ")"};
  }
  X509_STORE_CTX_set_time(ctx.get(), 0, at);
  if (purpose >= 0) X509_STORE_CTX_set_purpose(ctx.get(), purpose);
  // An anchor may be an intermediate a city trusts; the chain ends there.
  X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_PARTIAL_CHAIN);
  const bool verified = X509_verify_cert(ctx.get()) == 1;
  const int error = X509_STORE_CTX_get_error(ctx.get());
  X509* failing = X509_STORE_CTX_get_current_cert(ctx.get());
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  ERR_clear_error();
  if (verified) return {Verdict::trusted, common_name(sk_X509_value(chain, sk_X509_num(chain) - 1))};
  switch (error) {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return {Verdict::not_verified, "self-signed"};
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return {Verdict::not_verified, "unknown issuer: the chain ends at " +
                                         (failing ? common_name(failing) : std::string("a root")) + ", no trust anchor"};
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return {Verdict::not_verified, "unknown issuer"};
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return {Verdict::invalid, "the certificate of " + (failing ? common_name(failing) : std::string("an issuer")) +
                                    " expired on " + (failing ? iso_day(X509_get0_notAfter(failing)) : "") +
                                    " before " + moment};
    default:
      return {Verdict::invalid, X509_verify_cert_error_string(error)};
  }
}

TimestampCheck check_timestamp(std::string_view token, std::string_view data, const STACK_OF(X509) * anchors,
                               const std::string& what, TimestampSigner* signer) {
  TimestampCheck check;
  const auto* p = reinterpret_cast<const unsigned char*>(token.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(token.size())));
  ERR_clear_error();
  if (!cms || OBJ_obj2nid(CMS_get0_eContentType(cms.get())) != NID_id_smime_ct_TSTInfo) {
    check.problem = "the time-stamp token is not a CMS SignedData over a TSTInfo";
    return check;
  }
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  CMS_SignerInfo* si = infos && sk_CMS_SignerInfo_num(infos) == 1 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
  CMS_set1_signers_certs(cms.get(), nullptr, 0);
  ERR_clear_error();
  X509* tsa = nullptr;
  if (si) CMS_SignerInfo_get0_algs(si, nullptr, &tsa, nullptr, nullptr);
  if (!tsa) {
    check.problem = "the time-stamp token holds no certificate of its authority";
    return check;
  }
  check.authority = subject_of(tsa);
  check.authority_expires = time_of(X509_get0_notAfter(tsa));
  BioPtr content(BIO_new(BIO_s_mem()));
  if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, content.get(), CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    ERR_clear_error();
    check.problem = "the time-stamp token's signature does not verify";
    return check;
  }
  check.signature_holds = true;
  char* tst_der = nullptr;
  const long tst_size = BIO_get_mem_data(content.get(), &tst_der);
  const auto* q = reinterpret_cast<const unsigned char*>(tst_der);
  std::unique_ptr<TS_TST_INFO, TsTstFree> tst(d2i_TS_TST_INFO(nullptr, &q, tst_size));
  ERR_clear_error();
  if (!tst) {
    check.problem = "the time-stamp token's TSTInfo does not read";
    return check;
  }
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(tst.get());
  const EVP_MD* md = EVP_get_digestbyobj(TS_MSG_IMPRINT_get_algo(imprint)->algorithm);
  const ASN1_OCTET_STRING* stamped = TS_MSG_IMPRINT_get_msg(imprint);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!md || EVP_Digest(data.data(), data.size(), digest.data(), &length, md, nullptr) != 1) {
    ERR_clear_error();
    check.problem = "the time-stamp's digest algorithm is not known";
    return check;
  }
  if (ASN1_STRING_length(stamped) != static_cast<int>(length) ||
      !std::equal(digest.begin(), digest.begin() + length, ASN1_STRING_get0_data(stamped))) {
    check.problem = "the time-stamp's message imprint is not the digest " + what;
    return check;
  }
  check.imprint_matches = true;
  check.at = time_of(TS_TST_INFO_get_time(tst.get()));
  check.time = utc_text(check.at);
  check.valid = true;
  // RFC 3161 §2.3: the one extended key usage id-kp-timeStamping, critical.
  if (X509_check_purpose(tsa, X509_PURPOSE_TIMESTAMP_SIGN, 0) != 1) {
    ERR_clear_error();
    check.certificate = {CertificateCheck::Verdict::invalid, "not a time-stamping certificate (its extended key "
                                                             "usage is not timeStamping alone, critical)"};
    return check;
  }
  X509StackPtr untrusted(CMS_get1_certs(cms.get()));
  if (!untrusted) untrusted.reset(sk_X509_new_null());
  check.certificate = check_chain(tsa, untrusted.get(), anchors, check.at, X509_PURPOSE_TIMESTAMP_SIGN,
                                  "the time-stamp's time");
  if (signer) {
    X509_up_ref(tsa);
    signer->certificate.reset(tsa);
    signer->certificates = std::move(untrusted);
  }
  return check;
}

std::string request_timestamp(const TimestampAuthority& tsa, std::string_view data) {
  const auto refuse = [&tsa](const std::string& why) { return TimestampError(tsa.url + ": " + why); };
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  std::unique_ptr<TS_REQ, TsReqFree> req(TS_REQ_new());
  std::unique_ptr<TS_MSG_IMPRINT, TsImprintFree> imprint(TS_MSG_IMPRINT_new());
  std::unique_ptr<X509_ALGOR, AlgorFree> algorithm(X509_ALGOR_new());
  std::array<unsigned char, 8> nonce_bytes{};
  if (!req || !imprint || !algorithm || RAND_bytes(nonce_bytes.data(), static_cast<int>(nonce_bytes.size())) != 1) {
    throw refuse("cannot make the time-stamp query (" + openssl_reason() + ")");
  }
  X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  std::unique_ptr<BIGNUM, BnFree> nonce_number(BN_bin2bn(nonce_bytes.data(), static_cast<int>(nonce_bytes.size()), nullptr));
  std::unique_ptr<ASN1_INTEGER, IntegerFree> nonce(nonce_number ? BN_to_ASN1_INTEGER(nonce_number.get(), nullptr) : nullptr);
  if (!nonce || !TS_REQ_set_version(req.get(), 1) || !TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get()) ||
      !TS_MSG_IMPRINT_set_msg(imprint.get(), digest.data(), static_cast<int>(length)) ||
      !TS_REQ_set_msg_imprint(req.get(), imprint.get()) || !TS_REQ_set_nonce(req.get(), nonce.get()) ||
      !TS_REQ_set_cert_req(req.get(), 1)) {
    throw refuse("cannot make the time-stamp query (" + openssl_reason() + ")");
  }
  std::string error;
  const auto answer = net::fetch({tsa.url, "application/timestamp-query", der_of(req.get(), i2d_TS_REQ),
                                  "application/timestamp-reply", tsa.timeout_seconds, 1 << 20},
                                 error);
  if (!answer) throw refuse(error);
  const auto* p = reinterpret_cast<const unsigned char*>(answer->data());
  std::unique_ptr<TS_RESP, TsRespFree> resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(answer->size())));
  ERR_clear_error();
  if (!resp) throw refuse("the answer is not an RFC 3161 TimeStampResp");
  const TS_STATUS_INFO* status = TS_RESP_get_status_info(resp.get());
  const long code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status));
  if (code != 0 && code != 1) throw refuse("the time-stamping authority answered " + status_words(status));
  if (!TS_RESP_get_token(resp.get())) throw refuse("the answer holds no time-stamp token");
  // The nonce and imprint of this query: an answer to another is refused.
  std::unique_ptr<TS_VERIFY_CTX, TsVerifyFree> ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
  if (!ctx || TS_RESP_verify_response(ctx.get(), resp.get()) != 1) {
    throw refuse("the answer is not for this query (" + openssl_reason() + ")");
  }
  std::string token = der_of(TS_RESP_get_token(resp.get()), i2d_PKCS7);
  const TimestampCheck check = check_timestamp(token, data, nullptr, "of what was sent");
  if (!check.valid) throw refuse(check.problem);
  if (check.certificate.verdict == CertificateCheck::Verdict::invalid) {
    throw refuse("its certificate " + check.authority + " is " + check.certificate.detail);
  }
  return token;
}

}  // namespace shiryo::pdf
