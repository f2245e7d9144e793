#include "pdf/openssl_util.h"

#include <openssl/err.h>

#include <cstdio>
#include <ctime>

#include "model/date.h"

namespace shiryo::pdf {

std::string openssl_reason() {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (e == 0) return "unknown reason";
  const char* r = ERR_reason_error_string(e);
  return r ? r : "unknown reason";
}

std::string iso_day(const ASN1_TIME* t) {
  std::tm tm{};
  if (!ASN1_TIME_to_tm(t, &tm)) return "an unreadable date";
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return out;
}

std::time_t time_of(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || !ASN1_TIME_to_tm(t, &tm)) return 0;
  const long long days = model::days_from_civil(model::CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
  return static_cast<std::time_t>(days * 86400 + tm.tm_hour * 3600LL + tm.tm_min * 60LL + tm.tm_sec);
}

std::string utc_text(std::time_t at) {
  std::tm tm{};
  gmtime_r(&at, &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d %02d:%02d:%02d UTC", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return out;
}

std::string der_length(std::size_t n) {
  std::string out;
  if (n < 0x80) {
    out += static_cast<char>(n);
    return out;
  }
  std::string bytes;
  for (std::size_t v = n; v > 0; v >>= 8) bytes.insert(bytes.begin(), static_cast<char>(v & 0xFF));
  out += static_cast<char>(0x80 | bytes.size());
  return out + bytes;
}

X509Ptr certificate_of(const std::string& der) {
  const unsigned char* p = bytes_of(der);
  return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

CrlPtr crl_of(const std::string& der) {
  const unsigned char* p = bytes_of(der);
  return CrlPtr(d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size())));
}

}  // namespace shiryo::pdf
