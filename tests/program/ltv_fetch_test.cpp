// sign --ltv and timestamp --ltv without revocation files: each
// certificate's OCSP response or CRL is fetched from the services its
// certificate names (tests/tools/revocation_server.py on 127.0.0.1), checked
// with openssl after extraction from the /DSS; a service that fails in any
// way stops the command with nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "harness.h"
#include "pki.h"

namespace shiryo::testing {
namespace {

class FetchedLtv : public PkiSuite<FetchedLtv> {
 protected:
  static void SetUpTestSuite() { make_pki(true); }
  static void TearDownTestSuite() { remove_pki(); }
  // sign --tsa --ltv with signer-MODE.p12 and nothing but `extra`.
  static RunResult sign(const std::string& mode, const std::string& out, const std::string& extra = "") {
    return in_dir(quote(SHIRYO_BINARY) + " sign packet.pdf -o " + quote(out) + " --p12 signer-" + mode +
                  ".p12 --password-file password --tsa " + quote(tsa_->url()) + " --ltv" + extra);
  }
  static std::size_t good_in_ocsp(const std::string& file, const std::string& cert, const std::string& issuer) {
    return ocsp_saying(file, cert, "good", issuer);
  }
  // The revision `file`'s last signature or time-stamp covers (its
  // /ByteRange's end), written to `out`; `out`.
  static std::string covered_by_last(const std::string& file, const std::string& out) {
    const std::string pdf = read_file(path(file));
    std::smatch m;
    const std::string range = pdf.substr(pdf.rfind("/ByteRange["));
    if (!std::regex_search(range, m, std::regex("^/ByteRange\\[0 \\d+ (\\d+) (\\d+)"))) return out;
    write_file(*dir_ / out, pdf.substr(0, std::stoul(m[1]) + std::stoul(m[2])));
    return out;
  }
  // openssl verify -crl_check of CERT.pem with the DSS's CRL stream `object` (dss_streams).
  static RunResult crl_check(const std::string& object, const std::string& cert) {
    return in_dir("openssl crl -inform DER -in " + object + ".der -out " + object + ".crl && "
                  "openssl verify -crl_check -CAfile root.pem -untrusted chain.pem -CRLfile " + object + ".crl " + cert +
                  ".pem");
  }
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
  ASSERT_EQ(ocsp_response("signer-revoked", "ocsp", "revoked.ocsp", "revoked.db"), 0);
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

TEST_F(FetchedLtv, TimestampLtvOnATimeStampedSignatureMakesBLtaInOneRun) {
  const RunResult s = in_dir(quote(SHIRYO_BINARY) + " sign packet.pdf -o bt-only.pdf --p12 signer-ok.p12 --password-file "
                             "password --tsa " + quote(tsa_->url()));
  ASSERT_EQ(s.status, 0) << s.err;
  const RunResult t = in_dir(quote(SHIRYO_BINARY) + " timestamp bt-only.pdf -o bt-lta.pdf --tsa " + quote(tsa_->url()) +
                             " --ltv");
  ASSERT_EQ(t.status, 0) << t.err;
  // The validation data comes before the document time-stamp, which covers it.
  const RunResult v = verify("bt-lta.pdf");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  level: PAdES B-LTA\n"), std::string::npos) << v.out;
  EXPECT_EQ(ocsp_saying(covered_by_last("bt-lta.pdf", "bt-lta-covered.pdf"), "signer-ok", "good"), 1u);
}

TEST_F(FetchedLtv, ALaterRoundFetchesTheAuthoritysStatusAnewBeforeItsTimeStamp) {
  // A DSS of an earlier round: the signer's OCSP response and the
  // intermediate's CRL as it stood in 2020, which covers the TSA but no
  // longer shows its status.
  ASSERT_EQ(ocsp_response("signer-ok", "ocsp", "signer-ok.ocsp"), 0);
  const RunResult s = in_dir(quote(SHIRYO_BINARY) + " sign packet.pdf -o round1.pdf --p12 signer-ok.p12 --password-file "
                             "password --ltv --ocsp-response signer-ok.ocsp --ocsp-response intermediate.ocsp "
                             "--crl stale-intermediate.crl");
  ASSERT_EQ(s.status, 0) << s.err;
  const RunResult first = in_dir(quote(SHIRYO_BINARY) + " timestamp round1.pdf -o round2.pdf --tsa " + quote(tsa_->url()));
  ASSERT_EQ(first.status, 0) << first.err;
  // The first document time-stamp's authority: only the stale CRL speaks for it.
  EXPECT_EQ(ocsp_saying("round2.pdf", "tsa", "good"), 0u);
  const RunResult before = verify("round2.pdf");
  EXPECT_EQ(before.status, 4) << before.out;
  EXPECT_NE(before.out.find("  revocation: NOT established (the CRL of Test Intermediate CA of 2020-01-01 00:00:00 UTC, "
                            "next update 2020-02-01 00:00:00 UTC, is stale"),
            std::string::npos)
      << before.out;
  // The next round fetches the authority's status now, in an update the new time-stamp covers.
  const RunResult second = in_dir(quote(SHIRYO_BINARY) + " timestamp round2.pdf -o round3.pdf --tsa " +
                                  quote(tsa_->url()) + " --ltv");
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(ocsp_saying(covered_by_last("round3.pdf", "round3-covered.pdf"), "tsa", "good"), 1u);
  const RunResult after = verify("round3.pdf");
  EXPECT_EQ(after.status, 0) << after.out;
  const std::size_t block = after.out.find("document time-stamp 2 (DocTimeStamp2): valid\n");
  ASSERT_NE(block, std::string::npos) << after.out;
  EXPECT_NE(after.out.find("  revocation: checked, unrevoked (OCSP responses of the DSS)\n", block), std::string::npos)
      << after.out;
  EXPECT_NE(after.out.find("  covered by document time-stamp 3", block), std::string::npos) << after.out;
  const RunResult q = in_dir("qpdf --check round3.pdf");
  EXPECT_EQ(q.status, 0) << q.out << q.err;
  const RunResult sig = in_dir("pdfsig round3.pdf");
  EXPECT_NE(sig.out.find("Signature #3:"), std::string::npos) << sig.out;
  EXPECT_NE(sig.out.find("Signature Validation: Signature is Valid."), std::string::npos) << sig.out;
}

}  // namespace
}  // namespace shiryo::testing
