// Shared libraries opened when first needed rather than at process start:
// librsvg with cairo and pango (SVG figures) and libcurl (time-stamps and
// revocation data) bring about fifty libraries with them, which every build
// would otherwise load and relocate before main() whether it draws an SVG or
// fetches anything or not. Each is opened by its soname, the name the
// dynamic linker itself resolves for a linked library, so the same Debian
// package's file is found as if it were linked.
#pragma once

#include <stdexcept>
#include <string>

namespace shiryo::dl {

class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SharedLibrary {
 public:
  // Opens `soname` ("libcurl.so.4"); throws LoadError naming `package`, the
  // Debian package that ships it, when it cannot be opened. The library is
  // never unloaded (RTLD_NODELETE): GLib's type system and the libraries'
  // own caches outlive any one handle.
  SharedLibrary(const char* soname, const char* package);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The function `name` with the type its header declares (`Function` is
  // that declaration's type); throws LoadError when the library has none.
  template <class Function>
  Function* function(const char* name) const {
    return reinterpret_cast<Function*>(address(name));
  }

 private:
  void* address(const char* name) const;

  void* handle_;
  std::string soname_;
  std::string package_;
};

}  // namespace shiryo::dl

// A member of a table of functions: `name`'s pointer, typed by its
// declaration in the library's header and looked up in `library`. Calls go
// through the table, so nothing links against the library itself.
#define SHIRYO_DL_FUNCTION(library, name) decltype(&::name) name = (library).function<decltype(::name)>(#name)
