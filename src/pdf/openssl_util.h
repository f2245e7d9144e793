// What the signature code shares about OpenSSL: owners of its handles, its
// last error as words, and DER pieces.
#pragma once

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <ctime>
#include <memory>
#include <string>

namespace shiryo::pdf {

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

struct BioFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
};
struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
struct OpensslFree {
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;

struct CrlFree {
  void operator()(X509_CRL* p) const { X509_CRL_free(p); }
};
struct OcspRequestFree {
  void operator()(OCSP_REQUEST* p) const { OCSP_REQUEST_free(p); }
};
struct OcspResponseFree {
  void operator()(OCSP_RESPONSE* p) const { OCSP_RESPONSE_free(p); }
};
struct OcspBasicFree {
  void operator()(OCSP_BASICRESP* p) const { OCSP_BASICRESP_free(p); }
};
struct OcspCertIdFree {
  void operator()(OCSP_CERTID* p) const { OCSP_CERTID_free(p); }
};
struct StoreFree {
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
using CrlPtr = std::unique_ptr<X509_CRL, CrlFree>;
using StorePtr = std::unique_ptr<X509_STORE, StoreFree>;

// A string's bytes as OpenSSL's d2i_… and digests take them.
inline const unsigned char* bytes_of(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// A certificate or CRL from its DER bytes; null when they do not read.
X509Ptr certificate_of(const std::string& der);
CrlPtr crl_of(const std::string& der);

// The reason OpenSSL gives last, for messages; clears its queue.
std::string openssl_reason();

// 2024-03-14, or "an unreadable date".
std::string iso_day(const ASN1_TIME* t);

// An ASN.1 time as seconds since 1970; 0 when it does not read.
std::time_t time_of(const ASN1_TIME* t);

// 2026-12-07 09:55:04 UTC.
std::string utc_text(std::time_t at);

// The DER length octets for `n` content bytes.
std::string der_length(std::size_t n);

// The DER encoding OpenSSL's i2d_… gives for `object`; empty when it fails.
template <class T, class Encode>
std::string der_of(const T* object, Encode encode) {
  unsigned char* der = nullptr;
  const int n = encode(const_cast<T*>(object), &der);
  if (n <= 0) return "";
  std::unique_ptr<unsigned char, OpensslFree> owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
}

}  // namespace shiryo::pdf
