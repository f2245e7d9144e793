// PAdES B-T: sign --tsa against a loopback time-stamping authority of the
// test PKI (pki.h), the token checked by verify and, extracted from the
// signature, by `openssl ts -verify`; pdfsig and qpdf read the file; every
// way a TSA can fail leaves nothing written.
#include <gtest/gtest.h>

#include <memory>
#include <regex>

#include "harness.h"
#include "pki.h"

namespace shiryo::testing {
namespace {

std::string unhex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// The CMS DER in the last signature's /Contents, without the zeros after it.
std::string last_cms(const std::string& pdf) {
  const std::size_t begin = pdf.rfind("/Contents<") + 10;
  const std::string der = unhex(pdf.substr(begin, pdf.find('>', begin) - begin));
  if (der.size() < 4) return der;
  // SEQUENCE with a long-form length: 30 8N followed by N length bytes.
  const std::size_t n = static_cast<unsigned char>(der[1]) & 0x7Fu;
  std::size_t length = 0;
  for (std::size_t i = 0; i < n; ++i) length = length * 256 + static_cast<unsigned char>(der[2 + i]);
  return der.substr(0, 2 + n + length);
}

class Timestamp : public PkiSuite<Timestamp> {
 protected:
  static void SetUpTestSuite() {
    make_pki();
    signed_ = std::make_unique<RunResult>(sign("bt.pdf", tsa_->url()));
    lta_ = std::make_unique<RunResult>(timestamp("bt.pdf", "lta.pdf", tsa_->url()));
    lta2_ = std::make_unique<RunResult>(timestamp("lta.pdf", "lta2.pdf", tsa_->url()));
  }
  static void TearDownTestSuite() {
    lta2_.reset();
    lta_.reset();
    signed_.reset();
    remove_pki();
  }
  void SetUp() override {
    PkiSuite::SetUp();
    ASSERT_EQ(signed_->status, 0) << signed_->err;
    ASSERT_EQ(lta_->status, 0) << lta_->err;
    ASSERT_EQ(lta2_->status, 0) << lta2_->err;
  }
  static RunResult sign(const std::string& out, const std::string& url, const std::string& extra = "") {
    return shiryo("sign " + quote(path("packet.pdf")) + " -o " + quote(path(out)) + " --p12 " +
                  quote(path("signer.p12")) + " --password-file " + quote(path("password")) + " --tsa " +
                  quote(url) + extra);
  }
  static RunResult timestamp(const std::string& in, const std::string& out, const std::string& url,
                             const std::string& extra = "") {
    return shiryo("timestamp " + quote(path(in)) + " -o " + quote(path(out)) + " --tsa " + quote(url) + extra);
  }
  static RunResult verify(const std::string& file, const std::string& extra = " --trust root.pem") {
    return in_dir(quote(SHIRYO_BINARY) + " verify " + quote(file) + extra);
  }
  // A sign against a TSA in `mode` fails with `message` and leaves the
  // output that was there as it was.
  static void expect_refused(const std::string& mode, const std::string& message, const std::string& extra = "") {
    TsaServer tsa(dir_->path(), mode);
    ASSERT_FALSE(tsa.url().empty());
    write_file(*dir_ / "kept.pdf", "earlier output\n");
    const RunResult r = sign("kept.pdf", tsa.url(), extra);
    EXPECT_EQ(r.status, 3) << mode << r.err;
    EXPECT_NE(r.err.find("shiryo: error: no time-stamp from " + tsa.url() + ": " + message + "; nothing signed\n"),
              std::string::npos)
        << mode << r.err;
    EXPECT_EQ(read_file(*dir_ / "kept.pdf"), "earlier output\n") << mode;
  }

