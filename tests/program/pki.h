// The signing tests' public-key infrastructure: a root CA, an intermediate,
// a signer, a time-stamping authority and CRLs made by tests/tools/test_pki.sh,
// and a loopback RFC 3161 responder (tests/tools/tsa_server.py) started and
// stopped by the test.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "harness.h"

namespace shiryo::testing {

// Makes the PKI in `dir`; the result's status is 0 when every file is there.
inline RunResult make_test_pki(const std::filesystem::path& dir) {
  return run("sh " + quote(source_path("tests/tools/test_pki.sh")) + " " + quote(dir.string()));
}

// A TSA on 127.0.0.1 answering in `mode` (see tsa_server.py: granted,
// rejection, wrong-nonce, wrong-digest, hang) with the PKI of `dir`.
class TsaServer {
 public:
  TsaServer(const std::filesystem::path& dir, const std::string& mode) {
    const std::string port_file = (scratch_ / "port").string();
    const std::string pid_file = (scratch_ / "pid").string();
    std::system(("/usr/bin/python3 " + quote(source_path("tests/tools/tsa_server.py")) + " " + quote(dir.string()) +
                 " " + mode + " " + quote(port_file) + " >/dev/null 2>&1 & echo $! > " + quote(pid_file))
                    .c_str());
    pid_ = std::stoi(read_file(pid_file));
    // The server writes its port once it listens; a server that died writes none.
    while (!std::filesystem::exists(port_file) && kill(pid_, 0) == 0) usleep(20000);
    if (std::filesystem::exists(port_file)) url_ = "http://127.0.0.1:" + read_file(port_file) + "/";
  }
  // Returns once the server is gone, so that its port is closed.
  ~TsaServer() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    while (kill(pid_, 0) == 0) usleep(20000);
  }
  TsaServer(const TsaServer&) = delete;
  TsaServer& operator=(const TsaServer&) = delete;
  // Empty when the server did not start.
  const std::string& url() const { return url_; }

 private:
  TempDir scratch_;
  pid_t pid_ = -1;
  std::string url_;
};

}  // namespace shiryo::testing
