#pragma once
// How both binaries (langnghe, langnghe-server) end, decided here once for both: done, failed, or
// asked wrongly (a usage error or invalid input, which the user fixes by typing the command again).
#include "langnghe/base/error.h"

namespace langnghe {

enum ExitStatus : int { exit_ok = 0, exit_failure = 1, exit_usage = 2 };

ExitStatus exit_status(ErrorCode code);

}  // namespace langnghe
