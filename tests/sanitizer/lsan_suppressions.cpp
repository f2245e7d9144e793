// Built into every executable of a -DSHIRYO_SANITIZE=ON build. LeakSanitizer
// asks for this hook's suppressions at exit: fontconfig's patterns and
// character sets of the faces an SVG figure's text is set in. Each SVG is
// drawn through a private fontconfig (image/svg.cpp) whose face patterns
// outlive the config and the pango font map, both released (held, as far as
// was found, by the libraries' font caches; fontconfig stores a character
// set's leaves as offsets, which LeakSanitizer cannot follow). It is not
// only a process-lifetime cache: each SVG drawn leaves about 30 KB of them
// (1, 4 and 16 SVGs drawn by one process: 31, 124 and 580 KB reported), so
// a long `watch` session grows with each SVG it draws;
// pango_fc_font_map_shutdown does not release them.
// shiryo's own handles to librsvg, cairo, pango and fontconfig are released.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

// A suppressed leak is not a finding: the list of suppressions used is not
// printed, so that a run's standard error holds only what shiryo says.
extern "C" const char* __lsan_default_options();
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
