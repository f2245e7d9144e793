// verify on files from outside: each signed packet here is attacked the way
// published PDF-signature attacks do it (the bytes edited in place, or an
// incremental update written by hand), and signers are checked against a
// test PKI made with the openssl command for each run: a root, a good
// signer, an expired one, one for encipherment only, a self-signed
// look-alike of the good one, and a second root nobody trusts.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>
#include <vector>

#include "harness.h"

namespace shiryo::testing {
namespace {

const std::string kPacket = source_path("input/atsugi-r5-2.xml");

// The first number the regular expression `pattern` captures in `text`
// after `from`, or -1.
long long captured(const std::string& text, const std::string& pattern, std::size_t from = 0) {
  std::smatch m;
  const std::string tail = text.substr(from);
  return std::regex_search(tail, m, std::regex(pattern)) ? std::stoll(m[1].str()) : -1;
}

// `pdf` with an incremental update holding `objects` (number → the text
// between "obj" and "endobj"), a cross-reference section and a trailer
// that continues the last one.
std::string with_update(const std::string& pdf, const std::map<long long, std::string>& objects) {
  const std::size_t trailer = pdf.rfind("trailer");
  const long long root = captured(pdf, "/Root (\\d+) 0 R", trailer);
  long long size = captured(pdf, "/Size (\\d+)", trailer);
  const long long info = captured(pdf, "/Info (\\d+) 0 R", trailer);
  const long long prev = captured(pdf, "startxref\\s+(\\d+)", pdf.rfind("startxref"));
  std::string update;
  std::map<long long, std::size_t> offsets;
  for (const auto& [number, text] : objects) {
    offsets[number] = pdf.size() + update.size();
    update += std::to_string(number) + " 0 obj\n" + text + "\nendobj\n";
    size = std::max(size, number + 1);
  }
  const std::size_t xref = pdf.size() + update.size();
  update += "xref\n";
  for (auto it = offsets.begin(); it != offsets.end();) {
    auto end = it;
    long long expect = it->first;
    while (end != offsets.end() && end->first == expect) ++end, ++expect;
    update += std::to_string(it->first) + " " + std::to_string(expect - it->first) + "\n";
    for (; it != end; ++it) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", it->second);
      update += line;
    }
  }
  update += "trailer\n<</Size " + std::to_string(size) + "/Root " + std::to_string(root) + " 0 R" +
            (info > 0 ? "/Info " + std::to_string(info) + " 0 R" : std::string()) + "/Prev " +
            std::to_string(prev) + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf + update;
}

// Where the last signature dictionary of a file signed by shiryo starts
// (its "N 0 obj" line), and its parts.
struct SignatureAt {
  long long object = -1;
  std::size_t dict = 0;        // the "<<" of the dictionary
  std::size_t range = 0;       // after "/ByteRange["
  std::size_t gap_begin = 0;   // the '<' of /Contents
  std::size_t gap_end = 0;     // after its '>'
  std::string text;            // the dictionary
};

SignatureAt last_signature(const std::string& pdf) {
  SignatureAt s;
  s.dict = pdf.rfind("<</Type/Sig/");
  const std::size_t line = pdf.rfind(" 0 obj\n", s.dict);
  s.object = std::stoll(pdf.substr(pdf.rfind('\n', line) + 1, line - pdf.rfind('\n', line) - 1));
  s.range = pdf.find("/ByteRange[", s.dict) + 11;
  s.gap_begin = pdf.find("/Contents<", s.dict) + 9;
  s.gap_end = pdf.find('>', s.gap_begin) + 1;
  s.text = pdf.substr(s.dict, pdf.find("\nendobj", s.dict) - s.dict);
  return s;
}

// `pdf` with `text` written over its bytes at `at`, padded with spaces to `width`.
std::string overwrite(std::string pdf, std::size_t at, std::size_t width, const std::string& text) {
  std::string padded = text;
  padded.resize(width, ' ');
  return pdf.replace(at, width, padded);
}

std::size_t count_valid(const std::string& pdfsig) {
  std::size_t n = 0;
  for (auto at = pdfsig.find("Signature is Valid"); at != std::string::npos; at = pdfsig.find("Signature is Valid", at + 1)) ++n;
  return n;
}

std::string hex_of(const std::string& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

class SignatureTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    packet_ = path("packet.pdf");
    build_ = std::make_unique<RunResult>(shiryo("build " + quote(kPacket) + " -o " + quote(packet_)));
    const std::string d = quote(dir_->path().string());
    // Leaf certificates: a CSR signed by a root with the extensions of one
    // line of ext.cnf.
    const auto leaf = [](const std::string& name, const std::string& subject, const std::string& root,
                         const std::string& section, const std::string& days) {
      return " && openssl req -newkey rsa:2048 -nodes -keyout " + name + ".key -out " + name + ".csr -subj '" +
             subject + "' && openssl x509 -req -in " + name + ".csr -CA " + root + ".pem -CAkey " + root +
             ".key -CAcreateserial -out " + name + ".pem -days " + days + " -extfile ext.cnf -extensions " + section +
             " && openssl pkcs12 -export -inkey " + name + ".key -in " + name + ".pem -certfile " + root +
             ".pem -passout file:password -out " + name + ".p12";
    };
    certs_ = std::make_unique<RunResult>(run(
        "cd " + d +
        " && printf '[sign]\\nkeyUsage=critical,digitalSignature,nonRepudiation\\n"
        "[encipher]\\nkeyUsage=critical,keyEncipherment\\n' > ext.cnf"
        " && printf 'pass word\\n' > password"
        " && openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 -subj '/CN=Test Root'"
        " && openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 30 -subj '/CN=Other Root'" +
        leaf("good", "/CN=Test Signer/O=Shiryo", "root", "sign", "30") +
        leaf("expired", "/CN=Expired Signer/O=Shiryo", "root", "sign", "-1") +
        leaf("encipher", "/CN=Encipher Only/O=Shiryo", "root", "encipher", "30") +
        leaf("stranger", "/CN=Stranger/O=Elsewhere", "other", "sign", "30") +
        // The look-alike: the good signer's subject on a self-signed certificate.
        " && openssl req -x509 -newkey rsa:2048 -nodes -keyout lookalike.key -out lookalike.pem -days 30"
        " -subj '/CN=Test Signer/O=Shiryo' -addext keyUsage=critical,digitalSignature"
        " && openssl pkcs12 -export -inkey lookalike.key -in lookalike.pem -passout file:password -out lookalike.p12"));
    signed_ = path("signed.pdf");
    sign_ = std::make_unique<RunResult>(
        sign(packet_, signed_, "good", " --reason '承認'"));
  }
  static void TearDownTestSuite() {
    sign_.reset();
    certs_.reset();
    build_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_EQ(build_->status, 0) << build_->err;
    ASSERT_EQ(certs_->status, 0) << certs_->err;
    ASSERT_EQ(sign_->status, 0) << sign_->err;
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }
  static RunResult sign(const std::string& in, const std::string& out, const std::string& who,
                        const std::string& extra = "") {
    return shiryo("sign " + quote(in) + " -o " + quote(out) + " --p12 " + quote(path(who + ".p12")) +
                  " --password-file " + quote(path("password")) + extra);
  }
  // verify of `bytes` written as `name`, with the test root as anchor.
  static RunResult verify_bytes(const std::string& name, const std::string& bytes) {
    write_file(*dir_ / name, bytes);
    return verify(path(name));
  }
  static RunResult verify(const std::string& file, const std::string& extra = " --trust root.pem") {
    return run("cd " + quote(dir_->path().string()) + " && " + quote(SHIRYO_BINARY) + " verify " + quote(file) + extra);
  }
  static std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }
  // The bytes a signature of `pdf` covers, for CMS made by openssl.
  static std::string signed_bytes(const std::string& pdf, const SignatureAt& s) {
    return pdf.substr(0, s.gap_begin) + pdf.substr(s.gap_end);
  }
  // `pdf` with the CMS openssl makes over its signed bytes (`flags` for
  // `openssl cms -sign`, `who` the certificate) in the /ByteRange gap.
  static std::string with_openssl_cms(const std::string& pdf, const std::string& who, const std::string& flags) {
    const SignatureAt s = last_signature(pdf);
    write_file(*dir_ / "content.bin", signed_bytes(pdf, s));
    const RunResult r = run("cd " + quote(dir_->path().string()) + " && openssl cms -sign -binary -in content.bin -signer " +
                            who + ".pem -inkey " + who + ".key -outform DER -out cms.der " + flags);
    EXPECT_EQ(r.status, 0) << r.err;
    std::string hex = hex_of(read_file(*dir_ / "cms.der"));
    hex.resize(s.gap_end - s.gap_begin - 2, '0');
    std::string out = pdf;
    return out.replace(s.gap_begin + 1, hex.size(), hex);
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<RunResult> build_, certs_, sign_;
  static std::string packet_, signed_;
};
std::unique_ptr<TempDir> SignatureTruth::dir_;
std::unique_ptr<RunResult> SignatureTruth::build_, SignatureTruth::certs_, SignatureTruth::sign_;
std::string SignatureTruth::packet_, SignatureTruth::signed_;

