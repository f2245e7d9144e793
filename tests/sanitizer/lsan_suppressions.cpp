// Built into every executable of a -DSHIRYO_SANITIZE=ON build. LeakSanitizer
// asks for this hook's suppressions at exit: fontconfig's configuration and
// font patterns, which pango's default font map (used by librsvg for text in
// SVG figures) holds for the life of the process and never frees. shiryo owns
// none of them; its own handles to librsvg and cairo are released (image/svg.cpp).
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
