#include "pdf/digest.h"

#include <openssl/evp.h>

namespace shiryo::pdf {

std::array<unsigned char, 32> sha256(std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr);
  return out;
}

}  // namespace shiryo::pdf