// --- crashes: numbers and trees from the file ---

TEST_F(SignatureTruth, ByteRangeThatOverflowsEditedInPlaceCoversNothing) {
  const std::string pdf = read_file(signed_);
  const SignatureAt s = last_signature(pdf);
  const std::string forged = overwrite(pdf, s.range, 45, "0 590183 9223372036854775807 1");
  const RunResult v = verify_bytes("overflow.pdf", forged);
  EXPECT_EQ(v.status, 1) << v.out << v.err;
  EXPECT_EQ(first_line(v.out), "not valid: signature 1: its /ByteRange is malformed or reaches beyond the file; it covers nothing")
      << v.out;
  EXPECT_NE(v.out.find("  covers: nothing\n"), std::string::npos) << v.out;
  EXPECT_EQ(v.out.find("bytes appended"), std::string::npos) << v.out;
  // sign accepts it with a warning, and verify reads what sign wrote.
  const RunResult again = sign(path("overflow.pdf"), path("overflow-signed.pdf"), "good");
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("warning: " + path("overflow.pdf") + ": its signature 1 (Signature1) fails: its /ByteRange is malformed"),
            std::string::npos) << again.err;
  const RunResult v2 = verify(path("overflow-signed.pdf"));
  EXPECT_EQ(v2.status, 1) << v2.out << v2.err;
  EXPECT_NE(v2.out.find("signature 2 (Signature2): valid"), std::string::npos) << v2.out;
}

TEST_F(SignatureTruth, ByteRangeThatOverflowsInAnAppendedUpdate) {
  const std::string pdf = read_file(signed_);
  const SignatureAt s = last_signature(pdf);
  std::string dict = s.text;
  const std::size_t at = dict.find("/ByteRange[") + 11;
  dict.replace(at, dict.find(']', at) - at, "0 590183 9223372036854775807 1");
  const RunResult v = verify_bytes("overflow-update.pdf", with_update(pdf, {{s.object, dict}}));
  EXPECT_EQ(v.status, 1) << v.out << v.err;
  EXPECT_NE(v.out.find("its /ByteRange is malformed or reaches beyond the file; it covers nothing"), std::string::npos)
      << v.out;
  // Each number alone beyond the file, and ranges that overlap.
  for (const char* range : {"0 18446744073709551615 0 1", "0 10 9 100", "-1 10 20 30", "0 10 20 9223372036854775800",
                                   "0 10 20", "0 10 20 30 40", "0 10.5 20 30"}) {
    std::string d = s.text;
    d.replace(at, d.find(']', at) - at, range);
    const RunResult r = verify_bytes("range.pdf", with_update(pdf, {{s.object, d}}));
    EXPECT_EQ(r.status, 1) << range << r.out << r.err;
    EXPECT_NE(r.out.find("covers: nothing"), std::string::npos) << range << r.out;
  }
}

