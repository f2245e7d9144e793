// PAdES B-LT validation data: sign --ltv and timestamp --ltv add a /DSS
// whose certificates and CRLs, extracted with qpdf, let `openssl verify
// -crl_check_all` build and check the signer's chain, with a /VRI keyed by
// the SHA-1 of each signature's /Contents; verify checks revocation with
// the same CRLs and reports B-LT and B-LTA.
#include <gtest/gtest.h>

#include <ctime>
#include <memory>
#include <regex>
#include <set>

#include "harness.h"
#include "pki.h"

namespace shiryo::testing {
namespace {

class Ltv : public PkiSuite<Ltv> {
 protected:
  static void SetUpTestSuite() {
    make_pki();
    signed_ = std::make_unique<RunResult>(sign("packet.pdf", "ltv.pdf", "--crl root.crl --crl intermediate.crl.der"));
    stamped_ = std::make_unique<RunResult>(in_dir(quote(SHIRYO_BINARY) + " timestamp ltv.pdf -o lta.pdf --tsa " +
                                                  quote(tsa_->url()) + " --ltv --crl root.crl --trust root.pem"));
  }
  static void TearDownTestSuite() {
    stamped_.reset();
    signed_.reset();
    remove_pki();
  }
  void SetUp() override {
    PkiSuite::SetUp();
    ASSERT_EQ(signed_->status, 0) << signed_->err;
    ASSERT_EQ(stamped_->status, 0) << stamped_->err;
  }
  // sign --ltv with the revocation data of `revocation` (--crl FILE, --ocsp-response FILE), time-stamped unless `plain`.
  static RunResult sign(const std::string& in, const std::string& out, const std::string& revocation,
                        bool plain = false) {
    return in_dir(quote(SHIRYO_BINARY) + " sign " + quote(in) + " -o " + quote(out) +
                  " --p12 signer.p12 --password-file password" + (plain ? "" : " --tsa " + quote(tsa_->url())) +
                  " --ltv " + revocation + " --trust root.pem");
  }
  // A copy of the database of CA `ca` with `cert` revoked, named `name`.db, with its config `name`.cnf.
  static int revoke(const std::string& ca, const std::string& cert, const std::string& name) {
    return in_dir("cp -r " + ca + ".db " + name + ".db && sed 's/" + ca + ".db/" + name + ".db/' " + ca + ".cnf > " +
                  name + ".cnf && openssl ca -config " + name + ".cnf -revoke " + cert + ".pem 2>/dev/null")
        .status;
  }
  // Each stream of the DSS array written as PEM into `pem_file` (`kind`: x509 or crl); their subjects or issuers.
  static std::set<std::string> extract(const std::string& file, const std::string& key, const std::string& kind,
                                       const std::string& pem_file) {
    std::set<std::string> names;
    in_dir(": > " + quote(pem_file));
    for (const auto& n : dss_streams(file, key)) {
      const std::string der = n + ".der";
      const RunResult pem = in_dir("openssl " + kind + " -inform DER -in " + der + " >> " + quote(pem_file));
      EXPECT_EQ(pem.status, 0) << "object " << n << ": " << pem.err;
      const RunResult name =
          in_dir("openssl " + kind + " -inform DER -in " + der + (kind == "x509" ? " -noout -subject" : " -noout -issuer"));
      std::smatch m;
      if (std::regex_search(name.out, m, std::regex("CN ?= ?([^,/\n]+)"))) names.insert(m[1].str());
    }
    return names;
  }
  static inline std::unique_ptr<RunResult> signed_, stamped_;
};

TEST_F(Ltv, TheDssHoldsEveryChainAndOpensslVerifiesTheSignerWithItsCrls) {
  const auto subjects = extract("ltv.pdf", "Certs", "x509", "dss-certs.pem");
  EXPECT_EQ(subjects, (std::set<std::string>{"Test Signer", "Test Intermediate CA", "Test Root CA", "Test TSA"}));
  const auto issuers = extract("ltv.pdf", "CRLs", "crl", "dss-crls.pem");
  EXPECT_EQ(issuers, (std::set<std::string>{"Test Intermediate CA", "Test Root CA"}));
  // Only what the DSS holds: its certificates as the untrusted chain, its CRLs.
  for (const char* leaf : {"signer.pem", "tsa.pem"}) {
    const RunResult v = in_dir(std::string("openssl verify -crl_check_all -CAfile root.pem -untrusted dss-certs.pem "
                                           "-CRLfile dss-crls.pem ") + leaf);
    EXPECT_EQ(v.status, 0) << v.out << v.err;
    EXPECT_NE(v.out.find(": OK"), std::string::npos) << v.out;
  }
  // Without the DSS's CRLs the same check cannot be made.
  const RunResult none = in_dir("openssl verify -crl_check_all -CAfile root.pem -untrusted dss-certs.pem signer.pem");
  EXPECT_NE(none.status, 0) << none.out;
}

TEST_F(Ltv, TheVriKeyIsTheSha1OfTheSignatureContents) {
  const std::string pdf = read_file(path("ltv.pdf"));
  const std::size_t begin = pdf.find("/Contents<", pdf.find("/SubFilter/ETSI.CAdES.detached")) + 10;
  in_dir("printf '%s' " + pdf.substr(begin, pdf.find('>', begin) - begin) + " | xxd -r -p > contents.bin");
  const RunResult sha1 = in_dir("openssl dgst -sha1 -r contents.bin");
  ASSERT_EQ(sha1.status, 0) << sha1.err;
  std::string key = sha1.out.substr(0, 40);
  for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string dss;
  const auto certs = dss_streams("ltv.pdf", "Certs", &dss);
  EXPECT_NE(dss.find("/VRI << /" + key + " << /CRL [ "), std::string::npos) << key << "\n" << dss;
  EXPECT_EQ(certs.size(), 4u) << dss;
}

TEST_F(Ltv, QpdfPdfsigAndVerifyReadTheFile) {
  for (const char* file : {"ltv.pdf", "lta.pdf"}) {
    const RunResult q = in_dir(std::string("qpdf --check ") + file);
    EXPECT_EQ(q.status, 0) << q.out << q.err;
    const RunResult sig = in_dir(std::string("pdfsig ") + file);
    EXPECT_NE(sig.out.find("Signature Validation: Signature is Valid."), std::string::npos) << sig.out;
    const RunResult v = in_dir(quote(SHIRYO_BINARY) + " verify --trust root.pem " + file);
    EXPECT_EQ(v.status, 0) << v.out << v.err;
    EXPECT_NE(v.out.find("validation data (/DSS) added"), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("  revocation: checked, unrevoked (CRLs of the DSS)\n"), std::string::npos) << v.out;
  }
  // B-LT once the DSS validates the time-stamped signature; B-LTA once a
  // document time-stamp covers that DSS.
  const RunResult lt = in_dir(quote(SHIRYO_BINARY) + " verify --trust root.pem ltv.pdf");
  EXPECT_NE(lt.out.find("  level: PAdES B-LT\n"), std::string::npos) << lt.out;
  const RunResult lta = in_dir(quote(SHIRYO_BINARY) + " verify --trust root.pem lta.pdf");
  EXPECT_NE(lta.out.find("  level: PAdES B-LTA\n"), std::string::npos) << lta.out;
  // Without anchors the chain is not trusted, and nothing is claimed about revocation.
  const RunResult untrusted = in_dir(quote(SHIRYO_BINARY) + " verify ltv.pdf");
  EXPECT_NE(untrusted.out.find("  revocation: not checked (the chain is not trusted)\n  level: PAdES B-T\n"),
            std::string::npos)
      << untrusted.out;
}

TEST_F(Ltv, TimestampLtvKeepsTheDssAndAddsTheDocumentTimeStamp) {
  // The DSS after the signature is an allowed addition: no warning of uncovered bytes.
  EXPECT_EQ(stamped_->err, "");
  std::string before, after;
  const auto certs_before = dss_streams("ltv.pdf", "Certs", &before);
  const auto certs_after = dss_streams("lta.pdf", "Certs", &after);
  for (const auto& n : certs_before) {
    EXPECT_NE(std::find(certs_after.begin(), certs_after.end(), n), certs_after.end()) << n << "\n" << after;
  }
  // The signature's VRI stays; the document time-stamp has one of its own.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(before, m, std::regex("/VRI << /([0-9A-F]{40})")));
  EXPECT_NE(after.find("/" + m[1].str() + " <<"), std::string::npos) << after;
  std::size_t keys = 0;
  const std::regex vri_key("/[0-9A-F]{40} <<");
  for (std::sregex_iterator it(after.begin(), after.end(), vri_key), end; it != end; ++it) ++keys;
  EXPECT_EQ(keys, 2u) << after;
}

TEST_F(Ltv, ATamperedByteInTheValidationDataTheDocumentTimeStampCoversIsFound) {
  // lta.pdf: the packet, the signature, its DSS, the document time-stamp, its DSS.
  const std::string pdf = read_file(path("lta.pdf"));
  const RunResult v = verify("lta.pdf");
  const auto ends = revision_ends(v.out);
  ASSERT_EQ(ends.size(), 2u) << v.out;
  // One hex digit of the third revision's trailer /ID: bytes of the DSS's update, in no object.
  ASSERT_LT(pdf.find("/ID[<", ends[0]), ends[1]);
  write_file(*dir_ / "lta-tampered-dss.pdf", with_id_changed(pdf, ends[0]));
  const RunResult t = verify("lta-tampered-dss.pdf");
  EXPECT_EQ(t.status, 1) << t.out;
  EXPECT_NE(t.out.find("signature 1 (Signature1): valid\n"), std::string::npos) << t.out;
  EXPECT_EQ(t.out.substr(0, t.out.find('\n')),
            "not valid: document time-stamp 2: the document time-stamp fails: the time-stamp's message imprint is "
            "not the digest of the byte ranges")
      << t.out;
}

TEST_F(Ltv, ARevokedSignerShowsRevokedInTheDssCrl) {
  ASSERT_EQ(revoke("intermediate", "signer", "revoked"), 0);
  ASSERT_EQ(in_dir("openssl ca -config revoked.cnf -gencrl -out revoked.crl 2>/dev/null").status, 0);
  const RunResult s = sign("packet.pdf", "revoked.pdf", "--crl root.crl --crl revoked.crl");
  ASSERT_EQ(s.status, 0) << s.err;
  extract("revoked.pdf", "Certs", "x509", "revoked-certs.pem");
  extract("revoked.pdf", "CRLs", "crl", "revoked-crls.pem");
  const RunResult v = in_dir("openssl verify -crl_check_all -CAfile root.pem -untrusted revoked-certs.pem "
                             "-CRLfile revoked-crls.pem signer.pem");
  EXPECT_NE(v.status, 0);
  EXPECT_NE((v.out + v.err).find("certificate revoked"), std::string::npos) << v.out << v.err;
  const RunResult ours = in_dir(quote(SHIRYO_BINARY) + " verify --trust root.pem revoked.pdf");
  EXPECT_EQ(ours.status, 1) << ours.out;
  const std::string revoked = "the certificate of Test Signer is revoked since 20\\d\\d-\\d\\d-\\d\\d "
                              "\\d\\d:\\d\\d:\\d\\d UTC \\(CRL of Test Intermediate CA\\)";
  EXPECT_TRUE(std::regex_search(ours.out, std::regex("^not valid: signature 1: " + revoked + "\n"))) << ours.out;
  EXPECT_TRUE(std::regex_search(ours.out, std::regex("\n  revocation: REVOKED \\(" + revoked + "\\)\n"))) << ours.out;
}

TEST_F(Ltv, BadValidationDataWritesNothing) {
  in_dir("printf 'no crl' > bad.crl");
  const RunResult bad = sign("packet.pdf", "bad.pdf", "--crl root.crl --crl bad.crl");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("bad.crl: not a CRL (DER or PEM); nothing signed"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(path("bad.pdf")));
  const RunResult ocsp = in_dir(quote(SHIRYO_BINARY) +
                                " sign packet.pdf -o bad.pdf --p12 signer.p12 --password-file password --ltv "
                                "--ocsp-response bad.crl");
  EXPECT_EQ(ocsp.status, 1);
  EXPECT_NE(ocsp.err.find("not an OCSP response (DER)"), std::string::npos) << ocsp.err;
  const RunResult none =
      in_dir(quote(SHIRYO_BINARY) + " sign packet.pdf -o bad.pdf --p12 signer.p12 --password-file password --ltv");
  // Nothing given, and the test PKI's certificates name no service to fetch from.
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.err.find("the certificate of Test Signer names no OCSP responder or CRL distribution point (http); "
                          "give its revocation data with --crl FILE or --ocsp-response FILE; nothing signed"),
            std::string::npos)
      << none.err;
  const RunResult loose = in_dir(quote(SHIRYO_BINARY) +
                                 " sign packet.pdf -o bad.pdf --p12 signer.p12 --password-file password --crl root.crl");
  EXPECT_EQ(loose.status, 2);
  EXPECT_NE(loose.err.find("go with --ltv for sign"), std::string::npos) << loose.err;
  EXPECT_FALSE(std::filesystem::exists(path("bad.pdf")));
}

TEST_F(Ltv, OcspResponsesOfTheDssShowTheChainsUnrevoked) {
  const RunResult s =
      sign("packet.pdf", "ocsp.pdf", "--ocsp-response signer.ocsp --ocsp-response intermediate.ocsp --ocsp-response tsa.ocsp");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_EQ(ocsp_saying("ocsp.pdf", "signer", "good"), 1u);
  const RunResult v = verify("ocsp.pdf");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  revocation: checked, unrevoked (OCSP responses of the DSS)\n  level: PAdES B-LT\n"),
            std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("  time-stamping authority's revocation: checked, unrevoked (OCSP responses of the DSS)\n"),
            std::string::npos)
      << v.out;
}

