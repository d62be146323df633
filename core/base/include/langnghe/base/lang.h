#pragma once
// The user's language, for programs built on the core: `--lang X` on the command line, else LANG
// (`vi*` → Vietnamese), else English.
#include "langnghe/base/error.h"

namespace langnghe {

Lang lang_from_code(std::string_view code);
Lang detect_lang(int argc, const char* const* argv);

}  // namespace langnghe