TEST_F(SignatureTruth, HundredThousandNestedFieldsAreADamagedPdfForVerifyAndSign) {
  const std::string pdf = read_file(signed_);
  const long long form = captured(pdf, "/AcroForm (\\d+) 0 R", pdf.rfind("/Type/Catalog"));
  const long long field = captured(pdf, "(\\d+) 0 obj\n<</Type/Annot[^\n]*/FT/Sig");
  ASSERT_GT(form, 0);
  ASSERT_GT(field, 0);
  const long long first = captured(pdf, "/Size (\\d+)", pdf.rfind("trailer"));
  std::map<long long, std::string> objects;
  objects[form] = "<</Fields[" + std::to_string(field) + " 0 R " + std::to_string(first) + " 0 R]/SigFlags 3>>";
  for (long long i = 0; i < 100000; ++i) {
    objects[first + i] = i + 1 < 100000 ? "<</Kids[" + std::to_string(first + i + 1) + " 0 R]>>" : "<</FT/Tx/T(x)>>";
  }
  write_file(*dir_ / "deep.pdf", with_update(pdf, objects));
  const RunResult v = verify(path("deep.pdf"));
  EXPECT_EQ(v.status, 1) << v.out << v.err;
  EXPECT_EQ(v.err, "shiryo: error: damaged PDF (form fields nested deeper than 64)\n");
  const RunResult s = sign(path("deep.pdf"), path("deep-signed.pdf"), "good");
  EXPECT_EQ(s.status, 1) << s.err;
  EXPECT_NE(s.err.find("damaged PDF (form fields nested deeper than 64)"), std::string::npos) << s.err;
  EXPECT_FALSE(std::filesystem::exists(path("deep-signed.pdf")));
}

TEST_F(SignatureTruth, FieldsThatLoopAndReferencesThatLoopEnd) {
  const std::string pdf = read_file(signed_);
  const long long form = captured(pdf, "/AcroForm (\\d+) 0 R", pdf.rfind("/Type/Catalog"));
  const long long field = captured(pdf, "(\\d+) 0 obj\n<</Type/Annot[^\n]*/FT/Sig");
  const long long next = captured(pdf, "/Size (\\d+)", pdf.rfind("trailer"));
  const std::string a = std::to_string(next), b = std::to_string(next + 1), c = std::to_string(next + 2);
  // Two fields that are each other's kid, and an object that is a reference to itself.
  const std::string looped = with_update(pdf, {{form, "<</Fields[" + std::to_string(field) + " 0 R " + a + " 0 R " + c +
                                                          " 0 R]/SigFlags 3>>"},
                                               {next, "<</Kids[" + b + " 0 R]>>"},
                                               {next + 1, "<</Kids[" + a + " 0 R]>>"},
                                               {next + 2, c + " 0 R"}});
  const RunResult v = verify_bytes("looped.pdf", looped);
  // The signature still reads; the update after it is reported.
  EXPECT_EQ(v.status, 1) << v.out << v.err;
  EXPECT_NE(v.out.find("signature 1 (Signature1): valid"), std::string::npos) << v.out;
  EXPECT_EQ(first_line(v.out), "not valid: form field added after signature 1") << v.out;
}

// --- malformed signatures ---

TEST_F(SignatureTruth, MissingEmptyNullZeroAndNonHexContentsHaveNoSignatureValue) {
  const std::string pdf = read_file(signed_);
  const SignatureAt s = last_signature(pdf);
  const std::size_t width = s.gap_end - s.gap_begin;
  std::string nonhex = pdf;
  nonhex[s.gap_begin + 7] = 'G';
  std::string zeros = pdf;
  zeros.replace(s.gap_begin + 1, width - 2, std::string(width - 2, '0'));
  std::string missing = pdf;
  missing.replace(pdf.find("/Contents<", s.dict), 9, "/Contentz");
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"empty", overwrite(pdf, s.gap_begin, width, "<>")},
           {"zeros", zeros},
           {"nonhex", nonhex},
           {"missing", missing}}) {
    const RunResult v = verify_bytes(name + ".pdf", bytes);
    EXPECT_EQ(v.status, 1) << name << v.out << v.err;
    EXPECT_EQ(first_line(v.out), "not valid: signature 1: no signature value at the /ByteRange gap") << name << v.out;
    EXPECT_NE(v.out.find("  digest of the byte ranges: not checked\n"), std::string::npos) << name << v.out;
    EXPECT_EQ(count_valid(run("pdfsig " + quote(path(name + ".pdf"))).out), 0u) << name;
  }
  // PoDoFo does not read a signature dictionary whose /Contents is null.
  const RunResult null = verify_bytes("null.pdf", overwrite(pdf, s.gap_begin, width, "null"));
  EXPECT_EQ(null.status, 1) << null.out << null.err;
  EXPECT_EQ(first_line(null.out),
            "not valid: signature 1: no signature value at the /ByteRange gap (its signature dictionary cannot be read: "
            "ePdfError_InvalidDataType)")
      << null.out;
  EXPECT_NE(null.out.find("  digest of the byte ranges: not checked\n"), std::string::npos) << null.out;
  EXPECT_NE(null.out.find("  covers: nothing\n"), std::string::npos) << null.out;
}