TEST_F(Ltv, ARevokedSignerShowsRevokedInTheDssOcspResponse) {
  ASSERT_EQ(revoke("intermediate", "signer", "ocsp-revoked"), 0);
  ASSERT_EQ(ocsp_response("signer", "ocsp", "revoked.ocsp", "ocsp-revoked.db"), 0);
  const RunResult s = sign("packet.pdf", "ocsp-revoked.pdf", "--ocsp-response revoked.ocsp --ocsp-response intermediate.ocsp --ocsp-response tsa.ocsp");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_EQ(ocsp_saying("ocsp-revoked.pdf", "signer", "revoked"), 1u);
  const RunResult v = verify("ocsp-revoked.pdf");
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_TRUE(std::regex_search(v.out, std::regex("^not valid: signature 1: the certificate of Test Signer is revoked "
                                                  "since [-0-9: ]+ UTC \\(OCSP response by Test OCSP Responder\\)\n")))
      << v.out;
}

TEST_F(Ltv, AnOcspResponseByAResponderTheCaDidNotDelegateShowsNothing) {
  const RunResult s = sign("packet.pdf", "ocsp-wrong.pdf", "--ocsp-response signer-wrong.ocsp --ocsp-response intermediate.ocsp --ocsp-response tsa.ocsp");
  ASSERT_EQ(s.status, 0) << s.err;
  // openssl refuses it too.
  EXPECT_EQ(ocsp_saying("ocsp-wrong.pdf", "signer", "good"), 0u);
  const RunResult v = verify("ocsp-wrong.pdf");
  EXPECT_EQ(v.status, 4) << v.out;
  const std::string why = "the OCSP response for Test Signer is signed by Test TSA, neither its CA nor a responder the CA "
                          "delegated with id-kp-OCSPSigning and trusted then";
  EXPECT_EQ(v.out.rfind("valid, signer not verified: revocation: " + why, 0), 0u) << v.out;
  EXPECT_NE(v.out.find("  revocation: NOT established (" + why), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("  level: PAdES B-T\n"), std::string::npos) << v.out;
  // A CRL of the CA beside it decides.
  const RunResult crl = sign("packet.pdf", "ocsp-wrong-crl.pdf",
                             "--ocsp-response signer-wrong.ocsp --crl root.crl --crl intermediate.crl");
  ASSERT_EQ(crl.status, 0) << crl.err;
  const RunResult vc = verify("ocsp-wrong-crl.pdf");
  EXPECT_EQ(vc.status, 0) << vc.out;
  EXPECT_NE(vc.out.find("  revocation: checked, unrevoked (CRLs of the DSS)\n  level: PAdES B-LT\n"), std::string::npos)
      << vc.out;
}

