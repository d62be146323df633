// libFuzzer entry point for the change-batch decoders (LANGNGHE_FUZZ=ON, clang). See
// change_batch_checks.h for what is checked and scripts/fuzz for how CI runs it.
#include <cstddef>
#include <cstdint>

#include "fuzz/change_batch_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    langnghe::fuzz::check_change_batch({reinterpret_cast<const char*>(data), size});
    return 0;
}