TEST_F(SignatureTruth, UnknownOrMissingFilterAndSubFilterAreUnsupported) {
  const std::string pdf = read_file(signed_);
  const SignatureAt s = last_signature(pdf);
  const auto edited = [&](const std::string& from, const std::string& to) {
    std::string out = pdf;
    return out.replace(pdf.find(from, s.dict), from.size(), to);
  };
  struct Case {
    std::string name, bytes, finding;
  };
  for (const Case& c : std::vector<Case>{
           {"subfilter", edited("/SubFilter/ETSI.CAdES.detached", "/SubFilter/ETSI.CAdES.detachex"),
            "its /SubFilter ETSI.CAdES.detachex; unsupported (shiryo reads ETSI.CAdES.detached, adbe.pkcs7.detached and ETSI.RFC3161)"},
           {"nosubfilter", edited("/SubFilter/ETSI.CAdES.detached", "/SubFiltex/ETSI.CAdES.detached"),
            "its /SubFilter is missing; unsupported (shiryo reads ETSI.CAdES.detached, adbe.pkcs7.detached and ETSI.RFC3161)"},
           {"filter", edited("/Filter/Adobe.PPKLite", "/Filter/Adobe.PPKLitx"),
            "its /Filter Adobe.PPKLitx is not supported (shiryo reads Adobe.PPKLite)"},
           {"nofilter", edited("/Filter/Adobe.PPKLite", "/Filtex/Adobe.PPKLite"), "its /Filter is missing; unsupported"}}) {
    const RunResult v = verify_bytes(c.name + ".pdf", c.bytes);
    EXPECT_EQ(v.status, 1) << c.name << v.out;
    EXPECT_EQ(first_line(v.out), "not valid: signature 1: " + c.finding) << c.name << v.out;
  }
}

TEST_F(SignatureTruth, CmsWithoutSignedAttributesSaysSo) {
  const std::string forged = with_openssl_cms(read_file(signed_), "good", "-noattr");
  const RunResult v = verify_bytes("noattr.pdf", forged);
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(first_line(v.out), "not valid: signature 1: its CMS has no signed attributes (PAdES requires them)") << v.out;
  EXPECT_NE(v.out.find("  digest of the byte ranges: not checked\n"), std::string::npos) << v.out;
}

TEST_F(SignatureTruth, TransplantedCmsDiffers) {
  // The CMS of another signing of the same packet, in this one's gap.
  const std::string other_file = path("other-signing.pdf");
  ASSERT_EQ(sign(packet_, other_file, "good", " --date 2024-03-15T10:00:00+09:00").status, 0);
  const std::string other = read_file(other_file);
  const SignatureAt o = last_signature(other);
  std::string pdf = read_file(signed_);
  const SignatureAt s = last_signature(pdf);
  ASSERT_EQ(o.gap_end - o.gap_begin, s.gap_end - s.gap_begin);
  pdf.replace(s.gap_begin, s.gap_end - s.gap_begin, other.substr(o.gap_begin, o.gap_end - o.gap_begin));
  const RunResult v = verify_bytes("transplant.pdf", pdf);
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(first_line(v.out), "not valid: signature 1: the signed bytes do not hash to the signed digest") << v.out;
  EXPECT_NE(v.out.find("  digest of the byte ranges: DIFFERS\n"), std::string::npos) << v.out;
  EXPECT_EQ(count_valid(run("pdfsig " + quote(path("transplant.pdf"))).out), 0u);
}

TEST_F(SignatureTruth, RedefinedSignatureDictionaryIsNamedAndItsWordsAreNotPrinted) {
  const std::string pdf = read_file(signed_);
  const SignatureAt s = last_signature(pdf);
  std::string dict = s.text;
  const std::size_t m = dict.find("/M(");
  dict.replace(m, dict.find(')', m) + 1 - m, "/M(D:20991231000000+09'00')/Reason(forged)/Name(Mallory)");
  const RunResult v = verify_bytes("redefined.pdf", with_update(pdf, {{s.object, dict}}));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(first_line(v.out), "not valid: signature 1: object " + std::to_string(s.object) +
                                   " (the signature dictionary) redefined after signing")
      << v.out;
  // The signing time of the signed bytes, as ISO 8601 and in 和暦.
  const std::size_t signed_m = s.text.find("/M(D:") + 5;
  const std::string at = s.text.substr(signed_m, 12);
  EXPECT_NE(v.out.find("  time: " + at.substr(0, 4) + "-" + at.substr(4, 2) + "-" + at.substr(6, 2) + " " + at.substr(8, 2) +
                       ":" + at.substr(10, 2) + " +09:00 (令和"),
            std::string::npos) << v.out;
  EXPECT_NE(v.out.find("  reason: 承認\n"), std::string::npos) << v.out;
  EXPECT_EQ(v.out.find("forged"), std::string::npos) << v.out;
  EXPECT_EQ(v.out.find("Mallory"), std::string::npos) << v.out;
  EXPECT_EQ(v.out.find("2099"), std::string::npos) << v.out;
}

// --- what changed after signing ---

// The text of object `number` as its last definition in `pdf` has it.
std::string object_text(const std::string& pdf, long long number) {
  const std::string head = "\n" + std::to_string(number) + " 0 obj";
  const std::size_t at = pdf.rfind(head);
  if (at == std::string::npos) return "";
  std::size_t begin = at + head.size();
  if (pdf[begin] == '\n') ++begin;
  return pdf.substr(begin, pdf.find("\nendobj", begin) - begin);
}

std::string stream_object(const std::string& data) {
  return "<</Length " + std::to_string(data.size()) + ">>stream\n" + data + "\nendstream";
}

class SignatureChanges : public SignatureTruth {
 protected:
  void SetUp() override {
    SignatureTruth::SetUp();
    pdf_ = read_file(signed_);
    page_ = captured(pdf_, "(\\d+) 0 obj\n<</Type/Page/");
    page_text_ = object_text(pdf_, page_);
    contents_ = captured(page_text_, "/Contents (\\d+) 0 R");
    next_ = captured(pdf_, "/Size (\\d+)", pdf_.rfind("trailer"));
    ASSERT_GT(page_, 0);
    ASSERT_GT(contents_, 0);
  }
  // verify's first line and status for `pdf_` with `objects` appended, and
  // the line naming `change` in the details.
  void expect_change(const std::string& name, const std::map<long long, std::string>& objects, const std::string& change,
                     const std::string& base = "") {
    const RunResult v = verify_bytes(name, with_update(base.empty() ? pdf_ : base, objects));
    EXPECT_EQ(v.status, 1) << v.out << v.err;
    EXPECT_EQ(first_line(v.out), "not valid: " + change + " after signature 1") << v.out;
    EXPECT_NE(v.out.find("  changed after this signature: " + change + "\n"), std::string::npos) << v.out;
  }
  std::string with_key(const std::string& dict, const std::string& entry) const {
    return dict.substr(0, 2) + entry + dict.substr(2);
  }
  std::string pdf_, page_text_;
  long long page_ = 0, contents_ = 0, next_ = 0;
};

