// The signing tests' public-key infrastructure: a root CA, an intermediate,
// a signer, a time-stamping authority and CRLs made by tests/tools/test_pki.sh,
// a loopback RFC 3161 responder (tests/tools/tsa_server.py) and a loopback
// CRL and OCSP server (tests/tools/revocation_server.py) started and stopped
// by the test.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "harness.h"

namespace shiryo::testing {

// Makes the PKI in `dir`; the result's status is 0 when every file is there.
// With `services` (a RevocationServer's URL), its certificates name that
// server's OCSP responders and CRLs.
inline RunResult make_test_pki(const std::filesystem::path& dir, const std::string& services = "") {
  return run("sh " + quote(source_path("tests/tools/test_pki.sh")) + " " + quote(dir.string()) +
             (services.empty() ? "" : " " + quote(services.substr(0, services.size() - 1))));
}

// A loopback server: /usr/bin/python3 SCRIPT ARGUMENTS PORTFILE, which
// writes its port to PORTFILE once it listens on 127.0.0.1.
class LoopbackServer {
 public:
  LoopbackServer(const std::string& script, const std::string& arguments) {
    const std::string port_file = (scratch_ / "port").string();
    const std::string pid_file = (scratch_ / "pid").string();
    std::system(("/usr/bin/python3 " + quote(source_path(script)) + " " + arguments + " " + quote(port_file) +
                 " >/dev/null 2>&1 & echo $! > " + quote(pid_file))
                    .c_str());
    pid_ = std::stoi(read_file(pid_file));
    // The server writes its port once it listens; a server that died writes none.
    while (!std::filesystem::exists(port_file) && kill(pid_, 0) == 0) usleep(20000);
    if (std::filesystem::exists(port_file)) url_ = "http://127.0.0.1:" + read_file(port_file) + "/";
  }
  // Returns once the server is gone, so that its port is closed.
  ~LoopbackServer() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    while (kill(pid_, 0) == 0) usleep(20000);
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  // Empty when the server did not start.
  const std::string& url() const { return url_; }

 private:
  TempDir scratch_;
  pid_t pid_ = -1;
  std::string url_;
};

// A TSA on 127.0.0.1 answering in `mode` (see tsa_server.py: granted,
// rejection, wrong-nonce, wrong-digest, hang) with the PKI of `dir`.
class TsaServer : public LoopbackServer {
 public:
  TsaServer(const std::filesystem::path& dir, const std::string& mode)
      : LoopbackServer("tests/tools/tsa_server.py", quote(dir.string()) + " " + mode) {}
};

// CRLs and OCSP responses on 127.0.0.1 for the PKI that test_pki.sh makes
// in `dir` (see revocation_server.py).
class RevocationServer : public LoopbackServer {
 public:
  explicit RevocationServer(const std::filesystem::path& dir)
      : LoopbackServer("tests/tools/revocation_server.py", quote(dir.string())) {}
};

// A suite's shared directory: the test PKI, the input packet built as
// packet.pdf, and a TSA answering "granted"; `Suite` keeps its own.
template <class Suite>
class PkiSuite : public ::testing::Test {
 protected:
  static void make_pki() {
    dir_ = std::make_unique<TempDir>();
    pki_ = std::make_unique<RunResult>(make_test_pki(dir_->path()));
    build_ = std::make_unique<RunResult>(
        shiryo("build " + quote(source_path("input/atsugi-r5-2.xml")) + " -o " + quote(path("packet.pdf"))));
    tsa_ = std::make_unique<TsaServer>(dir_->path(), "granted");
  }
  static void remove_pki() {
    tsa_.reset();
    build_.reset();
    pki_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_EQ(pki_->status, 0) << pki_->err;
    ASSERT_EQ(build_->status, 0) << build_->err;
    ASSERT_FALSE(tsa_->url().empty());
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static RunResult in_dir(const std::string& command) {
    return run("cd " + quote(dir_->path().string()) + " && " + command);
  }
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<RunResult> pki_, build_;
  static inline std::unique_ptr<TsaServer> tsa_;
};

}  // namespace shiryo::testing
