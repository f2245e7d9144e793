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
#include <regex>
#include <string>
#include <vector>

#include "harness.h"

namespace shiryo::testing {

// Makes the PKI in `dir`; the result's status is 0 when every file is there.
// With `services` (a RevocationServer's URL), its certificates name that
// server's OCSP responders and CRLs.
inline RunResult make_test_pki(const std::filesystem::path& dir, const std::string& services = "") {
  return run("sh " + quote(source_path("tests/tools/test_pki.sh")) + " " + quote(dir.string()) +
             (services.empty() ? "" : " " + quote(services.substr(0, services.size() - 1))));
}

// Where each revision a signature or document time-stamp of `verify`'s
// report covers ends ("covers the file up to its revision (byte N): yes").
inline std::vector<std::size_t> revision_ends(const std::string& report) {
  std::vector<std::size_t> out;
  const std::regex end("\\(byte (\\d+)\\): yes");
  for (std::sregex_iterator it(report.begin(), report.end(), end), stop; it != stop; ++it) {
    out.push_back(std::stoul((*it)[1]));
  }
  return out;
}

// `pdf` with one hex digit of the first trailer /ID after byte `from`
// changed: a byte of that revision that no object holds.
inline std::string with_id_changed(std::string pdf, std::size_t from) {
  const std::size_t id = pdf.find("/ID[<", from) + 5;
  pdf[id] = pdf[id] == '0' ? '1' : '0';
  return pdf;
}

// A loopback server: /usr/bin/python3 SCRIPT ARGUMENTS PORTFILE, which
// writes its port to PORTFILE once it listens on 127.0.0.1 (tests/tools/
// loopback.py; -B: no bytecode cache written into the source tree).
class LoopbackServer {
 public:
  LoopbackServer(const std::string& script, const std::string& arguments) {
    const std::string port_file = (scratch_ / "port").string();
    const std::string pid_file = (scratch_ / "pid").string();
    std::system(("/usr/bin/python3 -B " + quote(source_path(script)) + " " + arguments + " " + quote(port_file) +
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
// packet.pdf, and a TSA answering "granted"; with `services`, a
// RevocationServer whose CRLs and OCSP responders the certificates name.
// `Suite` keeps its own.
template <class Suite>
class PkiSuite : public ::testing::Test {
 protected:
  static void make_pki(bool services = false) {
    dir_ = std::make_unique<TempDir>();
    if (services) services_ = std::make_unique<RevocationServer>(dir_->path());
    pki_ = std::make_unique<RunResult>(make_test_pki(dir_->path(), services_ ? services_->url() : ""));
    build_ = std::make_unique<RunResult>(
        shiryo("build " + quote(source_path("input/atsugi-r5-2.xml")) + " -o " + quote(path("packet.pdf"))));
    tsa_ = std::make_unique<TsaServer>(dir_->path(), "granted");
  }
  static void remove_pki() {
    tsa_.reset();
    build_.reset();
    pki_.reset();
    services_.reset();
    dir_.reset();
  }
  void SetUp() override {
    if (services_) {
      ASSERT_FALSE(services_->url().empty());
    }
    ASSERT_EQ(pki_->status, 0) << pki_->err;
    ASSERT_EQ(build_->status, 0) << build_->err;
    ASSERT_FALSE(tsa_->url().empty());
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static RunResult in_dir(const std::string& command) {
    return run("cd " + quote(dir_->path().string()) + " && " + command);
  }
  // The object numbers of the streams of the /DSS array `key` (Certs, CRLs,
  // OCSPs) of `file`, as qpdf reads them, each written to NUMBER.der; the
  // DSS as qpdf shows it into `dss`.
  static std::vector<std::string> dss_streams(const std::string& file, const std::string& key,
                                              std::string* dss = nullptr) {
    std::smatch m;
    const std::string trailer = in_dir("qpdf --show-object=trailer " + quote(file)).out;
    if (!std::regex_search(trailer, m, std::regex("/Root (\\d+) 0 R"))) return {};
    const std::string catalog = in_dir("qpdf --show-object=" + m[1].str() + " " + quote(file)).out;
    if (!std::regex_search(catalog, m, std::regex("/DSS (\\d+) 0 R"))) return {};
    const std::string text = in_dir("qpdf --show-object=" + m[1].str() + " " + quote(file)).out;
    if (dss) *dss = text;
    if (!std::regex_search(text, m, std::regex("/" + key + " \\[([^\\]]*)\\]"))) return {};
    std::vector<std::string> out;
    const std::string refs = m[1].str();
    const std::regex ref("(\\d+) 0 R");
    for (std::sregex_iterator it(refs.begin(), refs.end(), ref), end; it != end; ++it) {
      const std::string n = (*it)[1].str();
      in_dir("qpdf --show-object=" + n + " --raw-stream-data " + quote(file) + " > " + n + ".der");
      out.push_back(n);
    }
    return out;
  }
  // How many OCSP responses of `file`'s DSS `openssl ocsp` verifies with the
  // test root and finds CERT.pem (issued by ISSUER.pem) in with `status`
  // (good, revoked).
  static std::size_t ocsp_saying(const std::string& file, const std::string& cert, const std::string& status,
                                 const std::string& issuer = "intermediate") {
    std::size_t n = 0;
    for (const auto& object : dss_streams(file, "OCSPs")) {
      const RunResult r = in_dir("openssl ocsp -no_nonce -respin " + object + ".der -CAfile root.pem -verify_other "
                                 "chain.pem -issuer " + issuer + ".pem -cert " + cert + ".pem");
      if (r.err.find("Response verify OK") != std::string::npos &&
          r.out.find(cert + ".pem: " + status) != std::string::npos) {
        ++n;
      }
    }
    return n;
  }
  // An OCSP response for CERT.pem, good for 30 days, by RESPONDER.pem from
  // the intermediate's database `db` (a copy with revocations), written to
  // `out`; openssl's status.
  static int ocsp_response(const std::string& cert, const std::string& responder, const std::string& out,
                           const std::string& db = "intermediate.db") {
    return in_dir("openssl ocsp -index " + db + "/index.txt -CA intermediate.pem -rsigner " + responder +
                  ".pem -rkey " + responder + ".key -issuer intermediate.pem -cert " + cert +
                  ".pem -no_nonce -ndays 30 -respout " + out + " >/dev/null 2>&1")
        .status;
  }
  static RunResult verify(const std::string& file, const std::string& extra = "") {
    return in_dir(quote(SHIRYO_BINARY) + " verify --trust root.pem " + quote(file) + extra);
  }
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<RevocationServer> services_;
  static inline std::unique_ptr<RunResult> pki_, build_;
  static inline std::unique_ptr<TsaServer> tsa_;
};

}  // namespace shiryo::testing