TEST_F(SignatureChanges, ContentStreamRedefinedOrReplaced) {
  expect_change("redefined-content.pdf", {{contents_, stream_object("BT ET")}}, "page 1: content replaced");
  std::string page = page_text_;
  page.replace(page.find("/Contents " + std::to_string(contents_) + " 0 R"), ("/Contents " + std::to_string(contents_) + " 0 R").size(),
               "/Contents " + std::to_string(next_) + " 0 R");
  expect_change("replaced-content.pdf", {{page_, page}, {next_, stream_object("BT ET")}}, "page 1: content replaced");
  // A new "signature field" that reaches the changed stream does not excuse it.
  expect_change("field-excuse.pdf",
                {{contents_, stream_object("BT ET")}, {next_, "<</FT/Sig/T(x)/AP<</N " + std::to_string(contents_) + " 0 R>>>>"}},
                "page 1: content replaced");
  // pdfsig only counts bytes: the signature of a file whose page shows other text stays valid for it.
  EXPECT_EQ(count_valid(run("pdfsig " + quote(path("replaced-content.pdf"))).out), 1u);
}

TEST_F(SignatureChanges, PageAdded) {
  const long long pages = captured(page_text_, "/Parent (\\d+) 0 R");
  std::string tree = object_text(pdf_, pages);
  const long long n = captured(tree, "/Count (\\d+)");
  ASSERT_GT(n, 0) << tree;
  tree.replace(tree.find("/Count " + std::to_string(n)), ("/Count " + std::to_string(n)).size(), "/Count " + std::to_string(n + 1));
  tree.replace(tree.find("/Kids["), 6, "/Kids[" + std::to_string(next_) + " 0 R ");
  expect_change("page-added.pdf",
                {{pages, tree},
                 {next_, "<</Type/Page/Parent " + std::to_string(pages) + " 0 R/MediaBox[0 0 595 842]/Contents " +
                             std::to_string(next_ + 1) + " 0 R/Resources<<>>>>"},
                 {next_ + 1, stream_object("0 0 m 100 100 l S")}},
                "page " + std::to_string(n + 1) + " added");
}

TEST_F(SignatureChanges, AnnotationAdded) {
  std::string page = page_text_;
  page.replace(page.find("/Annots["), 8, "/Annots[ " + std::to_string(next_) + " 0 R");
  expect_change("annotation.pdf",
                {{page_, page}, {next_, "<</Type/Annot/Subtype/Square/Rect[100 100 300 300]/F 4/C[1 0 0]>>"}},
                "page 1: annotation added (Square)");
}

TEST_F(SignatureChanges, InfoTitleChanged) {
  const long long info = captured(pdf_, "/Info (\\d+) 0 R", pdf_.rfind("trailer"));
  ASSERT_GT(info, 0);
  expect_change("title.pdf", {{info, "<</Title(Forged minutes)/Producer(x)>>"}}, "document title changed");
}

TEST_F(SignatureChanges, InfoModificationDateAloneChanged) {
  const long long info = captured(pdf_, "/Info (\\d+) 0 R", pdf_.rfind("trailer"));
  ASSERT_GT(info, 0);
  std::string changed = object_text(pdf_, info);
  const std::size_t at = changed.find("/ModDate");
  ASSERT_NE(at, std::string::npos) << changed;
  const std::size_t open = changed.find('(', at);
  const std::size_t close = changed.find(')', open);
  ASSERT_NE(close, std::string::npos) << changed;
  changed.replace(open, close + 1 - open, "(D:20991231000000+09'00')");
  expect_change("mod-date.pdf", {{info, changed}}, "document information changed");
}

TEST_F(SignatureChanges, FontToUnicodeReplaced) {
  const long long font = captured(page_text_, "/F1 (\\d+) 0 R");
  ASSERT_GT(font, 0) << page_text_;
  const long long to_unicode = captured(object_text(read_file(packet_), font), "/ToUnicode (\\d+) 0 R");
  ASSERT_GT(to_unicode, 0);
  expect_change("font.pdf", {{to_unicode, stream_object("/CIDInit /ProcSet findresource begin end")}},
                "page 1: font F1 replaced");
}

TEST_F(SignatureChanges, ShadowHideAndReplaceShowsAnUnusedSignedObject) {
  // Before signing, an unused content stream and an unused annotation go
  // into the file; after signing, only references change.
  const std::string packet = read_file(packet_);
  const long long stream = captured(packet, "/Size (\\d+)", packet.rfind("trailer"));
  write_file(*dir_ / "prepared.pdf",
             with_update(packet, {{stream, stream_object("BT ET")},
                                  {stream + 1, "<</Type/Annot/Subtype/Square/Rect[0 0 595 842]/F 4/IC[1 1 1]>>"}}));
  ASSERT_EQ(sign(path("prepared.pdf"), path("prepared-signed.pdf"), "good").status, 0);
  const RunResult clean = verify(path("prepared-signed.pdf"));
  EXPECT_EQ(clean.status, 0) << clean.out;
  const std::string base = read_file(path("prepared-signed.pdf"));
  const long long page = captured(base, "(\\d+) 0 obj\n<</Type/Page/");
  const std::string text = object_text(base, page);
  const std::string old_contents = "/Contents " + std::to_string(captured(text, "/Contents (\\d+) 0 R")) + " 0 R";
  std::string replaced = text;
  replaced.replace(replaced.find(old_contents), old_contents.size(), "/Contents " + std::to_string(stream) + " 0 R");
  const RunResult r = verify_bytes("shadow-replace.pdf", with_update(base, {{page, replaced}}));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("  changed after this signature: page 1 now shows an object that was in the signed file but unused\n"),
            std::string::npos) << r.out;
  std::string hidden = text;
  hidden.replace(hidden.find("/Annots["), 8, "/Annots[ " + std::to_string(stream + 1) + " 0 R");
  const RunResult h = verify_bytes("shadow-hide.pdf", with_update(base, {{page, hidden}}));
  EXPECT_EQ(h.status, 1) << h.out;
  EXPECT_NE(h.out.find("  changed after this signature: page 1: annotation added (Square)\n"), std::string::npos) << h.out;
  EXPECT_NE(h.out.find("  changed after this signature: page 1 now shows an object that was in the signed file but unused\n"),
            std::string::npos) << h.out;
}