TEST_F(Ltv, AResponderWithoutNocheckCountsOnlyWhenACrlShowsItUnrevoked) {
  const RunResult nocheck = in_dir("openssl x509 -in ocsp.pem -noout -text");
  EXPECT_NE(nocheck.out.find("OCSP No Check"), std::string::npos) << nocheck.out;
  const RunResult without = in_dir("openssl x509 -in ocsp-checked.pem -noout -text");
  EXPECT_EQ(without.out.find("OCSP No Check"), std::string::npos) << without.out;
  // Only its response: nothing shows the responder's own status.
  const RunResult alone =
      sign("packet.pdf", "checked.pdf", "--ocsp-response signer-checked.ocsp --ocsp-response intermediate.ocsp", true);
  ASSERT_EQ(alone.status, 0) << alone.err;
  const RunResult v = verify("checked.pdf");
  EXPECT_EQ(v.status, 4) << v.out;
  EXPECT_NE(v.out.find("  revocation: NOT established (the OCSP response for Test Signer is signed by Test Checked "
                       "Responder, whose certificate has no id-pkix-ocsp-nocheck and no CRL of the DSS shows its status)\n"),
            std::string::npos)
      << v.out;
  // With the intermediate's CRL the response counts: the signer's status comes from OCSP.
  const RunResult with_crl = sign("packet.pdf", "checked-crl.pdf",
                                  "--ocsp-response signer-checked.ocsp --ocsp-response intermediate.ocsp --crl intermediate.crl",
                                  true);
  ASSERT_EQ(with_crl.status, 0) << with_crl.err;
  const RunResult vc = verify("checked-crl.pdf");
  EXPECT_EQ(vc.status, 0) << vc.out;
  EXPECT_NE(vc.out.find("  revocation: checked, unrevoked (OCSP responses of the DSS)\n"), std::string::npos) << vc.out;
  // A CRL that revokes the responder before it answers: its response does
  // not count, the CRL decides the signer.
  ASSERT_EQ(revoke("intermediate", "ocsp-checked", "responder-revoked"), 0);
  ASSERT_EQ(in_dir("openssl ca -config responder-revoked.cnf -gencrl -out responder-revoked.crl 2>/dev/null").status, 0);
  ASSERT_EQ(ocsp_response("signer", "ocsp-checked", "late.ocsp"), 0);
  const RunResult revoked = sign("packet.pdf", "checked-revoked.pdf",
                                 "--ocsp-response late.ocsp --ocsp-response intermediate.ocsp "
                                 "--crl responder-revoked.crl",
                                 true);
  ASSERT_EQ(revoked.status, 0) << revoked.err;
  const RunResult vr = verify("checked-revoked.pdf");
  EXPECT_EQ(vr.status, 0) << vr.out;
  EXPECT_NE(vr.out.find("  revocation: checked, unrevoked (CRLs and OCSP responses of the DSS)\n"), std::string::npos)
      << vr.out;
}

