#include "langnghe/base/lang.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace langnghe {

Lang lang_from_code(std::string_view code) { return code.substr(0, 2) == "vi" ? Lang::vi : Lang::en; }

Lang detect_lang(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--lang" && i + 1 < argc) return lang_from_code(argv[i + 1]);
        if (a.substr(0, 7) == "--lang=") return lang_from_code(a.substr(7));
    }
    const char* lang = std::getenv("LANG");
    return lang_from_code(lang ? lang : "");
}

std::string decimal_text(double value, int decimals, Lang lang) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string out = buf;
    if (lang == Lang::vi) std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

std::string percent_text(double share, Lang lang) { return decimal_text(share * 100.0, 1, lang) + "%"; }

}  // namespace langnghe
