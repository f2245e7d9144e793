// sign --ltv and timestamp --ltv without revocation files: each
// certificate's OCSP response or CRL is fetched from the services its
// certificate names (tests/tools/revocation_server.py on 127.0.0.1), checked
// with openssl after extraction from the /DSS; a service that fails in any
// way stops the command with nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <regex>

#include "harness.h"
#include "pki.h"

namespace shiryo::testing {
namespace {

class FetchedLtv : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    services_ = std::make_unique<RevocationServer>(dir_->path());
    pki_ = std::make_unique<RunResult>(make_test_pki(dir_->path(), services_->url()));
    build_ = std::make_unique<RunResult>(
        shiryo("build " + quote(source_path("input/atsugi-r5-2.xml")) + " -o " + quote(path("packet.pdf"))));
    tsa_ = std::make_unique<TsaServer>(dir_->path(), "granted");
  }
  static void TearDownTestSuite() {
    tsa_.reset();
    build_.reset();
    pki_.reset();
    services_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_FALSE(services_->url().empty());
    ASSERT_EQ(pki_->status, 0) << pki_->err;
    ASSERT_EQ(build_->status, 0) << build_->err;
    ASSERT_FALSE(tsa_->url().empty());
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static RunResult in_dir(const std::string& command) {
    return run("cd " + quote(dir_->path().string()) + " && " + command);
  }
  // sign --tsa --ltv with signer-MODE.p12 and nothing but `extra`.
  static RunResult sign(const std::string& mode, const std::string& out, const std::string& extra = "") {
    return in_dir(quote(SHIRYO_BINARY) + " sign packet.pdf -o " + quote(out) + " --p12 signer-" + mode +
                  ".p12 --password-file password --tsa " + quote(tsa_->url()) + " --ltv" + extra);
  }
  // Each stream of the /DSS array `key` of `file`, written to OBJ.der; their object numbers.
  static std::vector<std::string> dss_streams(const std::string& file, const std::string& key) {
    std::smatch m;
    const std::string trailer = in_dir("qpdf --show-object=trailer " + quote(file)).out;
    if (!std::regex_search(trailer, m, std::regex("/Root (\\d+) 0 R"))) return {};
    const std::string catalog = in_dir("qpdf --show-object=" + m[1].str() + " " + quote(file)).out;
    if (!std::regex_search(catalog, m, std::regex("/DSS (\\d+) 0 R"))) return {};
    const std::string dss = in_dir("qpdf --show-object=" + m[1].str() + " " + quote(file)).out;
    if (!std::regex_search(dss, m, std::regex("/" + key + " \\[([^\\]]*)\\]"))) return {};
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
  // How many OCSP responses of `file`'s DSS openssl verifies with the test root and finds `cert` (issued by `issuer`) good in.
  static std::size_t good_in_ocsp(const std::string& file, const std::string& cert, const std::string& issuer) {
    std::size_t n = 0;
    for (const auto& object : dss_streams(file, "OCSPs")) {
      const RunResult r = in_dir("openssl ocsp -no_nonce -respin " + object + ".der -CAfile root.pem -verify_other chain.pem -issuer " +
                                 issuer + ".pem -cert " + cert + ".pem");
      if (r.err.find("Response verify OK") != std::string::npos && r.out.find(cert + ".pem: good") != std::string::npos) ++n;
    }
    return n;
  }
  // openssl verify -crl_check of CERT.pem with the DSS's CRL stream `object` (dss_streams).
  static RunResult crl_check(const std::string& object, const std::string& cert) {
    return in_dir("openssl crl -inform DER -in " + object + ".der -out " + object + ".crl && "
                  "openssl verify -crl_check -CAfile root.pem -untrusted chain.pem -CRLfile " + object + ".crl " + cert +
                  ".pem");
  }
  static RunResult verify(const std::string& file) {
    return in_dir(quote(SHIRYO_BINARY) + " verify --trust root.pem " + quote(file));
  }
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<RevocationServer> services_;
  static inline std::unique_ptr<RunResult> pki_, build_;
  static inline std::unique_ptr<TsaServer> tsa_;
};

TEST_F(FetchedLtv, EveryCertificateOfTheChainsGetsAnOcspResponseFromItsResponder) {
  const RunResult s = sign("ok", "ok.pdf");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_EQ(s.err, "");
  // The signer's and the TSA's from the intermediate's delegated responder, the intermediate's from the root.
  EXPECT_EQ(good_in_ocsp("ok.pdf", "signer-ok", "intermediate"), 1u);
  EXPECT_EQ(good_in_ocsp("ok.pdf", "tsa", "intermediate"), 1u);
  EXPECT_EQ(good_in_ocsp("ok.pdf", "intermediate", "root"), 1u);
  EXPECT_EQ(dss_streams("ok.pdf", "OCSPs").size(), 3u);
  EXPECT_TRUE(dss_streams("ok.pdf", "CRLs").empty());
  const RunResult q = in_dir("qpdf --check ok.pdf");
  EXPECT_EQ(q.status, 0) << q.out << q.err;
  const RunResult v = verify("ok.pdf");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  revocation: checked, unrevoked (OCSP responses of the DSS)\n  level: PAdES B-LT\n"),
            std::string::npos)
      << v.out;
}

TEST_F(FetchedLtv, AFailingResponderLeavesItToTheCrl) {
  const RunResult s = sign("ocsp-down", "crl.pdf");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_EQ(good_in_ocsp("crl.pdf", "signer-ocsp-down", "intermediate"), 0u);
  // The intermediate's CRL, which openssl checks the signer with.
  const auto crls = dss_streams("crl.pdf", "CRLs");
  ASSERT_EQ(crls.size(), 1u);
  const RunResult issuer = in_dir("openssl crl -inform DER -in " + crls[0] + ".der -noout -issuer");
  EXPECT_NE(issuer.out.find("Test Intermediate CA"), std::string::npos) << issuer.out;
  const RunResult checked = crl_check(crls[0], "signer-ocsp-down");
  EXPECT_EQ(checked.status, 0) << checked.out << checked.err;
  const RunResult v = verify("crl.pdf");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  revocation: checked, unrevoked (CRLs and OCSP responses of the DSS)\n  level: PAdES B-LT\n"),
            std::string::npos)
      << v.out;
}