TEST_F(Ltv, BLtNeedsTheTimeStampingAuthorityShownUnrevokedToo) {
  // An answer for the TSA signed by its own key, which no CA delegated: the
  // DSS holds data for the authority's chain, but none that shows its status.
  ASSERT_EQ(ocsp_response("tsa", "tsa", "tsa-wrong.ocsp"), 0);
  const RunResult s = sign("packet.pdf", "tsa-unshown.pdf",
                           "--ocsp-response signer.ocsp --ocsp-response intermediate.ocsp --ocsp-response tsa-wrong.ocsp");
  ASSERT_EQ(s.status, 0) << s.err;
  // openssl finds the signer good in the DSS, and refuses the TSA's answer.
  EXPECT_EQ(dss_streams("tsa-unshown.pdf", "OCSPs").size(), 3u);
  EXPECT_EQ(ocsp_saying("tsa-unshown.pdf", "signer", "good"), 1u);
  EXPECT_EQ(ocsp_saying("tsa-unshown.pdf", "tsa", "good"), 0u);
  const RunResult v = verify("tsa-unshown.pdf");
  EXPECT_EQ(v.status, 4) << v.out;
  // The signer's chain alone does not make B-LT.
  EXPECT_NE(v.out.find("  revocation: checked, unrevoked (OCSP responses of the DSS)\n  level: PAdES B-T\n"),
            std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("  time-stamping authority's revocation: NOT established (the OCSP response for Test TSA is "
                       "signed by Test TSA, neither its CA nor a responder the CA delegated"),
            std::string::npos)
      << v.out;
  const RunResult json = verify("tsa-unshown.pdf", " --json");
  EXPECT_NE(json.out.find("\"level\": \"B-T\""), std::string::npos) << json.out;
}

