// Archival pieces in isolation: XMP dates and packet, the structural check
// of PDF bytes, the manifest and font lock formats, and the CAdES signed
// attributes (a throwaway key and certificate made in memory).
#include <gtest/gtest.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/rsa.h>

#include <lcms2.h>

#include <memory>

#include <pugixml.hpp>

#include "cli/archive.h"
#include "pdf/digest.h"
#include "pdf/pdf_reader.h"
#include "pdf/pdfa.h"
#include "pdf/signature.h"

namespace {

using namespace shiryo;

TEST(Xmp, DatesKeepTheInstantAndTheOffset) {
  EXPECT_EQ(pdf::xmp_date("D:20240314000000+09'00'"), "2024-03-14T00:00:00+09:00");
  EXPECT_EQ(pdf::xmp_date("D:20240314093000-05'30'"), "2024-03-14T09:30:00-05:30");
  EXPECT_EQ(pdf::xmp_date("D:20240314093000Z"), "2024-03-14T09:30:00Z");
  EXPECT_EQ(pdf::xmp_date("2024-03-14"), "");
  EXPECT_EQ(pdf::xmp_date("D:2024031409300+09'00'"), "");
}

TEST(Xmp, PacketEscapesTextAndNamesTheLevel) {
  pdf::DocumentInfo info;
  info.title = "A & B <委員会>";
  info.creator = "shiryo 1.2.3";
  info.date = "D:20240314000000+09'00'";
  info.pdfa = "2u";
  const std::string x = pdf::xmp_packet(info);
  EXPECT_NE(x.find("<rdf:li xml:lang=\"x-default\">A &amp; B &lt;委員会&gt;</rdf:li>"), std::string::npos) << x;
  EXPECT_NE(x.find("<rdf:li xml:lang=\"ja\">A &amp; B &lt;委員会&gt;</rdf:li>"), std::string::npos);
  EXPECT_EQ(x.find("dc:creator"), std::string::npos);  // no author, no creator entry
  EXPECT_NE(x.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
  EXPECT_NE(x.find("<xmp:CreateDate>2024-03-14T00:00:00+09:00</xmp:CreateDate>"), std::string::npos);
  EXPECT_EQ(x.find("bytes="), std::string::npos);
  EXPECT_EQ(x.rfind("<?xpacket end=\"w\"?>"), x.size() - 19);
  // Well-formed, and the title reads back unescaped.
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_buffer(x.data(), x.size()));
  const pugi::xml_node li = doc.select_node("//dc:title/rdf:Alt/rdf:li[@xml:lang='ja']").node();
  EXPECT_STREQ(li.child_value(), "A & B <委員会>");
}

// The output intent's profile read back by lcms2: sRGB whose tone curves
// are the parametric sRGB curve (lcms2's type 4: gamma 2.4 with a linear
// toe), converting colours to Debian's sRGB.icc (made apart from it) as they
// are, the same bytes each time.
TEST(OutputProfile, Lcms2sSrgbIsParametricAndFixed) {
  const std::string icc = pdf::srgb_profile(pdf::SrgbProfile::lcms2_v4);
  EXPECT_EQ(icc, pdf::srgb_profile(pdf::SrgbProfile::lcms2_v4));
  struct Close {
    void operator()(void* p) const { cmsCloseProfile(static_cast<cmsHPROFILE>(p)); }
  };
  const std::unique_ptr<void, Close> profile(cmsOpenProfileFromMem(icc.data(), static_cast<cmsUInt32Number>(icc.size())));
  ASSERT_TRUE(profile);
  EXPECT_NEAR(cmsGetProfileVersion(profile.get()), 4.2, 1e-9);
  EXPECT_EQ(cmsGetDeviceClass(profile.get()), cmsSigDisplayClass);
  EXPECT_EQ(cmsGetColorSpace(profile.get()), cmsSigRgbData);
  EXPECT_TRUE(cmsIsMatrixShaper(profile.get()));
  for (cmsTagSignature tag : {cmsSigRedTRCTag, cmsSigGreenTRCTag, cmsSigBlueTRCTag}) {
    const auto* curve = static_cast<const cmsToneCurve*>(cmsReadTag(profile.get(), tag));
    ASSERT_NE(curve, nullptr);
    EXPECT_EQ(cmsGetToneCurveParametricType(curve), 4);
  }
  struct tm created {};
  ASSERT_TRUE(cmsGetHeaderCreationDateTime(profile.get(), &created));
  EXPECT_EQ(created.tm_year + 1900, static_cast<int>(pdf::kSrgbProfileDate[0]));
  EXPECT_EQ(created.tm_mon + 1, static_cast<int>(pdf::kSrgbProfileDate[1]));
  EXPECT_EQ(created.tm_mday, static_cast<int>(pdf::kSrgbProfileDate[2]));
  EXPECT_EQ(created.tm_hour, static_cast<int>(pdf::kSrgbProfileDate[3]));
  EXPECT_EQ(created.tm_min, static_cast<int>(pdf::kSrgbProfileDate[4]));
  EXPECT_EQ(created.tm_sec, static_cast<int>(pdf::kSrgbProfileDate[5]));
  const std::string debian = pdf::srgb_profile(pdf::SrgbProfile::debian_v2);
  const std::unique_ptr<void, Close> other(
      cmsOpenProfileFromMem(debian.data(), static_cast<cmsUInt32Number>(debian.size())));
  ASSERT_TRUE(other);
  struct Free {
    void operator()(void* t) const { cmsDeleteTransform(static_cast<cmsHTRANSFORM>(t)); }
  };
  const std::unique_ptr<void, Free> transform(
      cmsCreateTransform(profile.get(), TYPE_RGB_8, other.get(), TYPE_RGB_8, INTENT_RELATIVE_COLORIMETRIC, 0));
  ASSERT_TRUE(transform);
  const unsigned char in[] = {255, 0, 0, 0, 128, 0, 30, 60, 200, 250, 250, 250};
  unsigned char out[sizeof in] = {};
  cmsDoTransform(transform.get(), in, out, 4);
  for (std::size_t i = 0; i < sizeof in; ++i) EXPECT_NEAR(out[i], in[i], 1) << i;
}

TEST(PdfReader, StructuralProblems) {
  const std::string good = "%PDF-1.7\n1 0 obj<<>>endobj\nxref\n0 1\n0000000000 65535 f\r\ntrailer<<>>\nstartxref\n27\n%%EOF\n";
  EXPECT_EQ(pdf::structural_problem(good), "");
  EXPECT_NE(pdf::structural_problem("hello").find("not a PDF"), std::string::npos);
  EXPECT_NE(pdf::structural_problem(good.substr(0, 60)).find("truncated"), std::string::npos);
  std::string beyond = good;
  beyond.replace(beyond.find("\n27\n"), 4, "\n999\n");
  EXPECT_NE(pdf::structural_problem(beyond).find("beyond"), std::string::npos);
  std::string elsewhere = good;
  elsewhere.replace(elsewhere.find("\n27\n"), 4, "\n12\n");
  EXPECT_NE(pdf::structural_problem(elsewhere).find("cross-reference"), std::string::npos);
}

TEST(ArchiveFormats, ManifestAndLockParse) {
  const auto m = cli::parse_manifest("shiryo-manifest 1\nshiryo-version 0.1.0\ninput a b.xml\ndate D:20240314000000+09'00'\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at("input"), "a b.xml");
  EXPECT_EQ(m->at("date"), "D:20240314000000+09'00'");
  EXPECT_FALSE(cli::parse_manifest("something else\n"));
  EXPECT_FALSE(cli::parse_manifest("shiryo-manifest 1\nnovalue\n"));
  const auto lock = cli::parse_font_lock("shiryo-font-lock 1\nA B.ttf\tAB-Regular\tabc\n");
  ASSERT_TRUE(lock);
  ASSERT_EQ(lock->size(), 1u);
  EXPECT_EQ((*lock)[0].file, "A B.ttf");
  EXPECT_EQ((*lock)[0].postscript_name, "AB-Regular");
  EXPECT_EQ((*lock)[0].sha256, "abc");
  EXPECT_FALSE(cli::parse_font_lock("shiryo-font-lock 1\nno tabs\n"));
}

// A self-signed RSA certificate valid from now for a day.
pdf::Signer throwaway_signer() {
  pdf::Signer s;
  s.key.reset(EVP_RSA_gen(2048));
  s.certificate.reset(X509_new());
  X509* c = s.certificate.get();
  ASN1_INTEGER_set(X509_get_serialNumber(c), 1);
  X509_gmtime_adj(X509_getm_notBefore(c), 0);
  X509_gmtime_adj(X509_getm_notAfter(c), 86400);
  X509_set_pubkey(c, s.key.get());
  X509_NAME* name = X509_get_subject_name(c);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Unit Signer"), -1, -1, 0);
  X509_set_issuer_name(c, name);
  X509_sign(c, s.key.get(), EVP_sha256());
  s.chain.reset(sk_X509_new_null());
  return s;
}

TEST(Cades, SignedAttributesAreContentTypeDigestAndSigningCertificateV2) {
  const pdf::Signer signer = throwaway_signer();
  const std::string content = "the signed byte ranges";
  const std::string der = pdf::cades_signature(signer, pdf::sha256(content));
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
      d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())), CMS_ContentInfo_free);
  ASSERT_TRUE(cms);
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  EXPECT_EQ(CMS_signed_get_attr_count(si), 3);
  EXPECT_LT(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1), 0);
  EXPECT_GE(CMS_signed_get_attr_by_NID(si, NID_pkcs9_contentType, -1), 0);
  EXPECT_GE(CMS_signed_get_attr_by_NID(si, NID_pkcs9_messageDigest, -1), 0);
  EXPECT_GE(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1), 0);
  std::unique_ptr<BIO, decltype(&BIO_free)> data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())),
                                                 BIO_free);
  EXPECT_EQ(CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY), 1);
  std::unique_ptr<BIO, decltype(&BIO_free)> other(BIO_new_mem_buf("other", 5), BIO_free);
  EXPECT_NE(CMS_verify(cms.get(), nullptr, nullptr, other.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY), 1);
}

TEST(Cades, ValidityProblemsNameTheSubject) {
  const pdf::Signer signer = throwaway_signer();
  const std::time_t now = std::time(nullptr);
  EXPECT_EQ(pdf::validity_problem(signer.certificate.get(), now + 60), "");
  EXPECT_NE(pdf::validity_problem(signer.certificate.get(), now + 3 * 86400).find("CN=Unit Signer expired"),
            std::string::npos);
  EXPECT_NE(pdf::validity_problem(signer.certificate.get(), now - 86400).find("not valid before"), std::string::npos);
}

}  // namespace
