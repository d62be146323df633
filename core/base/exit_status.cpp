#include "langnghe/base/exit_status.h"

namespace langnghe {

ExitStatus exit_status(ErrorCode code) { return code == ErrorCode::invalid_input ? exit_usage : exit_failure; }

}  // namespace langnghe