TEST_F(Ltv, StaleDataDoesNotCoverATimeStampingAuthority) {
  // The intermediate's CRL as it stood in 2020: it covers the TSA, but no longer shows its status.
  ASSERT_EQ(in_dir("openssl ca -config intermediate.cnf -gencrl -crl_lastupdate 20200101000000Z -crl_nextupdate "
                   "20200201000000Z -out stale.crl 2>/dev/null")
                .status,
            0);
  const RunResult expired = in_dir("openssl verify -crl_check -CAfile root.pem -untrusted chain.pem -CRLfile stale.crl tsa.pem");
  EXPECT_NE(expired.status, 0);
  EXPECT_NE((expired.out + expired.err).find("CRL has expired"), std::string::npos) << expired.out << expired.err;
  const RunResult s = sign("packet.pdf", "stale.pdf", "--ocsp-response signer.ocsp --ocsp-response intermediate.ocsp --crl stale.crl");
  EXPECT_EQ(s.status, 1) << s.err;
  EXPECT_EQ(s.err, "shiryo: error: the certificate of Test TSA, of a time-stamping authority, has revocation data that "
                   "no longer shows its status and names no OCSP responder or CRL distribution point (http); give "
                   "current revocation data with --crl FILE or --ocsp-response FILE; nothing signed\n");
  EXPECT_FALSE(std::filesystem::exists(path("stale.pdf")));
  // The same data is enough for a signature without a time-stamp: the signer's status at signing counts.
  const RunResult plain = sign("packet.pdf", "stale-plain.pdf",
                               "--ocsp-response signer.ocsp --ocsp-response intermediate.ocsp --crl stale.crl", true);
  EXPECT_EQ(plain.status, 0) << plain.err;
}

