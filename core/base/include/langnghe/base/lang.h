#pragma once
// The user's language, for programs built on the core: `--lang X` on the command line, else LANG
// (`vi*` → Vietnamese), else English.
#include <string>

#include "langnghe/base/error.h"

namespace langnghe {

Lang lang_from_code(std::string_view code);
Lang detect_lang(int argc, const char* const* argv);

// A number with `decimals` decimals as a reader of `lang` writes it: "86,1" in Vietnamese, "86.1"
// in English. For what people read; files for programs (CSV, JSON) keep the dot.
std::string decimal_text(double value, int decimals, Lang lang);
// A share (0 to 1) as a percentage with one decimal: "86,1%" / "86.1%".
std::string percent_text(double share, Lang lang);

}  // namespace langnghe
