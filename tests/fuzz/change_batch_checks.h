#pragma once
// What must hold for any bytes a device or a USB stick hands the station: the change-batch decoders
// (a push body as JSON or CBOR, a change file) either refuse the input with langnghe::Error or
// return records that pass the shape check and survive encode → decode unchanged, and joining a
// decoded record with itself changes nothing. The other message decoders (enroll, pull, answers,
// error bodies, single records) may only refuse with Error too, whatever is accepted is valid text,
// and the input nested past the depth limit (as JSON or CBOR) is always refused. Anything else
// (another exception type, a crash, a sanitizer report) is a bug. Shared by the libFuzzer target
// and the corpus replay test.
#include <stdexcept>
#include <string_view>

namespace langnghe::fuzz {

struct InvariantBroken : std::logic_error {
    using std::logic_error::logic_error;
};

// Throws InvariantBroken when an invariant above fails; lets any non-langnghe exception escape.
void check_change_batch(std::string_view input);

}  // namespace langnghe::fuzz
