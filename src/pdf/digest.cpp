#include "pdf/digest.h"

#include <openssl/evp.h>

namespace shiryo::pdf {

std::array<unsigned char, 32> sha256(std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr);
  return out;
}

std::string sha256_hex(std::string_view data) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (const unsigned char b : sha256(data)) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

}  // namespace shiryo::pdf
