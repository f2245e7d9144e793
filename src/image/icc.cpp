#include "image/icc.h"

#include <lcms2.h>

#include <memory>
#include <stdexcept>

namespace shiryo::image {
namespace {

// lcms2 reports through a log handler; a context of our own keeps its
// messages out of the terminal without touching lcms2's global handler.
void quiet(cmsContext, cmsUInt32Number, const char*) {}

struct ContextFree {
  void operator()(void* c) const { cmsDeleteContext(static_cast<cmsContext>(c)); }
};
struct ProfileClose {
  void operator()(void* p) const { cmsCloseProfile(static_cast<cmsHPROFILE>(p)); }
};
struct TransformFree {
  void operator()(void* t) const { cmsDeleteTransform(static_cast<cmsHTRANSFORM>(t)); }
};
using Context = std::unique_ptr<void, ContextFree>;
using Profile = std::unique_ptr<void, ProfileClose>;
using Transform = std::unique_ptr<void, TransformFree>;

const char* space_name(cmsColorSpaceSignature s) {
  switch (s) {
    case cmsSigGrayData: return "grey";
    case cmsSigRgbData: return "RGB";
    case cmsSigCmykData: return "CMYK";
    case cmsSigLabData: return "Lab";
    default: return "another colour space";
  }
}

}  // namespace

std::string icc_problem(std::string_view profile, int components) {
  if (profile.size() < 128) return "it is shorter than an ICC profile's header";
  if (profile.size() > kMaxIccBytes) return "it is larger than 16 MB";
  const Context context(cmsCreateContext(nullptr, nullptr));
  if (!context) return "the colour library could not start";
  cmsSetLogErrorHandlerTHR(static_cast<cmsContext>(context.get()), quiet);
  const Profile p(cmsOpenProfileFromMemTHR(static_cast<cmsContext>(context.get()), profile.data(),
                                           static_cast<cmsUInt32Number>(profile.size())));
  if (!p) return "it is not a readable ICC profile";
  auto* handle = static_cast<cmsHPROFILE>(p.get());
  const cmsColorSpaceSignature space = cmsGetColorSpace(handle);
  const cmsColorSpaceSignature wanted = components == 1 ? cmsSigGrayData : components == 3 ? cmsSigRgbData : cmsSigCmykData;
  if (space != wanted) {
    return std::string("its colour space is ") + space_name(space) + ", but the image has " + std::to_string(components) +
           (components == 1 ? " colour component" : " colour components") + " (" + space_name(wanted) + ")";
  }
  const cmsProfileClassSignature kind = cmsGetDeviceClass(handle);
  if (kind != cmsSigInputClass && kind != cmsSigDisplayClass && kind != cmsSigOutputClass && kind != cmsSigColorSpaceClass)
    return "it is a device-link, abstract or named-colour profile, which PDF does not take for an image";
  if (cmsGetEncodedICCversion(handle) >> 24 > 4) return "its ICC version is newer than 4, which PDF/A does not take";
  const Profile srgb(cmsCreate_sRGBProfileTHR(static_cast<cmsContext>(context.get())));
  const cmsUInt32Number in = components == 1 ? TYPE_GRAY_8 : components == 3 ? TYPE_RGB_8 : TYPE_CMYK_8;
  const Transform t(cmsCreateTransformTHR(static_cast<cmsContext>(context.get()), handle, in,
                                          static_cast<cmsHPROFILE>(srgb.get()), TYPE_RGB_8, INTENT_PERCEPTUAL, 0));
  if (!t) return "its tables cannot convert its colours (the profile is incomplete or damaged)";
  return {};
}

struct CmykToSrgb::Handles {
  Context context;
  Transform transform;
};

CmykToSrgb::CmykToSrgb(std::string_view profile, bool inverted) : handles_(std::make_unique<Handles>()) {
  const std::string why = icc_problem(profile, 4);
  if (!why.empty()) throw std::runtime_error(why);
  handles_->context.reset(cmsCreateContext(nullptr, nullptr));
  if (!handles_->context) throw std::runtime_error("the colour library could not start");
  auto* context = static_cast<cmsContext>(handles_->context.get());
  cmsSetLogErrorHandlerTHR(context, quiet);
  const Profile cmyk(cmsOpenProfileFromMemTHR(context, profile.data(), static_cast<cmsUInt32Number>(profile.size())));
  const Profile srgb(cmsCreate_sRGBProfileTHR(context));
  if (!cmyk || !srgb) throw std::runtime_error("it is not a readable ICC profile");
  // TYPE_CMYK_8_REV reads 255 as no ink.
  handles_->transform.reset(cmsCreateTransformTHR(context, static_cast<cmsHPROFILE>(cmyk.get()),
                                                  inverted ? TYPE_CMYK_8_REV : TYPE_CMYK_8,
                                                  static_cast<cmsHPROFILE>(srgb.get()), TYPE_RGB_8, INTENT_PERCEPTUAL, 0));
  if (!handles_->transform) throw std::runtime_error("its tables cannot convert its colours");
}

CmykToSrgb::~CmykToSrgb() = default;

void CmykToSrgb::convert(const unsigned char* cmyk, unsigned char* rgb, std::size_t pixels) const {
  cmsDoTransform(static_cast<cmsHTRANSFORM>(handles_->transform.get()), cmyk, rgb, static_cast<cmsUInt32Number>(pixels));
}

}  // namespace shiryo::image