TEST_F(SignatureChanges, ChangeCoveredByALaterSignatureIsStillNamed) {
  // The attacker changes page 1 and signs again, with the look-alike key.
  write_file(*dir_ / "changed.pdf", with_update(pdf_, {{contents_, stream_object("BT ET")}}));
  const RunResult s = sign(path("changed.pdf"), path("changed-resigned.pdf"), "lookalike");
  EXPECT_EQ(s.status, 0) << s.err;
  EXPECT_NE(s.err.find("changed after its signature 1: page 1: content replaced; signing anyway"), std::string::npos) << s.err;
  const RunResult v = verify(path("changed-resigned.pdf"));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(first_line(v.out), "not valid: page 1: content replaced after signature 1") << v.out;
  EXPECT_NE(v.out.find("signature 2 (Signature2): valid\n"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("after the last signature: nothing appended\n"), std::string::npos) << v.out;
  // A second honest signature changes nothing that matters.
  ASSERT_EQ(sign(signed_, path("second.pdf"), "good").status, 0);
  const RunResult twice = verify(path("second.pdf"));
  EXPECT_EQ(twice.status, 0) << twice.out;
  EXPECT_EQ(twice.out.find("changed after"), std::string::npos) << twice.out;
  EXPECT_NE(twice.out.find("  signed revision: 2 of 3\n"), std::string::npos) << twice.out;
  EXPECT_NE(twice.out.find("  signed revision: 3 of 3\n"), std::string::npos) << twice.out;
}

// An update like with_update's whose cross-reference section is a stream
// (ISO 32000-1 7.5.8), uncompressed, entries of 1 + 4 + 2 bytes.
std::string with_xref_stream_update(const std::string& pdf, const std::map<long long, std::string>& objects) {
  const std::size_t trailer = pdf.rfind("trailer");
  const long long root = captured(pdf, "/Root (\\d+) 0 R", trailer);
  const long long info = captured(pdf, "/Info (\\d+) 0 R", trailer);
  long long size = captured(pdf, "/Size (\\d+)", trailer);
  const long long prev = captured(pdf, "startxref\\s+(\\d+)", pdf.rfind("startxref"));
  std::string update, index, entries;
  for (const auto& [number, text] : objects) {
    const std::size_t at = pdf.size() + update.size();
    update += std::to_string(number) + " 0 obj\n" + text + "\nendobj\n";
    index += std::to_string(number) + " 1 ";
    entries += '\x01';
    for (int shift = 24; shift >= 0; shift -= 8) entries += static_cast<char>((at >> shift) & 0xFF);
    entries += std::string(2, '\0');
    size = std::max(size, number + 1);
  }
  const std::size_t xref = pdf.size() + update.size();
  update += std::to_string(size) + " 0 obj\n<</Type/XRef/Size " + std::to_string(size + 1) + "/Index[" + index +
            "]/W[1 4 2]/Root " + std::to_string(root) + " 0 R/Info " + std::to_string(info) + " 0 R/Prev " +
            std::to_string(prev) + "/Length " + std::to_string(entries.size()) + ">>stream\n" + entries +
            "\nendstream\nendobj\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf + update;
}

TEST_F(SignatureChanges, XrefStreamUpdateIsComparedToo) {
  const RunResult v = verify_bytes("xref-stream.pdf", with_xref_stream_update(pdf_, {{contents_, stream_object("BT ET")}}));
  EXPECT_EQ(v.status, 1) << v.out << v.err;
  EXPECT_EQ(v.out.rfind("not valid: ", 0), 0u) << v.out;
  // qpdf reads the update: the page it shows is the changed one.
  EXPECT_NE(run("qpdf --show-object=" + std::to_string(contents_) + " --raw-stream-data " + quote(path("xref-stream.pdf"))).out.find("BT ET"),
            std::string::npos);
  EXPECT_NE(v.out.find("page 1: content replaced"), std::string::npos) << v.out;
}

TEST_F(SignatureChanges, UpdateWithoutPrevIsNeverValid) {
  std::string forged = with_update(pdf_, {{contents_, stream_object("BT ET")}});
  const std::size_t prev = forged.rfind("/Prev ");
  forged.replace(prev, forged.find(">>", prev) - prev, std::string(forged.find(">>", prev) - prev, ' '));
  const RunResult v = verify_bytes("no-prev.pdf", forged);
  EXPECT_NE(v.status, 0) << v.out << v.err;
  EXPECT_NE(v.status, 4) << v.out << v.err;
  EXPECT_NE(v.out.rfind("valid", 0), 0u) << v.out;
}

TEST_F(SignatureChanges, FormFieldValueChanged) {
  // A packet with a text field `amount`, signed, then the value changed.
  const std::string packet = read_file(packet_);
  const std::size_t trailer = packet.rfind("trailer");
  const long long root = captured(packet, "/Root (\\d+) 0 R", trailer);
  const long long next = captured(packet, "/Size (\\d+)", trailer);
  std::string catalog = object_text(packet, root);
  ASSERT_FALSE(catalog.empty());
  catalog = with_key(catalog, "/AcroForm " + std::to_string(next + 1) + " 0 R");
  const std::string field = "<</FT/Tx/T(amount)/V(100)>>";
  write_file(*dir_ / "form.pdf", with_update(packet, {{root, catalog}, {next, field},
                                                      {next + 1, "<</Fields[" + std::to_string(next) + " 0 R]>>"}}));
  ASSERT_EQ(sign(path("form.pdf"), path("form-signed.pdf"), "good").status, 0);
  const std::string base = read_file(path("form-signed.pdf"));
  EXPECT_EQ(verify(path("form-signed.pdf")).status, 0);
  const RunResult v = verify_bytes("form-changed.pdf", with_update(base, {{next, "<</FT/Tx/T(amount)/V(999)>>"}}));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_EQ(first_line(v.out), "not valid: form field `amount`: value changed after signature 1") << v.out;
}

// Validation data (ISO 32000-2 12.8.4.3): a /DSS with the signer's
// certificate and a /VRI for the signature, added as its own update.
TEST_F(SignatureChanges, ValidationDataAfterTheSignatureIsAllowed) {
  const long long root = captured(pdf_, "/Root (\\d+) 0 R", pdf_.rfind("trailer"));
  std::string catalog = object_text(pdf_, root);
  ASSERT_FALSE(catalog.empty());
  catalog = with_key(catalog, "/DSS " + std::to_string(next_) + " 0 R");
  const std::string certificate = read_file(path("good.pem"));
  const RunResult v = verify_bytes(
      "dss.pdf", with_update(pdf_, {{root, catalog},
                                    {next_, "<</Type/DSS/Certs[" + std::to_string(next_ + 1) + " 0 R]/VRI<</" +
                                                std::string(40, 'A') + "<</Cert[" + std::to_string(next_ + 1) +
                                                " 0 R]>>>>>>"},
                                    {next_ + 1, stream_object(certificate)}}));
  EXPECT_EQ(v.status, 0) << v.out << v.err;
  EXPECT_EQ(v.out.find("changed after"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("after the last signature: validation data (/DSS) added\n"), std::string::npos) << v.out;
  // Bytes after the update's %%EOF belong to no revision.
  const RunResult tail = verify_bytes("dss-tail.pdf", read_file(path("dss.pdf")) + "junk");
  EXPECT_EQ(tail.status, 1) << tail.out;
  EXPECT_NE(tail.out.find("bytes appended after signature 1, not covered by any signature"), std::string::npos) << tail.out;
  // The same update that also changes a page is named.
  expect_change("dss-and-content.pdf",
                {{root, catalog}, {next_, "<</Type/DSS>>"}, {contents_, stream_object("BT ET")}},
                "page 1: content replaced");
}

TEST_F(SignatureChanges, RewrittenFileCannotRecoverTheSignedRevision) {
  ASSERT_EQ(run("qpdf " + quote(signed_) + " " + quote(path("qpdf.pdf"))).status, 0);
  ASSERT_EQ(run("mutool clean " + quote(signed_) + " " + quote(path("mutool.pdf"))).status, 0);
  for (const std::string name : {"qpdf.pdf", "mutool.pdf"}) {
    const RunResult v = verify(path(name));
    EXPECT_EQ(v.status, 1) << name << v.out << v.err;
    EXPECT_EQ(first_line(v.out),
              "not valid: signature 1: the file was rewritten after signing; the signed revision cannot be recovered from it")
        << name << v.out;
    EXPECT_EQ(v.out.find("bytes appended"), std::string::npos) << name << v.out;
    EXPECT_EQ(count_valid(run("pdfsig " + quote(path(name))).out), 0u) << name;
  }
}

// --- who signed ---

TEST_F(SignatureTruth, TrustedSignerIsStatusZeroWithTheAnchorsName) {
  const RunResult v = verify(signed_);
  EXPECT_EQ(v.status, 0) << v.out << v.err;
  EXPECT_EQ(first_line(v.out), "valid: 1 signature, every signer trusted, nothing after the last") << v.out;
  EXPECT_NE(v.out.find("  certificate: trusted (Test Root)\n"), std::string::npos) << v.out;
  // The same anchors through SHIRYO_TRUST, a list of files.
  const RunResult e = run("cd " + quote(dir_->path().string()) + " && SHIRYO_TRUST=other.pem:root.pem " +
                          quote(SHIRYO_BINARY) + " verify " + quote(signed_));
  EXPECT_EQ(e.status, 0) << e.out << e.err;
  // --trust is repeatable: the anchor may be in any of the files.
  const RunResult both = verify(signed_, " --trust other.pem --trust root.pem");
  EXPECT_EQ(both.status, 0) << both.out << both.err;
  EXPECT_NE(both.out.find("  certificate: trusted (Test Root)\n"), std::string::npos) << both.out;
  EXPECT_EQ(verify(signed_, " --trust other.pem").status, 4);
  // pdfsig agrees once it is given the root.
  ASSERT_EQ(run("mkdir -p " + quote(path("nss")) + " && certutil -N -d " + quote(path("nss")) +
                " --empty-password && certutil -A -d " + quote(path("nss")) + " -n root -t CT,C,C -i " +
                quote(path("root.pem"))).status, 0);
  const std::string sig = run("pdfsig -nssdir " + quote(path("nss")) + " " + quote(signed_)).out;
  EXPECT_NE(sig.find("Certificate is Trusted"), std::string::npos) << sig;
}

TEST_F(SignatureTruth, NoAnchorUnknownIssuerAndSelfSignedAreStatusFour) {
  const RunResult none = verify(signed_, "");
  EXPECT_EQ(none.status, 4) << none.out;
  EXPECT_EQ(first_line(none.out), "valid, signer not verified: no trust anchor given (--trust)") << none.out;
  EXPECT_NE(none.out.find("  certificate: NOT verified (no trust anchor given)\n"), std::string::npos) << none.out;

  ASSERT_EQ(sign(packet_, path("stranger.pdf"), "stranger").status, 0);
  const RunResult stranger = verify(path("stranger.pdf"));
  EXPECT_EQ(stranger.status, 4) << stranger.out;
  EXPECT_NE(stranger.out.find("  certificate: NOT verified (unknown issuer: the chain ends at Other Root, no trust anchor)\n"),
            std::string::npos) << stranger.out;

  // The look-alike prints the genuine signer's subject; only the chain tells them apart.
  ASSERT_EQ(sign(packet_, path("lookalike.pdf"), "lookalike").status, 0);
  const RunResult lookalike = verify(path("lookalike.pdf"));
  EXPECT_EQ(lookalike.status, 4) << lookalike.out;
  EXPECT_EQ(first_line(lookalike.out), "valid, signer not verified: self-signed") << lookalike.out;
  EXPECT_NE(lookalike.out.find("  signer: O=Shiryo,CN=Test Signer\n"), std::string::npos) << lookalike.out;
  EXPECT_NE(lookalike.out.find("  certificate: NOT verified (self-signed)\n"), std::string::npos) << lookalike.out;
  const std::string sig = run("pdfsig " + quote(path("lookalike.pdf"))).out;
  EXPECT_EQ(sig.find("Certificate is Trusted"), std::string::npos) << sig;
}

TEST_F(SignatureTruth, ExpiredAndEnciphermentOnlyCertificatesAreInvalid) {
  ASSERT_EQ(sign(packet_, path("expired.pdf"), "expired").status, 0);
  const RunResult expired = verify(path("expired.pdf"));
  EXPECT_EQ(expired.status, 1) << expired.out;
  EXPECT_NE(std::regex_search(expired.out, std::regex("\n  certificate: INVALID \\(expired on \\d{4}-\\d\\d-\\d\\d "
                                                      "before the signing time\\)\n")),
            false) << expired.out;
  // Expired at the signing time even without anchors.
  EXPECT_EQ(verify(path("expired.pdf"), "").status, 1);

  // sign refuses the encipherment-only certificate; a CMS made with it by
  // openssl over a packet's signed bytes fails verify.
  const RunResult refused = sign(packet_, path("encipher.pdf"), "encipher");
  EXPECT_EQ(refused.status, 1) << refused.err;
  EXPECT_NE(refused.err.find("the certificate of O=Shiryo,CN=Encipher Only is not for signing (key usage lacks "
                             "digitalSignature and nonRepudiation); nothing signed"),
            std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(path("encipher.pdf")));
  const RunResult v = verify_bytes("encipher-cms.pdf", with_openssl_cms(read_file(signed_), "encipher", "-nosmimecap"));
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("  certificate: INVALID (key usage lacks digitalSignature and nonRepudiation)\n"),
            std::string::npos) << v.out;
  EXPECT_NE(v.out.find("  digest of the byte ranges: matches\n"), std::string::npos) << v.out;
}

TEST_F(SignatureTruth, TrustFileWithoutCertificatesIsAnError) {
  write_file(*dir_ / "empty.pem", "no certificates here\n");
  const RunResult v = verify(signed_, " --trust empty.pem");
  EXPECT_EQ(v.status, 1) << v.err;
  EXPECT_EQ(v.err, "shiryo: error: empty.pem: holds no PEM certificate\n");
  EXPECT_EQ(v.out, "");
}

// --- sign on hostile input ---

TEST_F(SignatureTruth, EncryptedInputIsRefused) {
  ASSERT_EQ(run("qpdf --encrypt '' '' 256 -- " + quote(packet_) + " " + quote(path("encrypted.pdf"))).status, 0);
  const RunResult r = sign(path("encrypted.pdf"), path("encrypted-signed.pdf"), "good");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.err, "shiryo: error: " + path("encrypted.pdf") +
                       " is encrypted; remove the encryption (qpdf --decrypt) before signing; nothing signed\n");
  EXPECT_FALSE(std::filesystem::exists(path("encrypted-signed.pdf")));
}