TEST_F(FetchedLtv, AResponderWithoutNocheckBringsItsCasCrlAlong) {
  const RunResult s = sign("delegated", "delegated.pdf");
  ASSERT_EQ(s.status, 0) << s.err;
  // The signer's answer, by Test Checked Responder, which openssl verifies.
  EXPECT_EQ(good_in_ocsp("delegated.pdf", "signer-delegated", "intermediate"), 1u);
  const RunResult noext = in_dir("openssl x509 -in ocsp-checked.pem -noout -text");
  ASSERT_EQ(noext.out.find("OCSP No Check"), std::string::npos) << noext.out;
  // And the intermediate's CRL, fetched from the responder's distribution
  // point: openssl shows the responder unrevoked by it.
  const auto crls = dss_streams("delegated.pdf", "CRLs");
  ASSERT_EQ(crls.size(), 1u);
  const RunResult checked = crl_check(crls[0], "ocsp-checked");
  EXPECT_EQ(checked.status, 0) << checked.out << checked.err;
  // So verify counts the answer: B-LT with status 0, not "NOT established".
  const RunResult v = verify("delegated.pdf");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  level: PAdES B-LT\n"), std::string::npos) << v.out;
}

TEST_F(FetchedLtv, AServiceThatDoesNotAnswerAsItShouldWritesNothing) {
  const std::string base = services_->url();
  const std::pair<const char*, const char*> cases[] = {
      {"error", "OCSP {}error/ocsp/intermediate: HTTP status 500; CRL {}error/intermediate.crl: HTTP status 500"},
      {"html", "OCSP {}html/ocsp/intermediate: the answer is text/html, not application/ocsp-response; "
               "CRL {}html/intermediate.crl: the answer is not a CRL (DER or PEM)"},
      {"hang", "OCSP {}hang/ocsp/intermediate: no answer within 1 seconds; "
               "CRL {}hang/intermediate.crl: no answer within 1 seconds"},
      {"garbage", "OCSP {}garbage/ocsp/intermediate: the answer is not an OCSP response; "
                  "CRL {}garbage/intermediate.crl: the answer is not a CRL (DER or PEM)"},
      {"other", "OCSP {}other/ocsp/intermediate: the answer is for another certificate; "
                "CRL {}other/intermediate.crl: the answer is a CRL of Test Root CA, not of Test Intermediate CA"},
      {"stale", "OCSP {}stale/ocsp/intermediate: HTTP status 500; CRL {}stale/intermediate.crl: the CRL of "
                "2020-01-01 00:00:00 UTC, next update 2020-02-01 00:00:00 UTC, is not current"},
      {"revoked", "OCSP {}revoked/ocsp/intermediate: HTTP status 500; CRL {}revoked/intermediate.crl: the certificate "
                  "is revoked since "},
  };
  for (const auto& [mode, said] : cases) {
    std::string expected = std::string("shiryo: error: no revocation data for the certificate of Test Signer (") + said;
    for (auto at = expected.find("{}"); at != std::string::npos; at = expected.find("{}")) expected.replace(at, 2, base);
    const std::string out = std::string(mode) + ".pdf";
    const RunResult s = sign(mode, out, " --fetch-timeout 1");
    EXPECT_EQ(s.status, 3) << mode << ": " << s.err;
    EXPECT_EQ(s.err.rfind(expected, 0), 0u) << mode << ": " << s.err << "\nexpected: " << expected;
    EXPECT_NE(s.err.find("; nothing signed\n"), std::string::npos) << s.err;
    EXPECT_FALSE(std::filesystem::exists(path(out))) << mode;
  }
  // The CRL's reason code is said.
  const RunResult revoked = sign("revoked", "revoked.pdf");
  EXPECT_TRUE(std::regex_search(revoked.err, std::regex("the certificate is revoked since [-0-9: ]+ UTC for keyCompromise\\)")))
      << revoked.err;
}