  static inline std::unique_ptr<RunResult> signed_, lta_, lta2_;
};

TEST_F(Timestamp, VerifyReportsBTWithTheTimeAndTheTrustedAuthority) {
  const RunResult v = verify(path("bt.pdf"));
  EXPECT_EQ(v.status, 0) << v.out << v.err;
  EXPECT_EQ(v.out.substr(0, v.out.find('\n')), "valid: 1 signature, every signer trusted, nothing after the last");
  EXPECT_NE(v.out.find("  level: PAdES B-T\n"), std::string::npos) << v.out;
  EXPECT_TRUE(std::regex_search(
      v.out, std::regex("\n  signature time-stamp: 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC by "
                        "O=Shiryo Test,CN=Test TSA, trusted \\(Test Root CA\\)\n")))
      << v.out;
  // Without anchors the authority is not verified either: status 4.
  const RunResult untrusted = verify(path("bt.pdf"), "");
  EXPECT_EQ(untrusted.status, 4) << untrusted.out;
  EXPECT_NE(untrusted.out.find(", NOT verified (no trust anchor given)\n"), std::string::npos) << untrusted.out;
}

TEST_F(Timestamp, WithoutTsaTheLevelIsBB) {
  const RunResult s = shiryo("sign " + quote(path("packet.pdf")) + " -o " + quote(path("bb.pdf")) + " --p12 " +
                             quote(path("signer.p12")) + " --password-file " + quote(path("password")));
  ASSERT_EQ(s.status, 0) << s.err;
  const RunResult v = verify(path("bb.pdf"));
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  level: PAdES B-B\n"), std::string::npos) << v.out;
  EXPECT_EQ(v.out.find("time-stamp"), std::string::npos) << v.out;
}

TEST_F(Timestamp, OpensslVerifiesTheExtractedTokenOverTheSignatureValue) {
  write_file(*dir_ / "cms.der", last_cms(read_file(path("bt.pdf"))));
  const RunResult parsed = in_dir("openssl asn1parse -inform DER -in cms.der");
  ASSERT_EQ(parsed.status, 0) << parsed.err;
  const std::size_t oid = parsed.out.find(":id-smime-aa-timeStampToken");
  ASSERT_NE(oid, std::string::npos) << parsed.out;
  // The signature value: the last OCTET STRING before the unsigned attributes.
  const std::size_t value = parsed.out.rfind("OCTET STRING      [HEX DUMP]:", oid);
  ASSERT_NE(value, std::string::npos);
  const std::size_t hex_at = parsed.out.find(':', parsed.out.find("[HEX DUMP]", value)) + 1;
  write_file(*dir_ / "value.bin", unhex(parsed.out.substr(hex_at, parsed.out.find('\n', hex_at) - hex_at)));
  // The token: the SEQUENCE inside the attribute's SET.
  std::smatch m;
  const std::string after = parsed.out.substr(oid);
  ASSERT_TRUE(std::regex_search(after, m, std::regex("cons: SET\\s*\n\\s*(\\d+):d=\\d+\\s+hl=(\\d+) l=\\s*(\\d+) cons: SEQUENCE")))
      << after.substr(0, 400);
  const std::string cms = read_file(*dir_ / "cms.der");
  write_file(*dir_ / "token.der", cms.substr(std::stoul(m[1]), std::stoul(m[2]) + std::stoul(m[3])));
  const RunResult digest = in_dir("openssl dgst -sha256 -r value.bin");
  ASSERT_EQ(digest.status, 0);
  const RunResult ts = in_dir("openssl ts -verify -token_in -in token.der -digest " + digest.out.substr(0, 64) +
                              " -CAfile root.pem -untrusted chain.pem");
  EXPECT_EQ(ts.status, 0) << ts.out << ts.err;
  EXPECT_NE(ts.out.find("Verification: OK"), std::string::npos) << ts.out << ts.err;
  // The same token does not stamp other bytes.
  const RunResult other = in_dir("openssl ts -verify -token_in -in token.der -digest " + std::string(64, '0') +
                                 " -CAfile root.pem -untrusted chain.pem");
  EXPECT_NE(other.status, 0) << other.out;
  const RunResult text = in_dir("openssl ts -reply -token_in -in token.der -token_out -text");
  EXPECT_NE(text.out.find("Hash Algorithm: sha256"), std::string::npos) << text.out;
}

TEST_F(Timestamp, OpensslCmsVerifiesTheSignatureOverItsByteRanges) {
  const std::string pdf = read_file(path("bt.pdf"));
  const std::size_t gap_begin = pdf.rfind("/Contents<") + 9;
  const std::size_t gap_end = pdf.find('>', gap_begin) + 1;
  const std::string ranges = pdf.substr(0, gap_begin) + pdf.substr(gap_end);
  write_file(*dir_ / "signed-ranges.bin", ranges);
  write_file(*dir_ / "signature.der", last_cms(pdf));
  const std::string cms = "openssl cms -verify -binary -inform DER -in signature.der -CAfile root.pem -certfile "
                          "chain.pem -purpose any -out /dev/null -content ";
  const RunResult v = in_dir(cms + "signed-ranges.bin");
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_NE(v.err.find("Verification successful"), std::string::npos) << v.err;
  // One byte of the ranges changed: the same signature no longer holds.
  std::string changed = ranges;
  changed[100] = static_cast<char>(changed[100] ^ 1);
  write_file(*dir_ / "changed-ranges.bin", changed);
  const RunResult bad = in_dir(cms + "changed-ranges.bin");
  EXPECT_NE(bad.status, 0) << bad.err;
}

TEST_F(Timestamp, PdfsigAndQpdfReadTheSignedFile) {
  const RunResult sig = run("pdfsig " + quote(path("bt.pdf")));
  EXPECT_NE(sig.out.find("Signature Validation: Signature is Valid."), std::string::npos) << sig.out;
  EXPECT_NE(sig.out.find("Signature Type: ETSI.CAdES.detached"), std::string::npos) << sig.out;
  EXPECT_NE(sig.out.find("Total document signed"), std::string::npos) << sig.out;
  const RunResult q = run("qpdf --check " + quote(path("bt.pdf")));
  EXPECT_EQ(q.status, 0) << q.out << q.err;
}

TEST_F(Timestamp, TamperedTokenFailsWhileTheSignatureStillHolds) {
  std::string pdf = read_file(path("bt.pdf"));
  // The token's TSTInfo names the TSA's policy 1.2.3.4.1 (06 04 2A 03 04 01):
  // one byte of it changed breaks the token's signature, not the signer's.
  const std::size_t contents = pdf.rfind("/Contents<");
  std::size_t policy = pdf.find("06042A030401", contents);
  while (policy != std::string::npos && (policy - contents) % 2 != 0) policy = pdf.find("06042A030401", policy + 1);
  ASSERT_NE(policy, std::string::npos);
  pdf[policy + 11] = '2';
  write_file(*dir_ / "tampered-token.pdf", pdf);
  const RunResult v = verify(path("tampered-token.pdf"));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(v.out.substr(0, v.out.find('\n')),
            "not valid: signature 1: its signature time-stamp fails: the time-stamp token's signature does not verify")
      << v.out;
  EXPECT_NE(v.out.find("  CMS signature: valid\n"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("  level: PAdES B-B\n"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("  signature time-stamp: INVALID (the time-stamp token's signature does not verify)\n"),
            std::string::npos)
      << v.out;
}

TEST_F(Timestamp, TheSignerIsJudgedAtTheTimeStampedTimeNotTheClaimedOne) {
  // /M claims 2040, when the signer's certificate has long expired; the
  // token proves the signature existed now, while it was valid.
  const RunResult s = sign("claimed-2040.pdf", tsa_->url(), " --date 2040-01-01T09:00:00+09:00");
  ASSERT_EQ(s.status, 0) << s.err;
  const RunResult v = verify(path("claimed-2040.pdf"));
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("  certificate: trusted (Test Root CA)\n  time: 2040-01-01 09:00 +09:00"), std::string::npos)
      << v.out;
  // Without the time-stamp the same claim is judged at 2040 and fails.
  const RunResult plain = shiryo("sign " + quote(path("packet.pdf")) + " -o " + quote(path("claimed-plain.pdf")) +
                                 " --p12 " + quote(path("signer.p12")) + " --password-file " + quote(path("password")) +
                                 " --date 2040-01-01T09:00:00+09:00");
  ASSERT_EQ(plain.status, 0) << plain.err;
  const RunResult pv = verify(path("claimed-plain.pdf"));
  EXPECT_EQ(pv.status, 1) << pv.out;
  EXPECT_NE(pv.out.find("before the signing time)"), std::string::npos) << pv.out;
}

TEST_F(Timestamp, TsaRejectionIsAnErrorWithNothingWritten) {
  expect_refused("rejection", "the time-stamping authority answered rejection (badAlg)");
}

TEST_F(Timestamp, AnswerWithAnotherNonceIsRefused) {
  expect_refused("wrong-nonce", "the answer is not for this query (nonce mismatch)");
}

TEST_F(Timestamp, AnswerForAnotherDigestIsRefused) {
  expect_refused("wrong-digest", "the answer is not for this query (message imprint mismatch)");
}

TEST_F(Timestamp, SilentTsaTimesOut) {
  expect_refused("hang", "no answer within 1 seconds", " --tsa-timeout 1");
}

TEST_F(Timestamp, DeadTsaIsAnError) {
  // A port nobody listens on: the server started and stopped again.
  std::string url;
  {
    TsaServer gone(dir_->path(), "granted");
    url = gone.url();
  }
  write_file(*dir_ / "kept.pdf", "earlier output\n");
  const RunResult r = sign("kept.pdf", url);
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("shiryo: error: no time-stamp from " + url + ": Couldn't connect to server; nothing signed"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(*dir_ / "kept.pdf"), "earlier output\n");
}

TEST_F(Timestamp, TsaTimeoutOutOfRangeIsAUsageError) {
  const RunResult r = sign("never.pdf", tsa_->url(), " --tsa-timeout 0");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("--tsa-timeout '0' is not a number of seconds from 1 to 600"), std::string::npos) << r.err;
}

// --- document time-stamps (B-LTA) ---

TEST_F(Timestamp, TwoRoundsOfDocumentTimeStampsVerify) {
  const RunResult once = verify(path("lta.pdf"));
  EXPECT_EQ(once.status, 0) << once.out;
  EXPECT_NE(once.out.find("\ndocument time-stamp 2 (DocTimeStamp2): valid\n  authority: O=Shiryo Test,CN=Test TSA\n"
                          "  certificate: trusted (Test Root CA)\n"),
            std::string::npos)
      << once.out;
  EXPECT_NE(once.out.find("  sub-filter: ETSI.RFC3161\n  digest of the byte ranges: matches\n  CMS signature: valid\n"),
            std::string::npos)
      << once.out;
  EXPECT_NE(once.out.find("  signed revision: 3 of 3\n"), std::string::npos) << once.out;
  const RunResult twice = verify(path("lta2.pdf"));
  EXPECT_EQ(twice.status, 0) << twice.out;
  EXPECT_EQ(twice.out.substr(0, twice.out.find('\n')), "valid: 1 signature and 2 document time-stamps, every signer trusted, nothing after the last");
  EXPECT_TRUE(std::regex_search(twice.out, std::regex("  signed revision: 2 of 4\n  covered by document time-stamp 2 "
                                                      "\\(20[^)]+ UTC\\)\n  covered by document time-stamp 3 ")))
      << twice.out;
  EXPECT_NE(twice.out.find("document time-stamp 3 (DocTimeStamp3): valid\n"), std::string::npos) << twice.out;
  EXPECT_NE(twice.out.find("  signed revision: 4 of 4\n"), std::string::npos) << twice.out;
  // The first round's file is a prefix of the second's: nothing rewritten.
  const std::string first = read_file(path("lta.pdf"));
  EXPECT_EQ(read_file(path("lta2.pdf")).compare(0, first.size(), first), 0);
  const RunResult q = run("qpdf --check " + quote(path("lta2.pdf")));
  EXPECT_EQ(q.status, 0) << q.out << q.err;
  // pdfsig lists every field with its ranges (poppler does not validate ETSI.RFC3161 itself).
  const RunResult sig = run("pdfsig " + quote(path("lta2.pdf")));
  EXPECT_NE(sig.out.find("Signature #3:"), std::string::npos) << sig.out;
  EXPECT_NE(sig.out.find("  - Total document signed"), std::string::npos) << sig.out;
}

TEST_F(Timestamp, OpensslVerifiesTheDocumentTimeStampOverTheByteRanges) {
  const std::string pdf = read_file(path("lta2.pdf"));
  const std::size_t gap_begin = pdf.rfind("/Contents<") + 9;
  const std::size_t gap_end = pdf.find('>', gap_begin) + 1;
  write_file(*dir_ / "ranges.bin", pdf.substr(0, gap_begin) + pdf.substr(gap_end));
  write_file(*dir_ / "doc-token.der", last_cms(pdf));
  const RunResult ts = in_dir("openssl ts -verify -token_in -in doc-token.der -data ranges.bin -CAfile root.pem "
                              "-untrusted chain.pem");
  EXPECT_EQ(ts.status, 0) << ts.out << ts.err;
  EXPECT_NE(ts.out.find("Verification: OK"), std::string::npos) << ts.out << ts.err;
  // The first time-stamp's token does not stamp the whole file.
  write_file(*dir_ / "whole.bin", pdf);
  const RunResult whole = in_dir("openssl ts -verify -token_in -in doc-token.der -data whole.bin -CAfile root.pem "
                                 "-untrusted chain.pem");
  EXPECT_NE(whole.status, 0) << whole.out;
}

TEST_F(Timestamp, ATamperedByteInEachRevisionIsFound) {
  const std::string pdf = read_file(path("lta2.pdf"));
  const auto ends = revision_ends(verify(path("lta2.pdf")).out);
  ASSERT_EQ(ends.size(), 3u);
  // One hex digit of each revision's trailer /ID: bytes no object holds.
  const auto tampered = [&](std::size_t from) { return with_id_changed(pdf, from); };
  write_file(*dir_ / "tampered-1.pdf", tampered(0));
  const RunResult first = verify(path("tampered-1.pdf"));
  EXPECT_EQ(first.status, 1) << first.out;
  EXPECT_EQ(first.out.substr(0, first.out.find('\n')),
            "not valid: signature 1: the signed bytes do not hash to the signed digest")
      << first.out;
  // The signature's revision ends at ends[0]; the one after it is the first time-stamp's.
  write_file(*dir_ / "tampered-3.pdf", tampered(ends[0]));
  const RunResult third = verify(path("tampered-3.pdf"));
  EXPECT_EQ(third.status, 1) << third.out;
  EXPECT_NE(third.out.find("signature 1 (Signature1): valid\n"), std::string::npos) << third.out;
  EXPECT_EQ(third.out.substr(0, third.out.find('\n')),
            "not valid: document time-stamp 2: the document time-stamp fails: the time-stamp's message imprint is "
            "not the digest of the byte ranges")
      << third.out;
  EXPECT_NE(third.out.find("document time-stamp 3 (DocTimeStamp3): FAILED\n"), std::string::npos) << third.out;
  write_file(*dir_ / "tampered-4.pdf", tampered(ends[1]));
  const RunResult fourth = verify(path("tampered-4.pdf"));
  EXPECT_EQ(fourth.status, 1) << fourth.out;
  EXPECT_NE(fourth.out.find("document time-stamp 2 (DocTimeStamp2): valid\n"), std::string::npos) << fourth.out;
  EXPECT_NE(fourth.out.find("document time-stamp 3 (DocTimeStamp3): FAILED\n"), std::string::npos) << fourth.out;
}

TEST_F(Timestamp, AChangeAfterTheDocumentTimeStampIsFound) {
  write_file(*dir_ / "appended.pdf", read_file(path("lta2.pdf")) + "% appended\n");
  const RunResult v = verify(path("appended.pdf"));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(v.out.substr(0, v.out.find('\n')),
            "not valid: 11 bytes appended after document time-stamp 3, not covered by any signature")
      << v.out;
  // timestamp warns about it, and the new time-stamp covers the change.
  const RunResult again = timestamp("appended.pdf", "appended-lta.pdf", tsa_->url());
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("shiryo: warning: " + path("appended.pdf") +
                           ": 11 bytes after its last signature are covered by no signature; time-stamping anyway"),
            std::string::npos)
      << again.err;
}

TEST_F(Timestamp, ATokenSignedByACertificateWithoutTheTimeStampingUsageIsInvalid) {
  // The document time-stamp's TSTInfo, signed again by the signer, whose
  // certificate is not for time-stamping, put where the token was: the
  // imprint still matches the byte ranges, and the token's signature holds.
  std::string pdf = read_file(path("lta.pdf"));
  write_file(*dir_ / "lta-token.der", last_cms(pdf));
  ASSERT_EQ(in_dir("openssl cms -verify -noverify -binary -inform DER -in lta-token.der -out tstinfo.der 2>/dev/null").status, 0);
  ASSERT_EQ(in_dir("openssl cms -sign -binary -nodetach -nosmimecap -md sha256 -econtent_type id-smime-ct-TSTInfo "
                   "-in tstinfo.der -signer signer.pem -inkey signer.key -certfile chain.pem -outform DER -out forged.der")
                .status,
            0);
  // openssl takes the token over the byte ranges from the authority, not from the signer.
  const std::size_t gap_begin = pdf.rfind("/Contents<") + 9;
  const std::size_t gap_end = pdf.find('>', gap_begin) + 1;
  write_file(*dir_ / "lta-ranges.bin", pdf.substr(0, gap_begin) + pdf.substr(gap_end));
  const std::string ts_verify = " -data lta-ranges.bin -CAfile root.pem -untrusted chain.pem";
  EXPECT_EQ(in_dir("openssl ts -verify -token_in -in lta-token.der" + ts_verify).status, 0);
  const RunResult ts = in_dir("openssl ts -verify -token_in -in forged.der" + ts_verify);
  EXPECT_NE(ts.status, 0) << ts.out;
  EXPECT_NE(ts.err.find("unsuitable certificate purpose"), std::string::npos) << ts.err;
  const std::string forged = read_file(*dir_ / "forged.der");
  static const char* digits = "0123456789ABCDEF";
  std::string hex;
  for (unsigned char c : forged) hex += std::string{digits[c >> 4], digits[c & 15]};
  const std::size_t begin = pdf.rfind("/Contents<") + 10;
  const std::size_t room = pdf.find('>', begin) - begin;
  ASSERT_LE(hex.size(), room);
  hex.resize(room, '0');
  pdf.replace(begin, room, hex);
  write_file(*dir_ / "lta-forged.pdf", pdf);
  const RunResult v = verify(path("lta-forged.pdf"));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(v.out.substr(0, v.out.find('\n')),
            "not valid: document time-stamp 2: its time-stamping authority's certificate is INVALID (not a "
            "time-stamping certificate (its extended key usage is not timeStamping alone, critical))")
      << v.out;
  EXPECT_NE(v.out.find("  digest of the byte ranges: matches\n  CMS signature: valid\n"), std::string::npos) << v.out;
}

TEST_F(Timestamp, TimestampWithAFailingTsaWritesNothing) {
  TsaServer tsa(dir_->path(), "rejection");
  write_file(*dir_ / "kept-lta.pdf", "earlier output\n");
  const RunResult r = timestamp("bt.pdf", "kept-lta.pdf", tsa.url());
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("shiryo: error: no time-stamp from " + tsa.url() +
                       ": the time-stamping authority answered rejection (badAlg); nothing time-stamped"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(*dir_ / "kept-lta.pdf"), "earlier output\n");
  const RunResult no_tsa = shiryo("timestamp " + quote(path("bt.pdf")) + " -o " + quote(path("x.pdf")));
  EXPECT_EQ(no_tsa.status, 2);
  EXPECT_NE(no_tsa.err.find("timestamp needs --tsa URL"), std::string::npos) << no_tsa.err;
}

}  // namespace
}  // namespace shiryo::testing