// The day `days` from now, as verify --validation-time reads it.
std::string day_from_now(int days) {
  const std::time_t at = std::time(nullptr) + days * 86400LL;
  std::tm tm{};
  gmtime_r(&at, &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return out;
}

TEST_F(Ltv, AStaleOcspResponseDoesNotShowTheStatusLater) {
  // Not time-stamped: the status must hold at the validation time; the
  // response's next update is a day from its making.
  const RunResult s =
      sign("packet.pdf", "ocsp-brief.pdf", "--ocsp-response signer-brief.ocsp --ocsp-response intermediate.ocsp", true);
  ASSERT_EQ(s.status, 0) << s.err;
  const RunResult now = verify("ocsp-brief.pdf");
  EXPECT_EQ(now.status, 0) << now.out;
  EXPECT_NE(now.out.find("  revocation: checked, unrevoked (OCSP responses of the DSS)\n  level: PAdES B-B\n"),
            std::string::npos)
      << now.out;
  const RunResult later = verify("ocsp-brief.pdf", " --validation-time " + day_from_now(3));
  EXPECT_EQ(later.status, 4) << later.out;
  EXPECT_TRUE(std::regex_search(later.out, std::regex("\n  revocation: NOT established \\(the OCSP response for Test "
                                                      "Signer of [-0-9: ]+ UTC, next update [-0-9: ]+ UTC, is stale: "
                                                      "it does not show the status at [-0-9: ]+ UTC\\)\n")))
      << later.out;
}

TEST_F(Ltv, ARevokedTimeStampingAuthorityFailsTheSignature) {
  ASSERT_EQ(revoke("intermediate", "tsa", "tsa-revoked"), 0);
  ASSERT_EQ(in_dir("openssl ca -config tsa-revoked.cnf -gencrl -out tsa-revoked.crl 2>/dev/null").status, 0);
  const RunResult s = sign("packet.pdf", "tsa-revoked.pdf", "--crl root.crl --crl tsa-revoked.crl");
  ASSERT_EQ(s.status, 0) << s.err;
  const RunResult v = verify("tsa-revoked.pdf");
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_TRUE(std::regex_search(v.out, std::regex("^not valid: signature 1: its time-stamping authority's certificate is "
                                                  "INVALID \\(the certificate of Test TSA is revoked since [-0-9: ]+ UTC "
                                                  "\\(CRL of Test Intermediate CA\\)\\)\n")))
      << v.out;
  EXPECT_NE(v.out.find("  time-stamping authority's revocation: REVOKED (the certificate of Test TSA is revoked"),
            std::string::npos)
      << v.out;
}

// The test PKI's signer expires a year from now, its TSA in ten years.
TEST_F(Ltv, AnExpiredSignerHoldsByAnEarlierTimeStamp) {
  const RunResult expired = in_dir("openssl verify -attime " + std::to_string(std::time(nullptr) + 3 * 365 * 86400LL) +
                                   " -CAfile root.pem -untrusted chain.pem signer.pem");
  EXPECT_NE(expired.status, 0);
  EXPECT_NE((expired.out + expired.err).find("certificate has expired"), std::string::npos) << expired.out << expired.err;
  const std::string in_three_years = " --validation-time " + day_from_now(3 * 365);
  // Judged at its signature time-stamp's time, when it was valid and unrevoked.
  const RunResult stamped = verify("ltv.pdf", in_three_years);
  EXPECT_EQ(stamped.status, 0) << stamped.out;
  EXPECT_NE(stamped.out.find("  certificate: trusted (Test Root CA)\n"), std::string::npos) << stamped.out;
  EXPECT_NE(stamped.out.find("  level: PAdES B-LT\n"), std::string::npos) << stamped.out;
  EXPECT_TRUE(std::regex_search(stamped.out, std::regex("\n  signature time-stamp: 20\\d\\d-\\d\\d-\\d\\d "
                                                        "\\d\\d:\\d\\d:\\d\\d UTC by O=Shiryo Test,CN=Test TSA, "
                                                        "trusted \\(Test Root CA\\)\n")))
      << stamped.out;
  // Without a time-stamp nothing proves the signature older than its expiry.
  ASSERT_EQ(in_dir(quote(SHIRYO_BINARY) + " sign packet.pdf -o plain.pdf --p12 signer.p12 --password-file password").status, 0);
  const RunResult plain = verify("plain.pdf", in_three_years);
  EXPECT_EQ(plain.status, 1) << plain.out;
  EXPECT_TRUE(std::regex_search(plain.out, std::regex("\n  certificate: INVALID \\(expired on [-0-9]+ before the validation "
                                                      "time, and no time-stamp proves the signature older\\)\n")))
      << plain.out;
  // A document time-stamp over it proves it, as the signature time-stamp would.
  ASSERT_EQ(in_dir(quote(SHIRYO_BINARY) + " timestamp plain.pdf -o plain-lta.pdf --tsa " + quote(tsa_->url())).status, 0);
  const RunResult later = verify("plain-lta.pdf", in_three_years);
  EXPECT_EQ(later.status, 0) << later.out;
  EXPECT_NE(later.out.find("  certificate: trusted (Test Root CA)\n"), std::string::npos) << later.out;
  // Once the authority's certificate has expired too, only a newer document time-stamp would hold.
  const RunResult too_late = verify("ltv.pdf", " --validation-time " + day_from_now(11 * 365));
  EXPECT_EQ(too_late.status, 1) << too_late.out;
  // (The root, made first, expires a second before the authority.)
  EXPECT_TRUE(std::regex_search(too_late.out, std::regex("^not valid: signature 1: its time-stamping authority's certificate "
                                                         "is INVALID \\(the certificate of Test (TSA|Root CA) expired on "
                                                         "[-0-9]+ before the validation time\\)\n")))
      << too_late.out;
}

TEST_F(Ltv, VerifyJsonIsTheSameReportForScripts) {
  const RunResult text = verify("lta.pdf");
  const RunResult json = verify("lta.pdf", " --json --offline");
  ASSERT_EQ(json.status, 0) << json.out << json.err;
  EXPECT_EQ(text.status, 0) << text.out;
  write_file(*dir_ / "report.json", json.out);
  // Read by Python's json module: each signature's facts on a line.
  const std::string facts =
      "import json; r = json.load(open('report.json')); print(r['result'], r['exit_status'], r['revisions']); "
      "print(r['summary']); "
      "[print(s['number'], s['kind'], s['valid'], s['level'], s['certificate']['verdict'], s['revocation']['status'], "
      "s['signature_timestamp'] and s['signature_timestamp']['valid'], s['covered_by_document_timestamps'], "
      "s['covers']['signed_revision'], s['digest']) for s in r['signatures']]; "
      "a = r['after_last_signature']; print(a['appended_bytes'] > 0, a['allowed_additions'])";
  const RunResult read = in_dir("python3 -c \"" + facts + "\"");
  ASSERT_EQ(read.status, 0) << read.err << json.out;
  // Five revisions: the packet, the signature, its DSS, the document time-stamp, its DSS.
  EXPECT_EQ(read.out, "valid 0 5\n" + text.out.substr(0, text.out.find('\n')) +
                          "\n1 signature True B-LTA trusted unrevoked True [2] 2 matches\n"
                          "2 document_timestamp True None trusted unrevoked None [] 4 matches\n"
                          "True ['validation data (/DSS)']\n")
      << read.out << json.out;
  // No signature at all: the same status as the text report, and an empty list.
  const RunResult none = verify("packet.pdf", " --json");
  EXPECT_EQ(none.status, 1) << none.out;
  write_file(*dir_ / "none.json", none.out);
  const RunResult none_read = in_dir("python3 -c \"import json; r = json.load(open('none.json')); "
                                     "print(r['result'], r['summary'], r['signatures'])\"");
  EXPECT_EQ(none_read.out, "not_valid no signatures []\n") << none.out;
}

}  // namespace
}  // namespace shiryo::testing