TEST_F(FetchedLtv, VerifySaysTheReasonOfARevocation) {
  // Given files are taken as they are: the DSS then shows the revocation.
  const RunResult crl = sign("revoked", "revoked-crl.pdf", " --crl revoked-intermediate.crl --crl root.crl");
  ASSERT_EQ(crl.status, 0) << crl.err;
  const RunResult v = verify("revoked-crl.pdf");
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_TRUE(std::regex_search(v.out, std::regex("\n  revocation: REVOKED \\(the certificate of Test Signer is revoked "
                                                  "since [-0-9: ]+ UTC for keyCompromise \\(CRL of Test Intermediate CA\\)\\)\n")))
      << v.out;
  // openssl reads the same reason from the CRL.
  const RunResult text = in_dir("openssl crl -in revoked-intermediate.crl -noout -text");
  EXPECT_NE(text.out.find("Key Compromise"), std::string::npos) << text.out;
  ASSERT_EQ(in_dir("openssl ocsp -index revoked.db/index.txt -CA intermediate.pem -rsigner ocsp.pem -rkey ocsp.key "
                   "-issuer intermediate.pem -cert signer-revoked.pem -no_nonce -ndays 30 -respout revoked.ocsp "
                   ">/dev/null 2>&1")
                .status,
            0);
  const RunResult ocsp = sign("revoked", "revoked-ocsp.pdf", " --ocsp-response revoked.ocsp");
  ASSERT_EQ(ocsp.status, 0) << ocsp.err;
  const RunResult vo = verify("revoked-ocsp.pdf");
  EXPECT_EQ(vo.status, 1) << vo.out;
  EXPECT_TRUE(std::regex_search(vo.out, std::regex("^not valid: signature 1: the certificate of Test Signer is revoked since "
                                                   "[-0-9: ]+ UTC for keyCompromise \\(OCSP response by Test OCSP Responder\\)\n")))
      << vo.out;
}

TEST_F(FetchedLtv, GivenFilesAreNotFetchedAgain) {
  // The intermediate's CRL covers the signer and the TSA, the root's CRL the
  // intermediate: nothing to ask, so a signer whose services fail still signs.
  const RunResult s = sign("error", "given.pdf", " --crl intermediate.crl --crl root.crl");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_TRUE(dss_streams("given.pdf", "OCSPs").empty());
  EXPECT_EQ(dss_streams("given.pdf", "CRLs").size(), 2u);
}

TEST_F(FetchedLtv, TimestampLtvAfterAFetchedDssMakesBLta) {
  ASSERT_EQ(sign("ok", "for-lta.pdf").status, 0);
  const RunResult t = in_dir(quote(SHIRYO_BINARY) + " timestamp for-lta.pdf -o lta.pdf --tsa " + quote(tsa_->url()) +
                             " --ltv");
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_EQ(t.err, "");
  const RunResult v = verify("lta.pdf");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  level: PAdES B-LTA\n"), std::string::npos) << v.out;
  const RunResult sig = in_dir("pdfsig lta.pdf");
  EXPECT_NE(sig.out.find("Signature Validation: Signature is Valid."), std::string::npos) << sig.out;
}

}  // namespace
}  // namespace shiryo::testing