TEST_F(SignatureTruth, FirstIdStaysAndTheSecondChanges) {
  ASSERT_EQ(sign(signed_, path("twice.pdf"), "good").status, 0);
  const auto ids = [](const std::string& file) {
    const std::string trailer = run("qpdf --show-object=trailer " + quote(file)).out;
    std::smatch m;
    EXPECT_TRUE(std::regex_search(trailer, m, std::regex("/ID \\[ <([0-9a-f]+)> <([0-9a-f]+)> \\]"))) << trailer;
    return std::pair<std::string, std::string>(m[1].str(), m[2].str());
  };
  const auto built = ids(packet_), once = ids(signed_), twice = ids(path("twice.pdf"));
  EXPECT_EQ(once.first, built.first);
  EXPECT_EQ(twice.first, built.first);
  EXPECT_NE(once.second, built.second);
  EXPECT_NE(twice.second, once.second);
  EXPECT_EQ(verify(path("twice.pdf")).status, 0);
}

TEST_F(SignatureTruth, SigningAFileWhoseSignatureFailsWarns) {
  std::string pdf = read_file(signed_);
  const auto at = pdf.find("<pdfaid:part>3");
  ASSERT_NE(at, std::string::npos);
  pdf[at + 13] = '2';
  write_file(*dir_ / "tampered.pdf", pdf);
  const RunResult r = sign(path("tampered.pdf"), path("tampered-signed.pdf"), "good");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning: " + path("tampered.pdf") +
                       ": its signature 1 (Signature1) fails: the signed bytes do not hash to the signed digest; "
                       "signing anyway"),
            std::string::npos) << r.err;
  // Bytes after the last signature: a warning too.
  write_file(*dir_ / "appended.pdf", read_file(signed_) + "% appended\n");
  const RunResult a = sign(path("appended.pdf"), path("appended-signed.pdf"), "good");
  EXPECT_EQ(a.status, 0) << a.err;
  EXPECT_NE(a.err.find(": 11 bytes after its last signature are covered by no signature; signing anyway"),
            std::string::npos) << a.err;
}

}  // namespace
}  // namespace shiryo::testing
