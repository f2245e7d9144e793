#include "dl/shared_library.h"

#include <dlfcn.h>

namespace shiryo::dl {
namespace {

std::string last_error() {
  const char* e = dlerror();
  return e ? e : "unknown error";
}

}  // namespace

SharedLibrary::SharedLibrary(const char* soname, const char* package)
    : handle_(dlopen(soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE)), soname_(soname), package_(package) {
  if (!handle_) throw LoadError(last_error() + " (Debian package " + package_ + ")");
}

SharedLibrary::~SharedLibrary() { dlclose(handle_); }

void* SharedLibrary::address(const char* name) const {
  dlerror();
  void* found = dlsym(handle_, name);
  if (!found) throw LoadError(soname_ + " has no function " + name + ": " + last_error() + " (Debian package " + package_ + ")");
  return found;
}

}  // namespace shiryo::dl
